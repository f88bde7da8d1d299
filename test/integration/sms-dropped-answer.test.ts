import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { numbers, SmsBench } from '../support/sms.js';

/**
 * The answer to a send that NHN accepted never arrives (the connection drops after the accept): the chunk is asked
 * about by its grouping key, found, and not sent again. Ten runs, since a race would show only sometimes.
 */
describe('SMS delivery: a dropped answer after the provider accepted', () => {
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
});
