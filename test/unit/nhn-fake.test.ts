import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseResultWebhook } from '../../src/integrations/nhn-sms/webhook.js';
import { FakeNhn, type FakeNhnRequest } from '../fakes/fake-nhn.js';

/**
 * The fake NHN server follows NHN's contract even where our client would never notice (it never sends 1,001
 * recipients or an emoji): these talk to it with plain fetch, as any NHN client would.
 */

let fake: FakeNhn;
let clock: number;

beforeEach(async () => {
  clock = Date.UTC(2026, 2, 2, 1, 0, 0); // 10:00 KST
  fake = await FakeNhn.start({ now: () => clock });
});
afterEach(async () => {
  expect(fake.internalErrors).toEqual([]);
  await fake.close();
});

interface NhnAnswer {
  header: { isSuccessful: boolean; resultCode: number; resultMessage: string };
  body?: { data?: unknown; totalCount?: number; pageNum?: number } & Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: NhnAnswer }> {
  const response = await fetch(`${fake.baseUrl}/sms/v3.0/appKeys/${fake.appKey}${path}`, {
    method,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-secret-key': fake.secretKey, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  // A 5xx from the switch is an HTML page, as a gateway's would be.
  return { status: response.status, json: (text.startsWith('{') ? JSON.parse(text) : {}) as NhnAnswer };
}

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `0101234${String(i).padStart(4, '0')}`);
const send = (overrides: Record<string, unknown> = {}, path = '/sender/sms') =>
  call('POST', path, {
    body: '안녕하세요',
    sendNo: '0215441234',
    recipientList: numbers(2).map((recipientNo) => ({ recipientNo })),
    ...overrides,
  });

describe('send refusals come as HTTP 200 with isSuccessful:false', () => {
  it.each([
    ['1,001 recipients', { recipientList: numbers(1001).map((recipientNo) => ({ recipientNo })) }, -2016],
    ['no recipients', { recipientList: [] }, -2001],
    ['a recipient without a number', { recipientList: [{ recipientNo: '' }] }, -2018],
    ['a recipient that is not a number', { recipientList: [{ recipientNo: '010-12ab' }] }, -2019],
    ['unregistered sender', { sendNo: '0299990000' }, -2312],
    ['emoji in the body', { body: '안녕하세요 😀' }, -2023],
    ['empty body', { body: '' }, -2014],
    ['91-byte SMS', { body: '가'.repeat(45) + '!' }, -2015],
    ['a reservation in the past', { requestDate: '2026-03-02 09:00' }, -2022],
    ['a malformed reservation date', { requestDate: '2026/03/02 11:00' }, -2000],
  ])('%s → %i, nothing accepted', async (_, change, code) => {
    const { status, json } = await send(change);
    expect(status).toBe(200);
    expect(json.header).toMatchObject({ isSuccessful: false, resultCode: code });
    expect(fake.accepted()).toEqual([]);
    expect(fake.deliveries().size).toBe(0);
  });

  it('MMS: title required, ≤ 40 bytes, body ≤ 2,000 bytes; unknown attachment -2004; a blocked sender -2313', async () => {
    const mms = (o: Record<string, unknown>) => send({ title: '안내', ...o }, '/sender/mms');
    expect((await mms({ title: '' })).json.header.resultCode).toBe(-2014);
    expect((await mms({ title: '가'.repeat(21) })).json.header.resultCode).toBe(-2015);
    expect((await mms({ body: 'a'.repeat(2001) })).json.header.resultCode).toBe(-2015);
    expect((await mms({ attachFileIdList: [999] })).json.header.resultCode).toBe(-2004);
    expect((await mms({ body: 'a'.repeat(2000) })).json.header.isSuccessful).toBe(true);
    fake.blockedSenderNumbers.add('0215445678');
    expect((await mms({ sendNo: '0215445678' })).json.header.resultCode).toBe(-2313);
  });

  it('CP949-only syllables (똠, 꽹) are allowed and count 2 bytes; 45 of them fit an SMS', async () => {
    const { json } = await send({ body: '똠'.repeat(45) });
    expect(json.header.isSuccessful).toBe(true);
  });

  it('credentials, content type and JSON are checked', async () => {
    const wrongSecret = await send({}, '/sender/sms').then(() =>
      call('GET', '/sendNos', undefined, { 'x-secret-key': 'wrong' }),
    );
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json.header).toMatchObject({ isSuccessful: false, resultCode: -1000 });
    const wrongApp = await fetch(`${fake.baseUrl}/sms/v3.0/appKeys/other/sendNos`, {
      headers: { 'x-secret-key': fake.secretKey },
    });
    expect(((await wrongApp.json()) as NhnAnswer).header.resultCode).toBe(-1000);
    const form = await call('POST', '/sender/sms', 'body=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.json.header.resultCode).toBe(-9996);
    const broken = await call('POST', '/sender/sms', '{"body": ');
    expect(broken.json.header.resultCode).toBe(-9997);
  });
});

describe('lists', () => {
  it('need a requestId or a date range of at most a month; pageSize at most 1,000', async () => {
    expect((await call('GET', '/sender/sms')).json.header.resultCode).toBe(-2011);
    const tooLong = await call(
      'GET',
      '/sender/sms?startRequestDate=2026-01-01%2000:00:00&endRequestDate=2026-03-02%2000:00:00',
    );
    expect(tooLong.json.header.resultCode).toBe(-4000);
    const bigPage = await call('GET', '/sender/sms?requestId=x&pageSize=1001');
    expect(bigPage.json.header.isSuccessful).toBe(false);
    const results = await call(
      'GET',
      '/message-results?startUpdateDate=2026-03-01%2000:00:00&endUpdateDate=2026-03-02%2000:00:01',
    );
    expect(results.json.header.isSuccessful).toBe(false);
  });

  it('finds an accepted request by senderGroupingKey in its date range, paged (15 a page by default)', async () => {
    await send({
      senderGroupingKey: 'k-1',
      recipientList: numbers(20).map((recipientNo) => ({ recipientNo })),
    });
    await send({ senderGroupingKey: 'k-2' });
    const range = 'startRequestDate=2026-03-02%2009:59:00&endRequestDate=2026-03-02%2010:01:00';
    const first = await call('GET', `/sender/sms?${range}&senderGroupingKey=k-1`);
    expect(first.json.body).toMatchObject({ pageNum: 1, pageSize: 15, totalCount: 20 });
    expect(first.json.body!.data).toHaveLength(15);
    const second = await call('GET', `/sender/sms?${range}&senderGroupingKey=k-1&pageNum=2`);
    expect(second.json.body!.data).toHaveLength(5);
    const rows = second.json.body!.data as Record<string, unknown>[];
    expect(rows[4]).toMatchObject({
      recipientSeq: 20,
      recipientNo: '01012340019',
      senderGroupingKey: 'k-1',
      msgStatus: '3',
      resultCode: '1000',
      requestDate: '2026-03-02 10:00:00.0',
    });
    const outside = await call(
      'GET',
      '/sender/sms?startRequestDate=2026-03-01%2000:00:00&endRequestDate=2026-03-01%2023:59:59&senderGroupingKey=k-1',
    );
    expect(outside.json.body!.totalCount).toBe(0);
  });
});

describe('reservations', () => {
  it('a reservation is delivered only when due; a cancelled one never', async () => {
    const kept = await send({ requestDate: '2026-03-02 11:00', senderGroupingKey: 'kept' });
    const dropped = await send({ requestDate: '2026-03-02 11:00', senderGroupingKey: 'dropped' });
    const idOf = (a: { json: NhnAnswer }) => (a.json.body!.data as { requestId: string }).requestId;
    expect(fake.deliveryCount('01012340000')).toBe(0);
    const cancel = await call('PUT', '/reservations/cancel', {
      reservationList: [1, 2].map((recipientSeq) => ({ requestId: idOf(dropped), recipientSeq })),
      updateUser: 'test',
    });
    expect(cancel.json.body!.data).toEqual({ requestedCount: 2, canceledCount: 2 });
    clock += 3_600_000;
    expect(fake.deliveryCount('01012340000')).toBe(1);
    expect(fake.request(idOf(kept))!.recipients.map((r) => r.msgStatus)).toEqual(['3', '3']);
    expect(fake.request(idOf(dropped))!.recipients.map((r) => r.msgStatus)).toEqual(['4', '4']);
    // Too late to cancel what was sent.
    const late = await call('PUT', '/reservations/cancel', {
      reservationList: [{ requestId: idOf(kept), recipientSeq: 1 }],
      updateUser: 'test',
    });
    expect(late.json.body!.data).toEqual({ requestedCount: 1, canceledCount: 0 });
  });
});

describe('uploads', () => {
  it('JPG only, 1 byte to 300 KB, name ≤ 45 characters', async () => {
    const upload = (fileName: string, bytes: number) =>
      call('POST', '/attachfile/binaryUpload', {
        fileName,
        createUser: 'test',
        fileBody: Buffer.alloc(bytes, 1).toString('base64'),
      });
    expect((await upload('a.png', 10)).json.header.resultCode).toBe(-2003);
    expect((await upload('a.jpg', 300 * 1024 + 1)).json.header.resultCode).toBe(-2005);
    expect((await upload('a.jpg', 0)).json.header.resultCode).toBe(-2005);
    expect((await upload(`${'x'.repeat(42)}.jpg`, 10)).json.header.resultCode).toBe(-2002);
    expect((await upload('a.JPEG', 300 * 1024)).json.body!.data).toMatchObject({ fileId: 1 });
  });
});

describe('switches', () => {
  it('onAccepted runs after the request is stored and before the answer; dropAfterAccept by predicate', async () => {
    const seen: string[] = [];
    fake.onAccepted = (request: FakeNhnRequest) => {
      seen.push(`${request.senderGroupingKey}:${fake.deliveryCount(request.recipients[0]!.recipientNo)}`);
    };
    fake.dropAfterAccept((request) => request.senderGroupingKey === 'chunk-2');
    expect((await send({ senderGroupingKey: 'chunk-1' })).json.header.isSuccessful).toBe(true);
    await expect(send({ senderGroupingKey: 'chunk-2' })).rejects.toThrow();
    expect(seen).toEqual(['chunk-1:1', 'chunk-2:2']);
    expect(fake.sendCalls().map((c) => c.injected ?? c.status)).toEqual([200, 'dropped']);
    expect(fake.deliveryCount('01012340000')).toBe(2);
  });

  it('header errors and 5xx for the next N matching requests only', async () => {
    fake.failNext({ status: 503, count: 2, match: (c) => c.path === '/sendNos' });
    fake.failNext({ header: { resultCode: -9999 } });
    expect((await fetch(`${fake.baseUrl}/sms/v3.0/appKeys/${fake.appKey}/sendNos`)).status).toBe(503);
    expect((await call('GET', '/sendNos')).status).toBe(503);
    expect((await send()).json.header).toMatchObject({ isSuccessful: false, resultCode: -9999 });
    expect((await call('GET', '/sendNos')).json.header.isSuccessful).toBe(true);
    expect(fake.accepted()).toEqual([]);
  });

  it('pushes result webhooks with the signature', async () => {
    const received: { signature: string | undefined; body: { event: string; hooks: unknown[] } }[] = [];
    const target: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        received.push({
          signature: req.headers['x-toast-webhook-signature'] as string | undefined,
          body: JSON.parse(raw) as { event: string; hooks: unknown[] },
        });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    try {
      fake.deliveryDelayMs = 1_000;
      fake.failNumbers = new Set(['01012340001']);
      fake.setWebhook({
        url: `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`,
        signature: 's3cret',
      });
      await send({ senderGroupingKey: 'hooked' });
      clock += 1_000;
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(received).toHaveLength(1);
      expect(received[0]!.signature).toBe('s3cret');
      expect(received[0]!.body.event).toBe('MESSAGE_RESULT_UPDATE');
      expect(received[0]!.body.hooks).toEqual([
        expect.objectContaining({
          recipientNo: '01012340000',
          messageStatus: 'COMPLETED',
          resultCode: '1000',
        }),
        expect.objectContaining({ recipientNo: '01012340001', messageStatus: 'FAILED', resultCode: '3006' }),
      ]);
      // What the app's webhook route will parse reads it as two final results.
      const parsed = parseResultWebhook(received[0]!.body);
      expect(parsed.ok && parsed.results.map((r) => [r.recipientNo, r.status, r.senderGroupingKey])).toEqual([
        ['01012340000', 'success', 'hooked'],
        ['01012340001', 'failed', 'hooked'],
      ]);
    } finally {
      fake.setWebhook(undefined);
      await new Promise((r) => target.close(r));
    }
  });
});
