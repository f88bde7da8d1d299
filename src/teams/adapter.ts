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
import type { UseCases } from '../usecases/index.js';
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

/** `http(s)://localhost`, `127.x.x.x` or `[::1]`, any port. */
export function isLoopbackServiceUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `POST /api/messages`. */
export function registerTeamsRoute(
  http: FastifyInstance,
  config: Exclude<Config['teams'], { mode: 'off' }>,
  usecases: UseCases,
  log: FastifyBaseLogger,
): TeamsSurface {
  const teamsLog = log.child({ surface: 'teams' });
  const adapter = new SwitchboardCloudAdapter(config, teamsLog);
  const bot = new SwitchboardTeamsBot(usecases, teamsLog);
  http.post('/api/messages', async (request, reply: FastifyReply) => {
    // botbuilder throws (→ 500) on a body that is not an activity; the caller's mistake deserves a 400.
    if (!activitySchema.safeParse(request.body).success) {
      return reply
        .status(400)
        .send({ error: { code: 'invalid_activity', message: 'The body is not a Bot Framework activity' } });
    }
    // Without authentication nothing vouches for `serviceUrl`, and the bot posts its replies there: only this
    // machine may be named (the Bot Framework Emulator, the tests' connector), never another host or network.
    if (
      config.mode === 'emulator' &&
      !isLoopbackServiceUrl((request.body as { serviceUrl?: unknown }).serviceUrl)
    ) {
      return reply.status(400).send({
        error: {
          code: 'service_url_not_allowed',
          message: 'In emulator mode (TEAMS_EMULATOR=true) serviceUrl must be a loopback http(s) URL',
        },
      });
    }
    const botRequest: BotRequest = {
      body: request.body as Record<string, unknown>,
      headers: request.headers as Record<string, string | string[] | undefined>,
      method: request.method,
    };
    const botResponse = new FastifyBotResponse();
    await adapter.process(botRequest, botResponse, (context) => bot.run(context));
    // botbuilder answers an invoke nobody handles with 501. Card actions and dialogs come with Teams parity; until
    // then such an invoke is a request we cannot serve: a clear 4xx in our error shape, never a 5xx.
    if (botResponse.statusCode === 501 && (request.body as { type?: unknown }).type === 'invoke') {
      const name = (request.body as { name?: unknown }).name;
      return reply.status(400).send({
        error: {
          code: 'unsupported_invoke',
          message: `This bot does not handle ${typeof name === 'string' ? `"${name}" ` : ''}invokes yet`,
        },
      });
    }
    reply.headers(botResponse.headers).status(botResponse.statusCode);
    return botResponse.body === undefined ? reply.send() : reply.send(botResponse.body);
  });
  return { adapter, bot };
}
