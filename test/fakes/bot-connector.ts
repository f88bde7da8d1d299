import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { RetryAfterLedger } from './retry-after-ledger.js';

/**
 * A local stand-in for the Bot Framework connector service (REST API v3) that an activity's `serviceUrl` points to,
 * over real HTTP, so the Agents SDK's own ConnectorClient (CloudAdapter, TurnContext) talks to it unchanged.
 *
 * Routes (the ones ConnectorClient calls for what Switchboard does):
 * - `POST /v3/conversations` — create a conversation (proactive DM or new channel thread) → `201 { id, activityId? }`
 * - `POST /v3/conversations/{conversationId}/activities` — send → `200 { id }`
 * - `POST /v3/conversations/{conversationId}/activities/{activityId}` — reply → `200 { id }`
 * - `PUT /v3/conversations/{conversationId}/activities/{activityId}` — update → `200 { id }`
 * - `DELETE /v3/conversations/{conversationId}/activities/{activityId}` → `200`
 * - `GET /v3/conversations/{conversationId}/members` → one member; `…/members/{memberId}`, `…/pagedmembers` too
 *
 * Contract details worth knowing:
 * - Teams ids contain `:`, `@`, `;` (`19:abc@thread.tacv2;messageid=1`), all legal in a path: the Agents SDK puts
 *   conversation ids in the path as they are (activity ids of replies encoded). Segments are decoded one by one, so
 *   a client that does encode (an encoded `/` included) is read the same.
 * - Updating or deleting an activity the connector never saw answers 404 with Teams' ErrorResponse
 *   `{ error: { code: 'ActivityNotFoundInConversation', message } }`; a conversation it never saw gets
 *   `ConversationNotFound`. Those are the codes Teams returns (microsoft/BotFramework-Services#269).
 * - A new thread in a Teams channel (`channelData.channel.id`) gets Teams' id shape `{channelId};messageid={activityId}`.
 * - Every `application/vnd.microsoft.card.adaptive` attachment of every body is validated with validateAdaptiveCard;
 *   failures land in `cardViolations`, prefixed with the call. The call still succeeds — as with Slack's fake, the
 *   test asserts `cardViolations` is empty, which points at the card rather than at a confusing connector error.
 * - Invoke responses (task module / dialog cards, `adaptiveCard/action` answers) travel in the HTTP response to
 *   `/api/messages`, not through the connector; validate those where the test reads them.
 *
 * Strict where the connector is strict:
 * - With `requireBearer(token)` (a bot that has credentials), a call without `Authorization: Bearer <token>` answers
 *   401 and is recorded as a violation: the Agents SDK signs every call once MICROSOFT_APP_ID is set.
 * - Only conversations it knows exist: ones it created, and ones a test says a user wrote from
 *   (`addConversation`, the conversation of an activity posted to /api/messages). Sending, replying, updating or
 *   reading members anywhere else answers 404 `ConversationNotFound`.
 * - `throttle()` answers 429 with `Retry-After`, as Teams does past its per-bot and per-conversation limits; calling
 *   the same conversation again before Retry-After has passed is recorded as a violation.
 *
 * `assertNoViolations()` fails the test on any of these and on card violations.
 */

// The recorded body is the activity JSON exactly as the bot sent it; tests read arbitrary fields off it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ActivityJson = any;

export interface RecordedConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE' | 'GET';
  /** The request path, still URL-encoded, without the query string. */
  path: string;
  conversationId?: string;
  /**
   * The activity the call is about: the id the fake assigned for a send, reply or create-with-activity; the id in the
   * path for an update or delete. So `put.activityId === send.activityId` when a card is updated in place.
   */
  activityId?: string;
  /** For a reply: the activity replied to (the id in the path). */
  replyToId?: string;
  body: ActivityJson;
  /** The HTTP status the fake answered. */
  status: number;
  /** The Authorization header, if the bot sent one (it does only with credentials configured). */
  authorization?: string;
  at: number;
}

export interface FakeConnectorMember {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName?: string;
  email?: string;
  tenantId?: string;
}

type Method = RecordedConnectorCall['method'];

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  conversationId?: string;
  activityId?: string;
  replyToId?: string;
}

interface Waiter {
  predicate: (c: RecordedConnectorCall) => boolean;
  resolve: (c: RecordedConnectorCall) => void;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const TENANT_ID = '00000000-0000-0000-0000-0000000000aa';

export class FakeBotConnector {
  /** e.g. `http://127.0.0.1:PORT/`; the Agents SDK appends `v3/…`. */
  readonly serviceUrl: string;
  readonly calls: RecordedConnectorCall[] = [];
  private refusingNewChats = false;
  readonly cardViolations: string[] = [];
  /** Protocol violations other than cards: unsigned calls when credentials are required, retries inside Retry-After. */
  readonly violations: string[] = [];
  /** The roster `GET …/members` answers with. Tests may replace it. */
  members: FakeConnectorMember[] = [
    {
      id: '29:fake-user-1',
      name: 'Fake User',
      aadObjectId: '00000000-0000-0000-0000-000000000001',
      userPrincipalName: 'fake.user@example.com',
      email: 'fake.user@example.com',
      tenantId: TENANT_ID,
    },
  ];

  /** conversation id → ids of live activities in it (sent, replied or created there, and not deleted). */
  private readonly conversations = new Map<string, Map<string, ActivityJson>>();
  private readonly waiters = new Set<Waiter>();
  private nextId = 1;
  private expectedAuthorization: string | undefined;
  private throttling: { retryAfterSeconds: number; until: number } | undefined;
  /** method + conversation → when a client may call again after a 429. */
  private readonly retryAfter = new RetryAfterLedger();

  private constructor(
    private readonly server: Server,
    port: number,
  ) {
    this.serviceUrl = `http://127.0.0.1:${port}/`;
  }

  static async start(): Promise<FakeBotConnector> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeBotConnector(server, (server.address() as AddressInfo).port);
    // Attached after listen: nobody can know the port, so nobody can call, before this line.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    return fake;
  }

  /** Bodies of every POSTed activity — sends, replies, and the first activity of a created conversation. */
  activitiesSent(): ActivityJson[] {
    const sent: ActivityJson[] = [];
    for (const call of this.calls) {
      if (call.method !== 'POST' || call.status >= 300) continue;
      if (/^\/v3\/conversations\/?$/.test(call.path)) {
        if (call.body?.activity) sent.push(call.body.activity);
      } else if (/\/activities(\/[^/]+)?$/.test(call.path) && !call.path.endsWith('/activities/history')) {
        sent.push(call.body);
      }
    }
    return sent;
  }

  /** Resolves with the first recorded call (already made or still to come) that matches. */
  waitForCall(
    predicate: (c: RecordedConnectorCall) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedConnectorCall> {
    const done = this.calls.find(predicate);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map((c) => `${c.method} ${c.path} → ${c.status}`).join('\n  ') || '(none)';
        reject(
          new Error(`FakeBotConnector: no matching call within ${timeoutMs} ms. Calls so far:\n  ${seen}`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** A conversation that exists in Teams because a user wrote from it (the bot may reply there). */
  addConversation(conversationId: string): void {
    this.conversationOf(conversationId, true);
  }

  /** From now on every call must carry `Authorization: Bearer <token>`, as for a bot with credentials. */
  requireBearer(token: string): void {
    this.expectedAuthorization = `Bearer ${token}`;
  }

  /**
   * From now on (until called with false) creating a conversation answers 403 `BotNotInConversationRoster`, as
   * Teams does when the bot asks to open a personal chat with someone who has not installed the app.
   */
  refuseNewChats(refuse = true): void {
    this.refusingNewChats = refuse;
  }

  /** Answers 429 with `Retry-After` to every call until `forMs` has passed. */
  throttle(opts: { retryAfterSeconds: number; forMs: number }): void {
    this.throttling = { retryAfterSeconds: opts.retryAfterSeconds, until: Date.now() + opts.forMs };
  }

  /** Fails the test with every violation recorded (cards, authorization, early retries), then forgets them. */
  assertNoViolations(): void {
    const found = [...this.cardViolations.splice(0), ...this.violations.splice(0)];
    if (found.length > 0) {
      throw new Error(`the fake Bot connector saw ${found.length} violation(s):\n  ${found.join('\n  ')}`);
    }
  }

  /**
   * Forgets what was recorded (calls, violations) and the throttle, not what was sent: activities posted before a
   * reset can still be updated after it, as a pinned wallboard card is across test steps.
   */
  reset(): void {
    this.calls.length = 0;
    this.cardViolations.length = 0;
    this.violations.length = 0;
    this.throttling = undefined;
    this.retryAfter.clear();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    // Some clients join baseUri and path with a doubled slash; the connector treats them the same.
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '/');
    let body: ActivityJson;
    let answer: Answer;
    try {
      const raw = await readBody(req);
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
      answer =
        this.refuse(method, path, req.headers.authorization) ??
        (isMethod(method)
          ? this.route(method, path, body)
          : notFound('BadSyntax', `Unsupported method ${method}`));
    } catch (error) {
      body = undefined;
      answer = {
        status: 400,
        body: errorBody('BadSyntax', `Request body is not JSON: ${(error as Error).message}`),
      };
    }

    if (body !== undefined) this.checkCards(`${method} ${path}`, body);
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));

    if (!isMethod(method)) return;
    const call: RecordedConnectorCall = {
      method,
      path,
      conversationId: answer.conversationId,
      activityId: answer.activityId,
      replyToId: answer.replyToId,
      body,
      status: answer.status,
      authorization: req.headers.authorization,
      at: Date.now(),
    };
    this.calls.push(call);
    for (const waiter of [...this.waiters]) if (waiter.predicate(call)) waiter.resolve(call);
  }

  /** Answers that come before routing: a missing signature, then throttling. */
  private refuse(method: string, path: string, authorization: string | undefined): Answer | undefined {
    if (this.expectedAuthorization !== undefined && authorization !== this.expectedAuthorization) {
      this.violations.push(
        `${method} ${path}: ${authorization ? 'wrong' : 'no'} Authorization header although the bot has credentials`,
      );
      // What the connector answers an unsigned or wrongly signed call.
      return { status: 401, body: { message: 'Authorization has been denied for this request.' } };
    }
    const key = `${method} ${conversationOfPath(path) ?? path}`;
    this.retryAfter.check(key, this.violations);
    if (this.throttling && Date.now() < this.throttling.until) {
      const { retryAfterSeconds } = this.throttling;
      this.retryAfter.refused(key, retryAfterSeconds);
      return {
        status: 429,
        headers: { 'retry-after': String(retryAfterSeconds) },
        body: errorBody('Throttled', 'Too many requests; retry after the time in Retry-After.'),
      };
    }
    return undefined;
  }

  private route(method: Method, path: string, body: ActivityJson): Answer {
    const segments = path
      .split('/')
      .filter((s) => s.length > 0)
      .map(decodeURIComponent);
    if (segments[0] !== 'v3' || segments[1] !== 'conversations') {
      return notFound('BadSyntax', `The fake connector does not implement ${method} ${path}`);
    }
    const [, , conversationId, collection, itemId, extra] = segments;

    if (conversationId === undefined) {
      if (method === 'POST' && this.refusingNewChats)
        return {
          status: 403,
          body: {
            error: { code: 'BotNotInConversationRoster', message: 'The bot is not installed for the user.' },
          },
        };
      if (method === 'POST') return this.createConversation(body);
      return notFound('BadSyntax', `The fake connector does not implement ${method} ${path}`);
    }
    if (!this.conversations.has(conversationId)) {
      return { ...notFound('ConversationNotFound', 'Conversation not found.'), conversationId };
    }
    if (collection === 'activities' && extra === undefined) {
      if (method === 'POST' && itemId === undefined) return this.send(conversationId, body);
      if (method === 'POST' && itemId !== undefined) return this.reply(conversationId, itemId, body);
      if (method === 'PUT' && itemId !== undefined) return this.update(conversationId, itemId, body);
      if (method === 'DELETE' && itemId !== undefined) return this.remove(conversationId, itemId);
    }
    if (method === 'GET' && collection === 'members' && extra === undefined) {
      if (itemId === undefined) return { status: 200, body: this.members, conversationId };
      return { status: 200, body: this.member(itemId), conversationId };
    }
    if (method === 'GET' && collection === 'pagedmembers' && itemId === undefined) {
      return { status: 200, body: { members: this.members }, conversationId };
    }
    return notFound('BadSyntax', `The fake connector does not implement ${method} ${path}`);
  }

  private createConversation(parameters: ActivityJson): Answer {
    const activity = parameters?.activity;
    const activityId = activity ? this.newActivityId() : undefined;
    const channelId: unknown = parameters?.channelData?.channel?.id;
    // Teams names a new channel thread after the channel and its first message; other conversations are opaque ids.
    const conversationId =
      typeof channelId === 'string' && activityId
        ? `${channelId};messageid=${activityId}`
        : `a:fake-conversation-${this.nextId++}`;
    const activities = this.conversationOf(conversationId, true)!;
    if (activity && activityId) activities.set(activityId, activity);
    const body: Record<string, unknown> = { id: conversationId, serviceUrl: this.serviceUrl };
    if (activityId) body.activityId = activityId;
    return { status: 201, body, conversationId, activityId };
  }

  private send(conversationId: string, activity: ActivityJson): Answer {
    const activityId = this.newActivityId();
    this.conversationOf(conversationId, false)!.set(activityId, activity);
    return { status: 200, body: { id: activityId }, conversationId, activityId };
  }

  private reply(conversationId: string, replyToId: string, activity: ActivityJson): Answer {
    // Replies to ids the fake never saw are accepted: the activity replied to is usually the user's incoming message,
    // which the test posted to /api/messages, not to the connector.
    const activityId = this.newActivityId();
    this.conversationOf(conversationId, false)!.set(activityId, activity);
    return { status: 200, body: { id: activityId }, conversationId, activityId, replyToId };
  }

  private update(conversationId: string, activityId: string, activity: ActivityJson): Answer {
    const activities = this.conversationOf(conversationId, false);
    if (!activities)
      return { ...notFound('ConversationNotFound', 'Conversation not found.'), conversationId, activityId };
    if (!activities.has(activityId)) {
      return {
        ...notFound('ActivityNotFoundInConversation', 'Message does not exist in the thread.'),
        conversationId,
        activityId,
      };
    }
    activities.set(activityId, activity);
    return { status: 200, body: { id: activityId }, conversationId, activityId };
  }

  private remove(conversationId: string, activityId: string): Answer {
    const activities = this.conversationOf(conversationId, false);
    if (!activities)
      return { ...notFound('ConversationNotFound', 'Conversation not found.'), conversationId, activityId };
    if (!activities.delete(activityId)) {
      return {
        ...notFound('ActivityNotFoundInConversation', 'Message does not exist in the thread.'),
        conversationId,
        activityId,
      };
    }
    return { status: 200, conversationId, activityId };
  }

  /**
   * The fake has no real roster: the incoming activity's `from` is the roster, so any member id the bot asks about
   * exists (TeamsInfo.getMember is how the bot learns a user's AAD object id).
   */
  private member(memberId: string): FakeConnectorMember {
    const known = this.members.find((m) => m.id === memberId);
    if (known) return known;
    const suffix = Buffer.from(memberId).toString('hex').slice(-12).padStart(12, '0');
    return {
      id: memberId,
      name: `Member ${memberId}`,
      aadObjectId: `00000000-0000-0000-0000-${suffix}`,
      tenantId: TENANT_ID,
    };
  }

  /** Conversations come into being when the bot creates one or a test says a user wrote from it. */
  private conversationOf(conversationId: string, create: boolean): Map<string, ActivityJson> | undefined {
    let activities = this.conversations.get(conversationId);
    if (!activities && create) {
      activities = new Map();
      this.conversations.set(conversationId, activities);
    }
    return activities;
  }

  private newActivityId(): string {
    // Teams activity ids are millisecond timestamps; these look alike and stay unique and ordered.
    return String(1_700_000_000_000 + this.nextId++);
  }

  private checkCards(where: string, body: ActivityJson): void {
    const activities: Array<{ label: string; activity: ActivityJson }> = [{ label: '', activity: body }];
    if (body?.activity) activities.push({ label: 'activity.', activity: body.activity });
    for (const { label, activity } of activities) {
      const attachments: unknown = activity?.attachments;
      if (!Array.isArray(attachments)) continue;
      attachments.forEach((attachment: ActivityJson, index) => {
        if (attachment?.contentType !== ADAPTIVE_CARD) return;
        for (const violation of validateAdaptiveCard(attachment.content)) {
          this.cardViolations.push(`${where} ${label}attachments[${index}]: ${violation}`);
        }
      });
    }
  }
}

/** The decoded conversation id of a `/v3/conversations/{id}/…` path. */
function conversationOfPath(path: string): string | undefined {
  const encoded = /^\/v3\/conversations\/([^/]+)/.exec(path)?.[1];
  return encoded === undefined ? undefined : decodeURIComponent(encoded);
}

function isMethod(method: string): method is Method {
  return method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'GET';
}

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function notFound(code: string, message: string): Answer {
  return { status: 404, body: errorBody(code, message) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
