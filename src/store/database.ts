import { MongoClient, type Db } from 'mongodb';
import { serializeReadThenWrite } from './serialized-writes.js';

export interface Database {
  client: MongoClient;
  db: Db;
  /** FerretDB v1 (the embedded default): its read-then-write commands take turns within this process. */
  ferretDb: boolean;
  close(): Promise<void>;
}

/** Database name: the URL's path if it has one (`mongodb://h/acme`), else `switchboard`. */
export function databaseNameFromUrl(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : 'switchboard';
}

/**
 * How long an operation waits for a database it cannot reach (refused, restarting) before it fails with the
 * error the HTTP layer answers 503: a few seconds, not the driver's 30. A frozen server is the request deadline's
 * matter (`http/plugins/database-deadline.ts`): the driver notices it only through its monitor.
 */
export const DATABASE_SELECTION_TIMEOUT_MS = 3000;

/**
 * A pool of 20 connections. On FerretDB v1 the writes that read first take turns within the process
 * (`serialized-writes.ts`), so conditional updates stay atomic there too.
 */
export async function connectDatabase(
  url: string,
  options: { dbName?: string; maxPoolSize?: number } = {},
): Promise<Database> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: DATABASE_SELECTION_TIMEOUT_MS,
    // The monitor's hello fails after connectTimeoutMS on a frozen server; that clears the pool and interrupts
    // the operations stuck on it. Checking every 2 s (not 10) notices it, and a restarted server, sooner.
    connectTimeoutMS: DATABASE_SELECTION_TIMEOUT_MS,
    heartbeatFrequencyMS: 2000,
    maxPoolSize: options.maxPoolSize ?? 20,
    appName: 'switchboard',
    // An undefined field is left out, never stored as null behind the schema's back.
    ignoreUndefined: true,
  });
  await client.connect();
  const ferretDb = await isFerretDb(client.db('admin'));
  const plain = client.db(options.dbName ?? databaseNameFromUrl(url));
  const db = ferretDb ? serializeReadThenWrite(plain) : plain;
  return { client, db, ferretDb, close: () => client.close() };
}

/** Whether the server is FerretDB (it says so in `buildInfo`), whose SQLite backend indexes only `_id`. */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
