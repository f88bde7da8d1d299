import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { numbers, SmsBench } from '../support/sms.js';

/** Delivery results: by polling NHN and by its result webhook. */
describe('SMS results', () => {
  let bench: SmsBench;
  beforeAll(async () => {
    bench = await SmsBench.start();
  });
  afterAll(async () => {
    await bench.close();
  });

  it("polling: some numbers fail at the carrier → partially_failed with each recipient's code", async () => {
    const phones = numbers(70, 5);
    bench.fake.failNumbers = new Set([phones[1]!, phones[3]!]);
    try {
      const receipt = await bench.send({ body: 'Some fail', recipients: phones });
      const done = await bench.untilStatus(receipt.id, ['partially_failed'], 20_000);
      expect(done.counts).toEqual({ total: 5, pending: 0, success: 3, failed: 2, cancelled: 0 });
      expect(done.recipients.map((r) => [r.phone, r.status, r.resultCode])).toEqual([
        [phones[0], 'success', '1000'],
        [phones[1], 'failed', '3006'],
        [phones[2], 'success', '1000'],
        [phones[3], 'failed', '3006'],
        [phones[4], 'success', '1000'],
      ]);
      expect(done.finishedAt).toBeInstanceOf(Date);
      // Final: no poll is left behind.
      const jobs = await bench.app.store.db
        .collection('jobs')
        .find({ name: 'sms.pollResults', 'data.requestId': receipt.id, nextRunAt: { $ne: null } })
        .toArray();
      expect(jobs).toEqual([]);
    } finally {
      bench.fake.failNumbers = new Set();
    }
  }, 30_000);

  it("the result webhook: NHN's hooks (loose types, the sample's typo) settle the request", async () => {
    const phones = numbers(80, 3);
    bench.fake.deliveryDelayMs = 60 * 60_000; // results stay pending at NHN: only the webhook below settles them
    let providerRequestId: string;
    let receiptId: string;
    try {
      const receipt = await bench.send({ body: 'Via the webhook', recipients: phones });
      receiptId = receipt.id;
      await bench.untilChunksSettled(receipt.id);
      providerRequestId = (await bench.chunks(receipt.id))[0]!.providerRequestId!;
    } finally {
      bench.fake.deliveryDelayMs = 0;
    }
    const seqOf = (phone: string) =>
      bench.fake.request(providerRequestId)!.recipients.find((r) => r.recipientNo === phone)!.recipientSeq;
    const payload = {
      hooksId: 'hook-1',
      productName: 'SMS',
      event: 'MESSAGE_RESULT_UPDATE',
      hooks: [
        {
          requestId: providerRequestId,
          recipientSeq: seqOf(phones[0]!),
          recipientNo: phones[0],
          messageStatus: 'COMPLETED',
          resultCode: '1000',
          receiveDate: '2026-12-02 22:10:05',
        },
        // Types as loose as NHN's (a number as a string, a code as a number) and the sample's misspelt key.
        {
          requestId: providerRequestId,
          recipientSeq: String(seqOf(phones[1]!)),
          messageStatus: 'FAILED',
          resultCode: 3006,
          senderGropuingKey: 'whatever',
        },
        {
          requestId: providerRequestId,
          recipientSeq: seqOf(phones[2]!),
          messageStatus: 'COMPLETED',
          resultCode: '1000',
          receiveDate: '2026-12-02 22:10:06',
        },
        { requestId: 'not-ours', recipientSeq: 1, messageStatus: 'COMPLETED', resultCode: '1000' },
        { requestId: providerRequestId, messageStatus: 'COMPLETED' }, // no recipientSeq: skipped
      ],
    };
    const received = await bench.app.usecases.sms.receiveNhnResults(payload);
    expect(received).toEqual({ ok: true, value: { updated: 3 } });
    const done = await bench.detail(receiptId);
    expect(done.status).toBe('partially_failed');
    expect(done.recipients.map((r) => [r.status, r.resultCode])).toEqual([
      ['success', '1000'],
      ['failed', '3006'],
      ['success', '1000'],
    ]);
    expect(done.recipients[0]!.deliveredAt).toEqual(new Date('2026-12-02T13:10:05Z'));
    // The same hooks again change nothing; a body without hooks is refused.
    expect(await bench.app.usecases.sms.receiveNhnResults(payload)).toEqual({
      ok: true,
      value: { updated: 0 },
    });
    expect(await bench.app.usecases.sms.receiveNhnResults({ event: 'MESSAGE_RESULT_UPDATE' })).toMatchObject({
      ok: false,
      problem: { code: 'invalid_input' },
    });
    expect(await bench.app.usecases.sms.receiveNhnResults({ event: 'UNSUBSCRIBE', hooks: [] })).toEqual({
      ok: true,
      value: { updated: 0 },
    });
    expect(await bench.app.usecases.sms.receiveNhnResults({ nothing: true })).toMatchObject({
      ok: false,
      problem: { code: 'invalid_input', message: 'smsDelivery.webhookUnreadable' },
    });
  }, 30_000);
});
