import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectDatabase, type Database } from '../../src/store/database.js';
import { openTestStore, testMongoUrl } from '../support/database.js';

/**
 * Conditional updates by id ({_id, status}) are how every callback transition stays atomic. On FerretDB v1
 * they read the whole table unless our build's two patches are in (scripts/build-ferretdb.sh); on MongoDB
 * they use the _id index anyway. Asserted through the server's own query plan, not through timing.
 */
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
    const plan = await database.db.command({
      explain: { find: 'probe', filter: { _id: 'p42', status: 'open' } },
      verbosity: 'queryPlanner',
    });
    if (plan.serverInfo?.ferretdbVersion) {
      expect(plan.filterPushdown).toBe(true);
      expect(JSON.stringify(plan.queryPlanner)).toMatch(/USING INDEX \S+__id_/);
    } else {
      expect(JSON.stringify(plan.queryPlanner.winningPlan)).not.toContain('COLLSCAN');
    }
  });
});

describe('connection pool', () => {
  it('is one connection on FerretDB, so conditional updates serialize; a pool on MongoDB', async () => {
    const database = await connectDatabase(testMongoUrl(), { dbName: 'pool_probe' });
    try {
      expect(database.client.options.maxPoolSize).toBe(database.ferretDb ? 1 : 20);
    } finally {
      await database.close();
    }
  });
});
