import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { numbers, SmsBench } from '../support/sms.js';

/**
 * NHN misbehaving mid-delivery. The answer to a send it accepted never arrives (the connection drops after the
 * accept): the chunk is asked about by its grouping key, found, and not sent again — ten runs, since a race would
 * show only sometimes. A 503 that took nothing: asked about, not found, sent again. A refusal: that chunk fails.
 */
describe('SMS delivery when NHN fails mid-way', () => {
  let bench: SmsBench;
  beforeAll(async () => {
    bench = await SmsBench.start();
  });
  afterAll(async () => {
    await bench.close();
  });

  it('the provider accepts chunk 2 of 3 and drops the connection: everyone exactly once (10 runs)', async () => {
    for (let run = 0; run < 10; run++) {
      const phones = numbers(10 + run, 2001);
      const body = `Dropped answer ${run}`;
      bench.fake.dropAfterAccept(2);
      const receipt = await bench.send({ body, recipients: phones });
      await bench.untilChunksSettled(receipt.id);
      bench.fake.dropAfterAccept(undefined);
      // Chunk 2 was asked about, not sent again: three sends, one per chunk, the second one unanswered.
      const calls = bench.sendCallsWith(body);
      expect([run, calls.length, calls.filter((c) => c.injected === 'dropped').length]).toEqual([run, 3, 1]);
      bench.expectEachOnce(phones);
      const chunks = await bench.chunks(receipt.id);
      expect(chunks.map((c) => c.state)).toEqual(['accepted', 'accepted', 'accepted']);
    }
  }, 120_000);

  it('a 503 that NHN gave without taking the request: asked about, not found, sent again once', async () => {
    const phones = numbers(21, 2001);
    const body = 'Unavailable once';
    const firstOfChunk2 = phones[1000]!;
    bench.fake.failNext({
      status: 503,
      match: (call) =>
        (call.body as { body?: string; recipientList?: { recipientNo: string }[] } | undefined)?.body ===
          body &&
        (call.body as { recipientList: { recipientNo: string }[] }).recipientList[0]?.recipientNo ===
          firstOfChunk2,
    });
    const receipt = await bench.send({ body, recipients: phones });
    await bench.untilChunksSettled(receipt.id);
    const calls = bench.sendCallsWith(body);
    expect(calls.map((c) => c.status)).toEqual([200, 503, 200, 200]);
    bench.expectEachOnce(phones);
    expect((await bench.chunks(receipt.id)).map((c) => [c.state, c.attempts])).toEqual([
      ['accepted', 1],
      ['accepted', 2],
      ['accepted', 1],
    ]);
  }, 60_000);

  it('NHN refuses one chunk (sender not registered): that chunk fails with the code, the others are sent', async () => {
    const phones = numbers(22, 2001);
    const body = 'Refused chunk';
    const firstOfChunk3 = phones[2000]!;
    bench.fake.failNext({
      header: { resultCode: -2312, resultMessage: 'Unregistered sendNo.' },
      match: (call) =>
        (call.body as { recipientList?: { recipientNo: string }[] } | undefined)?.recipientList?.[0]
          ?.recipientNo === firstOfChunk3,
    });
    const receipt = await bench.send({ body, recipients: phones });
    const done = await bench.untilStatus(receipt.id, ['partially_failed'], 30_000);
    expect(bench.sendCallsWith(body)).toHaveLength(3);
    expect(done.counts).toEqual({ total: 2001, pending: 0, success: 2000, failed: 1, cancelled: 0 });
    const third = await bench.detail(receipt.id, 3);
    expect(third.recipients).toEqual([
      {
        phone: firstOfChunk3,
        status: 'failed',
        resultCode: '-2312',
        resultMessage: 'Unregistered sendNo.',
        deliveredAt: null,
      },
    ]);
    expect(bench.fake.deliveryCount(firstOfChunk3)).toBe(0);
  }, 60_000);
});
