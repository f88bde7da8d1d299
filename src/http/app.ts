import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { buildOpenApiDocument } from './openapi.js';
import { requireApiKey } from './plugins/api-auth.js';
import { answerFrameworkError, registerErrorHandling } from './plugins/errors.js';
import { registerHealthRoutes, type HealthProbe } from './routes/health.js';
import { boundDatabaseWait, type DatabaseDeadlineOptions } from './plugins/database-deadline.js';
import { registerServiceRoutes } from './routes/service.js';
import { registerCtiRoutes } from './routes/cti.js';
import { registerWallboardRoutes } from './routes/wallboard.js';
import { registerWallboardPages } from './routes/wallboard-pages.js';
import { registerLegalPages } from './routes/legal-pages.js';
import type { UseCases } from '../usecases/index.js';
import { registerCallbackRoutes } from './routes/callbacks.js';
import { registerExportRoutes } from './routes/exports.js';
import { registerInteractionRoutes } from './routes/interactions.js';
import { registerSmsRoutes, registerSmsWebhook } from './routes/sms.js';
import { trustProxyOption } from './trusted-proxy.js';

/** The Fastify app with everything but the chat surfaces, which `server.ts` adds when they are switched on. */
export async function buildHttpApp(input: {
  config: Config;
  /** Every route reaches the core through these, as Slack and Teams do. */
  usecases: UseCases;
  probes: { readiness: HealthProbe[]; liveness?: HealthProbe[] };
  /** Requests waiting on a database that stopped answering get a 503 instead of hanging. */
  databaseDeadline?: DatabaseDeadlineOptions;
  logger: FastifyBaseLogger;
}): Promise<FastifyInstance> {
  const { usecases } = input;
  const app = Fastify({
    loggerInstance: input.logger,
    // Requests in flight finish on shutdown; idle keep-alive sockets are closed (streams close themselves on preClose).
    forceCloseConnections: 'idle',
    // Only a configured proxy may set the client address: API-key IP allow-lists depend on it.
    trustProxy: trustProxyOption(input.config.trustProxy),
    bodyLimit: 5 * 1024 * 1024,
    frameworkErrors: answerFrameworkError,
  });
  registerErrorHandling(app);
  // Every /api/v1 route, as Fastify registers it, goes into the OpenAPI document (HEAD is GET's shadow).
  const apiRoutes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    for (const method of [route.method].flat())
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url });
  });
  registerHealthRoutes(app, input.probes);
  if (input.databaseDeadline) boundDatabaseWait(app, input.databaseDeadline);

  await app.register(
    async (api) => {
      api.get('/openapi.json', async () => buildOpenApiDocument(input.config.publicUrl, apiRoutes));
      await api.register(async (secured) => {
        requireApiKey(secured, usecases.apiKeys.authenticateApiKey);
        registerServiceRoutes(secured);
        await registerCtiRoutes(secured, usecases.cti);
        registerWallboardRoutes(secured, usecases.live);
        registerCallbackRoutes(secured, usecases.callbacks);
        registerInteractionRoutes(secured, usecases.callbacks);
        registerSmsRoutes(secured, usecases.sms);
      });
      // NHN Cloud calls this one with its own signature, not an API key.
      registerSmsWebhook(api, usecases.sms.receiveNhnResults, input.config.nhnSms.webhookSecret);
    },
    { prefix: '/api/v1' },
  );
  await registerWallboardPages(app, usecases);
  registerLegalPages(app);
  registerExportRoutes(app, usecases.exportLinks);
  return app;
}
