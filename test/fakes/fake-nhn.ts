import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

/**
 * A local stand-in for NHN Cloud Notification SMS API v3.0, over real HTTP (node:http on 127.0.0.1). Point the
 * client (or the app, with `NHN_SMS_BASE_URL`) at `fake.baseUrl`. No dependency beyond Node and iconv-lite (the
 * project's own CP949 codec, for NHN's "characters not allowed" check).
 *
 * The contract it follows (DOMAIN.md contract sheet; TOAST-DOCS/SMS `api-guide.md`, `error-code.md`):
 * - Paths under `/sms/v3.0/appKeys/{appKey}`: `POST /sender/sms|mms|ad-sms|ad-mms`, `GET /sender/sms|mms` (by
 *   `requestId`, or `startRequestDate`+`endRequestDate` ≤ 1 month, filters `senderGroupingKey`, `recipientNo`,
 *   `msgStatus`; `pageNum`, `pageSize` ≤ 1000, default 15), `GET /message-results` (`startUpdateDate`,
 *   `endUpdateDate` ≤ 1 day, paged), `POST /attachfile/binaryUpload`, `PUT /reservations/cancel`, `GET /sendNos`.
 * - Every answer has `header {isSuccessful, resultCode, resultMessage}`; business errors are HTTP 200 with
 *   `isSuccessful: false`. An unknown appKey answers -1000; a wrong or missing `X-Secret-Key` answers HTTP 401
 *   with a -1000 header. A POST/PUT that is not `application/json` → -9996, a body that is not JSON → -9997.
 * - Send checks, in NHN's words: no recipients -2001, > 1,000 -2016, empty recipient -2018, not digits -2019,
 *   empty body (or MMS title) -2014, SMS body > 90 bytes / MMS body > 2,000 / title > 40 (CP949) -2015, a character
 *   CP949 cannot carry -2023, sender not registered -2312, blocked -2313, unknown attachment -2004, a
 *   `requestDate` in the past -2022, malformed dates -2000.
 * - Uploads: `.jpg`/`.jpeg` only (-2003), name ≤ 45 chars (-2002), 1 byte .. 300 KB (-2005).
 *
 * What it keeps:
 * - `calls`: every request (method, path without the appKey prefix, query, parsed body, HTTP status), failed
 *   ones too.
 * - Accepted requests by `requestId` and `senderGroupingKey`, each recipient with its `recipientSeq`.
 * - Per-recipient delivery counts (`deliveryCount(phone, body?)`, `deliveries()`): a number is counted when NHN
 *   takes the message for it (at acceptance, or when a reservation comes due). A cancelled reservation is never
 *   counted. A recipient sent the same message twice shows 2.
 * - Delivery progress: a recipient is `msgStatus "1"` until `deliveryDelayMs` after acceptance (default 0: final on
 *   the next read), then `"3"` with result code `"1000"`, or `"0"` with `failResultCode` (default `"3006"`) for
 *   numbers in `failNumbers`. State advances lazily on every request and accessor, from `now()`, so tests can
 *   move the clock. A reservation (`requestDate`) stays `RESERVED` (msgStatus "1") until its time; cancelled → "4".
 *
 * Switches (all settable at runtime):
 * - `failNext({ header: { resultCode, resultMessage? } | status: 503, count, match? })`: the next `count` matching
 *   requests answer that header error (HTTP 200) or that HTTP status, without doing anything.
 * - `slowMs`: every answer waits this long *after* the request took effect (a send is accepted, then answered late).
 * - `dropAfterAccept(nth | predicate)`: the n-th send accepted from now (1 = the next; refused sends do not count),
 *   or every accepted send the predicate picks, has its deliveries recorded, then the socket is destroyed without an
 *   answer.
 * - `onAccepted(request)`: called (and awaited) after a send is stored, before it is answered.
 * - `resultsShape`: `'flat'` (`body.data[]`, default) or `'nested'` (`body.data.resultUpdateList[]`).
 * - `mixedTypes`: numbers become strings and numeric codes (`msgStatus`, `resultCode`, …) become numbers.
 * - `webhook = { url, signature }`: results are pushed as NHN's `MESSAGE_RESULT_UPDATE` webhook with
 *   `X-Toast-Webhook-Signature` (a timer advances the state every 50 ms while set); `webhookCalls` records them.
 */

/** Letters and digits only, as NHN's ids are (base64url would add '-' and '_'). */
function alphanumeric(length: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => letters[byte % letters.length]).join('');
}

export const FAKE_NHN_APP_KEY = 'fake-app-key';
export const FAKE_NHN_SECRET_KEY = 'fake-secret-key';

export interface RecordedNhnCall {
  method: string;
  /** The path after `/sms/v3.0/appKeys/{appKey}` (the full path when it does not start so). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
  /** How long the fake spent on it, from the first byte read to the answer written (ms; benchmarks subtract it). */
  handledMs?: number;
  /** Set when the answer was not sent: `dropped` (socket destroyed), `5xx`, `header` (switch). */
  injected?: 'dropped' | '5xx' | 'header';
}

export interface FakeNhnRecipient {
  recipientSeq: number;
  recipientNo: string;
  msgStatus: '0' | '1' | '2' | '3' | '4';
  resultCode: string | null;
  /** When the carrier's result is due (ms); null for a cancelled reservation. */
  dueAt: number | null;
  resultAt: number | null;
  updatedAt: number;
  counted: boolean;
}

export interface FakeNhnRequest {
  requestId: string;
  path: string;
  type: 'SMS' | 'LMS' | 'MMS';
  advertisement: boolean;
  body: string;
  title: string | null;
  sendNo: string;
  senderGroupingKey: string | null;
  userId: string | null;
  attachFileIds: number[];
  requestedAt: number;
  /** A reservation's time (ms), or null for an immediate send. */
  reservedFor: number | null;
  recipients: FakeNhnRecipient[];
}

export interface FailureSwitch {
  header?: { resultCode: number; resultMessage?: string };
  status?: number;
  count?: number;
  match?: (call: { method: string; path: string; body: unknown }) => boolean;
}

export interface FakeNhnOptions {
  appKey?: string;
  secretKey?: string;
  /** Registered sender numbers (digits). Default 0215441234 and 0215445678. */
  senderNumbers?: string[];
  blockedSenderNumbers?: string[];
  deliveryDelayMs?: number;
  failNumbers?: Iterable<string>;
  failResultCode?: string;
  port?: number;
  now?: () => number;
}

const PREFIX = /^\/sms\/v3\.0\/appKeys\/([^/]+)(\/.*)?$/;
const KST_MS = 9 * 3_600_000;
const MAX_PAGE_SIZE = 1000;
const NUMERIC_CODE_FIELDS = new Set(['msgStatus', 'resultCode', 'statusCode', 'telecomCode', 'sendType']);

class NhnError extends Error {
  constructor(
    readonly resultCode: number,
    message: string,
  ) {
    super(message);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `yyyy-MM-dd HH:mm:ss` in Korea time, or with `T` for webhooks. */
function kst(ms: number, separator = ' ', fraction = ''): string {
  const d = new Date(ms + KST_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${separator}` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}`
  );
}

function parseKstDate(text: string | undefined, withSeconds: boolean): number {
  const pattern = withSeconds
    ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
    : /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
  const m = text === undefined ? null : pattern.exec(text);
  if (!m) throw new NhnError(-2000, 'Date format error.');
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0)) - KST_MS;
}

/** CP949 bytes, and the characters it cannot carry (iconv-lite turns those into `?`: caught by the round trip). */
function cp949(text: string): { bytes: number; unencodable: boolean } {
  let bytes = 0;
  let unencodable = false;
  for (const ch of text) {
    const encoded = iconv.encode(ch, 'cp949');
    if (iconv.decode(encoded, 'cp949') !== ch) unencodable = true;
    bytes += encoded.length;
  }
  return { bytes, unencodable };
}

/** Numbers as strings, and numeric code strings as numbers: NHN's field types are not stable. */
function mixTypes(value: unknown, key = ''): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && NUMERIC_CODE_FIELDS.has(key) && /^-?\d+$/.test(value))
    return Number(value);
  if (Array.isArray(value)) return value.map((v) => mixTypes(v));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mixTypes(v, k)]));
  return value;
}

export class FakeNhn {
  readonly appKey: string;
  readonly secretKey: string;
  readonly calls: RecordedNhnCall[] = [];
  readonly webhookCalls: { body: unknown; status: number | null; error?: string }[] = [];
  readonly senderNumbers: Set<string>;
  /** Exceptions inside the fake (its bugs, not NHN behaviour); a test may assert this stays empty. */
  readonly internalErrors: unknown[] = [];
  readonly blockedSenderNumbers: Set<string>;
  failNumbers: Set<string>;
  failResultCode: string;
  deliveryDelayMs: number;
  slowMs = 0;
  mixedTypes = false;
  resultsShape: 'flat' | 'nested' = 'flat';
  onAccepted: ((request: FakeNhnRequest) => void | Promise<void>) | undefined;
  now: () => number;

  private readonly requests = new Map<string, FakeNhnRequest>();
  private readonly files = new Map<number, { fileName: string; size: number }>();
  private readonly failures: (FailureSwitch & { left: number })[] = [];
  private drop: { nth: number } | { predicate: (request: FakeNhnRequest) => boolean } | undefined;
  private sendCallsSinceDrop = 0;
  private nextFileId = 1;
  private webhookTarget: { url: string; signature: string } | undefined;
  private webhookTimer: NodeJS.Timeout | undefined;
  private readonly pendingWebhooks: Promise<void>[] = [];
  private server!: Server;
  baseUrl = '';

  private constructor(private readonly options: FakeNhnOptions) {
    this.appKey = options.appKey ?? FAKE_NHN_APP_KEY;
    this.secretKey = options.secretKey ?? FAKE_NHN_SECRET_KEY;
    this.senderNumbers = new Set(options.senderNumbers ?? ['0215441234', '0215445678']);
    this.blockedSenderNumbers = new Set(options.blockedSenderNumbers ?? []);
    this.failNumbers = new Set(options.failNumbers ?? []);
    this.failResultCode = options.failResultCode ?? '3006';
    this.deliveryDelayMs = options.deliveryDelayMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  static async start(options: FakeNhnOptions = {}): Promise<FakeNhn> {
    const fake = new FakeNhn(options);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The environment lines that point Switchboard at this fake. */
  env(): Record<string, string> {
    return {
      NHN_SMS_APP_KEY: this.appKey,
      NHN_SMS_SECRET_KEY: this.secretKey,
      NHN_SMS_BASE_URL: this.baseUrl,
    };
  }

  async close(): Promise<void> {
    this.setWebhook(undefined);
    await Promise.allSettled(this.pendingWebhooks);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- switches -------------------------------------------------------------------------------------------------

  /** Every switch back to its start value (the data — requests, deliveries, calls — stays). */
  resetSwitches(): void {
    this.failures.length = 0;
    this.drop = undefined;
    this.slowMs = 0;
    this.mixedTypes = false;
    this.resultsShape = 'flat';
    this.failNumbers = new Set(this.options.failNumbers ?? []);
    this.failResultCode = this.options.failResultCode ?? '3006';
    this.deliveryDelayMs = this.options.deliveryDelayMs ?? 0;
    this.onAccepted = undefined;
    this.setWebhook(undefined);
  }

  failNext(failure: FailureSwitch): void {
    if (!failure.header && !failure.status) throw new Error('failNext needs a header or a status');
    this.failures.push({ ...failure, left: failure.count ?? 1 });
  }

  /** Accept, record the delivery, then destroy the socket: for the n-th send from now (1 = the next) or a predicate. */
  dropAfterAccept(which: number | ((request: FakeNhnRequest) => boolean) | undefined): void {
    this.sendCallsSinceDrop = 0;
    this.drop =
      which === undefined ? undefined : typeof which === 'number' ? { nth: which } : { predicate: which };
  }

  setWebhook(target: { url: string; signature: string } | undefined): void {
    this.webhookTarget = target;
    if (this.webhookTimer) clearInterval(this.webhookTimer);
    this.webhookTimer = undefined;
    if (target) {
      this.webhookTimer = setInterval(() => this.advance(), 50);
      this.webhookTimer.unref();
    }
  }

  // --- what happened ----------------------------------------------------------------------------------------------

  /** How many times NHN took a message for this number (optionally: this exact body). */
  deliveryCount(phone: string, body?: string): number {
    this.advance();
    let count = 0;
    for (const request of this.requests.values()) {
      if (body !== undefined && request.body !== body) continue;
      for (const r of request.recipients) if (r.counted && r.recipientNo === phone) count++;
    }
    return count;
  }

  /** Every number NHN took a message for, with how many times. */
  deliveries(): Map<string, number> {
    this.advance();
    const counts = new Map<string, number>();
    for (const request of this.requests.values())
      for (const r of request.recipients)
        if (r.counted) counts.set(r.recipientNo, (counts.get(r.recipientNo) ?? 0) + 1);
    return counts;
  }

  /** Accepted requests in acceptance order. */
  accepted(): FakeNhnRequest[] {
    this.advance();
    return [...this.requests.values()];
  }

  /** Accepted requests carrying this senderGroupingKey (more than one is a duplicate send). */
  acceptedByGroupingKey(senderGroupingKey: string): FakeNhnRequest[] {
    return this.accepted().filter((r) => r.senderGroupingKey === senderGroupingKey);
  }

  request(requestId: string): FakeNhnRequest | undefined {
    this.advance();
    return this.requests.get(requestId);
  }

  /** Recorded send calls (all four send endpoints), answered or not. */
  sendCalls(): RecordedNhnCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/sender/'));
  }

  /** Moves recipients whose result is due to their final state (and queues webhooks). Called on every access. */
  advance(): void {
    const now = this.now();
    const changed: { request: FakeNhnRequest; recipient: FakeNhnRecipient }[] = [];
    for (const request of this.requests.values()) {
      for (const r of request.recipients) {
        if (r.msgStatus !== '1' && r.msgStatus !== '2') continue;
        if (request.reservedFor !== null && !r.counted && request.reservedFor <= now) {
          // A reservation comes due: NHN sends it now.
          r.counted = true;
          r.msgStatus = '2';
          r.updatedAt = request.reservedFor;
        }
        if (r.dueAt !== null && r.dueAt <= now) {
          const fails = this.failNumbers.has(r.recipientNo);
          r.msgStatus = fails ? '0' : '3';
          r.resultCode = fails ? this.failResultCode : '1000';
          r.resultAt = r.dueAt;
          r.updatedAt = r.dueAt;
          changed.push({ request, recipient: r });
        }
      }
    }
    if (changed.length && this.webhookTarget) this.pushWebhook(this.webhookTarget, changed);
  }

  // --- HTTP ------------------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    res.once('finish', () => (call.handledMs = performance.now() - started));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake-nhn');
    const match = PREFIX.exec(url.pathname);
    const method = req.method ?? 'GET';
    const call: RecordedNhnCall = {
      method,
      path: match ? (match[2] ?? '/') : url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 200,
      at: this.now(),
    };
    try {
      call.body = raw ? JSON.parse(raw) : undefined;
    } catch {
      call.body = raw;
    }
    this.calls.push(call);
    this.advance();

    const failure = this.failures.find(
      (f) => f.left > 0 && (!f.match || f.match({ method, path: call.path, body: call.body })),
    );
    if (failure) {
      failure.left--;
      if (failure.left === 0) this.failures.splice(this.failures.indexOf(failure), 1);
      if (failure.status) {
        call.status = failure.status;
        call.injected = '5xx';
        await this.pause();
        res.writeHead(failure.status, { 'content-type': 'text/html' });
        res.end(`<html><body>${failure.status} Service Unavailable</body></html>`);
        return;
      }
      call.injected = 'header';
      await this.pause();
      return this.answer(res, call, this.header(failure.header!.resultCode, failure.header!.resultMessage));
    }

    let answer: { status: number; json: unknown };
    let accepted: FakeNhnRequest | undefined;
    try {
      if (!match) throw new NhnError(-9998, 'Not exist API.');
      if (decodeURIComponent(match[1]!) !== this.appKey) throw new NhnError(-1000, 'Invalid appKey.');
      if (req.headers['x-secret-key'] !== this.secretKey) {
        answer = { status: 401, json: this.header(-1000, 'Invalid secretKey.') };
      } else {
        if (method === 'POST' || method === 'PUT') {
          if (!/^application\/json/i.test(req.headers['content-type'] ?? ''))
            throw new NhnError(-9996, 'Only application/json Content-type is supported.');
          if (typeof call.body !== 'object' || call.body === null)
            throw new NhnError(-9997, 'Invalid API parameters.');
        }
        const route = `${method} ${call.path}`;
        const body = call.body as Record<string, unknown>;
        let result: unknown;
        switch (route) {
          case 'POST /sender/sms':
          case 'POST /sender/mms':
          case 'POST /sender/ad-sms':
          case 'POST /sender/ad-mms':
            accepted = this.acceptSend(call.path, body);
            result = this.sendAnswer(accepted);
            break;
          case 'GET /sender/sms':
          case 'GET /sender/mms':
            result = this.list(call.path === '/sender/mms' ? 'mms' : 'sms', call.query);
            break;
          case 'GET /message-results':
            result = this.messageResults(call.query);
            break;
          case 'POST /attachfile/binaryUpload':
            result = this.upload(body);
            break;
          case 'PUT /reservations/cancel':
            result = this.cancel(body);
            break;
          case 'GET /sendNos':
            result = this.page(
              [...this.senderNumbers].map((sendNo) => ({
                sendNo,
                useYn: 'Y',
                blockYn: this.blockedSenderNumbers.has(sendNo) ? 'Y' : 'N',
                serviceId: 71191,
              })),
              call.query,
            );
            break;
          default:
            throw new NhnError(-9998, 'Not exist API.');
        }
        answer = { status: 200, json: { header: this.header(0, 'SUCCESS').header, body: result } };
      }
    } catch (error) {
      if (error instanceof NhnError)
        answer = { status: 200, json: this.header(error.resultCode, error.message) };
      else {
        // A bug of the fake itself: answered as NHN's system error and kept for the test to see.
        this.internalErrors.push(error);
        answer = { status: 500, json: this.header(-9999, 'System error.') };
      }
    }

    if (accepted) {
      await this.onAccepted?.(accepted);
      this.sendCallsSinceDrop++;
      const drop = this.drop;
      if (drop && ('nth' in drop ? drop.nth === this.sendCallsSinceDrop : drop.predicate(accepted))) {
        if ('nth' in drop) this.drop = undefined;
        call.injected = 'dropped';
        call.status = 0;
        req.socket.destroy();
        return;
      }
    }
    await this.pause();
    call.status = answer.status;
    this.answer(res, call, answer.json, answer.status);
  }

  private pause(): Promise<void> {
    return this.slowMs > 0 ? new Promise((r) => setTimeout(r, this.slowMs)) : Promise.resolve();
  }

  private header(resultCode: number, resultMessage = resultCode === 0 ? 'SUCCESS' : 'FAIL') {
    return { header: { isSuccessful: resultCode === 0, resultCode, resultMessage } };
  }

  private answer(res: ServerResponse, call: RecordedNhnCall, json: unknown, status = 200): void {
    call.status = status;
    const payload = this.mixedTypes ? mixTypes(json) : json;
    if (this.mixedTypes && payload && typeof payload === 'object' && 'header' in payload) {
      // isSuccessful stays a boolean; resultCode as a string is the mixed form NHN has shipped.
      const header = (payload as { header: Record<string, unknown> }).header;
      header.isSuccessful = (json as { header: { isSuccessful: boolean } }).header.isSuccessful;
    }
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(payload));
  }

  // --- endpoints --------------------------------------------------------------------------------------------------

  private acceptSend(path: string, body: Record<string, unknown>): FakeNhnRequest {
    const mms = path.endsWith('mms');
    const text = typeof body.body === 'string' ? body.body : '';
    const title = typeof body.title === 'string' ? body.title : null;
    const list = body.recipientList;
    if (!Array.isArray(list) || list.length === 0)
      throw new NhnError(-2001, 'RecipientList can not be null.');
    if (list.length > MAX_PAGE_SIZE) throw new NhnError(-2016, 'The max recipient size is 1000.');
    const recipientNos = list.map((r: unknown) => {
      const no = (r as { recipientNo?: unknown } | null)?.recipientNo;
      if (no === undefined || no === null || no === '')
        throw new NhnError(-2018, 'RecipientNo can not be empty.');
      const digits = String(no).replace(/-/g, '');
      if (!/^\d{8,20}$/.test(digits)) throw new NhnError(-2019, 'RecipientNo is invalid.');
      return digits;
    });
    if (!text.trim() || (mms && !title?.trim())) throw new NhnError(-2014, 'Title or body can not be empty.');
    const bodyBytes = cp949(text);
    const titleBytes = cp949(title ?? '');
    if (bodyBytes.unencodable || titleBytes.unencodable)
      throw new NhnError(-2023, 'Unacceptable characters in title and body.');
    if (bodyBytes.bytes > (mms ? 2000 : 90) || titleBytes.bytes > 40)
      throw new NhnError(-2015, 'Title or Body exceed maximum byte.');
    const sendNo = String(body.sendNo ?? '').replace(/-/g, '');
    if (!this.senderNumbers.has(sendNo)) throw new NhnError(-2312, 'Not regist sendno.');
    if (this.blockedSenderNumbers.has(sendNo)) throw new NhnError(-2313, 'This sendno is blocked.');
    const attachFileIds = Array.isArray(body.attachFileIdList) ? body.attachFileIdList.map(Number) : [];
    for (const id of attachFileIds)
      if (!this.files.has(id)) throw new NhnError(-2004, 'File is expired or does not exist.');
    const now = this.now();
    let reservedFor: number | null = null;
    if (body.requestDate !== undefined && body.requestDate !== null && body.requestDate !== '') {
      reservedFor = parseKstDate(String(body.requestDate), false);
      if (reservedFor < now - 60_000) throw new NhnError(-2022, 'RequestDate is not before currentDate.');
    }
    const requestId = `${kst(now).replace(/\D/g, '')}${alphanumeric(10)}0`;
    const startsAt = reservedFor ?? now;
    const request: FakeNhnRequest = {
      requestId,
      path,
      type: mms ? (attachFileIds.length ? 'MMS' : 'LMS') : 'SMS',
      advertisement: path.includes('/ad-'),
      body: text,
      title: mms ? title : null,
      sendNo,
      senderGroupingKey: typeof body.senderGroupingKey === 'string' ? body.senderGroupingKey : null,
      userId: typeof body.userId === 'string' ? body.userId : null,
      attachFileIds,
      requestedAt: now,
      reservedFor,
      recipients: recipientNos.map((recipientNo, i) => ({
        recipientSeq: i + 1,
        recipientNo,
        msgStatus: '1',
        resultCode: null,
        dueAt: startsAt + this.deliveryDelayMs,
        resultAt: null,
        updatedAt: now,
        counted: reservedFor === null,
      })),
    };
    this.requests.set(requestId, request);
    return request;
  }

  private sendAnswer(request: FakeNhnRequest) {
    return {
      data: {
        requestId: request.requestId,
        statusCode: '2',
        senderGroupingKey: request.senderGroupingKey,
        sendResultList: request.recipients.map((r) => ({
          recipientNo: r.recipientNo,
          resultCode: 0,
          resultMessage: 'SUCCESS',
          recipientSeq: r.recipientSeq,
          recipientGroupingKey: null,
        })),
      },
    };
  }

  private page(items: unknown[], query: Record<string, string>) {
    const pageNum = query.pageNum ? Number(query.pageNum) : 1;
    const pageSize = query.pageSize ? Number(query.pageSize) : 15;
    if (!Number.isInteger(pageNum) || pageNum < 1 || !Number.isInteger(pageSize) || pageSize < 1)
      throw new NhnError(-1005, 'Service parameter is invalid.');
    if (pageSize > MAX_PAGE_SIZE) throw new NhnError(-1005, 'Service parameter is invalid.');
    return {
      pageNum,
      pageSize,
      totalCount: items.length,
      data: items.slice((pageNum - 1) * pageSize, pageNum * pageSize),
    };
  }

  private list(kind: 'sms' | 'mms', query: Record<string, string>) {
    let requests = [...this.requests.values()].filter((r) => (kind === 'mms') === (r.type !== 'SMS'));
    if (query.requestId) {
      requests = requests.filter((r) => r.requestId === query.requestId);
    } else if (query.startRequestDate || query.endRequestDate) {
      const from = parseKstDate(query.startRequestDate, true);
      const to = parseKstDate(query.endRequestDate, true);
      if (to - from > 31 * 86_400_000) throw new NhnError(-4000, 'Search is possible within one month.');
      // NHN's "request date" is the send time: a reservation's time, else the acceptance (second precision).
      requests = requests.filter((r) => {
        const at = Math.floor((r.reservedFor ?? r.requestedAt) / 1000) * 1000;
        return at >= from && at <= to;
      });
    } else {
      throw new NhnError(-2011, 'RequestId or start/endRequestDate or start/endCreateDate is required.');
    }
    if (query.senderGroupingKey)
      requests = requests.filter((r) => r.senderGroupingKey === query.senderGroupingKey);
    const rows = requests.flatMap((request) =>
      request.recipients
        .filter((r) => !query.recipientNo || r.recipientNo === query.recipientNo)
        .filter((r) => !query.msgStatus || r.msgStatus === query.msgStatus)
        .map((r) => this.row(request, r)),
    );
    return this.page(rows, query);
  }

  private row(request: FakeNhnRequest, r: FakeNhnRecipient) {
    return {
      requestId: request.requestId,
      requestDate: kst(request.reservedFor ?? request.requestedAt, ' ', '.0'),
      resultDate: r.resultAt === null ? null : kst(r.resultAt, ' ', '.0'),
      templateId: null,
      body: request.body,
      sendNo: request.sendNo,
      countryCode: '82',
      recipientNo: r.recipientNo,
      msgStatus: r.msgStatus,
      msgStatusName: { '0': '실패', '1': '요청', '2': '처리 중', '3': '성공', '4': '예약취소' }[r.msgStatus],
      resultCode: r.resultCode,
      resultCodeName: r.resultCode === null ? null : r.resultCode === '1000' ? '성공' : '실패',
      telecomCode: 10001,
      telecomCodeName: 'SKT',
      recipientSeq: r.recipientSeq,
      sendType: request.type === 'SMS' ? '0' : '1',
      messageType: request.type,
      messageCount: 1,
      userId: request.userId,
      adYn: request.advertisement ? 'Y' : 'N',
      resultMessage: '',
      senderGroupingKey: request.senderGroupingKey,
      recipientGroupingKey: null,
    };
  }

  private messageResults(query: Record<string, string>) {
    const from = parseKstDate(query.startUpdateDate, true);
    const to = parseKstDate(query.endUpdateDate, true);
    if (to < from || to - from > 86_400_000) throw new NhnError(-1005, 'Service parameter is invalid.');
    const rows = [...this.requests.values()].flatMap((request) =>
      request.recipients
        .filter((r) => r.resultAt !== null && r.updatedAt >= from && r.updatedAt < to + 1000)
        .filter(() => !query.messageType || query.messageType === request.type)
        .map((r) => ({
          messageType: request.type,
          requestId: request.requestId,
          recipientSeq: r.recipientSeq,
          resultCode: r.resultCode,
          resultCodeName: r.resultCode === '1000' ? '성공' : '실패',
          requestDate: kst(request.reservedFor ?? request.requestedAt, ' ', '.0'),
          resultDate: r.resultAt === null ? null : kst(r.resultAt, ' ', '.0'),
          updateDate: kst(r.updatedAt, ' ', '.0'),
          telecomCode: '10002',
          telecomCodeName: 'KT',
          senderGroupingKey: request.senderGroupingKey,
          recipientGroupingKey: null,
        })),
    );
    const page = this.page(rows, query);
    if (this.resultsShape === 'flat') return page;
    return {
      pageNum: page.pageNum,
      pageSize: page.pageSize,
      totalCount: page.totalCount,
      data: { resultUpdateList: page.data },
    };
  }

  private upload(body: Record<string, unknown>) {
    const fileName = typeof body.fileName === 'string' ? body.fileName : '';
    if (!fileName || fileName.length > 45) throw new NhnError(-2002, 'Invalid attach file name.');
    if (!/\.(jpe?g)$/i.test(fileName)) throw new NhnError(-2003, 'Attach file required jpg or jpeg.');
    const size = typeof body.fileBody === 'string' ? Buffer.from(body.fileBody, 'base64').length : 0;
    if (size === 0 || size > 300 * 1024)
      throw new NhnError(-2005, 'The file size must be greater than 0 and less than 300KB.');
    const fileId = this.nextFileId++;
    this.files.set(fileId, { fileName, size });
    return { data: { fileId, fileName, filePath: `0/fake-nhn/${fileId}` } };
  }

  private cancel(body: Record<string, unknown>) {
    const list = Array.isArray(body.reservationList) ? body.reservationList : [];
    if (list.length === 0 || typeof body.updateUser !== 'string')
      throw new NhnError(-9997, 'Invalid API parameters.');
    let canceledCount = 0;
    for (const item of list as { requestId?: unknown; recipientSeq?: unknown }[]) {
      const request = this.requests.get(String(item.requestId));
      const recipient = request?.recipients.find((r) => r.recipientSeq === Number(item.recipientSeq));
      // Only a reservation not yet due can be cancelled (NHN: "only RESERVED items").
      if (!request || !recipient || request.reservedFor === null || recipient.counted) continue;
      if (recipient.msgStatus !== '1') continue;
      recipient.msgStatus = '4';
      recipient.dueAt = null;
      recipient.updatedAt = this.now();
      canceledCount++;
    }
    return { data: { requestedCount: list.length, canceledCount } };
  }

  private pushWebhook(
    target: { url: string; signature: string },
    changed: { request: FakeNhnRequest; recipient: FakeNhnRecipient }[],
  ): void {
    const id = () => `${kst(this.now()).replace(/\D/g, '')}${alphanumeric(8)}`;
    const body = {
      hooksId: id(),
      webhookConfigId: 'fake-webhook',
      productName: 'SMS',
      appKey: this.appKey,
      event: 'MESSAGE_RESULT_UPDATE',
      hooks: changed.map(({ request, recipient }) => ({
        hookId: id(),
        senderType: `${request.advertisement ? 'AD' : 'NORMAL'}_${request.type === 'SMS' ? 'SMS' : 'MMS'}`,
        requestId: request.requestId,
        recipientSeq: recipient.recipientSeq,
        requestDate: kst(request.reservedFor ?? request.requestedAt, 'T'),
        receiveDate: recipient.resultAt === null ? null : kst(recipient.resultAt, 'T'),
        sendNo: request.sendNo,
        recipientNo: recipient.recipientNo,
        messageStatus: recipient.msgStatus === '3' ? 'COMPLETED' : 'FAILED',
        recipientGroupingKey: null,
        senderGroupingKey: request.senderGroupingKey,
        resultCode: recipient.resultCode,
        messageCount: 1,
      })),
    };
    const record: (typeof this.webhookCalls)[number] = { body, status: null };
    this.webhookCalls.push(record);
    const sent = fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        'x-toast-webhook-signature': target.signature,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    })
      .then(async (response) => {
        record.status = response.status;
        await response.arrayBuffer();
      })
      .catch((error: unknown) => {
        record.error = error instanceof Error ? error.message : String(error);
      });
    this.pendingWebhooks.push(sent);
  }
}
