import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../src/config.js';
import { connectDatabase } from '../src/store/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/store/embedded-mongo.js';
import { createStore, ensureIndexes, type Store } from '../src/store/index.js';
import { createWebhookClient } from '../src/integrations/webhooks.js';
import { createOperatorUseCases, type OperatorUseCases } from '../src/usecases/operator.js';

export interface OperatorDatabase {
  config: Config;
  /** What the CLI may do: the operators' use cases, bound to this database. */
  usecases: OperatorUseCases;
  /** The repositories themselves, for the simulator's demo data (the CLI goes through `usecases`). */
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
  // The same address rules for webhook URLs as the server, with the same WEBHOOK_ALLOW_PRIVATE_NETWORKS.
  const webhooks = createWebhookClient({ allowedNetworks: config.webhookAllowedNetworks });
  return {
    config,
    usecases: createOperatorUseCases({ store, webhooks }),
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
