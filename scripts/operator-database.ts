import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../src/config.js';
import { connectDatabase } from '../src/store/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/store/embedded-mongo.js';
import { createStore, ensureIndexes, type Store } from '../src/store/index.js';

export interface OperatorDatabase {
  config: Config;
  store: Store;
  /** The embedded server this process found or started; `kind: 'shared'` means `npm start` is running on it. */
  embedded: EmbeddedMongo | undefined;
  close(): Promise<void>;
}

/**
 * The database the server uses, for operator scripts (CLI, simulator): the same `.env` and validation as
 * `npm start`, then MONGODB_URL or the embedded database of DATA_DIR (reused while the server runs; one started
 * here ends with this process). Throws `ConfigError` for a bad environment.
 */
export async function openOperatorDatabase(): Promise<OperatorDatabase> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  let embedded: EmbeddedMongo | undefined;
  let url = config.mongodbUrl;
  if (!url) {
    embedded = await startEmbeddedMongo({
      dataDir: config.dataDir,
      persistent: true,
      shareable: false,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    url = embedded.url;
  }
  const database = await connectDatabase(url);
  const store = createStore(database.db);
  await ensureIndexes(store);
  let closed = false;
  return {
    config,
    store,
    embedded,
    async close() {
      if (closed) return;
      closed = true;
      await database.close().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
