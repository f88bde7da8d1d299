import { Activity } from '@microsoft/agents-activity';
import {
  AuthType,
  CloudAdapter,
  ConnectorClient,
  getAuthConfigWithDefaults,
  type AuthConfiguration,
  type Request as AgentRequest,
  type TurnContext,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { UseCases } from '../usecases/index.js';
import { SwitchboardTeamsBot } from './bot.js';
import { createTeamsChatPort, type TeamsConnectors } from './chat-port.js';
import type { ChatPort } from '../usecases/notifications/chat-port.js';

type TeamsConfig = Exclude<Config['teams'], { mode: 'off' }>;

/** The Agents SDK's settings for our environment variables (single-tenant unless MICROSOFT_APP_TYPE says otherwise). */
function authConfigurationOf(config: TeamsConfig): AuthConfiguration {
  if (config.mode === 'emulator') return getAuthConfigWithDefaults({ clientId: '' });
  return getAuthConfigWithDefaults({
    clientId: config.appId,
    ...(config.appPassword ? { clientSecret: config.appPassword } : {}),
    // Multi-tenant bots get their tokens from the Bot Framework's own tenant.
    tenantId: config.appType === 'SingleTenant' ? config.tenantId : 'botframework.com',
    authType: config.appType === 'UserAssignedMSI' ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
  });
}

/**
 * The Agents SDK's CloudAdapter, fed from a Fastify route, plus what proactive messages need: a connector client
 * for a stored conversation's `serviceUrl`, signed as the bot (or anonymous in emulator mode).
 */
export class SwitchboardTeamsAdapter extends CloudAdapter implements TeamsConnectors {
  constructor(
    private readonly config: TeamsConfig,
    log: FastifyBaseLogger,
  ) {
    super(authConfigurationOf(config));
    this.onTurnError = async (context: TurnContext, error: Error) => {
      log.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    };
  }

  /** A connector client for `serviceUrl`, for messages nobody's activity is waiting for (cards, DMs, updates). */
  async connectorFor(serviceUrl: string): Promise<ConnectorClient> {
    // Emulator mode only ever talks to this machine; a stored reference cannot point it anywhere else.
    if (this.config.mode === 'emulator') {
      if (!isLoopbackServiceUrl(serviceUrl)) throw new Error(`emulator mode: ${serviceUrl} is not loopback`);
      return ConnectorClient.createClientWithToken(serviceUrl, null as unknown as string);
    }
    const activity = Activity.fromObject({ type: 'message', channelId: 'msteams', serviceUrl });
    return this.createConnectorClientWithIdentity(CloudAdapter.createIdentity(this.config.appId), activity);
  }
}

/** What the SDK writes to the response, collected so Fastify sends it. */
class FastifyAgentResponse implements WebResponse {
  statusCode = 200;
  body: unknown = undefined;
  headers: Record<string, string> = {};
  headersSent = false;
  writableEnded = false;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string) {
    this.headers[name] = value;
    return this;
  }
  send(body?: unknown) {
    this.body = body;
    return this;
  }
  end() {
    this.writableEnded = true;
    return this;
  }
}

const activitySchema = z.looseObject({ type: z.string().min(1), serviceUrl: z.string().optional() });

export interface TeamsSurface {
  adapter: SwitchboardTeamsAdapter;
  bot: SwitchboardTeamsBot;
  /** The notification pipeline's door to Teams (cards in channels, DMs, updates in place). */
  chat: ChatPort;
}

/** Whether the SDK's own activity schema accepts the body (it throws on, e.g., an empty `channelId`). */
function readableBySdk(body: unknown): boolean {
  try {
    Activity.fromObject(body as Record<string, unknown>);
    return true;
  } catch {
    return false;
  }
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

/** `POST /api/messages`: every Teams activity (messages, card actions, dialogs, installs). */
export function registerTeamsRoute(
  http: FastifyInstance,
  config: TeamsConfig,
  usecases: UseCases,
  options: { log: FastifyBaseLogger; publicUrl: string },
): TeamsSurface {
  const teamsLog = options.log.child({ surface: 'teams' });
  const adapter = new SwitchboardTeamsAdapter(config, teamsLog);
  const chat = createTeamsChatPort({ connectors: adapter, usecases, log: teamsLog });
  const bot = new SwitchboardTeamsBot({ usecases, log: teamsLog, publicUrl: options.publicUrl, chat });
  http.post('/api/messages', async (request, reply: FastifyReply) => {
    const agentRequest: AgentRequest = {
      body: request.body as Record<string, unknown>,
      headers: request.headers as Record<string, string | string[] | undefined>,
      method: request.method,
    };
    // The bearer token first (401, nothing read or changed), as the Bot Framework Service expects.
    const auth = new FastifyAgentResponse();
    let authorized = false;
    await adapter.authorizeRequest(agentRequest, auth, () => {
      authorized = true;
    });
    if (!authorized) {
      return reply.status(auth.statusCode === 200 ? 401 : auth.statusCode).send({
        error: { code: 'unauthorized', message: 'A valid Bot Framework bearer token is required' },
      });
    }
    // The SDK throws (→ 500) on a body that is not an activity; the caller's mistake deserves a 400.
    if (!activitySchema.safeParse(request.body).success || !readableBySdk(request.body)) {
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
    const response = new FastifyAgentResponse();
    await adapter.process(agentRequest, response, (context) => bot.run(context));
    // An invoke nobody handles: a request we cannot serve, a clear 4xx in our error shape, never a 5xx.
    if (response.statusCode === 501 && (request.body as { type?: unknown }).type === 'invoke') {
      const name = (request.body as { name?: unknown }).name;
      return reply.status(400).send({
        error: {
          code: 'unsupported_invoke',
          message: `This bot does not handle ${typeof name === 'string' ? `"${name}" ` : ''}invokes`,
        },
      });
    }
    reply.headers(response.headers).status(response.statusCode);
    return response.body === undefined ? reply.send() : reply.send(response.body);
  });
  return { adapter, bot, chat };
}
