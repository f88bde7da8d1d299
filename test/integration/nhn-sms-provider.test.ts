import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  createNhnSmsProvider,
  type NhnSmsOptions,
  type ProviderSendRequest,
  type SmsProvider,
} from '../../src/integrations/nhn-sms/index.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { freePort } from '../support/free-port.js';

/**
 * Contract test: the real client against the fake NHN server over HTTP. What the client does is read back from
 * what the fake recorded (calls, deliveries), not from the client's own say-so.
 */

let fake: FakeNhn;
let clock: number;

let keySeq = 0;
let key: string;
// A fresh fake per test (it is only a listening socket), so delivery counts are this test's own.
beforeEach(async () => {
  clock = Date.now();
  fake = await FakeNhn.start({ now: () => clock });
  key = `chunk-${Date.now()}-${++keySeq}`;
});
afterEach(async () => {
  expect(fake.internalErrors).toEqual([]);
  await fake.close();
});

function provider(options: Partial<NhnSmsOptions> = {}): SmsProvider {
  return createNhnSmsProvider({
    appKey: fake.appKey,
    secretKey: fake.secretKey,
    baseUrl: fake.baseUrl,
    backoffMs: 10,
    ...options,
  });
}

const phones = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `010${String(10_000_000 + from + i).padStart(8, '0')}`);

function sms(overrides: Partial<ProviderSendRequest> = {}): ProviderSendRequest {
  return {
    type: 'SMS',
    advertisement: false,
    body: '[데모] 예약 안내: 내일 10시 방문 예정입니다.',
    title: null,
    sendNo: '0215441234',
    recipients: phones(3),
    senderGroupingKey: key,
    ...overrides,
  };
}

const window = () => ({ from: new Date(clock - 3_600_000), to: new Date(clock + 60_000) });

describe('send', () => {
  it('SMS: accepted with NHN requestId and a recipientSeq per number; the fake received exactly what was sent', async () => {
    const outcome = await provider().send(sms({ userId: 'U042' }));
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind !== 'accepted') return;
    expect(outcome.requestId).toMatch(/^\d{14}\w{10}0$/);
    expect(outcome.recipients.map((r) => [r.recipientNo, r.recipientSeq, r.status, r.resultCode])).toEqual([
      ['01010000000', 1, 'pending', '0'],
      ['01010000001', 2, 'pending', '0'],
      ['01010000002', 3, 'pending', '0'],
    ]);
    const [call] = fake.sendCalls();
    expect(fake.sendCalls()).toHaveLength(1);
    expect(call!.path).toBe('/sender/sms');
    expect(call!.body).toEqual({
      body: '[데모] 예약 안내: 내일 10시 방문 예정입니다.',
      sendNo: '0215441234',
      recipientList: phones(3).map((recipientNo) => ({ recipientNo })),
      senderGroupingKey: key,
      userId: 'U042',
    });
    expect(fake.deliveryCount('01010000001')).toBe(1);
  });

  it('MMS with an uploaded JPG goes to /sender/mms with title and attachFileIdList; without an image it is LMS', async () => {
    const client = provider();
    const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const upload = await client.uploadImage({ fileName: 'poster.jpg', data: jpg });
    expect(upload.ok).toBe(true);
    if (!upload.ok) return;
    const uploadCall = fake.calls.find((c) => c.path === '/attachfile/binaryUpload')!;
    expect(uploadCall.body).toEqual({
      fileName: 'poster.jpg',
      createUser: 'switchboard',
      fileBody: Buffer.from(jpg).toString('base64'),
    });

    const withImage = await client.send(
      sms({ type: 'MMS', title: '봄맞이 안내', attachFileIds: [upload.value.fileId] }),
    );
    expect(withImage.kind).toBe('accepted');
    const withoutImage = await client.send(
      sms({ type: 'MMS', title: '긴 안내', senderGroupingKey: `${key}-b` }),
    );
    expect(withoutImage.kind).toBe('accepted');
    const [first, second] = fake.sendCalls();
    expect(first!.path).toBe('/sender/mms');
    expect(first!.body).toMatchObject({ title: '봄맞이 안내', attachFileIdList: [upload.value.fileId] });
    expect(second!.body).not.toHaveProperty('attachFileIdList');
    const types = fake
      .accepted()
      .slice(-2)
      .map((r) => r.type);
    expect(types).toEqual(['MMS', 'LMS']);
  });

  it('advertisements go to /sender/ad-sms and /sender/ad-mms', async () => {
    const client = provider();
    const body = '(광고) 데모상사 봄 할인\n무료수신거부 0801234567';
    expect((await client.send(sms({ advertisement: true, body }))).kind).toBe('accepted');
    expect(
      (
        await client.send(
          sms({
            advertisement: true,
            type: 'MMS',
            title: '(광고) 할인',
            body,
            senderGroupingKey: `${key}-m`,
          }),
        )
      ).kind,
    ).toBe('accepted');
    expect(fake.sendCalls().map((c) => c.path)).toEqual(['/sender/ad-sms', '/sender/ad-mms']);
  });

  it.each([
    ['unregistered sender', { sendNo: '0299999999' }, 'unregistered_sender', -2312],
    ['emoji', { body: '감사합니다 🙏' }, 'unencodable_characters', -2023],
    ['91 bytes', { body: '가'.repeat(45) + 'A' }, 'body_too_long', -2015],
    ['1,001 recipients', { recipients: phones(1001) }, 'too_many_recipients', -2016],
    ['no recipients', { recipients: [] }, 'no_recipients', -2001],
    ['a bad number', { recipients: ['010-abc'] }, 'invalid_recipient', -2019],
  ] as const)(
    'NHN refusal (%s) → rejected with our code, nothing delivered',
    async (_, change, code, nhnCode) => {
      const outcome = await provider().send(sms(change));
      expect(outcome).toMatchObject({
        kind: 'rejected',
        error: { code, providerCode: nhnCode, retryable: false },
      });
      expect(fake.sendCalls()).toHaveLength(1);
      expect(fake.deliveries().size).toBe(0);
      expect(fake.accepted()).toEqual([]);
    },
  );

  it('a header error switched on (-2052 monthly quota) is rejected and not retried', async () => {
    fake.failNext({ header: { resultCode: -2052, resultMessage: 'Blocked by monthly limit.' } });
    const outcome = await provider().send(sms());
    expect(outcome).toEqual({
      kind: 'rejected',
      error: {
        code: 'quota_exceeded',
        providerCode: -2052,
        detail: 'Blocked by monthly limit.',
        retryable: false,
      },
    });
    expect(fake.sendCalls()).toHaveLength(1);
  });

  it('wrong secret key or app key → invalid_credentials', async () => {
    expect(await provider({ secretKey: 'nope' }).send(sms())).toMatchObject({
      kind: 'rejected',
      error: { code: 'invalid_credentials', providerCode: -1000 },
    });
    expect(await provider({ appKey: 'other-app' }).senderNumbers()).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    expect(fake.accepted().some((r) => r.senderGroupingKey === key)).toBe(false);
  });

  it('HTTP 5xx on send → unknown after exactly one call (it may have been accepted behind the gateway)', async () => {
    fake.failNext({ status: 502 });
    const outcome = await provider({ retries: 5 }).send(sms());
    expect(outcome).toMatchObject({
      kind: 'unknown',
      error: { code: 'provider_unavailable', retryable: false },
    });
    expect(fake.sendCalls()).toHaveLength(1);
  });

  it('accepted, then the connection dropped → unknown; the delivery is recorded once and found by grouping key', async () => {
    fake.dropAfterAccept(1);
    const client = provider({ retries: 5 });
    const outcome = await client.send(sms());
    expect(outcome).toMatchObject({ kind: 'unknown', error: { code: 'network' } });
    expect(fake.sendCalls()).toHaveLength(1);
    expect(fake.sendCalls()[0]!.injected).toBe('dropped');
    expect(phones(3).map((p) => fake.deliveryCount(p))).toEqual([1, 1, 1]);

    const found = await client.findByGroupingKey(key, 'SMS', window());
    expect(found).toMatchObject({ ok: true, value: { found: true } });
    if (found.ok && found.value.found) {
      expect(found.value.requestId).toBe(fake.accepted().at(-1)!.requestId);
      expect(found.value.recipients.map((r) => r.recipientNo)).toEqual(phones(3));
    }
  });

  it('no answer in time → unknown (timeout) after one call; NHN had accepted it', async () => {
    fake.slowMs = 400;
    const started = Date.now();
    const outcome = await provider({ timeoutMs: 100, retries: 5 }).send(sms());
    expect(outcome).toMatchObject({ kind: 'unknown', error: { code: 'timeout', retryable: false } });
    expect(Date.now() - started).toBeLessThan(400);
    expect(fake.sendCalls()).toHaveLength(1);
    expect(fake.deliveryCount('01010000000', sms().body)).toBe(1);
    expect(fake.acceptedByGroupingKey(key)).toHaveLength(1);
  });

  it('connection refused: nothing can have reached NHN, so the send is retried, then rejected as network (retryable)', async () => {
    const port = await freePort();
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const outcome = await provider({ baseUrl: `http://127.0.0.1:${port}`, retries: 2, fetch: counting }).send(
      sms(),
    );
    expect(outcome).toMatchObject({ kind: 'rejected', error: { code: 'network', retryable: true } });
    expect(attempts).toBe(3);
  });

  it('a host name that does not resolve is "not sent" too', async () => {
    let attempts = 0;
    const outcome = await provider({
      baseUrl: 'http://nhn-fake.invalid',
      retries: 1,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    }).send(sms());
    expect(outcome).toMatchObject({ kind: 'rejected', error: { code: 'network', retryable: true } });
    expect(attempts).toBe(2);
  });

  it('an answer we cannot read: 2xx → unknown (it may be an acceptance), 4xx without NHN header → rejected', async () => {
    const answering =
      (status: number, text: string): typeof fetch =>
      () =>
        Promise.resolve(new Response(text, { status }));
    expect(await provider({ fetch: answering(200, '<html>ok</html>') }).send(sms())).toMatchObject({
      kind: 'unknown',
      error: { code: 'unknown' },
    });
    const noRequestId = JSON.stringify({
      header: { isSuccessful: true, resultCode: 0, resultMessage: 'SUCCESS' },
      body: { data: { statusCode: '2' } },
    });
    expect(await provider({ fetch: answering(200, noRequestId) }).send(sms())).toMatchObject({
      kind: 'unknown',
    });
    expect(await provider({ fetch: answering(404, 'Not Found') }).send(sms())).toMatchObject({
      kind: 'rejected',
      error: { code: 'invalid_request' },
    });
  });

  it('a provider-side reservation can be cancelled; the fake never delivers it', async () => {
    const client = provider();
    const outcome = await client.send(sms({ reserveAt: new Date(clock + 3_600_000) }));
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind !== 'accepted') return;
    expect((fake.sendCalls()[0]!.body as { requestDate: string }).requestDate).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    const before = await client.recipientsOf(outcome.requestId, 'SMS');
    expect(before.ok && before.value.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

    const cancelled = await client.cancelReservation(outcome.requestId, [1, 2, 3]);
    expect(cancelled).toEqual({ ok: true, value: { canceledCount: 3 } });
    expect(fake.calls.find((c) => c.path === '/reservations/cancel')!.body).toEqual({
      reservationList: [1, 2, 3].map((recipientSeq) => ({ requestId: outcome.requestId, recipientSeq })),
      updateUser: 'switchboard',
    });
    clock += 2 * 3_600_000;
    const after = await client.recipientsOf(outcome.requestId, 'SMS');
    expect(after.ok && after.value.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(fake.deliveryCount('01010000000')).toBe(0);
    expect(fake.request(outcome.requestId)!.recipients.every((r) => !r.counted)).toBe(true);
    // A second cancel finds nothing RESERVED any more.
    expect(await client.cancelReservation(outcome.requestId, [1])).toEqual({
      ok: true,
      value: { canceledCount: 0 },
    });
  });
});

describe('reads', () => {
  it('findByGroupingKey walks every page of the list and returns the accepted chunk', async () => {
    const client = provider({ pageSize: 2 });
    await client.send(sms({ senderGroupingKey: `${key}-other`, recipients: phones(4, 100) }));
    const sent = await client.send(sms({ recipients: phones(5, 200) }));
    fake.calls.length = 0;

    const found = await client.findByGroupingKey(key, 'SMS', window());
    expect(found.ok && found.value.found).toBe(true);
    if (!found.ok || !found.value.found || sent.kind !== 'accepted') throw new Error('not found');
    expect(found.value.requestId).toBe(sent.requestId);
    expect(found.value.recipients.map((r) => r.recipientNo)).toEqual(phones(5, 200));
    expect(found.value.recipients.every((r) => r.status === 'success' && r.resultCode === '1000')).toBe(true);
    const pages = fake.calls.filter((c) => c.path === '/sender/sms');
    expect(pages.map((c) => c.query.pageNum)).toEqual(['1', '2', '3']);
    expect(pages[0]!.query).toMatchObject({ senderGroupingKey: key, pageSize: '2' });
    expect(pages[0]!.query.startRequestDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('findByGroupingKey says not found for a key NHN never accepted (one page, 1,000 rows a page)', async () => {
    const found = await provider().findByGroupingKey(`${key}-never`, 'MMS', window());
    expect(found).toEqual({ ok: true, value: { found: false } });
    const calls = fake.calls.filter((c) => c.path === '/sender/mms');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query.pageSize).toBe('1000');
  });

  it('recipientsOf: every page, statuses moving from pending to final after the delivery delay', async () => {
    fake.deliveryDelayMs = 5_000;
    fake.failNumbers = new Set(['01010000301']);
    const client = provider({ pageSize: 2 });
    const sent = await client.send(sms({ recipients: phones(3, 300) }));
    if (sent.kind !== 'accepted') throw new Error(sent.kind);
    const pending = await client.recipientsOf(sent.requestId, 'SMS');
    expect(pending.ok && pending.value.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    clock += 5_000;
    const done = await client.recipientsOf(sent.requestId, 'SMS');
    expect(done.ok && done.value.map((r) => [r.recipientNo, r.status, r.resultCode])).toEqual([
      ['01010000300', 'success', '1000'],
      ['01010000301', 'failed', '3006'],
      ['01010000302', 'success', '1000'],
    ]);
    expect(done.ok && done.value[0]!.deliveredAt?.getTime()).toBe(Math.floor(clock / 1000) * 1000);
  });

  it.each(['flat', 'nested'] as const)(
    'resultsUpdatedBetween reads /message-results in the %s shape',
    async (shape) => {
      fake.resultsShape = shape;
      fake.failNumbers = new Set(['01010000401']);
      const client = provider({ pageSize: 1 });
      const sent = await client.send(sms({ recipients: phones(2, 400) }));
      if (sent.kind !== 'accepted') throw new Error(sent.kind);
      const results = await client.resultsUpdatedBetween(new Date(clock - 1_000), new Date(clock + 1_000));
      expect(results.ok).toBe(true);
      if (!results.ok) return;
      const ours = results.value.filter((r) => r.requestId === sent.requestId);
      expect(ours.map((r) => [r.recipientSeq, r.status, r.resultCode])).toEqual([
        [1, 'success', '1000'],
        [2, 'failed', '3006'],
      ]);
      const calls = fake.calls.filter((c) => c.path === '/message-results');
      expect(calls.length).toBe(results.value.length);
      expect(calls[0]!.query.startUpdateDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    },
  );

  it('resultsUpdatedBetween asks for a window longer than NHN allows one day at a time', async () => {
    const client = provider();
    const sent = await client.send(sms({ recipients: phones(1, 600) }));
    if (sent.kind !== 'accepted') throw new Error(sent.kind);
    const results = await client.resultsUpdatedBetween(
      new Date(clock - 2 * 86_400_000),
      new Date(clock + 1_000),
    );
    expect(results.ok && results.value.map((r) => [r.requestId, r.status])).toEqual([
      [sent.requestId, 'success'],
    ]);
    const windows = fake.calls.filter((c) => c.path === '/message-results');
    expect(windows).toHaveLength(3);
    expect(windows.every((c) => c.status === 200)).toBe(true);
  });

  it('senderNumbers lists the registered numbers', async () => {
    expect(await provider().senderNumbers()).toEqual({ ok: true, value: ['0215441234', '0215445678'] });
  });

  it('5xx on a read is retried with growing waits, then succeeds', async () => {
    fake.failNext({ status: 503, count: 2 });
    const result = await provider({ backoffMs: 60 }).senderNumbers();
    expect(result.ok).toBe(true);
    const calls = fake.calls.filter((c) => c.path === '/sendNos');
    expect(calls.map((c) => c.injected ?? c.status)).toEqual(['5xx', '5xx', 200]);
  });

  it('backoff waits grow between retries (measured on the wall clock)', async () => {
    const stamps: number[] = [];
    fake.failNext({ status: 500, count: 2 });
    const result = await provider({
      backoffMs: 60,
      fetch: (input, init) => {
        stamps.push(performance.now());
        return fetch(input, init);
      },
    }).senderNumbers();
    expect(result.ok).toBe(true);
    expect(stamps).toHaveLength(3);
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(30 - 2);
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(60 - 2);
  });

  it('5xx on every attempt: the read gives up after the retry budget with provider_unavailable', async () => {
    fake.failNext({ status: 503, count: 10 });
    const result = await provider({ retries: 2 }).recipientsOf('nope', 'SMS');
    expect(result).toMatchObject({ ok: false, error: { code: 'provider_unavailable', retryable: true } });
    expect(fake.calls.filter((c) => c.path === '/sender/sms')).toHaveLength(3);
  });

  it('a header error on a read is not retried', async () => {
    fake.failNext({ header: { resultCode: -1000, resultMessage: 'Invalid appKey.' } });
    const result = await provider({ retries: 3 }).senderNumbers();
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_credentials', providerCode: -1000 } });
    expect(fake.calls.filter((c) => c.path === '/sendNos')).toHaveLength(1);
  });
});

describe('lenient parsing', () => {
  it('numbers as strings and codes as numbers parse the same on every endpoint', async () => {
    fake.mixedTypes = true;
    fake.failNumbers = new Set(['01010000501']);
    // The switch really changes the wire: recipientSeq arrives as a string, msgStatus as a number.
    const client = provider();
    const sent = await client.send(sms({ recipients: phones(2, 500) }));
    expect(sent).toMatchObject({ kind: 'accepted', recipients: [{ recipientSeq: 1 }, { recipientSeq: 2 }] });
    if (sent.kind !== 'accepted') return;
    const raw = (await (
      await fetch(`${fake.baseUrl}/sms/v3.0/appKeys/${fake.appKey}/sender/sms?requestId=${sent.requestId}`, {
        headers: { 'x-secret-key': fake.secretKey },
      })
    ).json()) as {
      header: { resultCode: unknown };
      body: { totalCount: unknown; data: Record<string, unknown>[] };
    };
    expect(raw.header.resultCode).toBe('0');
    expect(raw.body.totalCount).toBe('2');
    expect(raw.body.data[0]).toMatchObject({ recipientSeq: '1', msgStatus: 3, resultCode: 1000 });

    const listed = await client.recipientsOf(sent.requestId, 'SMS');
    expect(listed.ok && listed.value.map((r) => [r.recipientSeq, r.status, r.resultCode])).toEqual([
      [1, 'success', '1000'],
      [2, 'failed', '3006'],
    ]);
    fake.resultsShape = 'nested';
    const results = await client.resultsUpdatedBetween(new Date(clock - 1_000), new Date(clock + 1_000));
    expect(results.ok && results.value.filter((r) => r.requestId === sent.requestId).length).toBe(2);
    const upload = await client.uploadImage({ fileName: 'a.jpeg', data: new Uint8Array([0xff, 0xd8, 0xff]) });
    expect(upload.ok && typeof upload.value.fileId).toBe('number');
    expect((await client.senderNumbers()).ok).toBe(true);
    const reserved = await client.send(
      sms({ senderGroupingKey: `${key}-r`, reserveAt: new Date(clock + 3_600_000) }),
    );
    if (reserved.kind !== 'accepted') throw new Error(reserved.kind);
    expect(await client.cancelReservation(reserved.requestId, [1, 2, 3])).toEqual({
      ok: true,
      value: { canceledCount: 3 },
    });
  });
});
