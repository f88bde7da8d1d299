import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { jpegOf } from '../support/jpeg.js';
import { pngOf } from '../support/png.js';

/**
 * The SMS API (README, "HTTP API" → SMS) through the real HTTP server with an API key, the real use cases, store
 * and Agenda jobs, and the fake NHN Cloud over HTTP: what an integrator sends and reads, and what reached NHN.
 */

const WEBHOOK_SECRET = 'nhn-webhook-secret-for-tests';
const SENDERS = ['0215441234', '0215445678'];

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, string> };
}
interface Receipt {
  id: string;
  status: string;
  type: string;
  bytes: number;
  recipientCount: number;
  sendAt: string | null;
  replayed: boolean;
}
interface Detail {
  id: string;
  status: string;
  type: string;
  body: string;
  title: string | null;
  sendNo: string;
  sendAt: string | null;
  createdAt: string;
  counts: { total: number; pending: number; success: number; failed: number; cancelled: number };
  recipients: {
    phone: string;
    status: string;
    resultCode: string | null;
    resultMessage: string | null;
    deliveredAt: string | null;
  }[];
  recipientPage: { page: number; pageSize: number; total: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Waits for `check` to return a value (polling), or fails with what it saw last. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The first instant at or after `from` in the hour `hour`:00-:59 Korean time. Within a day, so with `from` 40 minutes
 * ahead it is inside the schedule window (30 minutes to 24 hours).
 */
function nextKstHour(from: Date, hour: number): Date {
  const kst = new Date(from.getTime() + 9 * HOUR);
  if (kst.getUTCHours() === hour) return from;
  const start = Date.UTC(kst.getUTCFullYear(), kst.getUTCMonth(), kst.getUTCDate(), hour) - 9 * HOUR;
  return new Date(start > from.getTime() ? start : start + 24 * HOUR);
}

describe('SMS API', () => {
  let app: TestApp;
  let fake: FakeNhn;
  let serviceId: string;
  let key: string;
  let otherKey: string;
  let offKey: string;

  const request = (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; auth?: string | null } = {},
  ) =>
    fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.auth === null ? {} : { authorization: `Bearer ${options.auth ?? key}` }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  const send = (body: unknown, headers: Record<string, string> = {}, auth?: string) =>
    request('POST', '/sms/messages', { body, headers, auth });
  const detail = async (id: string, auth?: string) =>
    (await (await request('GET', `/sms/messages/${id}`, { auth })).json()) as Detail;
  const sendCallsWith = (body: string) =>
    fake.sendCalls().filter((c) => (c.body as { body?: string } | null)?.body === body);

  beforeAll(async () => {
    fake = await FakeNhn.start({ senderNumbers: SENDERS, failNumbers: ['01000000002'] });
    app = await startTestApp({ env: { ...fake.env(), NHN_SMS_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    const service = await app.store.services.create(
      '문자 API 테스트',
      defaultServiceSettings({
        smsEnabled: true,
        smsSenderNumbers: SENDERS,
        smsOptOutNumber: '0801234567',
      }),
    );
    serviceId = service._id;
    key = (await app.store.apiKeys.create({ serviceId, name: 'CRM', allowedIps: [], createdBy: 'test' })).key;
    const other = await app.store.services.create(
      '다른 서비스',
      defaultServiceSettings({ smsEnabled: true, smsSenderNumbers: SENDERS }),
    );
    otherKey = (
      await app.store.apiKeys.create({ serviceId: other._id, name: 'web', allowedIps: [], createdBy: 'test' })
    ).key;
    const off = await app.store.services.create(
      '문자 꺼짐',
      defaultServiceSettings({ smsSenderNumbers: SENDERS }),
    );
    offKey = (
      await app.store.apiKeys.create({ serviceId: off._id, name: 'ivr', allowedIps: [], createdBy: 'test' })
    ).key;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  describe('every rule is a 422 on its field, and nothing reaches NHN', () => {
    const now = () => Date.now();
    const cases: {
      name: string;
      body: () => Record<string, unknown>;
      field: string;
      text: RegExp;
      language?: string;
    }[] = [
      {
        name: '91-byte SMS',
        body: () => ({ body: 'a'.repeat(91) }),
        field: 'body',
        text: /^91 \/ 90 bytes — use MMS/,
      },
      {
        name: '91-byte SMS (Korean)',
        body: () => ({ body: '가'.repeat(45) + 'a' }),
        field: 'body',
        text: /^91 \/ 90바이트 — MMS로 보내세요/,
        language: 'ko',
      },
      {
        name: '2,001-byte MMS',
        body: () => ({ type: 'MMS', title: '안내', body: '가'.repeat(1000) + 'a' }),
        field: 'body',
        text: /^2,001 \/ 2,000 bytes/,
      },
      {
        name: '41-byte title',
        body: () => ({ type: 'MMS', title: '제'.repeat(20) + 'a', body: '본문' }),
        field: 'title',
        text: /^41 \/ 40 bytes/,
      },
      {
        name: 'PNG image',
        body: () => ({ type: 'MMS', title: '사진', body: '본문', image: pngOf().toString('base64') }),
        field: 'image',
        text: /Only a JPG/,
      },
      {
        name: '301 KB JPG',
        body: () => ({
          type: 'MMS',
          title: '사진',
          body: '본문',
          image: jpegOf({ width: 640, height: 480, bytes: 301 * 1024 }).toString('base64'),
        }),
        field: 'image',
        text: /301 KB; at most 300 KB/,
      },
      {
        name: '9- and 14-digit recipients, each listed',
        body: () => ({ body: '안녕하세요', recipients: ['010-123-456', '01012345678', '010 1234 5678 901'] }),
        field: 'recipients',
        text: /\(2\): 010-123-456, 010 1234 5678 901\./,
      },
      {
        name: 'a comma list with a bad entry',
        body: () => ({ body: '안녕하세요', recipients: '01012345678,0101234567890123' }),
        field: 'recipients',
        text: /0101234567890123/,
      },
      {
        name: 'sendAt now + 29 min',
        body: () => ({ body: '안녕하세요', sendAt: new Date(now() + 29 * MINUTE).toISOString() }),
        field: 'sendAt',
        text: /too soon/,
      },
      {
        name: 'sendAt now + 25 h',
        body: () => ({ body: '안녕하세요', sendAt: new Date(now() + 25 * HOUR).toISOString() }),
        field: 'sendAt',
        text: /too far ahead/,
      },
      {
        name: 'an ad without (광고)',
        // At noon, so that the night block cannot answer first.
        body: () => ({
          advertisement: true,
          body: '스위치보드 12월 안내\n무료수신거부 080-123-4567',
          sendAt: nextKstHour(new Date(now() + 40 * MINUTE), 12).toISOString(),
        }),
        field: 'advertisement',
        text: /must start with exactly \(광고\)/,
      },
      {
        name: 'an ad at 22:00 KST',
        body: () => ({
          advertisement: true,
          body: '(광고) 스위치보드 12월 안내\n무료수신거부 080-123-4567',
          sendAt: nextKstHour(new Date(now() + 40 * MINUTE), 22).toISOString(),
        }),
        field: 'advertisement',
        text: /21:00 to 08:00 Korean time \(this one would go at 22:/,
      },
      {
        name: 'a sendAt without an offset',
        body: () => ({ body: '안녕하세요', sendAt: '2026-12-02T15:00:00' }),
        field: 'sendAt',
        text: /ISO 8601 time with its offset/,
      },
      {
        name: 'an image that is not base64',
        body: () => ({ type: 'MMS', title: '사진', body: '본문', image: 'this is not base64!' }),
        field: 'image',
        text: /JPG file encoded as base64/,
      },
      {
        name: 'a type that is neither SMS nor MMS',
        body: () => ({ type: 'LMS', body: '본문' }),
        field: 'type',
        text: /"SMS" or "MMS"/,
      },
    ];

    it.each(cases)('$name', async ({ body, field, text, language }) => {
      const before = fake.sendCalls().length;
      const response = await send(
        { recipients: '010-1234-5678', ...body() },
        language ? { 'accept-language': language } : {},
      );
      expect(response.status).toBe(422);
      const error = ((await response.json()) as ErrorBody).error;
      expect(error.code).toBe('invalid_input');
      expect(error.details?.[field]).toMatch(text);
      // Nothing was stored (the history is empty) and nothing reached NHN, neither a send nor an upload.
      const list = (await (await request('GET', '/sms/messages')).json()) as { total: number };
      expect(list.total).toBe(0);
      expect(fake.sendCalls().length).toBe(before);
      expect(fake.calls.filter((c) => c.method !== 'GET')).toEqual([]);
    });

    it('every wrong field at once', async () => {
      const response = await send({
        body: 'a'.repeat(91),
        recipients: '010123',
        sendAt: new Date(Date.now() + 10 * MINUTE).toISOString(),
        sendNo: '0299999999',
      });
      expect(response.status).toBe(422);
      const { details } = ((await response.json()) as ErrorBody).error;
      expect(Object.keys(details ?? {}).sort()).toEqual(['body', 'recipients', 'sendAt', 'sendNo']);
      expect(details?.sendNo).toContain('0299999999');
    });

    it('a body that is not a JSON object is a 400; one over 1 MB a 413', async () => {
      const array = await send([{ body: 'x' }]);
      expect(array.status).toBe(400);
      expect(((await array.json()) as ErrorBody).error.code).toBe('invalid_request');
      const huge = await send({ body: 'x', recipients: '01012345678', image: 'A'.repeat(1024 * 1024 + 10) });
      expect(huge.status).toBe(413);
      expect(((await huge.json()) as ErrorBody).error.code).toBe('payload_too_large');
      expect(fake.sendCalls()).toEqual([]);
    });
  });

  it('201 with the receipt; the message reaches NHN once; the detail shows it', async () => {
    const response = await send({ body: '안녕하세요 스위치보드입니다', recipients: ['010-1234-5678'] });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Receipt;
    expect(receipt).toEqual({
      id: expect.any(String),
      status: 'queued',
      type: 'SMS',
      bytes: 27,
      recipientCount: 1,
      sendAt: null,
      replayed: false,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/sms/messages/${receipt.id}`);
    await eventually('the send at NHN', async () =>
      sendCallsWith('안녕하세요 스위치보드입니다').length ? true : undefined,
    );
    expect(fake.deliveryCount('01012345678', '안녕하세요 스위치보드입니다')).toBe(1);
    const call = sendCallsWith('안녕하세요 스위치보드입니다')[0]!;
    expect(call.path).toBe('/sender/sms');
    expect(call.body).toMatchObject({
      sendNo: '0215441234',
      recipientList: [{ recipientNo: '01012345678' }],
    });
    const shown = await detail(receipt.id);
    expect(shown).toMatchObject({
      id: receipt.id,
      type: 'SMS',
      body: '안녕하세요 스위치보드입니다',
      title: null,
      sendNo: '0215441234',
      sendAt: null,
      counts: { total: 1 },
      recipients: [{ phone: '01012345678' }],
      recipientPage: { page: 1, pageSize: 1000, total: 1 },
    });
    expect(shown.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('403 feature_disabled when SMS is off for the service, with who can switch it on', async () => {
    const response = await send({ body: '안녕하세요', recipients: '01012345678' }, {}, offKey);
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('feature_disabled');
    expect(error.message).toMatch(/turned off.*admin/);
  });

  it('an Idempotency-Key replay answers 200 with the same request; NHN gets one send', async () => {
    const body = { body: '재시도해도 한 번만', recipients: '010-2222-3333' };
    const first = await send(body, { 'idempotency-key': 'crm-order-42' });
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as Receipt;
    const replays = await Promise.all([
      send(body, { 'idempotency-key': 'crm-order-42' }),
      send({ ...body, body: '다른 본문이어도' }, { 'idempotency-key': 'crm-order-42' }),
    ]);
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      // The same request as it stands now: an immediate send may already be on its way.
      const { status, ...rest } = (await replay.json()) as Receipt;
      expect(rest).toEqual({ ...receipt, status: undefined, replayed: true });
      expect(['queued', 'sending', 'sent']).toContain(status);
    }
    await eventually('the send at NHN', async () =>
      sendCallsWith('재시도해도 한 번만').length ? true : undefined,
    );
    // Another send at this point would have been scheduled by now: give the jobs a moment, then count.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sendCallsWith('재시도해도 한 번만')).toHaveLength(1);
    expect(sendCallsWith('다른 본문이어도')).toHaveLength(0);
    expect(fake.deliveryCount('01022223333')).toBe(1);
    // Copies of a new request sent at the same moment: one request, one 201, one send.
    const copies = await Promise.all(
      Array.from({ length: 4 }, () =>
        send({ body: '동시에 네 번', recipients: '01022224444' }, { 'idempotency-key': 'crm-order-43' }),
      ),
    );
    expect(copies.map((c) => c.status).sort()).toEqual([200, 200, 200, 201]);
    const ids = new Set(((await Promise.all(copies.map((c) => c.json()))) as Receipt[]).map((r) => r.id));
    expect(ids.size).toBe(1);
    await eventually('the send at NHN', async () =>
      sendCallsWith('동시에 네 번').length ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake.deliveryCount('01022224444')).toBe(1);
    // The same key in another service is another request.
    const elsewhere = await send(body, { 'idempotency-key': 'crm-order-42' }, otherKey);
    expect(elsewhere.status).toBe(201);
    expect(((await elsewhere.json()) as Receipt).id).not.toBe(receipt.id);
  });

  it('results by the webhook: list and detail show the counts, per-recipient codes and times', async () => {
    fake.setWebhook({ url: `${app.url}/api/v1/sms/nhn-webhook`, signature: WEBHOOK_SECRET });
    try {
      const response = await send({
        type: 'MMS',
        title: '12월 안내',
        body: '스위치보드 12월 점검 안내입니다.',
        recipients: '010-1000-0001, 010-0000-0002, 010-1000-0003, 010-1000-0001',
        image: jpegOf({ width: 800, height: 600, bytes: 20_000 }).toString('base64'),
      });
      expect(response.status).toBe(201);
      const receipt = (await response.json()) as Receipt;
      expect(receipt).toMatchObject({ type: 'MMS', recipientCount: 3 });
      const done = await eventually('results', async () => {
        const d = await detail(receipt.id);
        return d.counts.pending === 0 ? d : undefined;
      });
      expect(done.status).toBe('partially_failed');
      expect(done.counts).toEqual({ total: 3, pending: 0, success: 2, failed: 1, cancelled: 0 });
      const byPhone = Object.fromEntries(done.recipients.map((r) => [r.phone, r]));
      expect(byPhone['01010000001']).toMatchObject({ status: 'success', resultCode: '1000' });
      expect(byPhone['01000000002']).toMatchObject({ status: 'failed', resultCode: '3006' });
      expect(byPhone['01010000001']!.deliveredAt).toMatch(/Z$/);
      // The upload and the MMS went to NHN once each.
      expect(fake.calls.filter((c) => c.path === '/attachfile/binaryUpload')).toHaveLength(1);
      expect(sendCallsWith('스위치보드 12월 점검 안내입니다.').map((c) => c.path)).toEqual(['/sender/mms']);

      const list = (await (await request('GET', '/sms/messages?status=partially_failed')).json()) as {
        items: (Detail & { requestedBy: { name: string } })[];
        total: number;
        page: number;
        pageSize: number;
      };
      expect(list).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(list.items[0]).toMatchObject({
        id: receipt.id,
        status: 'partially_failed',
        counts: { total: 3, success: 2, failed: 1, pending: 0 },
        requestedBy: { name: 'CRM' },
      });
      expect(list.items[0]).not.toHaveProperty('recipients');
    } finally {
      fake.setWebhook(undefined);
    }
  });

  it('the history: newest first, days in the service zone, paging; a bad filter is a 400', async () => {
    const all = (await (await request('GET', '/sms/messages?pageSize=2')).json()) as {
      items: Detail[];
      total: number;
    };
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.items).toHaveLength(2);
    expect(all.items[0]!.createdAt >= all.items[1]!.createdAt).toBe(true);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    const todays = (await (await request('GET', `/sms/messages?from=${today}&to=${today}`)).json()) as {
      total: number;
    };
    expect(todays.total).toBe(all.total);
    const lastYear = (await (await request('GET', '/sms/messages?from=2020-01-01&to=2020-01-31')).json()) as {
      total: number;
    };
    expect(lastYear.total).toBe(0);
    for (const query of ['status=done', 'from=2026-13-01', 'pageSize=1000', 'from=2026-12-02&to=2026-12-01'])
      expect({ query, status: (await request('GET', `/sms/messages?${query}`)).status }).toEqual({
        query,
        status: 400,
      });
  });

  it('cancel: a scheduled send → 200 and NHN never gets it; again → 409 already_final', async () => {
    const sendAt = new Date(Date.now() + 2 * HOUR);
    const response = await send({
      body: '예약 후 취소',
      recipients: '01033334444',
      sendAt: sendAt.toISOString().replace('Z', '+00:00'),
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Receipt;
    expect(receipt).toMatchObject({ status: 'scheduled', sendAt: sendAt.toISOString() });
    const cancelled = await request('POST', `/sms/messages/${receipt.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ id: receipt.id, status: 'cancelled' });
    const shown = await detail(receipt.id);
    expect(shown).toMatchObject({ status: 'cancelled', counts: { total: 1, cancelled: 1, pending: 0 } });
    expect(shown.recipients[0]).toMatchObject({ status: 'cancelled' });
    const again = await request('POST', `/sms/messages/${receipt.id}/cancel`, {
      headers: { 'accept-language': 'ko' },
    });
    expect(again.status).toBe(409);
    const { error } = (await again.json()) as ErrorBody;
    expect(error.code).toBe('already_final');
    expect(error.message).toContain('취소할 수 없습니다');
    expect(sendCallsWith('예약 후 취소')).toEqual([]);
  });

  it('cancel once sending has started → 409 already_started', async () => {
    // No webhook and the first result poll 15 s away: the request stays queued or sending meanwhile.
    const response = await send({ body: '바로 발송', recipients: '01044445555' });
    const { id } = (await response.json()) as Receipt;
    const cancel = await request('POST', `/sms/messages/${id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(((await cancel.json()) as ErrorBody).error.code).toBe('already_started');
    await eventually('the send at NHN', async () => (sendCallsWith('바로 발송').length ? true : undefined));
    expect(fake.deliveryCount('01044445555', '바로 발송')).toBe(1);
  });

  it("another service's request is 404 for reading and cancelling; an unknown id too", async () => {
    const { id } = (await (await send({ body: '우리 서비스', recipients: '01055556666' })).json()) as Receipt;
    for (const [method, path, auth] of [
      ['GET', `/sms/messages/${id}`, otherKey],
      ['POST', `/sms/messages/${id}/cancel`, otherKey],
      ['GET', '/sms/messages/sms_does_not_exist', key],
      ['POST', '/sms/messages/sms_does_not_exist/cancel', key],
    ] as const) {
      const response = await request(method, path, { auth });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      expect(((await response.json()) as ErrorBody).error.code).toBe('not_found');
    }
    // Still there for its own service.
    expect((await detail(id)).id).toBe(id);
    const others = (await (await request('GET', '/sms/messages', { auth: otherKey })).json()) as {
      items: { id: string }[];
    };
    expect(others.items.map((i) => i.id)).not.toContain(id);
  });

  describe('NHN result webhook', () => {
    it('a missing or wrong signature is 401 and changes nothing; the right one applies the results once', async () => {
      fake.deliveryDelayMs = 10 * HOUR;
      try {
        const response = await send({ body: '웹훅으로 결과 받기', recipients: '01066667777, 01066668888' });
        const { id } = (await response.json()) as Receipt;
        // Accepted by NHN, and our chunk knows NHN's request id (the webhook is matched by it).
        await eventually('the chunk accepted', async () => {
          const chunk = await app.store.smsRequests.chunk(id, 0);
          return chunk?.state === 'accepted' ? true : undefined;
        });
        const accepted = fake.accepted().find((r) => r.body === '웹훅으로 결과 받기')!;
        const at = new Date(Date.now() + 9 * HOUR).toISOString().slice(0, 19);
        const hooks = {
          hooksId: 'h-1',
          productName: 'SMS',
          event: 'MESSAGE_RESULT_UPDATE',
          hooks: accepted.recipients.map((r) => ({
            requestId: accepted.requestId,
            recipientSeq: r.recipientSeq,
            recipientNo: r.recipientNo,
            messageStatus: 'COMPLETED',
            resultCode: '1000',
            receiveDate: at,
          })),
        };
        const post = (headers: Record<string, string>) =>
          fetch(`${app.url}/api/v1/sms/nhn-webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
            body: JSON.stringify(hooks),
          });

        for (const headers of [
          {} as Record<string, string>,
          { 'x-toast-webhook-signature': 'wrong' },
          { 'x-toast-webhook-signature': `${WEBHOOK_SECRET}x` },
        ]) {
          const refused = await post(headers);
          expect(refused.status).toBe(401);
          expect(((await refused.json()) as ErrorBody).error.code).toBe('invalid_signature');
        }
        // An API key is no signature either.
        expect((await post({ authorization: `Bearer ${key}` })).status).toBe(401);
        const unchanged = await detail(id);
        expect(unchanged.counts).toMatchObject({ pending: 2, success: 0 });

        const applied = await post({ 'x-toast-webhook-signature': WEBHOOK_SECRET });
        expect(applied.status).toBe(200);
        expect(await applied.json()).toEqual({ updated: 2 });
        const shown = await detail(id);
        expect(shown.status).toBe('sent');
        expect(shown.counts).toMatchObject({ total: 2, pending: 0, success: 2 });
        expect(shown.recipients.every((r) => r.resultCode === '1000' && r.deliveredAt)).toBe(true);
        // NHN retries a webhook it thinks was lost: the second copy changes nothing.
        const replay = await post({ 'x-toast-webhook-signature': WEBHOOK_SECRET });
        expect(await replay.json()).toEqual({ updated: 0 });
        // Signed, but not NHN's shape: refused as unreadable, nothing to apply.
        const unreadable = await fetch(`${app.url}/api/v1/sms/nhn-webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-toast-webhook-signature': WEBHOOK_SECRET },
          body: '{"event":"MESSAGE_RESULT_UPDATE"}',
        });
        expect(unreadable.status).toBe(400);
        expect(((await unreadable.json()) as ErrorBody).error.code).toBe('invalid_input');
      } finally {
        fake.deliveryDelayMs = 0;
      }
    });

    it('without NHN_SMS_WEBHOOK_SECRET the route answers 404 not_configured, whatever is sent', async () => {
      const bare = await startTestApp({ env: fake.env() });
      try {
        const response = await fetch(`${bare.url}/api/v1/sms/nhn-webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-toast-webhook-signature': '' },
          body: '{"hooks":[]}',
        });
        expect(response.status).toBe(404);
        expect(((await response.json()) as ErrorBody).error.code).toBe('not_configured');
      } finally {
        await bare.close();
      }
    });
  });

  it('`settings set` from the CLI switches SMS on with sender numbers; the API then sends from the first', async () => {
    const service = await app.store.services.create('CLI로 켜기', defaultServiceSettings());
    const cliKey = (
      await app.store.apiKeys.create({
        serviceId: service._id,
        name: 'cli',
        allowedIps: [],
        createdBy: 'test',
      })
    ).key;
    const before = await send({ body: 'CLI 테스트', recipients: '01077778888' }, {}, cliKey);
    expect(before.status).toBe(403);
    const cli = await runCli(app.dbName, [
      'settings',
      'set',
      '--service',
      service._id,
      'smsEnabled=true',
      'smsSenderNumbers=0215445678,0215441234',
    ]);
    expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
    const after = await send({ body: 'CLI 테스트', recipients: '01077778888' }, {}, cliKey);
    expect(after.status).toBe(201);
    const { id } = (await after.json()) as Receipt;
    expect((await detail(id, cliKey)).sendNo).toBe('0215445678');
    await eventually('the send at NHN', async () => (sendCallsWith('CLI 테스트').length ? true : undefined));
    expect((sendCallsWith('CLI 테스트')[0]!.body as { sendNo: string }).sendNo).toBe('0215445678');
  }, 60_000);

  it('the OpenAPI document describes the SMS routes', async () => {
    const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
    };
    expect(Object.keys(doc.paths['/sms/messages']!.post!.responses).sort()).toEqual(
      ['200', '201', '400', '401', '403', '413', '422'].sort(),
    );
    expect(doc.paths['/sms/messages/{id}/cancel']!.post!.responses).toHaveProperty('409');
    expect(doc.paths['/sms/nhn-webhook']!.post!.security).toEqual([]);
  });
});
