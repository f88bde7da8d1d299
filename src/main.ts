import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startEmbeddedMongo, type EmbeddedMongo } from './store/embedded-mongo.js';
import { startSwitchboard } from './server.js';
import { createRedactingLogger } from './log-redaction.js';

/** `npm start`: validate the environment, find a database (MONGODB_URL or the embedded ladder), serve, shut down cleanly. */
async function main(): Promise<void> {
  // A local .env is a convenience for development; real environment variables always win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const log = createRedactingLogger({ level: config.logLevel, base: { app: 'switchboard' } });
  let embedded: EmbeddedMongo | undefined;
  let mongodbUrl = config.mongodbUrl;
  if (!mongodbUrl) {
    try {
      embedded = await startEmbeddedMongo({
        dataDir: config.dataDir,
        persistent: true,
        log: (line) => log.info(line),
      });
    } catch (error) {
      // Every rung failed: one clear line, not a stack trace.
      process.stderr.write(`No database: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
    mongodbUrl = embedded.url;
  }

  const app = await startSwitchboard(config, {
    logger: log,
    mongodbUrl,
    // FerretDB's supervisor restarts it when it dies or freezes; once it gives up, only a new process can help.
    liveness: embedded
      ? [{ name: 'embeddedDatabase', check: () => embedded.state() !== 'failed' }]
      : undefined,
  }).catch(async (error: unknown) => {
    log.fatal({ err: error }, 'Switchboard could not start');
    await embedded?.stop();
    process.exit(1);
  });
  log.info(`Switchboard is listening on ${app.url} (public URL ${config.publicUrl})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // Never hang: whatever is still open after 9 s is abandoned (the 10 s budget of a container stop).
    setTimeout(() => {
      log.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, 9000).unref();
    try {
      await app.close();
      await embedded?.stop();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
