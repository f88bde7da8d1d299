import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { buildHttpApp } from './http/app.js';
import { maintenanceJobs, scheduleMaintenance } from './jobs/maintenance.js';
import { startScheduler, type JobDefinition, type Scheduler } from './jobs/scheduler.js';
import { createSlackSurface, type SlackSurface } from './slack/app.js';
import { connectDatabase, pingDatabase, type Database } from './store/database.js';
import { createStore, ensureIndexes, type Store } from './store/index.js';
import { registerTeamsRoute } from './teams/adapter.js';
import { WallboardLive } from './usecases/wallboard-live.js';
import { CallbackEvents } from './usecases/callback-events.js';
import type { CallbackDeps } from './usecases/callbacks.js';
import { fetchWebhookClient, type WebhookClient } from './integrations/webhooks.js';
import { forwardInteractionJob } from './jobs/callback-jobs.js';
import { workerListExports } from './exports/list-exports.js';

export interface RunningSwitchboard {
  http: FastifyInstance;
  store: Store;
  scheduler: Scheduler;
  live: WallboardLive;
  /** The callback use cases' dependencies, as every surface gets them. */
  callbacks: CallbackDeps;
  slack: SlackSurface | undefined;
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  logger: FastifyBaseLogger;
  mongodbUrl: string;
  dbName?: string;
  /** Extra job definitions (tests; later, plugins). */
  jobs?: JobDefinition<never>[];
  processEvery?: string | number;
  /** Outgoing webhooks (click-to-dial, tickets); tests may pass a recording client. */
  webhooks?: WebhookClient;
  /** See `SlackDeps.modalAnswerWithinMs` (tests). */
  modalAnswerWithinMs?: number;
  /** See `CallbackDeps.exportDirectory` (tests give each file its own, so they never see each other's exports). */
  exportDirectory?: string;
}

/**
 * Composition: database → store (indexes) → scheduler → HTTP → Slack / Teams → listen.
 * `close()` reverses it: stop taking requests, let running jobs finish (bounded), close the database.
 */
export async function startSwitchboard(config: Config, options: StartOptions): Promise<RunningSwitchboard> {
  const log = options.logger;
  const database: Database = await connectDatabase(options.mongodbUrl, { dbName: options.dbName });
  const store = createStore(database.db);
  await ensureIndexes(store);

  const webhooks = options.webhooks ?? fetchWebhookClient;
  const scheduler = await startScheduler(
    database.db,
    [
      ...maintenanceJobs(store),
      forwardInteractionJob({ store, webhooks, scheduler: () => scheduler, log }) as JobDefinition<never>,
      ...(options.jobs ?? []),
    ],
    { log, processEvery: options.processEvery },
  );
  await scheduleMaintenance((interval, name) => scheduler.every(interval, name));

  // Today's figures are rebuilt from stored events before the app reports ready.
  const live = new WallboardLive(store, log);
  await live.start();
  const callbacks: CallbackDeps = {
    store,
    live,
    events: new CallbackEvents(log),
    webhooks,
    scheduler,
    listExports: workerListExports({ mongodbUrl: options.mongodbUrl, dbName: database.db.databaseName }),
    exportDirectory: options.exportDirectory,
  };

  const http = await buildHttpApp({
    config,
    store,
    live,
    callbacks,
    logger: log,
    probes: [
      { name: 'database', check: () => pingDatabase(database.db) },
      { name: 'scheduler', check: () => scheduler.isReady() },
      { name: 'wallboard', check: () => live.isReady() },
    ],
  });

  let slack: SlackSurface | undefined;
  if (config.slack.mode === 'off') log.info(`Slack is off (${config.slack.reason})`);
  else
    slack = await createSlackSurface(config.slack, store, http, log, {
      live,
      scheduler,
      callbacks,
      publicUrl: config.publicUrl,
      modalAnswerWithinMs: options.modalAnswerWithinMs,
    });

  if (config.teams.mode === 'off') {
    log.info(`Teams is off (${config.teams.reason})`);
    http.post('/api/messages', async (_request, reply) =>
      reply.status(503).send({
        error: {
          code: 'teams_off',
          message: 'Teams is not configured on this server (MICROSOFT_APP_ID is not set)',
        },
      }),
    );
  } else {
    registerTeamsRoute(http, config.teams, store, log);
    if (config.teams.mode === 'emulator') {
      log.warn(
        'Teams runs in emulator mode (TEAMS_EMULATOR=true): /api/messages accepts unauthenticated activities; never expose it',
      );
    }
  }

  await http.listen({ port: config.port, host: config.host });
  if (slack) {
    await slack.start();
    log.info(`Slack is on (${config.slack.mode === 'socket' ? 'Socket Mode' : 'HTTP, POST /slack/events'})`);
  }
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    http,
    store,
    scheduler,
    live,
    callbacks,
    slack,
    url,
    close() {
      closing ??= (async () => {
        await http.close();
        await live.stop();
        await slack?.stop();
        await scheduler.stop(5000);
        await database.close();
      })();
      return closing;
    },
  };
}
