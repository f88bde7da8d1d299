/**
 * `npm run simulate -- [options]`: feeds realistic contact-center traffic into a running Switchboard through its
 * public API (`POST /api/v1/cti/events`), so someone without a PBX sees a moving wallboard.
 *
 *   --url URL         the running instance (default http://127.0.0.1:3000); the only address this script talks to
 *   --key KEY         its API key (default: $SWITCHBOARD_API_KEY; without either, a demo service "데모 고객센터" is
 *                     set up in the server's database — MONGODB_URL, or the embedded one of DATA_DIR, exactly as
 *                     `npm run cli` finds it — with a new key and members named after the simulated agents, and
 *                     a link to the wall page, valid 8 hours, is printed)
 *   --agents N        agents SIP/8001… (default 12)
 *   --rate N          calls per minute (default 40)
 *   --talk SECONDS    mean talk time (default 180)
 *   --speed X         time multiplier: 10 plays ten minutes of the contact center in one (default 1)
 *   --duration S      stop after S seconds (default: until Ctrl-C)
 *
 * The model: calls arrive as a Poisson process and wait in one FIFO queue; the longest-idle ready agent gets the
 * next call (ringing 2–6 s, then talking for a log-normal time, then 20–40 s of after-call work). Callers hang up
 * when their patience runs out (exponential, mean 60 s), leave by timeout after 3 minutes or, now and then, press
 * a key to leave. Agents log in over the first seconds, sometimes take a break after a call, and now and then
 * dial out (dialing → outbound). Ctrl-C (or the end of --duration) ends calls, logs every agent out and lets the
 * callers still waiting leave (queue empty) before it exits, so the wallboard is left tidy.
 *
 * SMS: without NHN credentials in the environment (NHN_SMS_APP_KEY unset), the simulator also runs the fake NHN
 * Cloud server of `npm run fake-nhn` in-process on FAKE_NHN_PORT (default 4010) and prints the NHN_SMS_* lines to
 * start Switchboard with; the demo service gets SMS switched on with the fake's sender numbers (0215441234,
 * 0215445678). Each caller who hangs up unanswered is then sent a "sorry we missed you" SMS through the API
 * (`POST /api/v1/sms/messages`, at most one every 10 s), and the status line shows what the fake delivered. A
 * server without the SMS API, or with SMS off, is reported once and the rest of the demo goes on.
 *
 * Events are sent in batches every 500 ms and dated on the real clock; with --speed, waits and talk times in the
 * events are model seconds, while the wallboard's clock-based figures (longest wait, time in state) run in real
 * time.
 */
import { openOperatorDatabase, type OperatorDatabase } from './operator-database.js';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config.js';
import type { AgentState, ExitReason } from '../src/domain/wallboard/events.js';
import type { Actor } from '../src/usecases/actor.js';
import { createApiKey } from '../src/usecases/api-keys.js';
import { saveMember } from '../src/usecases/members.js';
import { setupService } from '../src/usecases/services.js';
import { updateServiceSettings } from '../src/usecases/settings.js';
import { issueWallboardLink } from '../src/usecases/wallboard-links.js';
import type { FakeNhn } from '../test/fakes/fake-nhn.js';
import { envLines, startDemoFakeNhn } from './fake-nhn.js';

const DEMO_SERVICE = '데모 고객센터';
/** The sender numbers the fake NHN server has registered (scripts/fake-nhn.ts). */
const DEMO_SENDER_NUMBERS = ['0215441234', '0215445678'];
const MISSED_CALL_SMS = '[데모 고객센터] 전화를 받지 못해 죄송합니다. 곧 다시 연락드리겠습니다.';
const SMS_EVERY_MS = 10_000;
/** The queue name the simulated PBX reports (`service` of every event). */
const QUEUE = 'support';
const FLUSH_MS = 500;
const TICK_MS = 100;
const STATUS_MS = 5_000;
/** One request never carries more than the API takes. */
const MAX_BATCH = 1_000;
/** Events kept while the server does not answer; past this the simulator gives up rather than grow without end. */
const MAX_PENDING = 100_000;
const RETRY_MAX_MS = 5_000;

const QUEUE_TIMEOUT_S = 180;
const MEAN_PATIENCE_S = 60;
const KEY_EXIT_SHARE = 0.03;
const ACW_S: [number, number] = [20, 40];
const RING_S: [number, number] = [2, 6];
const BREAK_AFTER_CALL_SHARE = 0.08;
const BREAK_S: [number, number] = [180, 600];
const MAX_ON_BREAK_SHARE = 0.2;
/** Each agent dials out about once per this many model seconds, when idle. */
const OUTBOUND_EVERY_S = 900;
const BREAK_REASONS = ['휴식', '식사', '교육', '회의'];
const NAMES = [
  '김민지',
  '박서준',
  '이서연',
  '최도윤',
  '정하은',
  '강지호',
  '조수아',
  '윤하준',
  '장지우',
  '임예준',
  '한서윤',
  '오시우',
  '서지민',
  '신유준',
  '권채원',
  '황은우',
  '안하린',
  '송건우',
  '류다은',
  '전현우',
  '홍수빈',
  '고민재',
  '문예린',
  '양준서',
  '손지아',
  '배도현',
  '백서아',
  '허승민',
  '유나윤',
  '남태윤',
];

const USAGE =
  'usage: npm run simulate -- [--url URL] [--key API_KEY] [--agents 12] [--rate 40] [--talk 180] [--speed 1] [--duration SECONDS]';

function fatal(message: string, code = 2): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:3000' },
        key: { type: 'string' },
        agents: { type: 'string', default: '12' },
        rate: { type: 'string', default: '40' },
        talk: { type: 'string', default: '180' },
        speed: { type: 'string', default: '1' },
        duration: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fatal(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const number = (name: string, text: string, min: number, max: number) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) fatal(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  let base: URL;
  try {
    base = new URL(values.url);
  } catch {
    fatal(`--url is not a URL: ${values.url}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') fatal('--url must be http:// or https://');
  // Paths below are relative, so a Switchboard behind a proxy under a path prefix works too.
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return {
    base,
    key: values.key ?? process.env.SWITCHBOARD_API_KEY ?? undefined,
    agents: Math.round(number('agents', values.agents, 1, 500)),
    rate: number('rate', values.rate, 0.1, 6_000),
    talk: number('talk', values.talk, 10, 3_600),
    speed: number('speed', values.speed, 0.1, 100),
    duration: values.duration === undefined ? undefined : number('duration', values.duration, 1, 7 * 86_400),
  };
}

type Options = ReturnType<typeof parseOptions>;

// ---------------------------------------------------------------------------------------------------------------
// Setting up a demo service (only without --key / SWITCHBOARD_API_KEY)

const agentId = (i: number) => `SIP/${8001 + i}`;
const agentName = (i: number) =>
  i < NAMES.length ? NAMES[i]! : `${NAMES[i % NAMES.length]} ${Math.floor(i / NAMES.length) + 1}`;

/**
 * Creates (or reuses) the demo service, a new API key and one member per simulated agent, through the same use
 * cases and database as `npm run cli`. Refuses when that database is not the one the server at --url uses: a key
 * made elsewhere would only be refused.
 */
async function setUpDemo(
  options: Options,
  smsDemo: boolean,
): Promise<{ key: string; serviceId: string; wallPage: string | undefined }> {
  let operatorDb: OperatorDatabase;
  try {
    operatorDb = await openOperatorDatabase();
  } catch (error) {
    if (error instanceof ConfigError) fatal(error.message);
    throw error;
  }
  if (operatorDb.embedded && operatorDb.embedded.kind !== 'shared') {
    await operatorDb.close();
    fatal(
      `no server is running on the embedded database of DATA_DIR=${operatorDb.config.dataDir}, so a key made there would ` +
        `not work at ${options.base.href}. Run the simulator with the server's MONGODB_URL or DATA_DIR, or ` +
        'pass --key (npm run cli -- apikey create --service ID).',
    );
  }
  const { store } = operatorDb;
  try {
    const actor: Actor = { kind: 'operator', name: 'simulator' };
    let service = (await store.services.list()).find((s) => s.name === DEMO_SERVICE);
    if (!service) {
      const created = await setupService(store, { name: DEMO_SERVICE, operator: 'simulator' });
      if (!created.ok) fatal(`could not create the demo service: ${created.problem.message}`);
      service = created.value.service;
      process.stdout.write(`created service ${service._id} "${DEMO_SERVICE}"\n`);
    } else process.stdout.write(`using service ${service._id} "${DEMO_SERVICE}"\n`);
    if (smsDemo && !service.settings.smsSenderNumbers.length) {
      // The fake NHN's registered numbers, so the demo can send SMS through it.
      const smsOn = await updateServiceSettings(store, actor, service._id, {
        smsEnabled: true,
        smsSenderNumbers: DEMO_SENDER_NUMBERS,
      });
      if (smsOn.ok)
        process.stdout.write(`SMS switched on for "${DEMO_SERVICE}" (${DEMO_SENDER_NUMBERS.join(', ')})\n`);
      else process.stderr.write(`warning: could not switch SMS on: ${smsOn.problem.message}\n`);
    }
    const made = await createApiKey(store, actor, service._id, { name: 'simulator' });
    if (!made.ok) fatal(`could not create an API key: ${made.problem.message}`);
    let skipped = 0;
    for (let i = 0; i < options.agents; i++) {
      // Not a chat identity: no Slack or Teams user can ever be matched to these demo members.
      const saved = await saveMember(store, actor, service._id, {
        identity: `demo:${agentId(i)}`,
        displayName: agentName(i),
        role: 'member',
        permissions: { phone: true, callbackAssign: false, sms: false },
        ctiAgentId: agentId(i),
      });
      if (!saved.ok) skipped++;
    }
    if (skipped)
      process.stdout.write(
        `${skipped} agent id(s) already belong to other members; their names stay as they are\n`,
      );
    process.stdout.write(
      `created API key ${made.value.apiKey._id} (shown once; reuse it with --key or SWITCHBOARD_API_KEY):\n` +
        `  ${made.value.key}\n`,
    );
    // The most visual part of the demo needs no Slack: a signed link to the wall page (8 hours, like a member's).
    const link = await issueWallboardLink(store, actor, service._id, {});
    const wallPage = link.ok ? new URL(link.value.path.slice(1), options.base).href : undefined;
    return { key: made.value.key, serviceId: service._id, wallPage };
  } finally {
    await operatorDb.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sending

type WireEvent = { id: string; type: string; at: number; service: string } & Record<string, string | number>;

/** Batches events to the API every FLUSH_MS; keeps and retries them while the server is down or busy. */
class Sender {
  private pending: WireEvent[] = [];
  private sending: Promise<void> | undefined;
  private retryAt = 0;
  private failures = 0;
  sent = 0;
  duplicates = 0;
  rejected = 0;
  private reportedRejection = false;

  constructor(
    private readonly endpoint: URL,
    private readonly key: string,
  ) {}

  get backlog(): number {
    return this.pending.length;
  }

  push(event: WireEvent): void {
    this.pending.push(event);
    if (this.pending.length > MAX_PENDING)
      fatal(`${MAX_PENDING} events could not be delivered to ${this.endpoint.origin}; giving up`, 1);
  }

  flush(): Promise<void> {
    if (this.sending || this.pending.length === 0 || Date.now() < this.retryAt)
      return this.sending ?? Promise.resolve();
    const batch = this.pending.slice(0, MAX_BATCH);
    this.sending = this.post(batch).finally(() => {
      this.sending = undefined;
      // A backlog (after an outage, or at a high --speed) goes out at once rather than one batch per FLUSH_MS.
      if (this.pending.length >= MAX_BATCH && this.failures === 0) void this.flush();
    });
    return this.sending;
  }

  /** Sends everything left (at shutdown), giving up after `ms`. */
  async drain(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while ((this.pending.length > 0 || this.sending) && Date.now() < deadline) {
      await this.flush();
      if (this.pending.length > 0) await sleep(Math.min(200, Math.max(0, this.retryAt - Date.now())));
    }
    return this.pending.length === 0;
  }

  private async post(batch: WireEvent[]): Promise<void> {
    let status = 0;
    let text = '';
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: batch }),
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return this.failed(`cannot reach ${this.endpoint.origin} (${(error as Error).message})`);
    }
    if (status === 401 || status === 403) fatal(`the server refused the API key (${status}): ${text}`);
    if (status !== 202) return this.failed(`the server answered ${status}: ${text.slice(0, 200)}`);
    let report: { accepted: number; duplicates: number; rejected: { index: number; error: string }[] };
    try {
      report = JSON.parse(text) as typeof report;
    } catch {
      return this.failed(`the server answered 202 with something that is not JSON: ${text.slice(0, 200)}`);
    }
    this.pending.splice(0, batch.length);
    this.sent += report.accepted;
    this.duplicates += report.duplicates;
    this.rejected += report.rejected.length;
    if (report.rejected.length && !this.reportedRejection) {
      // A rejection is a bug of this script; one line is enough to find it.
      this.reportedRejection = true;
      const first = report.rejected[0]!;
      process.stderr.write(
        `warning: event rejected: ${first.error} in ${JSON.stringify(batch[first.index])}\n`,
      );
    }
    if (this.failures > 0)
      process.stdout.write(`delivering again after ${this.failures} failed attempt(s)\n`);
    this.failures = 0;
  }

  private failed(message: string): void {
    this.failures++;
    const wait = Math.min(RETRY_MAX_MS, 250 * 2 ** this.failures);
    this.retryAt = Date.now() + wait;
    if (this.failures === 1 || this.failures % 10 === 0)
      process.stderr.write(`warning: ${message}; ${this.pending.length} events kept, retrying\n`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// SMS for callers who hung up (only with the fake NHN server, see the header)

/** Sends a missed-call SMS through the API for abandoned calls, at most one every SMS_EVERY_MS. */
class MissedCallSms {
  private readonly callers = new Map<string, string>();
  private lastAt = 0;
  private off = false;
  sent = 0;

  constructor(
    private readonly endpoint: URL,
    private readonly key: string,
    private readonly fake: FakeNhn | undefined,
  ) {}

  /** Sees every event on its way out. */
  observe(event: WireEvent): void {
    const callId = String(event.callId ?? '');
    if (event.type === 'call.enqueued' && event.caller) this.callers.set(callId, String(event.caller));
    else if (event.type === 'call.abandoned') {
      const caller = this.callers.get(callId);
      this.callers.delete(callId);
      if (caller && !this.off && Date.now() - this.lastAt >= SMS_EVERY_MS) {
        this.lastAt = Date.now();
        void this.send(caller, callId);
      }
    } else if (event.type === 'call.answered' || event.type === 'call.exited') this.callers.delete(callId);
  }

  status(): string {
    if (this.off) return '';
    const delivered = this.fake ? [...this.fake.deliveries().values()].reduce((a, b) => a + b, 0) : undefined;
    return `  |  sms ${this.sent}${delivered === undefined ? '' : ` (fake NHN took ${delivered})`}`;
  }

  private async send(phone: string, callId: string): Promise<void> {
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.key}`,
          'content-type': 'application/json',
          'idempotency-key': `simulator-${callId}`,
        },
        body: JSON.stringify({ body: MISSED_CALL_SMS, recipients: [phone] }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (response.status === 201 || response.status === 200) this.sent++;
      else if ([401, 403, 404, 405].includes(response.status)) {
        this.off = true;
        process.stdout.write(
          `note: no SMS in this demo: ${this.endpoint.pathname} answered ${response.status} ${text.slice(0, 160)}\n`,
        );
      } else process.stderr.write(`warning: SMS not sent (${response.status}): ${text.slice(0, 200)}\n`);
    } catch (error) {
      process.stderr.write(`warning: SMS not sent: ${(error as Error).message}\n`);
    }
  }
}

/**
 * The fake NHN server in this process when no NHN credentials are set. A port already taken is most likely an
 * `npm run fake-nhn` started by hand: the demo then uses that one.
 */
async function startSmsFake(): Promise<FakeNhn | undefined> {
  if (process.env.NHN_SMS_APP_KEY) return undefined;
  const port = Number(process.env.FAKE_NHN_PORT ?? 4010);
  try {
    const fake = await startDemoFakeNhn(port);
    process.stdout.write(
      `SMS: fake NHN Cloud at ${fake.baseUrl} (in this process). Switchboard sends SMS through it when started with\n` +
        `${envLines(fake)
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n')}\n`,
    );
    return fake;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stdout.write(
        `SMS: port ${port} is taken (npm run fake-nhn?); SMS go to whatever listens there\n`,
      );
      return undefined;
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The model

const uniform = ([low, high]: [number, number]) => low + Math.random() * (high - low);
const exponential = (mean: number) => -mean * Math.log(1 - Math.random());
/** Log-normal with the given mean; sigma 0.6 gives the long right tail of real talk times. */
function logNormal(mean: number, sigma = 0.6): number {
  const u = 1 - Math.random();
  const v = Math.random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * normal);
}

interface Call {
  id: string;
  enqueuedAt: number;
  agent?: Agent;
  /** Set once the caller has left the queue (answered, abandoned or exited): pending actions then do nothing. */
  done: boolean;
}

interface Agent {
  index: number;
  id: string;
  state: AgentState;
  since: number;
  call?: Call;
  /** Bumped on every state change: an action scheduled for an earlier state sees it changed and does nothing. */
  version: number;
}

interface Scheduled {
  at: number;
  order: number;
  run: () => void;
}

/** A binary min-heap of actions by model time (ties in scheduling order). */
class Timeline {
  private readonly heap: Scheduled[] = [];
  private order = 0;

  add(at: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ at, order: this.order++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Runs every action due by `now`, in time order (actions may schedule more), setting the clock to each one's time. */
  runUntil(now: number, setClock: (t: number) => void): void {
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const next = this.pop();
      setClock(next.at);
      next.run();
    }
  }

  clear(): void {
    this.heap.length = 0;
  }

  private before(a: Scheduled, b: Scheduled): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private pop(): Scheduled {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

class ContactCenter {
  /** Model seconds since the start; the time of the action being run. */
  private now = 0;
  private readonly timeline = new Timeline();
  private readonly agents: Agent[];
  /** Calls waiting for an agent, oldest first (Map keeps insertion order). */
  private readonly queue = new Map<string, Call>();
  /** Calls in the queue as the wallboard counts them: waiting, or ringing an agent. */
  private readonly waiting = new Map<string, Call>();
  private readonly runId = randomBytes(3).toString('hex');
  private eventCount = 0;
  private callCount = 0;
  readonly totals = { inbound: 0, answered: 0, abandoned: 0, exited: 0, outbound: 0 };
  private stopped = false;

  constructor(
    private readonly options: Options,
    private readonly emit: (event: WireEvent) => void,
    private readonly startedAt: number,
  ) {
    this.agents = Array.from({ length: options.agents }, (_, index) => ({
      index,
      id: agentId(index),
      state: 'offline' as AgentState,
      since: 0,
      version: 0,
    }));
  }

  start(): void {
    // Agents trickle in over the first 20 model seconds, so the board fills up visibly; the first one at once and
    // calls only a second later, so nobody is turned away by an empty queue at the start.
    for (const agent of this.agents)
      this.timeline.add(agent.index === 0 ? 0 : Math.random() * 20, () => this.login(agent));
    this.timeline.add(1 + exponential(60 / this.options.rate), () => this.arrive());
    this.timeline.add(exponential(OUTBOUND_EVERY_S / this.agents.length), () => this.dialOut());
  }

  /** Advances the model to `modelSeconds`, emitting the events of everything that happened meanwhile. */
  advance(modelSeconds: number): void {
    if (this.stopped) return;
    this.timeline.runUntil(modelSeconds, (t) => (this.now = t));
    this.now = modelSeconds;
  }

  /** Closing time: calls end, agents log out, and the callers still waiting leave because the queue is empty. */
  stop(modelSeconds: number): void {
    if (this.stopped) return;
    this.advance(modelSeconds);
    this.stopped = true;
    this.timeline.clear();
    for (const agent of this.agents) {
      if (agent.state === 'offline') continue;
      if (agent.state === 'talking' && agent.call)
        this.event('call.ended', {
          callId: agent.call.id,
          agent: agent.id,
          talkSeconds: Math.round(this.now - agent.since),
        });
      this.event('agent.logout', { agent: agent.id });
      agent.state = 'offline';
      agent.call = undefined;
    }
    for (const call of this.waiting.values()) this.leave(call, 'empty');
  }

  status(): string {
    const count = (...states: AgentState[]) => this.agents.filter((a) => states.includes(a.state)).length;
    const oldest = this.waiting.values().next().value;
    const longest = oldest ? Math.round(this.now - oldest.enqueuedAt) : 0;
    const t = this.totals;
    return (
      `waiting ${this.waiting.size} (longest ${longest} s)  inbound ${t.inbound}  answered ${t.answered}  ` +
      `abandoned ${t.abandoned}  exited ${t.exited}  |  ready ${count('ready')}  talking ${count('ringing', 'talking')}  ` +
      `acw ${count('acw')}  break ${count('break')}  O/B ${count('dialing', 'outbound')}  offline ${count('offline')}`
    );
  }

  private event(type: string, fields: Record<string, string | number>): void {
    this.emit({
      id: `sim-${this.runId}-${++this.eventCount}`,
      type,
      // The model's time on the real clock: never in the future, since actions run at or after their time.
      at: Math.round(this.startedAt + (this.now / this.options.speed) * 1000),
      service: QUEUE,
      ...fields,
    });
  }

  private setState(agent: Agent, state: AgentState, reason?: string): void {
    agent.state = state;
    agent.since = this.now;
    agent.version++;
    this.event('agent.state', reason ? { agent: agent.id, state, reason } : { agent: agent.id, state });
  }

  /** Schedules `run` after `delay` model seconds, unless the agent has changed state by then. */
  private later(agent: Agent, delay: number, run: () => void): void {
    const version = agent.version;
    this.timeline.add(this.now + delay, () => {
      if (agent.version === version) run();
    });
  }

  private login(agent: Agent): void {
    this.event('agent.login', { agent: agent.id });
    this.setState(agent, 'ready');
    this.dispatch();
  }

  private arrive(): void {
    this.timeline.add(this.now + exponential(60 / this.options.rate), () => this.arrive());
    const call: Call = {
      id: `sim-${this.runId}-call-${++this.callCount}`,
      enqueuedAt: this.now,
      done: false,
    };
    const caller = `010${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    this.event('call.enqueued', { callId: call.id, caller });
    this.totals.inbound++;
    this.waiting.set(call.id, call);
    if (this.agents.every((a) => a.state === 'offline')) {
      // Nobody logged in: the queue sends the caller away at once (Asterisk's leavewhenempty).
      this.leave(call, 'empty');
      return;
    }
    this.queue.set(call.id, call);
    const patience = exponential(MEAN_PATIENCE_S);
    const pressesKey = Math.random() < KEY_EXIT_SHARE ? uniform([15, 45]) : Infinity;
    const [after, reason] =
      pressesKey < Math.min(patience, QUEUE_TIMEOUT_S)
        ? [pressesKey, 'key' as const]
        : patience < QUEUE_TIMEOUT_S
          ? [patience, 'abandon' as const]
          : [QUEUE_TIMEOUT_S, 'timeout' as const];
    this.timeline.add(this.now + after, () => this.leave(call, reason));
    this.dispatch();
  }

  /** The caller leaves without being answered (hangs up, presses a key, times out, or the queue empties). */
  private leave(call: Call, reason: ExitReason | 'abandon'): void {
    if (call.done) return;
    call.done = true;
    this.queue.delete(call.id);
    this.waiting.delete(call.id);
    const waitSeconds = Math.round(this.now - call.enqueuedAt);
    if (reason === 'abandon') {
      this.event('call.abandoned', { callId: call.id, waitSeconds });
      this.totals.abandoned++;
    } else {
      this.event('call.exited', { callId: call.id, reason, waitSeconds });
      this.totals.exited++;
    }
    // A caller who hangs up while the phone rings frees the agent.
    const agent = call.agent;
    if (agent && agent.call === call && agent.state === 'ringing' && !this.stopped) {
      agent.call = undefined;
      this.setState(agent, 'ready');
      this.dispatch();
    }
  }

  /** Gives waiting calls, oldest first, to the ready agents who have waited longest. */
  private dispatch(): void {
    while (this.queue.size > 0) {
      let agent: Agent | undefined;
      for (const a of this.agents) if (a.state === 'ready' && (!agent || a.since < agent.since)) agent = a;
      if (!agent) return;
      const call = this.queue.values().next().value!;
      this.queue.delete(call.id);
      call.agent = agent;
      agent.call = call;
      this.setState(agent, 'ringing');
      const ringing = agent;
      this.later(agent, uniform(RING_S), () => this.answer(ringing, call));
    }
  }

  private answer(agent: Agent, call: Call): void {
    if (call.done) return;
    call.done = true;
    this.waiting.delete(call.id);
    this.event('call.answered', {
      callId: call.id,
      agent: agent.id,
      waitSeconds: Math.round(this.now - call.enqueuedAt),
    });
    this.totals.answered++;
    this.setState(agent, 'talking');
    const talk = Math.min(3_600, Math.max(10, logNormal(this.options.talk)));
    this.later(agent, talk, () => {
      this.event('call.ended', { callId: call.id, agent: agent.id, talkSeconds: Math.round(talk) });
      agent.call = undefined;
      this.wrapUp(agent);
    });
  }

  private wrapUp(agent: Agent): void {
    this.setState(agent, 'acw');
    this.later(agent, uniform(ACW_S), () => {
      const onBreak = this.agents.filter((a) => a.state === 'break').length;
      if (
        Math.random() < BREAK_AFTER_CALL_SHARE &&
        onBreak < Math.max(1, this.agents.length * MAX_ON_BREAK_SHARE)
      ) {
        this.setState(agent, 'break', BREAK_REASONS[Math.floor(Math.random() * BREAK_REASONS.length)]);
        this.later(agent, uniform(BREAK_S), () => {
          this.setState(agent, 'ready');
          this.dispatch();
        });
      } else {
        this.setState(agent, 'ready');
        this.dispatch();
      }
    });
  }

  /** Now and then an idle agent calls a customer back: dialing, then an outbound conversation. */
  private dialOut(): void {
    this.timeline.add(this.now + exponential(OUTBOUND_EVERY_S / this.agents.length), () => this.dialOut());
    if (this.queue.size > 0) return;
    const ready = this.agents.filter((a) => a.state === 'ready');
    const agent = ready[Math.floor(Math.random() * ready.length)];
    if (!agent) return;
    this.totals.outbound++;
    this.setState(agent, 'dialing');
    this.later(agent, uniform([5, 20]), () => {
      this.setState(agent, 'outbound');
      this.later(agent, logNormal(this.options.talk / 2), () => this.wrapUp(agent));
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions();
  const endpoint = new URL('api/v1/cti/events', options.base);
  try {
    const ready = await fetch(new URL('readyz', options.base), { signal: AbortSignal.timeout(5_000) });
    if (ready.status !== 200)
      fatal(`${options.base.href}readyz answered ${ready.status}; is Switchboard up?`, 1);
  } catch {
    fatal(`no Switchboard at ${options.base.href} (start one with npm start, or pass --url)`, 1);
  }

  const smsFake = await startSmsFake();
  const demo = options.key ? undefined : await setUpDemo(options, !process.env.NHN_SMS_APP_KEY);
  const key = options.key ?? demo!.key;
  const check = await fetch(new URL('api/v1/wallboard', options.base), {
    headers: { authorization: `Bearer ${key}` },
  });
  if (check.status !== 200) fatal(`${options.base.href} refused the API key (${check.status})`, 1);
  const shown = ((await check.json()) as { services: { id: string; name: string }[] }).services[0];
  const service = shown?.name ?? '?';
  // With a key of its own the simulator has no database to sign a link with: it says how to get one.
  const wallPage = demo?.wallPage ?? `npm run cli -- wallboard link --service ${shown?.id ?? 'SERVICE_ID'}`;

  // Mean handling time against the agents there are: past 1 Erlang per agent the queue only grows.
  const handling = options.talk + (ACW_S[0] + ACW_S[1]) / 2 + (RING_S[0] + RING_S[1]) / 2;
  const load = (options.rate / 60) * handling;
  process.stdout.write(
    `simulating "${service}" at ${options.base.href}: ${options.agents} agents, ${options.rate} calls/min, ` +
      `mean talk ${options.talk} s, speed ×${options.speed}` +
      `${options.duration ? `, for ${options.duration} s` : ''} (Ctrl-C stops)\n` +
      `  wall page (valid 8 hours): ${wallPage}\n` +
      `  watch: curl -N -H "Authorization: Bearer <key>" ${options.base.href}api/v1/wallboard/stream\n`,
  );
  if (load > options.agents * 0.95)
    process.stdout.write(
      `  note: offered load ${load.toFixed(0)} Erlang > ${options.agents} agents: the queue fills up and most ` +
        `callers abandon (about ${Math.floor((options.agents * 0.85 * 60) / handling)} calls/min keeps ` +
        `${options.agents} agents busy without it)\n`,
    );

  const sender = new Sender(endpoint, key);
  const startedReal = performance.now();
  const sms = process.env.NHN_SMS_APP_KEY
    ? undefined
    : new MissedCallSms(new URL('api/v1/sms/messages', options.base), key, smsFake);
  const center = new ContactCenter(
    options,
    (e) => {
      sms?.observe(e);
      sender.push(e);
    },
    Date.now(),
  );
  const modelNow = () => ((performance.now() - startedReal) / 1000) * options.speed;
  center.start();

  const tick = setInterval(() => center.advance(modelNow()), TICK_MS);
  const flush = setInterval(() => void sender.flush(), FLUSH_MS);
  const status = setInterval(() => {
    const clock = new Date().toTimeString().slice(0, 8);
    const backlog = sender.backlog > 200 ? `  (${sender.backlog} events not yet delivered)` : '';
    process.stdout.write(
      `${clock}  ${center.status()}  |  sent ${sender.sent}${sms?.status() ?? ''}${backlog}\n`,
    );
  }, STATUS_MS);

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(tick);
    clearInterval(flush);
    clearInterval(status);
    process.stdout.write(`${why}: ending calls and logging agents out…\n`);
    center.stop(modelNow());
    const delivered = await sender.drain(10_000);
    process.stdout.write(
      `done: ${center.status()}\n  ${sender.sent} events accepted` +
        `${sender.duplicates ? `, ${sender.duplicates} duplicates` : ''}` +
        `${sender.rejected ? `, ${sender.rejected} rejected` : ''}` +
        `${delivered ? '' : `, ${sender.backlog} could not be delivered`}\n`,
    );
    process.exit(delivered ? 0 : 1);
  };
  process.on('SIGINT', () => {
    if (stopping) process.exit(130); // a second Ctrl-C does not wait for the last events
    void stop('Ctrl-C');
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (options.duration) setTimeout(() => void stop(`${options.duration} s are up`), options.duration * 1000);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
