import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import { SwitchboardTeamsBot } from './bot.js';

/**
 * botbuilder's CloudAdapter, fed from a Fastify route. botbuilder expects Express/Restify-like request and
 * response objects; `FastifyBotResponse` collects what the adapter writes and Fastify sends it.
 * With no MICROSOFT_APP_ID, authentication is off exactly as with the Bot Framework Emulator.
 */
export class SwitchboardCloudAdapter extends CloudAdapter {
  constructor(config: Config['teams'], log: FastifyBaseLogger) {
    const credentials =
      config.mode === 'on'
        ? new ConfigurationServiceClientCredentialFactory({
            MicrosoftAppId: config.appId,
            MicrosoftAppPassword: config.appPassword,
            MicrosoftAppType: config.appType,
            MicrosoftAppTenantId: config.tenantId,
          })
        : new ConfigurationServiceClientCredentialFactory({});
    super(new ConfigurationBotFrameworkAuthentication({}, credentials));
    this.onTurnError = async (context: TurnContext, error: Error) => {
      log.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    };
  }
}

class FastifyBotResponse implements BotResponse {
  socket: unknown = null;
  statusCode = 200;
  body: unknown = undefined;
  headers: Record<string, string> = {};
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown) {
    this.headers[name] = String(value);
    return this;
  }
  send(body?: unknown) {
    this.body = body;
    return this;
  }
  end() {
    return this;
  }
}

const activitySchema = z.looseObject({ type: z.string().min(1), serviceUrl: z.string().optional() });

export interface TeamsSurface {
  adapter: SwitchboardCloudAdapter;
  bot: SwitchboardTeamsBot;
}

/** `POST /api/messages`. */
export function registerTeamsRoute(
  http: FastifyInstance,
  config: Exclude<Config['teams'], { mode: 'off' }>,
  store: Store,
  log: FastifyBaseLogger,
): TeamsSurface {
  const teamsLog = log.child({ surface: 'teams' });
  const adapter = new SwitchboardCloudAdapter(config, teamsLog);
  const bot = new SwitchboardTeamsBot(store, teamsLog);
  http.post('/api/messages', async (request, reply: FastifyReply) => {
    // botbuilder throws (→ 500) on a body that is not an activity; the caller's mistake deserves a 400.
    if (!activitySchema.safeParse(request.body).success) {
      return reply
        .status(400)
        .send({ error: { code: 'invalid_activity', message: 'The body is not a Bot Framework activity' } });
    }
    const botRequest: BotRequest = {
      body: request.body as Record<string, unknown>,
      headers: request.headers as Record<string, string | string[] | undefined>,
      method: request.method,
    };
    const botResponse = new FastifyBotResponse();
    await adapter.process(botRequest, botResponse, (context) => bot.run(context));
    reply.headers(botResponse.headers).status(botResponse.statusCode);
    return botResponse.body === undefined ? reply.send() : reply.send(botResponse.body);
  });
  return { adapter, bot };
}
