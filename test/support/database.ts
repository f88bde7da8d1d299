import { randomBytes } from 'node:crypto';
import { connectDatabase, type Database } from '../../src/store/database.js';
import { createStore, ensureIndexes, type Store } from '../../src/store/index.js';

export function testMongoUrl(): string {
  const url = process.env.SWITCHBOARD_TEST_MONGODB_URL;
  if (!url) throw new Error('globalSetup did not start a database');
  return url;
}

/** A fresh database per call, so test files never see each other's data. */
export function uniqueDbName(label: string): string {
  return `t_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
}

export async function openTestStore(
  label: string,
  options: { maxPoolSize?: number } = {},
): Promise<{
  database: Database;
  store: Store;
  dbName: string;
}> {
  const dbName = uniqueDbName(label);
  const database = await connectDatabase(testMongoUrl(), { dbName, ...options });
  const store = createStore(database.db);
  await ensureIndexes(store);
  return { database, store, dbName };
}
