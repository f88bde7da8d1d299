import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectDatabase, type Database } from '../../src/store/database.js';
import { openTestStore, testMongoUrl, uniqueDbName } from '../support/database.js';

/**
 * Conditional updates by id ({_id, status}) are how every callback transition stays atomic. On FerretDB v1
 * they read the whole table unless our build's patches are in (scripts/build-ferretdb.sh); on MongoDB
 * they use the _id index anyway. Asserted through the server's own query plan, not through timing.
 */
/** The server uses its `_id` index for `filter`: FerretDB's plan says so; MongoDB's is no collection scan. */
async function expectIdIndexFor(database: Database, filter: Record<string, unknown>): Promise<void> {
  const plan = await database.db.command({ explain: { find: 'probe', filter }, verbosity: 'queryPlanner' });
  if (plan.serverInfo?.ferretdbVersion) {
    expect(plan.filterPushdown).toBe(true);
    expect(JSON.stringify(plan.queryPlanner)).toMatch(/USING INDEX \S+__id_/);
  } else {
    expect(JSON.stringify(plan.queryPlanner.winningPlan)).not.toContain('COLLSCAN');
  }
}

describe('lookups by _id use the _id index', () => {
  let database: Database;
  beforeAll(async () => {
    ({ database } = await openTestStore('idlookups'));
    await database.db
      .collection<{ _id: string; status: string }>('probe')
      .insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `p${i}`, status: 'open' })));
  });
  afterAll(async () => {
    await database.db.dropDatabase();
    await database.close();
  });

  it('for a filter on _id and another field', async () => {
    await expectIdIndexFor(database, { _id: 'p42', status: 'open' });
  });

  it('for {_id: {$in: [...]}, status} (a batch assignment)', async () => {
    await expectIdIndexFor(database, { _id: { $in: ['p1', 'p7', 'p42'] }, status: 'open' });
    // And the answer is still exact: the pushed-down rows are filtered again.
    const found = await database.db
      .collection('probe')
      .find({ _id: { $in: ['p1', 'p7', 'nope'] } as never, status: 'open' })
      .toArray();
    expect(found.map((d) => d._id).sort()).toEqual(['p1', 'p7']);
  });

  it('a bulk write of many conditional updates completes (FerretDB used to hang past 100)', async () => {
    const result = await database.db.collection<{ _id: string; status: string }>('probe').bulkWrite(
      Array.from({ length: 150 }, (_, i) => ({
        updateOne: { filter: { _id: `p${i % 50}`, status: 'open' }, update: { $set: { status: 'taken' } } },
      })),
      { ordered: false },
    );
    expect(result.modifiedCount).toBe(50);
  });
});

describe('conditional updates racing within one process', () => {
  it('exactly one of 20 concurrent "take it if still open" updates wins, on FerretDB too', async () => {
    const database = await connectDatabase(testMongoUrl(), { dbName: uniqueDbName('race') });
    try {
      const col = database.db.collection<{ _id: string; status: string; by?: number }>('race');
      for (let round = 0; round < 5; round++) {
        await col.insertOne({ _id: `x${round}`, status: 'open' });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, by) =>
            col.updateOne({ _id: `x${round}`, status: 'open' }, { $set: { status: 'taken', by } }),
          ),
        );
        expect(results.reduce((n, r) => n + r.modifiedCount, 0)).toBe(1);
      }
    } finally {
      await database.db.dropDatabase();
      await database.close();
    }
  });
});
