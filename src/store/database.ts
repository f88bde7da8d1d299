import { MongoClient, type Db } from 'mongodb';

export interface Database {
  client: MongoClient;
  db: Db;
  /** FerretDB v1 (the embedded default): conditional updates are atomic only because commands serialize. */
  ferretDb: boolean;
  close(): Promise<void>;
}

/** Database name: the URL's path if it has one (`mongodb://h/acme`), else `switchboard`. */
export function databaseNameFromUrl(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : 'switchboard';
}

/**
 * Connects with a pool of 20, except on FerretDB v1 without an explicit pool size: there one connection. FerretDB
 * runs `update`/`findAndModify` as a read then a write, so two connections can both see "still unassigned" and
 * both assign; commands on one connection run one after another, which makes every conditional update of ours
 * atomic again (TESTING.md). SQLite writes one transaction at a time anyway, so little is lost.
 */
export async function connectDatabase(
  url: string,
  options: { dbName?: string; maxPoolSize?: number } = {},
): Promise<Database> {
  const open = async (maxPoolSize: number) => {
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: 10_000,
      maxPoolSize,
      appName: 'switchboard',
      // An undefined field is left out, never stored as null behind the schema's back.
      ignoreUndefined: true,
    });
    await client.connect();
    return client;
  };
  let client = await open(options.maxPoolSize ?? 20);
  const info = await client.db('admin').command({ buildInfo: 1 });
  const ferretDb = typeof info.ferretdbVersion === 'string';
  if (ferretDb && options.maxPoolSize === undefined) {
    await client.close();
    client = await open(1);
  }
  const db = client.db(options.dbName ?? databaseNameFromUrl(url));
  return { client, db, ferretDb, close: () => client.close() };
}

export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.command({ ping: 1 }, { timeoutMS: 2000 });
    return true;
  } catch {
    return false;
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
