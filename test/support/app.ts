import type { FastifyBaseLogger } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import type { JobDefinition } from '../../src/jobs/scheduler.js';
import type { WebhookClient } from '../../src/integrations/webhooks.js';
import { startSwitchboard, type RunningSwitchboard, type StartOptions } from '../../src/server.js';
import { testMongoUrl, uniqueDbName } from './database.js';

export interface TestApp extends RunningSwitchboard {
  dbName: string;
  config: Config;
}

/**
 * The real server (HTTP, Bolt, the Agents SDK, Agenda, database) in this process on a free port, with its own database
 * and its own folder for export files (removed on close unless given), so test files running side by side never
 * see each other's data or files. Pass the same `dbName` again to simulate a restart on the same data.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    dbName?: string;
    jobs?: JobDefinition<never>[];
    mongodbUrl?: string;
    webhooks?: WebhookClient;
    modalAnswerWithinMs?: number;
    /** Default here 2.5 s: on a loaded machine a modal's lookups may pass the 0.8 s a server waits before a
     * loading modal, and tests that read the modal they opened want it opened directly. */
    modalLoadingAfterMs?: number;
    liveness?: StartOptions['liveness'];
    /** The app's logger (a test that reads the log passes one writing to a stream it holds). */
    logger?: FastifyBaseLogger;
    exportDirectory?: string;
    /** More chat ports for the notification pipeline (an in-memory fake instead of Slack). */
    chatPorts?: StartOptions['chatPorts'];
    /** The SMS use cases' clock (a scheduled send due in seconds without bending the 30-minute rule). */
    smsNow?: StartOptions['smsNow'];
  } = {},
): Promise<TestApp> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', ...options.env }), port: 0, host: '127.0.0.1' };
  const dbName = options.dbName ?? uniqueDbName('app');
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const exportDirectory =
    options.exportDirectory ?? (await mkdtemp(join(tmpdir(), 'switchboard-test-exports-')));
  const app = await startSwitchboard(config, {
    logger,
    mongodbUrl: options.mongodbUrl ?? testMongoUrl(),
    dbName,
    jobs: options.jobs,
    webhooks: options.webhooks,
    modalAnswerWithinMs: options.modalAnswerWithinMs,
    modalLoadingAfterMs: options.modalLoadingAfterMs ?? 2500,
    liveness: options.liveness,
    exportDirectory,
    chatPorts: options.chatPorts,
    smsNow: options.smsNow,
    processEvery: 250,
  });
  const closeApp = app.close.bind(app);
  const close = async () => {
    await closeApp();
    if (!options.exportDirectory) await rm(exportDirectory, { recursive: true, force: true });
  };
  return Object.assign(app, { dbName, config, close });
}
