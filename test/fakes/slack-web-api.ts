import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { checkSlackPayload } from '../support/block-kit-limits.js';
import { RetryAfterLedger } from './retry-after-ledger.js';

/**
 * A local stand-in for Slack's Web API (`SLACK_API_URL` / WebClient `slackApiUrl`), over real HTTP.
 *
 * It follows Slack's documented contract for the methods Switchboard uses, including the errors: `{ok:false}` with
 * HTTP 200 for platform errors, HTTP 429 with `Retry-After` for rate limits, `invalid_blocks` / `invalid_arguments`
 * for Block Kit over Slack's limits (see block-kit-limits.ts). Every call is recorded, failed ones too, so tests
 * assert on what left the process — filter on `response.ok` to count what Slack actually accepted.
 *
 * Contract details worth knowing (docs.slack.dev, slack-ruby/slack-api-ref):
 * - A token comes from `Authorization: Bearer` or, for form bodies only, a `token` argument. Slack ignores `token`
 *   inside a JSON body (JSON needs the header) and no longer accepts it in the query string.
 * - Posting to a user id (`U…`) lands in the app's DM with that user; the answer's `channel` is the `D…` id.
 * - Ephemeral messages get a `message_ts` but are not messages `chat.update` or `pins.add` can find.
 * - A modal with input blocks but no submit button is refused.
 *
 * Strict where Slack is strict (docs.slack.dev method pages; scopes as listed there):
 * - Only the workspace's bot token works: another token answers `invalid_auth`, none `not_authed`. A method whose
 *   scope the install did not grant (by default the bot scopes of manifests/slack.yaml) answers `missing_scope`
 *   with `needed` and `provided`, and is recorded as a violation: the manifest lacks what the code calls.
 * - A `trigger_id` is good once, for 3 s after the click (`issueTriggerId`): a second `views.open`/`views.push` with
 *   it answers `exchanged_trigger_id`, a late one `expired_trigger_id`, a made-up one `invalid_trigger_id`. Reuse
 *   and lateness are violations too.
 * - The bot is in no channel until invited (`addChannel({ botIsMember })`) or until it `conversations.join`s a public
 *   one (which needs `channels:join`). `chat:write.public` lets it post to public channels anyway; a private channel
 *   (`isPrivate`, or a `G…` id) it is not in answers `not_in_channel`, and `pins.add` needs membership everywhere.
 *   Channels never declared are public ones the bot has not joined.
 * - `conversations.info` shows a public channel with `is_member` true or false, but a private channel the bot was
 *   not invited to answers `channel_not_found` (the bot cannot see it).
 * - `users.info`, `conversations.open` and ephemeral recipients know only the users set with `setUser`;
 *   `users.info` includes `locale` only when asked with `include_locale`.
 * - After a 429, calling the same method for the same channel again before `Retry-After` has passed is recorded
 *   as a violation.
 *
 * `violations` collects everything a test should fail on; call `assertNoViolations()` after each test.
 */

export interface RecordedSlackCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  at: number;
  response: Record<string, unknown>;
  /** For `response_url` calls: the URL that was posted to (see `responseUrl(id)`). */
  url?: string;
}

export interface FakeSlackUser {
  id: string;
  teamId?: string;
  name?: string;
  realName?: string;
  locale?: string;
  isBot?: boolean;
  tz?: string;
}

export interface FakeSlackChannel {
  id: string;
  name?: string;
  /** A private channel: only members see it, and chat:write.public does not reach it. Default: `G…` ids. */
  isPrivate?: boolean;
  /** Whether the bot was invited. Default false, as after installing an app. */
  botIsMember?: boolean;
}

export interface FakeSlackOptions {
  /** The bot token the install issued; any other answers `invalid_auth`. Default FAKE_BOT_TOKEN. */
  botToken?: string;
  /** The bot scopes the install granted. Default: the bot scopes of manifests/slack.yaml. */
  scopes?: readonly string[];
  /** Channels of the workspace (others are public channels the bot is not in). */
  channels?: readonly FakeSlackChannel[];
  /** Users of the workspace (the fake knows no others). */
  users?: readonly FakeSlackUser[];
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  attachments?: unknown;
  threadTs?: string;
}

type JsonObject = Record<string, unknown>;

interface Answer {
  status: number;
  body: JsonObject;
  headers?: Record<string, string>;
}

interface Waiter {
  method: string;
  predicate: (c: RecordedSlackCall) => boolean;
  resolve: (c: RecordedSlackCall) => void;
}

interface PendingFile {
  id: string;
  filename: string;
  length: number;
  altText?: string;
}

interface MultipartPart {
  name?: string;
  filename?: string;
  data: Buffer;
}

type MethodHandler = (args: JsonObject, token: string) => JsonObject;

const TEAM_ID = 'T0001';
const BOT_USER_ID = 'UBOT';
const BOT_ID = 'B0001';
const APP_ID = 'A0001';
const FIRST_TS_SECONDS = 1_700_000_000;
/** Arguments Slack takes as JSON; form-encoded calls carry them as JSON strings. */
const JSON_ARGUMENTS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
]);
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** The token startSlackTestApp gives the app; the fake's default bot token. */
export const FAKE_BOT_TOKEN = 'xoxb-test';
/** Slack lets a trigger_id be exchanged for 3 s after the interaction. */
export const TRIGGER_LIFETIME_MS = 3000;
const TRIGGER_ID = /^(\d{10,})\.(\d+)\.([0-9a-f]{8,})$/;

/**
 * A trigger_id as Slack hands one out with a click or a command ("13345224609.738474920.8088930838d88f008e0"). The
 * fake reads the moment it was issued from its first part, so a request built by a test and a trigger checked by
 * the fake agree without the fake having to see the request.
 */
export function issueTriggerId(issuedAt: number = Date.now()): string {
  return `${issuedAt}.${randomInt(1e8, 1e9)}.${randomBytes(10).toString('hex')}`;
}

/** Bot scopes a method needs, per its docs.slack.dev page; undefined = none. Some depend on the conversation. */
function requiredScope(
  method: string,
  args: JsonObject,
  isPrivate: (id: string) => boolean,
): string | undefined {
  switch (method) {
    case 'chat.postMessage':
    case 'chat.update':
    case 'chat.postEphemeral':
    case 'chat.scheduleMessage':
    case 'chat.delete':
      return 'chat:write';
    case 'pins.add':
    case 'pins.remove':
      return 'pins:write';
    case 'users.info':
      return 'users:read';
    case 'files.getUploadURLExternal':
    case 'files.completeUploadExternal':
      return 'files:write';
    case 'conversations.join':
      return 'channels:join';
    case 'conversations.open': {
      // Any one of channels:manage, groups:write, im:write, mpim:write: the one for the kind of conversation opened.
      if (typeof args.channel === 'string' && args.channel !== '') {
        return args.channel.startsWith('D')
          ? 'im:write'
          : isPrivate(args.channel)
            ? 'groups:write'
            : 'channels:manage';
      }
      const users =
        typeof args.users === 'string' ? args.users.split(',').filter((u) => u.trim() !== '') : [];
      return users.length > 1 ? 'mpim:write' : 'im:write';
    }
    case 'conversations.info': {
      const id = typeof args.channel === 'string' ? args.channel : '';
      return id.startsWith('D') ? 'im:read' : isPrivate(id) ? 'groups:read' : 'channels:read';
    }
    default:
      // auth.test, chat.getPermalink and views.* need no scope.
      return undefined;
  }
}

/** The bot scopes manifests/slack.yaml asks for: what an install of our app grants. */
export function manifestBotScopes(): string[] {
  const manifest = parseYaml(
    readFileSync(new URL('../../manifests/slack.yaml', import.meta.url), 'utf8'),
  ) as {
    oauth_config?: { scopes?: { bot?: string[] } };
  };
  return [...(manifest.oauth_config?.scopes?.bot ?? [])];
}
const CONVERSATION_ID = /^[CDG][A-Z0-9]{2,}$/;

export class FakeSlackWebApi {
  readonly url: string;
  readonly calls: RecordedSlackCall[] = [];
  readonly violations: string[] = [];
  /** Bytes POSTed to each upload URL: the file part of a multipart body, otherwise the raw body. */
  readonly uploads = new Map<string, Buffer>();
  /** The raw request bodies POSTed to each upload URL, as they came. */
  readonly rawUploads = new Map<string, Buffer>();

  private readonly origin: string;
  private readonly waiters: Waiter[] = [];
  private readonly users = new Map<string, FakeSlackUser>();
  private readonly rateLimits = new Map<string, { retryAfterSeconds: number; until: number }>();
  private readonly failures = new Map<string, { error: string; times: number }>();
  private readonly delays = new Map<string, number>();
  /** Answers held back by `setDelay`; `stop()` lets them go out first. */
  private readonly delayed = new Set<Promise<void>>();
  private readonly messages = new Map<string, FakeSlackMessage>();
  private readonly pins = new Set<string>();
  private readonly views = new Map<string, JsonObject>();
  private readonly viewIdsByExternalId = new Map<string, string>();
  private readonly homeViewIds = new Map<string, string>();
  private readonly files = new Map<string, PendingFile>();
  /** Files people attached (a modal's `file_input`), served at `url_private_download` to the bot token only. */
  private readonly hostedFiles = new Map<string, { data: Buffer; mimetype: string }>();
  private readonly channels = new Map<string, FakeSlackChannel>();
  /** trigger_ids already exchanged for a view. */
  private readonly exchangedTriggers = new Set<string>();
  /** method + channel → the moment a client may call again, after a 429 told it to wait. */
  private readonly retryAfter = new RetryAfterLedger();
  private readonly botToken: string;
  private readonly scopes: ReadonlySet<string>;
  private sequence = 0;
  private readonly handlers: Record<string, MethodHandler>;

  private constructor(
    private readonly server: Server,
    options: FakeSlackOptions,
  ) {
    this.botToken = options.botToken ?? FAKE_BOT_TOKEN;
    this.scopes = new Set(options.scopes ?? manifestBotScopes());
    for (const channel of options.channels ?? []) this.addChannel(channel);
    for (const user of options.users ?? []) this.setUser(user);
    const { port } = server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/api/`;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake Slack Web API crashed: ${String(error instanceof Error ? error.stack : error)}`);
      });
    });
    this.handlers = {
      'auth.test': () => this.authTest(),
      'chat.postMessage': (args) => this.postMessage(args),
      'chat.update': (args) => this.updateMessage(args),
      'chat.postEphemeral': (args) => this.postEphemeral(args),
      'chat.scheduleMessage': (args) => this.scheduleMessage(args),
      'chat.delete': (args) => this.deleteMessage(args),
      'chat.getPermalink': (args) => this.getPermalink(args),
      'views.open': (args) => this.openView('views.open', args),
      'views.push': (args) => this.openView('views.push', args),
      'views.update': (args) => this.updateView(args),
      'views.publish': (args) => this.publishView(args),
      'pins.add': (args) => this.addPin(args),
      'pins.remove': (args) => this.removePin(args),
      'conversations.open': (args) => this.openConversation(args),
      'conversations.info': (args) => this.conversationInfo(args),
      'conversations.join': (args) => this.joinConversation(args),
      'users.info': (args) => this.userInfo(args),
      'files.getUploadURLExternal': (args) => this.getUploadUrl(args),
      'files.completeUploadExternal': (args) => this.completeUpload(args),
    };
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlackWebApi> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FakeSlackWebApi(server, options);
  }

  /** The bot token this workspace accepts. */
  get token(): string {
    return this.botToken;
  }

  /** Fails the test with every violation recorded (Block Kit, scopes, triggers, early retries), then forgets them. */
  assertNoViolations(): void {
    const found = this.violations.splice(0);
    if (found.length > 0) {
      throw new Error(`the fake Slack Web API saw ${found.length} violation(s):\n  ${found.join('\n  ')}`);
    }
  }

  /** A response_url for slash-command and interaction payloads; POSTs to it are recorded as method `response_url`. */
  responseUrl(id: string = randomBytes(6).toString('hex')): string {
    return `${this.origin}/response/${encodeURIComponent(id)}`;
  }

  callsTo(method: string): RecordedSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The message as Slack holds it now (after any chat.update), or undefined if it was never posted or was deleted. */
  messageAt(channel: string, ts: string): FakeSlackMessage | undefined {
    return this.messages.get(messageKey(channel, ts));
  }

  waitForCall(
    method: string,
    predicate: (c: RecordedSlackCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedSlackCall> {
    const seen = this.calls.find((c) => c.method === method && predicate(c));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate,
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const seenMethods = this.calls.map((c) => c.method).join(', ') || 'none';
        reject(new Error(`no matching ${method} call within ${timeoutMs} ms (calls so far: ${seenMethods})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Adds a person to the workspace; users.info and friends know nobody else. */
  setUser(user: FakeSlackUser): void {
    this.users.set(user.id, { ...user });
  }

  /** Declares a channel (or changes it): private or public, and whether the bot was invited. */
  addChannel(channel: FakeSlackChannel): void {
    this.channels.set(channel.id, { ...this.channels.get(channel.id), ...channel });
  }

  /** Whether the bot is in the channel now (invited, or joined with conversations.join). */
  botIsMemberOf(channelId: string): boolean {
    return this.channels.get(channelId)?.botIsMember === true;
  }

  /** Answers HTTP 429 with `Retry-After` for `method` ('*' = every method) until `forMs` has passed. */
  rateLimit(method: string, opts: { retryAfterSeconds: number; forMs: number }): void {
    this.rateLimits.set(method, {
      retryAfterSeconds: opts.retryAfterSeconds,
      until: Date.now() + opts.forMs,
    });
  }

  /** The next `times` calls to `method` answer `{ok:false, error}` with HTTP 200, as Slack does. */
  failNext(method: string, error: string, times = 1): void {
    this.failures.set(method, { error, times });
  }

  /** Slows answers to `method` ('*' = every method). The call still takes effect at once, as a slow Slack's would. */
  setDelay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** Forgets calls, violations and failure switches (rate limits, failNext, delays). Users and Slack's state stay. */
  reset(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.retryAfter.clear();
    this.rateLimits.clear();
    this.failures.clear();
    this.delays.clear();
  }

  async stop(): Promise<void> {
    // A slow answer still owed when a test ends is sent, not cut off: WebClient retries a request whose connection
    // dropped, for up to half an hour, and that retry alone kept a finished test file's process alive.
    await Promise.all(this.delayed);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // WebClient's fetch keeps connections alive; without this close() waits for them to time out.
      this.server.closeAllConnections();
    });
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = await readBody(req);
    const [, area, name] = /^\/(api|response|upload|files-pri)\/(.+)$/.exec(url.pathname) ?? [];
    if (area === 'files-pri' && name && req.method === 'GET') return this.serveHostedFile(name, req, res);
    if (area === 'api' && name) return this.handleApiCall(decodeURIComponent(name), req, url, body, res);
    if (area === 'response' && name && req.method === 'POST')
      return this.handleResponseUrl(url, req, body, res);
    if (area === 'upload' && name && req.method === 'POST')
      return this.handleUpload(decodeURIComponent(name), req, body, res);
    send(res, { status: 404, body: { ok: false, error: 'not_found' } });
  }

  private async handleApiCall(
    method: string,
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const at = Date.now();
    const parsed = parseRequestArgs(req.headers, body, url);
    const token = 'error' in parsed ? undefined : parsed.token;
    const args = 'error' in parsed ? {} : parsed.args;
    const answer = 'error' in parsed ? platformError(parsed.error) : this.answerApiCall(method, args, token);
    this.record({ method, args, ...(token !== undefined ? { token } : {}), at, response: answer.body });
    await this.delayFor(method);
    send(res, answer);
  }

  private answerApiCall(method: string, args: JsonObject, token: string | undefined): Answer {
    const handler = this.handlers[method];
    if (!handler) return platformError('unknown_method', { req_method: method });
    // Checked before any switch answers, so a payload sent only while rate-limited still fails the test.
    const problems = this.checkPayload(method, args);
    if (!token) return platformError('not_authed');
    if (token !== this.botToken) return platformError('invalid_auth');
    const retryKey = `${method} ${String(args.channel ?? args.channel_id ?? args.user ?? args.user_id ?? '')}`;
    this.retryAfter.check(retryKey, this.violations);
    const switched = this.answerFromSwitches(method);
    if (switched) {
      const retryAfter = Number(switched.headers?.['retry-after']);
      if (switched.status === 429) this.retryAfter.refused(retryKey, retryAfter);
      return switched;
    }
    const needed = requiredScope(method, args, (id) => this.isPrivate(id));
    if (needed !== undefined && !this.scopes.has(needed)) {
      this.violations.push(`${method}: needs the ${needed} scope, which the app was not granted`);
      return platformError('missing_scope', { needed, provided: [...this.scopes].join(',') });
    }
    if (problems.length > 0) return refusePayload(method, problems);
    return { status: 200, body: handler(args, token) };
  }

  private checkPayload(method: string, args: JsonObject): string[] {
    const problems = checkSlackPayload(method, args);
    this.violations.push(...problems.map((p) => `${method}: ${p}`));
    return problems;
  }

  private answerFromSwitches(method: string): Answer | undefined {
    const limit = this.rateLimits.get(method) ?? this.rateLimits.get('*');
    if (limit && Date.now() < limit.until) {
      return {
        status: 429,
        headers: { 'retry-after': String(limit.retryAfterSeconds) },
        body: { ok: false, error: 'ratelimited' },
      };
    }
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return platformError(failure.error);
    }
    return undefined;
  }

  private async handleResponseUrl(
    url: URL,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const at = Date.now();
    const method = 'response_url';
    const parsed = parseRequestArgs(req.headers, body, undefined);
    const args = 'error' in parsed ? {} : parsed.args;
    const answer =
      'error' in parsed ? { ...platformError(parsed.error), status: 400 } : this.answerResponseUrl(args);
    this.record({ method, args, at, response: answer.body, url: url.toString() });
    await this.delayFor(method);
    send(res, answer);
  }

  private answerResponseUrl(args: JsonObject): Answer {
    const method = 'response_url';
    const problems = this.checkPayload(method, args);
    const switched = this.answerFromSwitches(method);
    if (switched) return switched;
    if (problems.length > 0) return refusePayload(method, problems);
    if (!isTrueFlag(args.delete_original) && !hasMessageContent(args)) {
      return { ...platformError('no_text'), status: 400 };
    }
    return { status: 200, body: { ok: true } };
  }

  /**
   * A file as a person attached it in a modal's `file_input`: the view_submission carries this object, and the
   * bytes are at `url_private_download` for a request with the bot token (Slack answers its HTML sign-in page
   * otherwise; here a 302 to it, which the app must not mistake for the file).
   */
  hostFile(file: { name: string; data: Buffer; filetype?: string; mimetype?: string }): JsonObject {
    const id = this.nextId('F');
    const mimetype = file.mimetype ?? 'image/jpeg';
    this.hostedFiles.set(id, { data: file.data, mimetype });
    const path = `${this.origin}/files-pri/${id}/${encodeURIComponent(file.name)}`;
    return {
      id,
      name: file.name,
      title: file.name,
      mimetype,
      filetype: file.filetype ?? 'jpg',
      size: file.data.length,
      url_private: path,
      url_private_download: `${path}?download=1`,
    };
  }

  private serveHostedFile(name: string, req: IncomingMessage, res: ServerResponse): void {
    const file = this.hostedFiles.get(decodeURIComponent(name).split('/')[0] ?? '');
    const authorized = req.headers.authorization === `Bearer ${this.botToken}`;
    this.record({ method: 'file_download', args: { path: name, authorized }, at: Date.now(), response: {} });
    if (authorized && !this.scopes.has('files:read'))
      this.violations.push('file download: needs the files:read scope, which the app was not granted');
    if (!authorized || !this.scopes.has('files:read')) {
      res.writeHead(302, { location: `${this.origin}/signin` });
      res.end();
      return;
    }
    if (!file) return send(res, { status: 404, body: { ok: false, error: 'file_not_found' } });
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.data.length) });
    res.end(file.data);
  }

  private handleUpload(fileId: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    if (!this.files.has(fileId)) {
      send(res, { status: 404, body: { ok: false, error: 'file_not_found' } });
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '');
    const parts = contentType.startsWith('multipart/form-data') ? parseMultipart(body, contentType) : [];
    const filePart = parts.find((p) => p.filename !== undefined) ?? parts[0];
    this.rawUploads.set(fileId, body);
    this.uploads.set(fileId, filePart ? filePart.data : body);
    // files.slack.com answers a plain-text "OK - <bytes>".
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`OK - ${(filePart ? filePart.data : body).length}`);
  }

  private record(call: RecordedSlackCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (waiter.method === call.method && waiter.predicate(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  private async delayFor(method: string): Promise<void> {
    const ms = this.delays.get(method) ?? this.delays.get('*') ?? 0;
    if (ms <= 0) return;
    const delay = new Promise<void>((resolve) => setTimeout(resolve, ms));
    this.delayed.add(delay);
    await delay;
    this.delayed.delete(delay);
  }

  // ---- ids ----

  private next(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** Message timestamps as Slack makes them: seconds.microseconds, fixed width, always increasing. */
  private nextTs(): string {
    const micros = this.next() * 100;
    const seconds = FIRST_TS_SECONDS + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private nextId(prefix: string): string {
    return `${prefix}${String(this.next()).padStart(8, '0')}`;
  }

  private nextHash(): string {
    return `${FIRST_TS_SECONDS + this.next()}.${randomBytes(4).toString('hex')}`;
  }

  // ---- methods ----

  private authTest(): JsonObject {
    return {
      ok: true,
      url: 'https://switchboard-test.slack.com/',
      team: 'Switchboard Test',
      user: 'switchboard',
      team_id: TEAM_ID,
      user_id: BOT_USER_ID,
      bot_id: BOT_ID,
      is_enterprise_install: false,
    };
  }

  private isPrivate(channelId: string): boolean {
    return this.channels.get(channelId)?.isPrivate ?? channelId.startsWith('G');
  }

  /**
   * Why the bot may not post in a conversation, if it may not: its DM with a person needs the person to exist; a
   * channel needs the bot in it, or chat:write.public for a public one.
   */
  private postingRefusal(channel: string): JsonObject | undefined {
    if (channel.startsWith('D')) {
      return this.users.has(channel.slice(1)) ? undefined : failure('channel_not_found');
    }
    if (this.botIsMemberOf(channel)) return undefined;
    if (!this.isPrivate(channel) && this.scopes.has('chat:write.public')) return undefined;
    // A private channel the bot is not in does not exist as far as the bot can see, but Slack says not_in_channel.
    return failure('not_in_channel');
  }

  private postMessage(args: JsonObject): JsonObject {
    const channel = conversationFor(args.channel);
    if (!channel) return failure('channel_not_found');
    const refusal = this.postingRefusal(channel);
    if (refusal) return refusal;
    if (!hasMessageContent(args)) return failure('no_text');
    const message: FakeSlackMessage = { channel, ts: this.nextTs(), ...messageContent(args) };
    if (typeof args.thread_ts === 'string') message.threadTs = args.thread_ts;
    this.messages.set(messageKey(channel, message.ts), message);
    return { ok: true, channel, ts: message.ts, message: messageJson(message) };
  }

  private updateMessage(args: JsonObject): JsonObject {
    const channel = conversationFor(args.channel);
    if (!channel) return failure('channel_not_found');
    const existing =
      typeof args.ts === 'string' ? this.messages.get(messageKey(channel, args.ts)) : undefined;
    if (!existing) return failure('message_not_found');
    if (!hasMessageContent(args)) return failure('no_text');
    const updated: FakeSlackMessage = { ...existing, ...messageContent(args) };
    // Documented: text without blocks removes the blocks; blocks are kept only when neither is sent.
    if (args.blocks === undefined && args.text !== undefined) delete updated.blocks;
    this.messages.set(messageKey(channel, existing.ts), updated);
    return { ok: true, channel, ts: existing.ts, text: updated.text ?? '', message: messageJson(updated) };
  }

  private postEphemeral(args: JsonObject): JsonObject {
    const channel = conversationFor(args.channel);
    if (!channel) return failure('channel_not_found');
    const refusal = this.postingRefusal(channel);
    if (refusal) return refusal;
    if (typeof args.user !== 'string' || !this.users.has(args.user)) return failure('user_not_in_channel');
    if (!hasMessageContent(args)) return failure('no_text');
    return { ok: true, message_ts: this.nextTs() };
  }

  private scheduleMessage(args: JsonObject): JsonObject {
    const channel = conversationFor(args.channel);
    if (!channel) return failure('channel_not_found');
    const refusal = this.postingRefusal(channel);
    if (refusal) return refusal;
    const postAt = Number(args.post_at);
    if (!Number.isInteger(postAt)) return failure('invalid_time');
    if (postAt * 1000 < Date.now()) return failure('time_in_past');
    if (!hasMessageContent(args)) return failure('no_text');
    const content = messageContent(args);
    return {
      ok: true,
      channel,
      scheduled_message_id: this.nextId('Q'),
      post_at: postAt,
      message: { type: 'delayed_message', user: BOT_USER_ID, bot_id: BOT_ID, ...contentJson(content) },
    };
  }

  private deleteMessage(args: JsonObject): JsonObject {
    const channel = conversationFor(args.channel);
    if (!channel) return failure('channel_not_found');
    const key = typeof args.ts === 'string' ? messageKey(channel, args.ts) : '';
    if (!this.messages.delete(key)) return failure('message_not_found');
    this.pins.delete(key);
    return { ok: true, channel, ts: args.ts };
  }

  private getPermalink(args: JsonObject): JsonObject {
    const channel = conversationFor(args.channel);
    if (!channel) return failure('channel_not_found');
    if (typeof args.message_ts !== 'string' || args.message_ts === '') return failure('message_not_found');
    return {
      ok: true,
      channel,
      permalink: `https://switchboard-test.slack.com/archives/${channel}/p${args.message_ts.replace('.', '')}`,
    };
  }

  private openView(method: string, args: JsonObject): JsonObject {
    const trigger = args.trigger_id ?? args.interactivity_pointer;
    const issuedAt = typeof trigger === 'string' ? Number(TRIGGER_ID.exec(trigger)?.[1]) : NaN;
    if (typeof trigger !== 'string' || !Number.isFinite(issuedAt)) return failure('invalid_trigger_id');
    if (this.exchangedTriggers.has(trigger)) {
      this.violations.push(`${method}: trigger_id ${trigger} was already exchanged for a view`);
      return failure('exchanged_trigger_id');
    }
    const age = Date.now() - issuedAt;
    if (age > TRIGGER_LIFETIME_MS) {
      this.violations.push(`${method}: trigger_id used ${age} ms after the click; Slack keeps it 3 s`);
      return failure('expired_trigger_id');
    }
    this.exchangedTriggers.add(trigger);
    const view = args.view as JsonObject;
    if (typeof view.external_id === 'string' && this.viewIdsByExternalId.has(view.external_id)) {
      return failure('duplicate_external_id');
    }
    return { ok: true, view: this.storeView(this.nextId('V'), view) };
  }

  private updateView(args: JsonObject): JsonObject {
    const id =
      typeof args.view_id === 'string' && args.view_id !== ''
        ? args.view_id
        : typeof args.external_id === 'string'
          ? this.viewIdsByExternalId.get(args.external_id)
          : undefined;
    if (args.view_id === undefined && args.external_id === undefined) {
      return failure('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] view_id or external_id is required'] },
      });
    }
    const current = id ? this.views.get(id) : undefined;
    if (!id || !current) return failure('not_found');
    if (typeof args.hash === 'string' && args.hash !== current.hash) return failure('hash_conflict');
    return { ok: true, view: this.storeView(id, args.view as JsonObject, current) };
  }

  private publishView(args: JsonObject): JsonObject {
    const userId = args.user_id;
    if (typeof userId !== 'string' || !USER_ID.test(userId)) {
      return failure('invalid_arguments', { response_metadata: { messages: ['invalid `user_id`'] } });
    }
    const view = args.view as JsonObject;
    if (view.type !== 'home') {
      return failure('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] views.publish takes a home view'] },
      });
    }
    const id = this.homeViewIds.get(userId) ?? this.nextId('V');
    const current = this.views.get(id);
    if (current && typeof args.hash === 'string' && args.hash !== current.hash)
      return failure('hash_conflict');
    this.homeViewIds.set(userId, id);
    return { ok: true, view: this.storeView(id, view, current) };
  }

  private storeView(id: string, input: JsonObject, previous?: JsonObject): JsonObject {
    const stored: JsonObject = {
      team_id: TEAM_ID,
      title: null,
      close: null,
      submit: null,
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      previous_view_id: null,
      ...input,
      id,
      state: { values: {} },
      hash: this.nextHash(),
      root_view_id: previous?.root_view_id ?? id,
      app_id: APP_ID,
      app_installed_team_id: TEAM_ID,
      bot_id: BOT_ID,
    };
    if (typeof previous?.external_id === 'string' && previous.external_id !== '') {
      this.viewIdsByExternalId.delete(previous.external_id);
    }
    if (typeof stored.external_id === 'string' && stored.external_id !== '') {
      this.viewIdsByExternalId.set(stored.external_id, id);
    }
    this.views.set(id, stored);
    return stored;
  }

  private addPin(args: JsonObject): JsonObject {
    const found = this.pinnableMessage(args);
    if ('refusal' in found) return found.refusal;
    if (this.pins.has(found.key)) return failure('already_pinned');
    this.pins.add(found.key);
    return { ok: true };
  }

  private removePin(args: JsonObject): JsonObject {
    const found = this.pinnableMessage(args);
    if ('refusal' in found) return found.refusal;
    if (!this.pins.delete(found.key)) return failure('no_pin');
    return { ok: true };
  }

  private pinnableMessage(args: JsonObject): { key: string } | { refusal: JsonObject } {
    const channel = conversationFor(args.channel);
    if (!channel) return { refusal: failure('channel_not_found') };
    // Pinning is something a member of the channel does; chat:write.public does not cover it.
    if (!channel.startsWith('D') && !this.botIsMemberOf(channel))
      return { refusal: failure('not_in_channel') };
    if (typeof args.timestamp !== 'string' || args.timestamp === '')
      return { refusal: failure('no_item_specified') };
    const key = messageKey(channel, args.timestamp);
    if (!this.messages.has(key)) return { refusal: failure('message_not_found') };
    return { key };
  }

  private openConversation(args: JsonObject): JsonObject {
    if (typeof args.channel === 'string' && args.channel !== '') {
      return CONVERSATION_ID.test(args.channel)
        ? { ok: true, channel: { id: args.channel } }
        : failure('channel_not_found');
    }
    const users =
      typeof args.users === 'string'
        ? args.users
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean)
        : [];
    if (users.length === 0) return failure('users_list_not_supplied');
    if (users.length > 8) return failure('too_many_users');
    if (users.some((u) => !this.users.has(u))) return failure('user_not_found');
    const [only] = users;
    const id = users.length === 1 && only ? `D${only}` : `G${[...users].sort().join('').slice(0, 16)}`;
    // The app is a member of the group DM it opens with several people.
    if (!id.startsWith('D')) this.addChannel({ id, isPrivate: true, botIsMember: true });
    const full = isTrueFlag(args.return_im);
    return {
      ok: true,
      channel: full
        ? { id, created: FIRST_TS_SECONDS, is_im: users.length === 1, user: only, is_open: true }
        : { id },
    };
  }

  /**
   * conversations.info as a bot sees it: a public channel whether or not the bot is in it (`is_member` says which),
   * a private one only once the bot was invited — before that Slack answers `channel_not_found`, as if it did not
   * exist — and the bot's DMs.
   */
  private conversationInfo(args: JsonObject): JsonObject {
    const id = args.channel;
    if (typeof id !== 'string' || !CONVERSATION_ID.test(id)) return failure('channel_not_found');
    const isIm = id.startsWith('D');
    if (isIm && !this.users.has(id.slice(1))) return failure('channel_not_found');
    const isPrivate = !isIm && this.isPrivate(id);
    const isMember = isIm || this.botIsMemberOf(id);
    if (isPrivate && !isMember) return failure('channel_not_found');
    return {
      ok: true,
      channel: {
        id,
        name: isIm ? undefined : (this.channels.get(id)?.name ?? `channel-${id.toLowerCase()}`),
        is_channel: !isIm && !isPrivate,
        is_group: isPrivate,
        is_im: isIm,
        is_private: isPrivate || isIm,
        is_archived: false,
        is_member: isMember,
        created: FIRST_TS_SECONDS,
        ...(isIm ? { user: id.slice(1) } : {}),
      },
    };
  }

  /** Joining is for public channels; a private one needs an invitation from a member. */
  private joinConversation(args: JsonObject): JsonObject {
    const id = args.channel;
    if (typeof id !== 'string' || !CONVERSATION_ID.test(id) || id.startsWith('D')) {
      return failure('channel_not_found');
    }
    if (this.isPrivate(id)) return failure('method_not_supported_for_channel_type');
    const wasMember = this.botIsMemberOf(id);
    this.addChannel({ id, botIsMember: true });
    return {
      ok: true,
      channel: { id, is_channel: true, is_private: false, is_member: true },
      ...(wasMember ? { warning: 'already_in_channel' } : {}),
    };
  }

  private userInfo(args: JsonObject): JsonObject {
    const id = args.user;
    const user = typeof id === 'string' ? this.users.get(id) : undefined;
    if (!user) return failure('user_not_found');
    return { ok: true, user: userJson(user, isTrueFlag(args.include_locale)) };
  }

  private getUploadUrl(args: JsonObject): JsonObject {
    const length = Number(args.length);
    const missing = [
      typeof args.filename !== 'string' || args.filename === '' ? 'filename' : undefined,
      args.length === undefined || !Number.isInteger(length) || length < 1 ? 'length' : undefined,
    ].filter(Boolean);
    if (missing.length > 0) {
      return failure('invalid_arguments', {
        response_metadata: { messages: missing.map((f) => `[ERROR] missing required field: ${String(f)}`) },
      });
    }
    const id = this.nextId('F');
    const file: PendingFile = { id, filename: String(args.filename), length };
    if (typeof args.alt_text === 'string') file.altText = args.alt_text;
    this.files.set(id, file);
    return { ok: true, upload_url: `${this.origin}/upload/${id}`, file_id: id };
  }

  private completeUpload(args: JsonObject): JsonObject {
    const requested = args.files;
    if (!Array.isArray(requested) || requested.length === 0) {
      return failure('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] missing required field: files'] },
      });
    }
    const channel =
      typeof args.channel_id === 'string' && args.channel_id !== '' ? args.channel_id : undefined;
    if (channel !== undefined && !conversationFor(channel)) return failure('invalid_channel');
    const files: JsonObject[] = [];
    for (const entry of requested as unknown[]) {
      const id = typeof entry === 'object' && entry !== null ? (entry as JsonObject).id : undefined;
      const pending = typeof id === 'string' ? this.files.get(id) : undefined;
      const bytes = pending ? this.uploads.get(pending.id) : undefined;
      if (!pending || !bytes) return failure('file_not_found');
      const title = (entry as JsonObject).title;
      files.push({
        id: pending.id,
        created: FIRST_TS_SECONDS,
        timestamp: FIRST_TS_SECONDS,
        name: pending.filename,
        title: typeof title === 'string' && title !== '' ? title : pending.filename,
        user: BOT_USER_ID,
        size: bytes.length,
        url_private: `https://files.slack.com/files-pri/${TEAM_ID}-${pending.id}/${encodeURIComponent(pending.filename)}`,
        channels: channel ? [channel] : [],
        ...(typeof args.initial_comment === 'string' ? { initial_comment: args.initial_comment } : {}),
      });
    }
    return { ok: true, files };
  }
}

// ---- request parsing ----

type ParsedArgs = { args: JsonObject; token: string | undefined } | { error: string };

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Arguments from the body (form, JSON or multipart) plus the query string, with JSON-valued arguments parsed.
 * `url` is undefined for response_url posts, which take no query arguments.
 */
function parseRequestArgs(headers: IncomingHttpHeaders, body: Buffer, url: URL | undefined): ParsedArgs {
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
  const query = url ? Object.fromEntries(url.searchParams) : {};
  // Tokens in the query string are refused for apps created since 2021.
  delete query.token;
  if (body.length === 0) return { args: parseJsonArguments(query), token: bearer };
  if (contentType.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return { error: 'invalid_json' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { error: 'invalid_json' };
    const args = parseJsonArguments({ ...query, ...(parsed as JsonObject) });
    // JSON bodies need the Authorization header; Slack ignores a token inside them.
    delete args.token;
    return { args, token: bearer };
  }
  let fields: JsonObject;
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    fields = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  } else if (contentType.startsWith('multipart/form-data')) {
    fields = Object.fromEntries(
      parseMultipart(body, contentType).map((p) => [p.name ?? '', p.data.toString('utf8')]),
    );
  } else {
    return { error: contentType === '' ? 'missing_post_type' : 'invalid_post_type' };
  }
  const args = parseJsonArguments({ ...query, ...fields });
  const formToken = typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
  delete args.token;
  return { args, token: bearer ?? formToken };
}

function parseJsonArguments(args: JsonObject): JsonObject {
  const out: JsonObject = { ...args };
  for (const key of JSON_ARGUMENTS) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    try {
      out[key] = JSON.parse(value) as unknown;
    } catch {
      // Left as the string it came as; the Block Kit check reports it.
    }
  }
  return out;
}

function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundaryText = match?.[1] ?? match?.[2];
  if (!boundaryText) return [];
  const boundary = Buffer.from(`--${boundaryText}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(boundary);
  while (start !== -1) {
    const end = body.indexOf(boundary, start + boundary.length);
    if (end === -1) break;
    const part = parseMultipartPart(body.subarray(start + boundary.length, end));
    if (part) parts.push(part);
    start = end;
  }
  return parts;
}

function parseMultipartPart(chunk: Buffer): MultipartPart | undefined {
  const headerEnd = chunk.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const headers = chunk.subarray(0, headerEnd).toString('utf8');
  let data = chunk.subarray(headerEnd + 4);
  if (data.subarray(data.length - 2).toString('latin1') === '\r\n') data = data.subarray(0, data.length - 2);
  const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  const part: MultipartPart = { data };
  const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
  const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
  if (name !== undefined) part.name = name;
  if (filename !== undefined) part.filename = filename;
  return part;
}

// ---- answers ----

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

/** Real Slack words Block Kit refusals differently for messages and for views. */
function refusePayload(method: string, problems: string[]): Answer {
  const messages = problems.map((p) => `[ERROR] ${p}`);
  if (method.startsWith('views.')) {
    return platformError('invalid_arguments', { response_metadata: { messages } });
  }
  const answer = platformError('invalid_blocks', { errors: problems, response_metadata: { messages } });
  // A response_url is not the Web API: like an incoming webhook it refuses with an HTTP error status.
  return method === 'response_url' ? { ...answer, status: 400 } : answer;
}

function failure(error: string, extra: JsonObject = {}): JsonObject {
  return { ok: false, error, ...extra };
}

function platformError(error: string, extra: JsonObject = {}): Answer {
  return { status: 200, body: failure(error, extra) };
}

// ---- messages, conversations, users ----

function messageKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

/** The conversation a channel argument names: a user id means the app's DM with that user. */
function conversationFor(channel: unknown): string | undefined {
  if (typeof channel !== 'string' || channel === '') return undefined;
  if (USER_ID.test(channel)) return `D${channel}`;
  return channel;
}

/** Booleans arrive as JSON booleans or, form-encoded, as "true"/"1". */
function isTrueFlag(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

function hasMessageContent(args: JsonObject): boolean {
  const nonEmpty = (v: unknown) =>
    typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) && v.length > 0;
  return (
    nonEmpty(args.text) || nonEmpty(args.blocks) || nonEmpty(args.attachments) || nonEmpty(args.markdown_text)
  );
}

function messageContent(args: JsonObject): Pick<FakeSlackMessage, 'text' | 'blocks' | 'attachments'> {
  const content: Pick<FakeSlackMessage, 'text' | 'blocks' | 'attachments'> = {};
  if (typeof args.text === 'string') content.text = args.text;
  if (args.blocks !== undefined) content.blocks = args.blocks;
  if (args.attachments !== undefined) content.attachments = args.attachments;
  return content;
}

function contentJson(content: Pick<FakeSlackMessage, 'text' | 'blocks' | 'attachments'>): JsonObject {
  return {
    text: content.text ?? '',
    ...(content.blocks !== undefined ? { blocks: content.blocks } : {}),
    ...(content.attachments !== undefined ? { attachments: content.attachments } : {}),
  };
}

function messageJson(message: FakeSlackMessage): JsonObject {
  return {
    type: 'message',
    user: BOT_USER_ID,
    bot_id: BOT_ID,
    app_id: APP_ID,
    team: TEAM_ID,
    ts: message.ts,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...contentJson(message),
  };
}

function userJson(user: FakeSlackUser, includeLocale: boolean): JsonObject {
  const name = user.name ?? user.id;
  const realName = user.realName ?? name;
  const tz = user.tz ?? 'Asia/Seoul';
  return {
    id: user.id,
    team_id: user.teamId ?? TEAM_ID,
    name,
    deleted: false,
    real_name: realName,
    tz,
    tz_label: new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value,
    tz_offset: timeZoneOffsetSeconds(tz),
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    is_restricted: false,
    is_ultra_restricted: false,
    updated: FIRST_TS_SECONDS,
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: name,
      display_name_normalized: name,
      team: user.teamId ?? TEAM_ID,
    },
    ...(includeLocale ? { locale: user.locale ?? 'en-US' } : {}),
  };
}

function timeZoneOffsetSeconds(timeZone: string): number {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '') ?? [];
  if (!sign) return 0;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 3600 + Number(minutes) * 60);
}
