import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import { buildHttpApp } from './http/app.js';
import { maintenanceJobs, scheduleMaintenance } from './jobs/maintenance.js';
import { startScheduler, type JobDefinition, type Scheduler } from './jobs/scheduler.js';
import { createSlackSurface, type SlackSurface } from './slack/app.js';
import { connectDatabase, type Database } from './store/database.js';
import { DatabaseHealth } from './store/database-health.js';
import type { HealthProbe } from './http/routes/health.js';
import { createStore, ensureIndexes, type Store } from './store/index.js';
import { registerTeamsRoute } from './teams/adapter.js';
import { WallboardLive } from './usecases/wallboard-live.js';
import { CallbackEvents } from './usecases/callback-events.js';
import type { CallbackDeps } from './usecases/callbacks.js';
import { createUseCases, type UseCases } from './usecases/index.js';
import { createWebhookClient, type WebhookClient } from './integrations/webhooks.js';
import { forwardInteractionJob } from './jobs/callback-jobs.js';
import { forwardInteraction } from './usecases/interaction-forwarding.js';
import {
  purgeExpiredExportLinks,
  purgeExpiredSlackDeliveries,
  purgeOldCtiEvents,
} from './usecases/maintenance.js';
import {
  notificationJobs,
  notificationWakeups,
  pinnedWallboardRefresh,
  scheduleNotificationJobs,
} from './jobs/notification-jobs.js';
import { createNotifications, type Notifications } from './usecases/notifications/index.js';
import type { ChatPort } from './usecases/notifications/chat-port.js';
import { workerListExports } from './exports/list-exports.js';
import { listExportRowsIn } from './store/list-export-rows.js';
import { createNhnSmsProvider } from './integrations/nhn-sms/nhn-client.js';
import type { SmsProvider } from './integrations/nhn-sms/provider.js';
import { smsJobs } from './jobs/sms-jobs.js';
import type { SmsDeps } from './usecases/sms/deps.js';
import { deliverSmsRequest, resumeInterruptedSms } from './usecases/sms/delivery.js';
import { pollSmsResults } from './usecases/sms/results.js';

export interface RunningSwitchboard {
  http: FastifyInstance;
  store: Store;
  scheduler: Scheduler;
  live: WallboardLive;
  /** The callback use cases' dependencies, as every surface gets them. */
  callbacks: CallbackDeps;
  /** Every use case, bound: what the surfaces receive. */
  usecases: UseCases;
  /** The notification pipeline, bound to the chat ports of the running surfaces. */
  notifications: Notifications;
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
  /** See `SlackDeps.modalLoadingAfterMs` (tests). */
  modalLoadingAfterMs?: number;
  /** More `/healthz` checks: whatever can tell that this process cannot recover (the embedded database's supervisor). */
  liveness?: HealthProbe[];
  /** A request that has waited this long on a database that does not answer pings gets 503 (default 3 s). */
  databaseWaitMs?: number;
  /** `/healthz` fails once the database has not answered for this long (default 5 minutes). */
  databaseDownLimitMs?: number;
  /** See `CallbackDeps.exportDirectory` (tests give each file its own, so they never see each other's exports). */
  exportDirectory?: string;
  /** More chat ports for the notification pipeline (tests pass an in-memory fake). */
  chatPorts?: ChatPort[];
  /** The SMS provider instead of the NHN client built from `config.nhnSms` (tests, tools). */
  smsProvider?: SmsProvider;
  /** The SMS use cases' clock (tests: a scheduled send due in seconds, without bending the 30-minute rule). */
  smsNow?: () => Date;
}

const DATABASE_WAIT_MS = 3000;
// Far beyond a restart of the embedded database (a few seconds) or a replica set election (about 12 s): by then
// something is wrong that a fresh process may fix (a client stuck on a stale address, a wedged pool).
const DATABASE_DOWN_LIMIT_MS = 5 * 60_000;

/**
 * Composition: database → store (indexes) → scheduler → HTTP → Slack / Teams → listen.
 * `close()` reverses it: stop taking requests, let running jobs finish (bounded), close the database.
 */
export async function startSwitchboard(config: Config, options: StartOptions): Promise<RunningSwitchboard> {
  const log = options.logger;
  const database: Database = await connectDatabase(options.mongodbUrl, { dbName: options.dbName });
  const store = createStore(database.db);
  await ensureIndexes(store);
  const databaseHealth = new DatabaseHealth(database.db);
  databaseHealth.start();

  const webhooks =
    options.webhooks ?? createWebhookClient({ allowedNetworks: config.webhookAllowedNetworks, log });
  const scheduler = await startScheduler(
    database.db,
    [
      // Jobs run use cases bound here, not through the `usecases` object: Agenda may start a due job before it exists.
      ...maintenanceJobs({
        purgeExpiredSlackDeliveries: () => purgeExpiredSlackDeliveries(store),
        purgeOldCtiEvents: () => purgeOldCtiEvents(store),
        purgeExpiredExportLinks: () => purgeExpiredExportLinks(store),
      }),
      forwardInteractionJob({
        forward: (interactionId) =>
          forwardInteraction(
            { store, webhooks, scheduler: { schedule: (...args) => scheduler.schedule(...args) } },
            interactionId,
          ),
        log,
      }) as JobDefinition<never>,
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
    listExports: workerListExports(
      listExportRowsIn({ mongodbUrl: options.mongodbUrl, dbName: database.db.databaseName }),
    ),
    exportDirectory: options.exportDirectory,
  };
  const { appKey, secretKey, baseUrl } = config.nhnSms;
  const sms: SmsDeps = {
    store,
    provider:
      options.smsProvider ??
      (appKey && secretKey ? createNhnSmsProvider({ appKey, secretKey, baseUrl }) : undefined),
    scheduler,
    log: log.child({ part: 'sms' }),
    now: options.smsNow,
    thisProcess: { host: hostname(), pid: process.pid, boot: randomUUID(), isAlive: processIsAlive },
  };
  // Defined once `scheduler` exists (a due delivery may start at once); then whatever a dead process left
  // half-sent is picked up again.
  for (const job of smsJobs({
    deliver: (requestId) => deliverSmsRequest(sms, requestId),
    pollResults: (requestId) => pollSmsResults(sms, requestId),
  }))
    scheduler.define(job);
  await resumeInterruptedSms(sms).catch((error: unknown) =>
    log.error({ err: error }, 'could not resume interrupted SMS deliveries'),
  );
  const usecases = createUseCases({
    ...callbacks,
    live,
    webhooks,
    pinnedWallboardRefresh: pinnedWallboardRefresh(() => scheduler),
    sms,
  });

  const http = await buildHttpApp({
    config,
    usecases,
    logger: log,
    probes: {
      readiness: [
        { name: 'database', check: () => databaseHealth.isAnswering() },
        { name: 'scheduler', check: () => scheduler.isReady() },
        { name: 'wallboard', check: () => live.isReady() },
      ],
      liveness: [
        {
          name: 'database',
          check: () =>
            databaseHealth.unansweredForMs() < (options.databaseDownLimitMs ?? DATABASE_DOWN_LIMIT_MS),
        },
        ...(options.liveness ?? []),
      ],
    },
    databaseDeadline: {
      isAnswering: () => databaseHealth.isAnswering(),
      afterMs: options.databaseWaitMs ?? DATABASE_WAIT_MS,
    },
  });

  // What people are told and when is decided once, here; each running surface says how, through its chat port.
  // The ports are filled in as the surfaces start (Slack and Teams below).
  const chatPorts: ChatPort[] = [...(options.chatPorts ?? [])];
  const notifications = createNotifications({
    store,
    live,
    callbacks,
    ports: chatPorts,
    wake: notificationWakeups(() => scheduler),
    log: log.child({ part: 'notifications' }),
  });
  // Defined even without a surface: jobs stored by an earlier run find their handler (and find nowhere to post).
  for (const job of notificationJobs(notifications)) scheduler.define(job);
  const chatSurfaces = config.slack.mode !== 'off' || config.teams.mode !== 'off' || chatPorts.length > 0;
  if (chatSurfaces) {
    // Subscribed before the surfaces' own listeners (the App Home refresh): the durable jobs are scheduled before
    // a hundred home views start reading the database beside them.
    callbacks.events.subscribe((changes) => notifications.scheduleCallbackNotifications(changes));
    await scheduleNotificationJobs(scheduler).catch((error: unknown) =>
      log.error({ err: error }, 'could not schedule callback reminders'),
    );
  }

  let slack: SlackSurface | undefined;
  if (config.slack.mode === 'off') log.info(`Slack is off (${config.slack.reason})`);
  else
    slack = await createSlackSurface(config.slack, http, log, {
      usecases,
      publicUrl: config.publicUrl,
      modalAnswerWithinMs: options.modalAnswerWithinMs,
      modalLoadingAfterMs: options.modalLoadingAfterMs,
    });
  if (slack) chatPorts.push(slack.chat);

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
    const teams = registerTeamsRoute(http, config.teams, usecases, { log, publicUrl: config.publicUrl });
    chatPorts.push(teams.chat);
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
    usecases,
    notifications,
    slack,
    url,
    close() {
      closing ??= (async () => {
        await http.close();
        await live.stop();
        await slack?.stop();
        await scheduler.stop(5000);
        databaseHealth.stop();
        await database.close();
      })();
      return closing;
    },
  };
}

/** Whether a process of this host still runs (signal 0 checks without sending; EPERM: it runs as another user). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
