import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { serializeReadThenWrite } from '../../src/store/serialized-writes.js';

function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The writes that take turns on FerretDB, while nothing listens where the database should be. Each would wait out
 * server selection in single file; callers on a timer (Agenda) would then queue faster than the line moves.
 */
describe('writes waiting their turn while the database is unreachable', () => {
  const clients: MongoClient[] = [];
  afterAll(async () => {
    for (const client of clients) await client.close();
  });

  it('fail at once behind a write that found the server unreachable, and still try again later', async () => {
    const client = new MongoClient(`mongodb://127.0.0.1:${await unusedPort()}/`, {
      serverSelectionTimeoutMS: 300,
    });
    clients.push(client);
    const jobs = serializeReadThenWrite(client.db('x')).collection('jobs');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => jobs.updateOne({ _id: `j${i}` as never }, { $set: { n: i } })),
    );
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error) : undefined));
    expect(reasons[0]?.name).toBe('MongoServerSelectionError');
    for (const reason of reasons.slice(1)) {
      expect(reason?.name).toBe('MongoNetworkError');
      expect(reason?.message).toContain('not tried');
    }
    // A second later the next write goes to the driver again (which still cannot reach anything).
    await new Promise((r) => setTimeout(r, 1100));
    const later = await jobs
      .updateOne({ _id: 'j9' as never }, { $set: { n: 9 } })
      .catch((error: Error) => error);
    expect(later).toBeInstanceOf(Error);
    expect((later as Error).message).not.toContain('not tried');
  });
});
