import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { settledWithin } from '../settled-within.js';

/**
 * Bolt's receiver for our Fastify server, on `POST /slack/events` (events, slash commands and interactivity).
 *
 * - The signature is checked over the raw body, so this route gets its own string body parser (encapsulated in a
 *   plugin; other routes keep Fastify's JSON parser).
 * - Timestamps more than 5 minutes from now, in either direction, are refused (replay protection).
 * - The HTTP response is sent the moment a listener calls `ack()`; the listener's slower work goes on after it.
 * - A delivery is claimed once (`claimDelivery`) before it runs, so Slack's retries (`X-Slack-Retry-Num`) and
 *   duplicate deliveries to another instance are acknowledged without acting twice.
 */
export interface FastifySlackReceiverOptions {
  signingSecret: string;
  claimDelivery: (key: string) => Promise<boolean>;
  log: FastifyBaseLogger;
  /** A listener that never acks still gets Slack an answer before Slack's 3-second limit. */
  ackTimeoutMs?: number;
  now?: () => number;
}

const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

type AckBody = string | Record<string, unknown> | undefined;

export class FastifySlackReceiver implements Receiver {
  private bolt: App | undefined;
  /** Listener work still running after its ack; shutdown waits for it before the database closes. */
  private readonly inFlight = new Set<Promise<void>>();
  constructor(private readonly options: FastifySlackReceiverOptions) {}

  init(app: App): void {
    this.bolt = app;
  }

  // Fastify owns the server's lifecycle; Bolt's start has nothing to do here.
  async start(): Promise<void> {}

  /** Waits (up to `timeoutMs`) for listeners still working after their ack. */
  async stop(timeoutMs = 5000): Promise<void> {
    await settledWithin(Promise.all(this.inFlight), timeoutMs);
  }

  /** Registers the route in an encapsulated plugin so its raw-body parsers do not leak to other routes. */
  async register(fastify: FastifyInstance): Promise<void> {
    await fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
        done(null, body),
      );
      scope.post('/slack/events', async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        return this.handle(raw, request.headers, reply);
      });
    });
  }

  private verify(raw: string, headers: Record<string, string | string[] | undefined>): string | undefined {
    const timestamp = Number(headers['x-slack-request-timestamp']);
    const signature = String(headers['x-slack-signature'] ?? '');
    if (!Number.isInteger(timestamp)) return 'missing or malformed X-Slack-Request-Timestamp';
    const now = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    if (Math.abs(now - timestamp) > MAX_CLOCK_SKEW_SECONDS) return 'timestamp more than 5 minutes from now';
    const expected =
      'v0=' + createHmac('sha256', this.options.signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex');
    const a = Buffer.from(expected);
    const b = Buffer.from(signature);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return 'signature mismatch';
    return undefined;
  }

  private async handle(
    raw: string,
    headers: Record<string, string | string[] | undefined>,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const log = this.options.log;
    const problem = this.verify(raw, headers);
    if (problem) {
      log.warn({ problem }, 'slack request refused');
      return reply
        .status(401)
        .send({ error: { code: 'invalid_signature', message: `Slack request refused: ${problem}` } });
    }

    const body = parseSlackBody(raw, String(headers['content-type'] ?? ''));
    if (!body)
      return reply
        .status(400)
        .send({ error: { code: 'invalid_body', message: 'Body is neither JSON nor a Slack form' } });
    if (body.ssl_check) return reply.status(200).send();
    if (body.type === 'url_verification') return reply.status(200).send({ challenge: body.challenge });
    const missing = missingIdentity(body);
    if (missing) {
      // Bolt reads these before any listener of ours runs, and throws without them.
      log.warn({ missing }, 'slack request without its team or user');
      return reply
        .status(400)
        .send({ error: { code: 'invalid_payload', message: `Slack payload without ${missing}` } });
    }

    const retryNum =
      headers['x-slack-retry-num'] === undefined ? undefined : Number(headers['x-slack-retry-num']);
    const key = deliveryKey(body, raw);
    if (!(await this.options.claimDelivery(key))) {
      log.info({ key, retryNum }, 'slack delivery already handled; acknowledging without acting again');
      return reply.status(200).header('x-slack-no-retry', '1').send();
    }

    const bolt = this.bolt;
    if (!bolt) throw new Error('Slack receiver used before Bolt initialised it');

    let settle: (response: { status: number; body: AckBody }) => void = () => {};
    const responded = new Promise<{ status: number; body: AckBody }>((resolve) => (settle = resolve));
    let acked = false;
    const timer = setTimeout(() => {
      if (acked) return;
      acked = true;
      log.warn({ key }, 'no listener acknowledged this Slack request in time; answering 200 for it');
      settle({ status: 200, body: undefined });
    }, this.options.ackTimeoutMs ?? 2500);

    const event: ReceiverEvent = {
      body,
      retryNum,
      retryReason: headers['x-slack-retry-reason'] as string | undefined,
      customProperties: {},
      ack: async (response?: AckBody) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        settle({ status: 200, body: response });
      },
    };
    const work: Promise<void> = bolt
      .processEvent(event)
      .then(() => {
        // Every listener has finished and none acknowledged (nothing matched): nobody will, so answer now rather
        // than when the timer runs out.
        if (!acked) {
          acked = true;
          clearTimeout(timer);
          settle({ status: 200, body: undefined });
        }
      })
      .catch((error: unknown) => {
        log.error({ err: error, key }, 'slack listener failed');
        // Slack only needs to know the request arrived: a 5xx would make it retry a delivery that fails the same
        // way every time, and the person sees Slack's generic error either way.
        if (!acked) {
          acked = true;
          clearTimeout(timer);
          settle({ status: 200, body: undefined });
        }
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);

    const response = await responded;
    if (response.body === undefined || response.body === '') return reply.status(response.status).send();
    if (typeof response.body === 'string')
      return reply.status(response.status).type('text/plain; charset=utf-8').send(response.body);
    return reply.status(response.status).send(response.body);
  }
}

/** Events are JSON; slash commands are a form; interactivity is a form with one `payload` JSON field. */
export function parseSlackBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
    return form;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';
const field = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/**
 * What Slack always sends and Bolt relies on to route a request (its `buildSource`): the workspace (or enterprise
 * grid) and, for commands and interactivity, the person. Undefined when both are there.
 */
function missingIdentity(body: Record<string, unknown>): string | undefined {
  const enterprise = text(body.enterprise_id) || text(field(body.enterprise, 'id'));
  if (typeof body.command === 'string') {
    if (!text(body.team_id) && !enterprise) return 'a team (team_id)';
    if (!text(body.user_id)) return 'a user (user_id)';
    return undefined;
  }
  if (body.type === 'event_callback') {
    if (!text(body.team_id) && !enterprise && !text(field(body.event, 'team'))) return 'a team (team_id)';
    return undefined;
  }
  if (body.type === 'app_rate_limited') return undefined;
  // Interactivity (block_actions, view_submission, shortcut, …) always names the person and their workspace.
  if (!text(field(body.user, 'id'))) return 'a user (user.id)';
  if (!text(field(body.team, 'id')) && !text(field(body.user, 'team_id')) && !enterprise)
    return 'a team (team.id)';
  return undefined;
}

/**
 * The identity of one delivery: Events API retries keep their `event_id`; for commands and interactivity a retry is
 * byte-identical, so the body's hash is its identity.
 */
function deliveryKey(body: Record<string, unknown>, raw: string): string {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  return `body:${createHash('sha256').update(raw).digest('hex')}`;
}
