import { MongoClient, type Db } from 'mongodb';

export interface Database {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/** Database name: the URL's path if it has one (`mongodb://h/acme`), else `switchboard`. */
export function databaseNameFromUrl(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : 'switchboard';
}

export async function connectDatabase(
  url: string,
  options: { dbName?: string; maxPoolSize?: number } = {},
): Promise<Database> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: options.maxPoolSize ?? 20,
    appName: 'switchboard',
    // An undefined field is left out, never stored as null behind the schema's back.
    ignoreUndefined: true,
  });
  await client.connect();
  const db = client.db(options.dbName ?? databaseNameFromUrl(url));
  return { client, db, close: () => client.close() };
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
