/**
 * `npm run bench -- callbacks` (or `npx tsx scripts/bench/callbacks.ts`): the callback figures of issue 4.
 *
 * Ours runs as a real deployment does: the server has Slack on (HTTP mode, its Web API the test suite's fake in a
 * worker thread, see slack-fake.ts) and the service has a callback channel, so every change to a callback goes
 * through the listeners that schedule card posts, card edits and assignee DMs, and the Home tab refresh.
 *
 *   (a) Intake: requests/s through `POST /api/v1/callbacks` (real server, API key, distinct phones, 8 requests in
 *       flight), against the ceiling of a bare Fastify route that does one `insertOne` of the same stored document
 *       into a scratch collection with exactly the indexes of the real `callbacks` collection (copied with
 *       `listIndexes`), on the same database server, in the same run. Three passes alternating which side goes
 *       first, each side starting only once the channel's posting queue has drained; every pass's pair is
 *       printed, and the headline rates and ratio are those of the median pass. Target: ratio >= 0.6. The HTTP
 *       client runs in a worker thread (an IVR is another process).
 *   (b) Distribute 10,000 unassigned callbacks evenly over 100 agents with `assignCallbacks` (mode even, "oldest
 *       10,000"), through the server's own use-case dependencies, with the notification pipeline attached: each
 *       callback was posted in the callback channel as the posting job paces arrivals (a card each, for this
 *       month of traffic), so the assignment schedules an edit of every posted message and one DM per agent. The
 *       jobs it scheduled are counted (the figure is refused if they are not all there), and what went out to
 *       Slack afterwards is reported. Target: < 3 s. Because absolute times swing about 3× from run to run on a
 *       shared machine, it is also compared with a ceiling measured in the same run: a raw driver `bulkWrite`
 *       (unordered) of the same 10,000 conditional updates the store's `assign` makes (status `unassigned`; the
 *       same `$set` and history `$push`; the same deal), on a scratch copy of the same documents with exactly the
 *       indexes of `callbacks` (copied with `listIndexes`). Two shapes of it: one `updateOne` per callback (the
 *       issue's ceiling) and one `updateMany` per agent, as the store sends them (tighter on FerretDB, which runs
 *       every statement of a bulk write on its own). Each runs once before ours and once after ours (its Slack
 *       work drained, or the server stopped when ours did not finish), in opposite orders; a ratio is against
 *       the faster of its two runs (the higher ratio), and the report checks that a callback ends up the same
 *       either way. Target: ratio <= 1.5. The assignment has a time limit (`BENCH_ASSIGN_LIMIT_S`, default
 *       300 s): past it the jobs it still tries to schedule are refused, so the call ends, and the report says
 *       "did not finish within N s" with how far it got (callbacks assigned, jobs scheduled) instead of the run
 *       hanging.
 *   (c) Export 100,000 callbacks to .xlsx. Each export runs alone in a child process (scripts/bench/
 *       callbacks-export-child.ts) so its peak RSS is its own and not the seeding's or the other benchmarks'.
 *       End to end: `exportCallbackList` as the server runs it (use case, then store cursor → our writer in a
 *       worker thread) against the raw driver cursor reading what ours reads (same query, order, projection
 *       without the history, batch size) into exceljs' streaming writer with its defaults. Writer only: our
 *       writer against exceljs' defaults fed the same generated rows, no database. Three runs of each, every
 *       run's pair printed; the headline times and ratio are the median run's. Peak RSS is the highest of the
 *       runs. Targets: time ratio ours / bare <= 1.2 (end to end) and peak RSS <= 200 MB.
 *
 * It starts its own throwaway FerretDB (embedded, ferretOnly) and removes it at the end, also on Ctrl-C or when
 * the watchdog fires. Targets missed are printed as MISSED. `BENCH_SCALE=0.02` (say) shrinks every size for a
 * quick check that the code runs.
 */
import { WebClient } from '@slack/web-api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { pino } from 'pino';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { fetchWebhookClient } from '../../src/integrations/webhooks.js';
import { NOTIFY_ASSIGNEE, POST_CALLBACKS, REFRESH_CALLBACK_POSTS } from '../../src/jobs/notification-jobs.js';
import { MAX_GAP_DOUBLINGS } from '../../src/usecases/notifications/callback-notifications.js';
import { SLACK_CHANNEL_GAP_MS as CHANNEL_GAP_MS } from '../../src/slack/chat-port.js';
import { startSwitchboard, type RunningSwitchboard } from '../../src/server.js';
import { distributeEvenly, type CallbackDoc } from '../../src/domain/callbacks.js';
import type { MemberDoc } from '../../src/domain/members.js';
import { connectDatabase, type Database } from '../../src/store/database.js';
import { newId } from '../../src/store/ids.js';
import { createStore, ensureIndexes, type Store } from '../../src/store/index.js';
import { CallbackEvents } from '../../src/usecases/callback-events.js';
import { assignCallbacks, type CallbackDeps } from '../../src/usecases/callbacks.js';
import { benchCallbackDoc } from './callbacks-data.js';
import {
  copyIndexes,
  fmt,
  medianPass,
  onThrowawayFerretDb,
  passRows,
  printReport,
  progress,
  scaled,
  scaleNote,
  sleep,
  verdict,
  type PassPair,
} from './harness.js';
import { postInWorker } from './http-client.js';
import {
  BENCH_BOT_TOKEN,
  BENCH_CALLBACK_CHANNEL,
  BENCH_TEAM_ID,
  configWithSlack,
  startBenchSlack,
  type BenchSlack,
  type SlackTally,
} from './slack-fake.js';

const INTAKE_REQUESTS = scaled(4_000, 200);
const INTAKE_WARMUP = scaled(400, 50);
const INTAKE_CONCURRENCY = 8;
const INTAKE_PASSES = 3;
/** How long the channel's posting queue may take to drain between runs of (a) (paced posts: 12 s at most). */
const INTAKE_QUEUE_DRAIN_MS = 30_000;
const ASSIGN_CALLBACKS = scaled(10_000, 200);
const ASSIGN_AGENTS = 100;
/** After the assignment, how long its card edits and DMs may take to reach Slack before the count is printed. */
const ASSIGN_DRAIN_MS = 120_000;
/**
 * How long the measured assignment (with the pipeline) may run before the benchmark stops waiting for it and
 * reports how far it got: once it ran 7 minutes and more, scheduling the card edits one by one.
 */
const ASSIGN_LIMIT_S = (() => {
  const raw = process.env.BENCH_ASSIGN_LIMIT_S;
  const limit = raw === undefined || raw.trim() === '' ? 300 : Number(raw);
  if (!Number.isFinite(limit) || limit <= 0)
    throw new Error(`BENCH_ASSIGN_LIMIT_S must be a positive number of seconds, got ${JSON.stringify(raw)}`);
  return limit;
})();
/** How often progress is printed while the measured assignment runs. */
const ASSIGN_PROGRESS_MS = 15_000;
/** The scratch collection of (b)'s ceiling. */
const RAW_ASSIGN_COLLECTION = 'benchRawCallbacks';
const EXPORT_ROWS = scaled(100_000, 1_000);
const EXPORT_RUNS = 3;
/**
 * The whole run's watchdog, per part it runs. Generous: with the pipeline attached, (b) seeds and then edits a
 * channel post per callback, and the machine is shared. When it fires, the parts done so far are printed.
 */
const WATCHDOG_MS_PER_PART = 30 * 60_000;

const TARGET_INTAKE_RATIO = 0.6;
const TARGET_ASSIGN_SECONDS = 3;
const TARGET_ASSIGN_RATIO = 1.5;
const TARGET_EXPORT_RATIO = 1.2;
const TARGET_EXPORT_RSS_MB = 200;

const silent = pino({ level: 'silent' }) as FastifyBaseLogger;

async function pool(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Counts the jobs the server schedules from now on, by name (listeners schedule through `app.scheduler`). Once
 * `limit.reached` is set, scheduling is refused instead, so a listener still at work gives up at its next job
 * (its error is logged and swallowed by `CallbackEvents`) and the use case returns.
 */
function countScheduling(app: RunningSwitchboard, limit?: { reached: boolean }): Map<string, number> {
  const counts = new Map<string, number>();
  const schedule = app.scheduler.schedule.bind(app.scheduler);
  app.scheduler.schedule = (when, name, data) => {
    if (limit?.reached) return Promise.reject(new Error("the benchmark's time limit was reached"));
    counts.set(name, (counts.get(name) ?? 0) + 1);
    // Card refreshes are scheduled in batches: count the posts they edit as well.
    const postIds = (data as { postIds?: unknown }).postIds;
    if (Array.isArray(postIds))
      counts.set(`${name}:posts`, (counts.get(`${name}:posts`) ?? 0) + postIds.length);
    return schedule(when, name, data);
  };
  return counts;
}

/** Polls `done` every 250 ms until it holds or `ms` have passed; says which. */
async function waitUntil(done: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await done()) return true;
    if (performance.now() >= deadline) return false;
    await sleep(250);
  }
}

/** Starts the server as a deployment with Slack runs it, its Web API the bench's fake. */
async function startWithSlack(
  mongodbUrl: string,
  dbName: string,
  slack: BenchSlack,
  servers: { current: RunningSwitchboard | undefined },
): Promise<RunningSwitchboard> {
  const app = await startSwitchboard(configWithSlack(slack.url), { logger: silent, mongodbUrl, dbName });
  servers.current = app;
  return app;
}

/** A service with a callback channel set, as a team that uses the cards has. */
async function serviceWithChannel(app: RunningSwitchboard, name: string) {
  return app.store.services.create(name, {
    ...defaultServiceSettings(),
    slackCallbackChannelId: BENCH_CALLBACK_CHANNEL,
  });
}

/** Fails the benchmark when Slack refused anything or was sent Block Kit over its limits: the figure would lie. */
function checkSlack(tally: SlackTally): void {
  const refused = Object.entries(tally.refused);
  if (refused.length || tally.violations.length)
    throw new Error(
      `Slack refused ${JSON.stringify(tally.refused)}; violations: ${tally.violations.slice(0, 3).join('; ')}`,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// (a) intake

/** The IVR side, in a worker thread so the client's work does not take turns with the server's event loop. */
async function timeRequests(url: string, key: string, bodies: string[]): Promise<number> {
  // Every phone is new: anything but 201 makes the figure meaningless, so the benchmark stops.
  const result = await postInWorker({
    url,
    key,
    bodies,
    concurrency: INTAKE_CONCURRENCY,
    expectStatus: 201,
    count: 1,
  });
  if (result.total !== bodies.length) throw new Error(`created ${result.total} of ${bodies.length}`);
  return bodies.length / result.seconds;
}

let phoneNo = 0;
/** Request bodies with phones never used before in this run, serialised before the clock starts. */
function intakeBodies(count: number): string[] {
  return Array.from({ length: count }, () => {
    const n = phoneNo++;
    return JSON.stringify({
      phone: `010-${String(2000 + Math.floor(n / 10_000)).padStart(4, '0')}-${String(n % 10_000).padStart(4, '0')}`,
      name: '김민지',
      source: 'ivr',
      note: '오후에 연락 부탁드립니다',
    });
  });
}

/**
 * The ceiling: Fastify parses the JSON, builds the document `CallbackRepository.createOrFold` stores for a new
 * phone, and inserts it once. No authentication, no service lookup, no validation, no events.
 */
async function bareIntakeServer(
  collection: Collection<CallbackDoc>,
  serviceId: string,
): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  bare.post('/bare/callbacks', async (request, reply) => {
    const body = request.body as { phone: string; name?: string; source?: 'ivr'; note?: string };
    const now = new Date();
    const phone = body.phone.replace(/\D/g, '');
    const _id = newId('cb');
    await collection.insertOne({
      _id,
      serviceId,
      phone,
      name: body.name ?? null,
      source: body.source ?? 'api',
      note: body.note ?? null,
      preferredAt: null,
      externalId: null,
      status: 'unassigned',
      assigneeId: null,
      assignedAt: null,
      assignmentId: null,
      requestCount: 1,
      requestedAt: now,
      lastRequestedAt: now,
      completedAt: null,
      outcome: null,
      completionNote: null,
      cancelReason: null,
      attempts: [],
      unassignedRemindedAt: null,
      assignedRemindedAt: null,
      history: [{ at: now, action: 'created', by: 'key', byName: null, surface: 'http', detail: 'ivr' }],
      openKey: `${serviceId}:${phone}`,
      createdAt: now,
      updatedAt: now,
    });
    return reply.status(201).send({ id: _id });
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return bare;
}

async function benchIntake(app: RunningSwitchboard, raw: Database, slack: BenchSlack) {
  const service = await serviceWithChannel(app, '콜백 접수 벤치');
  const { key } = await app.store.apiKeys.create({
    serviceId: service._id,
    name: 'bench',
    allowedIps: [],
    createdBy: 'bench',
  });
  const scheduled = countScheduling(app);
  const scratch = raw.db.collection<CallbackDoc>('benchRawCallbacks');
  // Exactly the indexes the server made on `callbacks` (on FerretDB only the unique ones), so both sides pay the
  // same index maintenance.
  const indexes = await copyIndexes(raw.db.collection('callbacks'), scratch);
  const bare = await bareIntakeServer(scratch, service._id);
  const bareAddress = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}`;
  // The posting job works through what our requests queued for the channel in the background; each side starts
  // only once it is done, so neither is slowed by the other's leftovers (and ours pays for its own, as it would).
  const queueDrained = async () => {
    const drained = await waitUntil(async () => {
      const queue = await app.store.callbackPosts.getQueue(service._id);
      return !queue || (queue.pending.length === 0 && queue.wakeAt === null);
    }, INTAKE_QUEUE_DRAIN_MS);
    if (!drained)
      throw new Error(`the callback channel's posting queue did not drain in ${INTAKE_QUEUE_DRAIN_MS} ms`);
  };
  try {
    const ours = async () => {
      await queueDrained();
      return timeRequests(`${app.url}/api/v1/callbacks`, key, intakeBodies(INTAKE_REQUESTS));
    };
    const ceiling = async () => {
      await queueDrained();
      return timeRequests(`${bareUrl}/bare/callbacks`, key, intakeBodies(INTAKE_REQUESTS));
    };
    // Warm-up both ways (connections, JIT, SQLite pages) with phones the measured runs do not use.
    await timeRequests(`${app.url}/api/v1/callbacks`, key, intakeBodies(INTAKE_WARMUP));
    await timeRequests(`${bareUrl}/bare/callbacks`, key, intakeBodies(INTAKE_WARMUP));
    const passes: PassPair[] = [];
    for (let pass = 1; pass <= INTAKE_PASSES; pass++) {
      progress(`(a) pass ${pass}/${INTAKE_PASSES}: ${fmt(INTAKE_REQUESTS)} requests each way`);
      // Alternating who goes first, so a database still settling the previous writes slows both sides alike.
      if (pass % 2) {
        const c = await ceiling();
        passes.push({ ceiling: c, ours: await ours() });
      } else {
        const o = await ours();
        passes.push({ ours: o, ceiling: await ceiling() });
      }
    }
    await queueDrained();
    const tally = await slack.tally();
    checkSlack(tally);
    // Proof that the pipeline ran: every new callback was queued for the channel and posted from there.
    const postingJobs = scheduled.get(POST_CALLBACKS) ?? 0;
    const channelMessages = tally.accepted['chat.postMessage'] ?? 0;
    if (postingJobs === 0 || channelMessages === 0)
      throw new Error(
        'no callback was posted to the callback channel: the notification pipeline did not run',
      );
    return { passes, median: medianPass(passes), indexes, postingJobs, channelMessages };
  } finally {
    await bare.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// (b) distribute

async function seed(
  db: Database['db'],
  docs: (i: number) => CallbackDoc,
  count: number,
  collection = 'callbacks',
) {
  const batches: (() => Promise<void>)[] = [];
  for (let from = 0; from < count; from += 1_000)
    batches.push(async () => {
      const batch = Array.from({ length: Math.min(1_000, count - from) }, (_, k) => docs(from + k));
      await db.collection<CallbackDoc>(collection).insertMany(batch, { ordered: false });
    });
  await pool(batches, 2);
}

/**
 * The channel messages the posting job (src/usecases/notifications/callback-notifications.ts) makes of callbacks arriving at these
 * times: whatever waits when the channel may take the next message goes out together, alone as its card, several
 * as a digest, and the gap after a digest doubles with each digest in a row.
 */
function postsAsPaced(arrivals: readonly { _id: string; requestedAt: Date }[]): string[][] {
  const posts: string[][] = [];
  let notBefore = Number.NEGATIVE_INFINITY;
  let digestStreak = 0;
  for (let i = 0; i < arrivals.length;) {
    const at = Math.max(arrivals[i]!.requestedAt.getTime(), notBefore);
    const post: string[] = [];
    while (i < arrivals.length && arrivals[i]!.requestedAt.getTime() <= at) post.push(arrivals[i++]!._id);
    posts.push(post);
    digestStreak = post.length > 1 ? digestStreak + 1 : 0;
    notBefore = at + CHANNEL_GAP_MS * 2 ** Math.min(digestStreak, MAX_GAP_DOUBLINGS);
  }
  return posts;
}

/**
 * Posts the seeded callbacks to the callback channel as the posting job would have (to the fake, so Slack has
 * the messages the edits will address) and records them through the store, as the job does.
 */
async function seedChannelPosts(app: RunningSwitchboard, slack: BenchSlack, callbacks: CallbackDoc[]) {
  const client = new WebClient(BENCH_BOT_TOKEN, { slackApiUrl: slack.url });
  const posts = postsAsPaced(callbacks);
  await pool(
    posts.map((callbackIds) => async () => {
      const posted = await client.chat.postMessage({
        channel: BENCH_CALLBACK_CHANNEL,
        text: `콜백 ${callbackIds.length}건`,
      });
      await app.store.callbackPosts.recordPost({
        serviceId: callbacks[0]!.serviceId,
        place: `slack::${BENCH_CALLBACK_CHANNEL}`,
        messageId: String(posted.ts),
        callbackIds,
        kind: callbackIds.length === 1 ? 'card' : 'digest',
      });
    }),
    4,
  );
  return {
    cards: posts.filter((p) => p.length === 1).length,
    digests: posts.filter((p) => p.length > 1).length,
  };
}

const agentUser = (a: number) => `UBENCH${String(a).padStart(3, '0')}`;

async function benchAssign(mongodbUrl: string, servers: { current: RunningSwitchboard | undefined }) {
  const alone = await assignWithoutListeners(mongodbUrl);
  const slack = await startBenchSlack(Array.from({ length: ASSIGN_AGENTS }, (_, a) => agentUser(a)));
  try {
    const app = await startWithSlack(mongodbUrl, 'bench_assign', slack, servers);
    // The ceiling's own connection (and the progress counts'), as the intake's ceiling has.
    const raw = await connectDatabase(mongodbUrl, { dbName: 'bench_assign' });
    try {
      return { ...(await assignWithPipeline(app, raw, slack)), alone };
    } finally {
      await raw.close();
      // Bounded: past the time limit the server may still be busy with what the assignment started; the
      // throwaway database's cleanup closes it then.
      const closed = await Promise.race([app.close().then(() => true), sleep(30_000).then(() => false)]);
      if (closed) servers.current = undefined;
      else progress('(b) the server did not close within 30 s; going on');
    }
  } finally {
    await slack.stop();
  }
}

/** The agents of (b), each a Slack user of the fake's workspace. */
async function createAgents(store: Store, serviceId: string): Promise<string[]> {
  const agentIds: string[] = [];
  for (let a = 0; a < ASSIGN_AGENTS; a++)
    agentIds.push(
      (
        await store.members.create({
          serviceId,
          displayName: `상담원 ${String(a).padStart(3, '0')}`,
          role: 'member',
          permissions: { phone: true, callbackAssign: false, sms: false },
          identities: [`slack:${BENCH_TEAM_ID}:${agentUser(a)}`],
          ctiAgentId: null,
        })
      )._id,
    );
  return agentIds;
}

/**
 * For comparison only: the same assignment through the use case with nobody listening (no server, no Slack), on
 * a database of its own, which is what (b) measured before the pipeline was attached.
 */
async function assignWithoutListeners(mongodbUrl: string): Promise<number> {
  const database = await connectDatabase(mongodbUrl, { dbName: 'bench_assign_alone' });
  try {
    const deps: CallbackDeps = {
      store: createStore(database.db),
      events: new CallbackEvents(silent),
      live: { agentState: () => Promise.resolve(undefined) },
      webhooks: fetchWebhookClient,
      scheduler: { schedule: () => Promise.resolve(undefined as never) },
    };
    await ensureIndexes(deps.store);
    const service = await deps.store.services.create('배분 벤치 (리스너 없음)', defaultServiceSettings());
    const agentIds = await createAgents(deps.store, service._id);
    progress(`(b) for comparison: ${fmt(ASSIGN_CALLBACKS)} callbacks assigned with nobody listening`);
    await seed(
      database.db,
      (i) => benchCallbackDoc(service._id, i, ASSIGN_CALLBACKS, ASSIGN_AGENTS, 'unassigned'),
      ASSIGN_CALLBACKS,
    );
    const started = performance.now();
    const result = await assignCallbacks(deps, { kind: 'operator', name: 'bench' }, service._id, {
      oldest: ASSIGN_CALLBACKS,
      agentIds,
      mode: 'even',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    return (performance.now() - started) / 1000;
  } finally {
    await database.close();
  }
}

/**
 * How (b)'s ceiling groups the same conditional updates: one `updateOne` per callback (the issue's ceiling), or
 * one `updateMany` per agent and chunk of ids, the shape `CallbackRepository.assign` sends (a tighter ceiling on
 * FerretDB, which runs each statement of a bulk write on its own).
 */
type CeilingShape = 'per callback' | 'per agent';
/** `ID_CHUNK` of src/store/callbacks.ts: the most ids one `assign` update names. */
const ASSIGN_ID_CHUNK = 1000;

/**
 * The ceiling of (b): the writes of `CallbackRepository.assign` for this deal as one raw driver `bulkWrite`
 * (unordered), on a fresh scratch copy of the same documents with exactly the indexes of `callbacks`. Only the
 * `bulkWrite` is timed; its operations are built before the clock starts.
 */
async function rawAssignment(
  db: Database['db'],
  serviceId: string,
  docs: (i: number) => CallbackDoc,
  agents: readonly MemberDoc[],
  shape: CeilingShape,
): Promise<{ seconds: number; indexes: string[]; statements: number }> {
  const scratch = db.collection<CallbackDoc>(RAW_ASSIGN_COLLECTION);
  await scratch.drop().catch(() => undefined);
  const indexes = await copyIndexes(db.collection('callbacks'), scratch);
  await seed(db, docs, ASSIGN_CALLBACKS, RAW_ASSIGN_COLLECTION);
  // The deal `assignCallbacks` makes of "oldest N, even": oldest first, round-robin over the agents by open
  // count (none has any yet), name and id.
  const oldest = Array.from({ length: ASSIGN_CALLBACKS }, (_, i) => docs(i))
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a._id.localeCompare(b._id))
    .map((c) => c._id);
  const deal = distributeEvenly(
    oldest,
    agents.map((a) => ({ id: a._id, name: a.displayName, open: 0 })),
  );
  const names = new Map(agents.map((a) => [a._id, a.displayName]));
  const now = new Date();
  const assignmentId = newId('asg');
  // `historyEntry()` of the operator actor (b) assigns as; the report checks both sides wrote the same.
  const entry = { by: 'operator:bench', byName: 'bench', surface: 'cli' as const };
  const operations: AnyBulkWriteOperation<CallbackDoc>[] = [];
  for (const [assigneeId, ids] of deal) {
    const history = {
      ...entry,
      at: now,
      action: 'assigned' as const,
      detail: names.get(assigneeId) ?? assigneeId,
    };
    const update = {
      $set: { status: 'assigned' as const, assigneeId, assignedAt: now, assignmentId, updatedAt: now },
      $push: { history },
    };
    if (shape === 'per callback')
      for (const _id of ids)
        operations.push({ updateOne: { filter: { _id, serviceId, status: 'unassigned' }, update } });
    else
      for (let from = 0; from < ids.length; from += ASSIGN_ID_CHUNK)
        operations.push({
          updateMany: {
            filter: {
              _id: { $in: ids.slice(from, from + ASSIGN_ID_CHUNK) },
              serviceId,
              status: 'unassigned',
            },
            update,
          },
        });
  }
  const started = performance.now();
  const result = await scratch.bulkWrite(operations, { ordered: false });
  const seconds = (performance.now() - started) / 1000;
  if (result.modifiedCount !== ASSIGN_CALLBACKS)
    throw new Error(`the raw bulkWrite modified ${result.modifiedCount} of ${ASSIGN_CALLBACKS}`);
  return { seconds, indexes, statements: operations.length };
}

/**
 * Whether ours and the ceiling left the same document behind for `id` (times and the assignment id aside, which
 * differ by construction): proof that the ceiling does the work ours does, no less.
 */
async function sameWrites(db: Database['db'], id: string): Promise<boolean> {
  const normalise = (doc: CallbackDoc | null) =>
    doc && {
      ...doc,
      assignedAt: null,
      updatedAt: null,
      assignmentId: null,
      history: doc.history.map((h) => ({ ...h, at: null })),
    };
  const ours = await db.collection<CallbackDoc>('callbacks').findOne({ _id: id });
  const ceiling = await db.collection<CallbackDoc>(RAW_ASSIGN_COLLECTION).findOne({ _id: id });
  return ours?.status === 'assigned' && isDeepStrictEqual(normalise(ours), normalise(ceiling));
}

async function assignWithPipeline(app: RunningSwitchboard, raw: Database, slack: BenchSlack) {
  const service = await serviceWithChannel(app, '배분 벤치');
  const agentIds = await createAgents(app.store, service._id);
  progress(`(b) seeding ${fmt(ASSIGN_CALLBACKS)} unassigned callbacks and their channel posts`);
  const docs = (i: number) => benchCallbackDoc(service._id, i, ASSIGN_CALLBACKS, ASSIGN_AGENTS, 'unassigned');
  await seed(app.store.db, docs, ASSIGN_CALLBACKS);
  const posts = await seedChannelPosts(
    app,
    slack,
    Array.from({ length: ASSIGN_CALLBACKS }, (_, i) => docs(i)),
  );
  const postCount = posts.cards + posts.digests;
  const agents = await app.store.members.listByService(service._id);
  const ceilings: Record<CeilingShape, Awaited<ReturnType<typeof rawAssignment>>[]> = {
    'per callback': [],
    'per agent': [],
  };
  // Once before ours and once after, in the opposite order, so neither shape always follows the other.
  const measureCeilings = async (when: string, shapes: CeilingShape[]) => {
    for (const shape of shapes) {
      progress(
        `(b) ceiling ${when} ours: raw bulkWrite of ${fmt(ASSIGN_CALLBACKS)} conditional updates, ${shape}`,
      );
      ceilings[shape].push(await rawAssignment(raw.db, service._id, docs, agents, shape));
    }
  };
  await measureCeilings('before', ['per callback', 'per agent']);

  const before = await slack.tally();
  const limit = { reached: false };
  const scheduled = countScheduling(app, limit);
  // The card edits and assignee DMs scheduled so far: the proof below that the pipeline ran, and how far it got.
  const jobsScheduled = () => ({
    // Card refreshes are scheduled in batches of posts: count the posts.
    edits: scheduled.get(`${REFRESH_CALLBACK_POSTS}:posts`) ?? 0,
    dmJobs: scheduled.get(NOTIFY_ASSIGNEE) ?? 0,
  });
  const howFar = async () => ({
    assigned: await raw.db
      .collection<CallbackDoc>('callbacks')
      .countDocuments({ serviceId: service._id, status: 'assigned' }),
    ...jobsScheduled(),
  });

  progress(
    `(b) assignCallbacks: oldest ${fmt(ASSIGN_CALLBACKS)} evenly over ${ASSIGN_AGENTS} agents ` +
      `(time limit ${fmt(ASSIGN_LIMIT_S)} s)`,
  );
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  // The dependencies every surface of the server gets: its CallbackEvents carry the Slack listeners.
  const call = assignCallbacks(app.callbacks, { kind: 'operator', name: 'bench' }, service._id, {
    oldest: ASSIGN_CALLBACKS,
    agentIds,
    mode: 'even',
  }).then((result) => ({ result, seconds: elapsed() }));
  call.catch(() => undefined); // awaited below, unless the time limit comes first
  let finished: Awaited<typeof call> | undefined;
  for (;;) {
    const left = ASSIGN_LIMIT_S * 1000 - elapsed() * 1000;
    if (left <= 0) break;
    finished = await Promise.race([call, sleep(Math.min(left, ASSIGN_PROGRESS_MS)).then(() => undefined)]);
    if (finished || elapsed() >= ASSIGN_LIMIT_S) break;
    const far = await howFar();
    progress(
      `(b) still assigning after ${fmt(elapsed())} s: ${fmt(far.assigned)} assigned, ` +
        `${fmt(far.edits)} card edits and ${fmt(far.dmJobs)} DMs scheduled`,
    );
  }

  if (!finished) {
    const far = await howFar();
    progress(
      `(b) did not finish within ${fmt(ASSIGN_LIMIT_S)} s (${fmt(far.assigned)} assigned, ${fmt(far.edits)} ` +
        `card edits and ${fmt(far.dmJobs)} DMs scheduled); refusing its further jobs so it ends`,
    );
    limit.reached = true;
    const ended = await Promise.race([
      call.then(
        () => true,
        () => true,
      ),
      sleep(60_000).then(() => false),
    ]);
    // The card edits it did schedule would run under the ceiling's second measurement: the server stops first.
    progress(
      `(b) ${ended ? '' : 'ours still had not returned; '}stopping the server before the ceiling runs again`,
    );
    await Promise.race([app.close(), sleep(30_000)]);
    await measureCeilings('after', ['per agent', 'per callback']);
    return {
      finished: false as const,
      far,
      ended,
      postCount,
      posts,
      ceilings,
      same: await sameWrites(raw.db, docs(0)._id),
    };
  }

  const { result, seconds } = finished;
  if (!result.ok) throw new Error(JSON.stringify(result.problem));
  const shares = result.value.assigned.map((a) => a.callbackIds.length);
  const assigned = shares.reduce((a, b) => a + b, 0);
  if (assigned !== ASSIGN_CALLBACKS || result.value.taken.length)
    throw new Error(`assigned ${assigned} of ${ASSIGN_CALLBACKS}, ${result.value.taken.length} taken`);
  // Proof that the pipeline ran within the measured call: an edit of every posted message, a DM per agent.
  const { edits, dmJobs } = jobsScheduled();
  if (edits !== postCount || dmJobs !== ASSIGN_AGENTS)
    throw new Error(
      `the assignment scheduled ${edits} card edits (expected ${postCount}) and ${dmJobs} DMs ` +
        `(expected ${ASSIGN_AGENTS}): the notification pipeline did not run as a real server's does`,
    );

  progress('(b) waiting for the card edits, DMs and Home tabs to reach Slack');
  const drainStarted = performance.now();
  let after = before;
  const sent = (method: string) => (after.accepted[method] ?? 0) - (before.accepted[method] ?? 0);
  const drained = await waitUntil(async () => {
    after = await slack.tally();
    return (
      sent('chat.update') >= postCount &&
      after.dms - before.dms >= ASSIGN_AGENTS &&
      sent('views.publish') >= ASSIGN_AGENTS
    );
  }, ASSIGN_DRAIN_MS);
  checkSlack(after);
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  await measureCeilings('after', ['per agent', 'per callback']);
  return {
    finished: true as const,
    seconds,
    min: Math.min(...shares),
    max: Math.max(...shares),
    posts,
    postCount,
    edits,
    dmJobs,
    drained,
    drainSeconds,
    editsSent: sent('chat.update'),
    dmsSent: after.dms - before.dms,
    homesPublished: sent('views.publish'),
    ceilings,
    same: await sameWrites(raw.db, docs(0)._id),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// (c) export

interface ExportRun {
  seconds: number;
  rows: number;
  bytes: number;
  peakRssMb: number;
  baselineRssMb: number;
}

/**
 * Compiles the export child (and the source it imports) with tsc into `outDir`, so it runs as plain JavaScript
 * the way `npm start` runs the server: under tsx the loader alone holds about 70 MB more, which is not the
 * export's memory.
 */
async function compileExportChild(outDir: string): Promise<string> {
  const root = join(import.meta.dirname, '..', '..');
  await new Promise<void>((resolve, reject) => {
    const tsc = spawn(
      process.execPath,
      [
        join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        join(root, 'tsconfig.json'),
        '--noEmit',
        'false',
        '--sourceMap',
        'false',
        '--outDir',
        outDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    tsc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tsc.once('error', reject);
    tsc.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited ${code}: ${output}`))));
  });
  // The compiled tree needs the package's `"type": "module"` and its node_modules.
  await writeFile(join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
  await symlink(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return join(outDir, 'scripts', 'bench', 'callbacks-export-child.js');
}

function runExportChild(script: string, mode: string, args: string[]): Promise<ExportRun> {
  const child = spawn(process.execPath, [script, mode, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`export child ${mode} exited ${code}: ${stderr}`));
      else resolve(JSON.parse(line) as ExportRun);
    });
  });
}

async function benchExport(mongodbUrl: string) {
  const database = await connectDatabase(mongodbUrl, { dbName: 'bench_export' });
  let serviceId: string;
  try {
    const store = createStore(database.db);
    await ensureIndexes(store);
    serviceId = (await store.services.create('내보내기 벤치', defaultServiceSettings()))._id;
    progress(`(c) seeding ${fmt(EXPORT_ROWS)} callbacks`);
    await seed(database.db, (i) => benchCallbackDoc(serviceId, i, EXPORT_ROWS), EXPORT_ROWS);
  } finally {
    await database.close();
  }
  const args = [mongodbUrl, 'bench_export', serviceId, String(EXPORT_ROWS)];
  progress('(c) compiling the export child (tsc)');
  const buildDir = await mkdtemp(join(tmpdir(), 'bench-callbacks-build-'));
  try {
    return await exportRuns(await compileExportChild(buildDir), args);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

async function exportRuns(script: string, args: string[]) {
  const runs: Record<string, ExportRun[]> = { bare: [], ours: [], 'bare-writer': [], 'ours-writer': [] };
  for (let run = 1; run <= EXPORT_RUNS; run++)
    for (const mode of ['bare-writer', 'ours-writer', 'bare', 'ours']) {
      progress(`(c) run ${run}/${EXPORT_RUNS}: ${mode}`);
      const result = await runExportChild(script, mode, args);
      if (result.rows !== EXPORT_ROWS) throw new Error(`${mode} wrote ${result.rows} rows`);
      runs[mode]!.push(result);
    }
  // Run k of ours is paired with run k of the ceiling, measured right before it.
  const pairs = (ours: string, ceiling: string) =>
    runs[ours]!.map((run, k) => ({ ours: run.seconds, ceiling: runs[ceiling]![k]!.seconds }));
  const worst = (mode: string) => ({
    peakRssMb: Math.max(...runs[mode]!.map((r) => r.peakRssMb)),
    baselineRssMb: Math.max(...runs[mode]!.map((r) => r.baselineRssMb)),
    bytes: runs[mode]![0]!.bytes,
  });
  const endToEnd = pairs('ours', 'bare');
  const writer = pairs('ours-writer', 'bare-writer');
  return {
    endToEnd,
    endToEndMedian: medianPass(endToEnd),
    writer,
    writerMedian: medianPass(writer),
    ours: worst('ours'),
    bare: worst('bare'),
    oursWriter: worst('ours-writer'),
    bareWriter: worst('bare-writer'),
  };
}

// ---------------------------------------------------------------------------------------------------------------

type Row = [string, string, string, string];
const mb = (n: number) => `${fmt(n, n < 10 ? 1 : 0)} MB`;

function intakeRows(intake: Awaited<ReturnType<typeof benchIntake>>): Row[] {
  const { pass, ratio, index } = intake.median;
  return [
    [
      `(a) intake POST /api/v1/callbacks, ${fmt(INTAKE_REQUESTS)} requests, ${INTAKE_CONCURRENCY} in flight, Slack on`,
      `${fmt(pass.ours)} req/s`,
      '',
      '',
    ],
    [
      `    bare Fastify route, one insertOne, indexes of callbacks: ${intake.indexes.join(', ') || 'none but _id'} (ceiling)`,
      `${fmt(pass.ceiling)} req/s`,
      '',
      '',
    ],
    [
      `    ratio ours / bare (median pass of ${INTAKE_PASSES}; rates above are that pass's)`,
      ratio.toFixed(2),
      `>= ${TARGET_INTAKE_RATIO}`,
      verdict(ratio >= TARGET_INTAKE_RATIO),
    ],
    ...passRows(intake.passes, (n) => `${fmt(n)}/s`, index),
    [
      '    callback channel: posting jobs scheduled / messages posted',
      `${fmt(intake.postingJobs)} / ${fmt(intake.channelMessages)}`,
      '',
      '',
    ],
  ];
}

function assignRows(assign: Awaited<ReturnType<typeof benchAssign>>): Row[] {
  // Unfinished, ours took at least the limit: its ratios are lower bounds.
  const oursSeconds = assign.finished ? assign.seconds : ASSIGN_LIMIT_S;
  const bound = assign.finished ? '' : '> ';
  const perCallback = assign.ceilings['per callback'];
  const fastestPerCallback = Math.min(...perCallback.map((c) => c.seconds));
  const fastestPerAgent = Math.min(...assign.ceilings['per agent'].map((c) => c.seconds));
  const shapeRows = (shape: CeilingShape, what: string): Row[] => {
    const passes = assign.ceilings[shape];
    const fastest = Math.min(...passes.map((c) => c.seconds));
    const ratio = oursSeconds / fastest;
    return [
      [
        `      ${fmt(passes[0]!.statements)} ${what}; before / after ours ` +
          `${passes.map((c) => fmt(c.seconds, 2)).join(' / ')} s, the faster:`,
        `${fmt(fastest, 2)} s`,
        '',
        '',
      ],
      [
        '      ratio ours / that ceiling',
        `${bound}${ratio.toFixed(2)}`,
        `<= ${TARGET_ASSIGN_RATIO}`,
        verdict(assign.finished && ratio <= TARGET_ASSIGN_RATIO),
      ],
    ];
  };
  const ceilingRows: Row[] = [
    [
      '    ceiling, same run: raw driver bulkWrite (unordered) of the same conditional updates (status unassigned; ' +
        'same $set and history $push) on a copy of the same documents with the indexes of callbacks: ' +
        (perCallback[0]!.indexes.join(', ') || 'none but _id'),
      '',
      '',
      '',
    ],
    ...shapeRows(
      'per callback',
      `updateOne on {_id, serviceId, status}, one per callback (the issue's ceiling)`,
    ),
    ...shapeRows(
      'per agent',
      'updateMany on {_id: {$in}, serviceId, status}, one per agent, as ours sends them',
    ),
    [
      '    the same callback after ours and after the ceiling (times and assignment id aside)',
      assign.same ? 'same' : 'DIFFERENT',
      '',
      '',
    ],
    [
      '    the same with nobody listening (use case alone, no Slack; not a figure of the target)',
      `${fmt(assign.alone, 2)} s = ${(assign.alone / fastestPerCallback).toFixed(2)} / ` +
        `${(assign.alone / fastestPerAgent).toFixed(2)}× the bulkWrite per callback / per agent`,
      '',
      '',
    ],
    [
      '    channel posts of those callbacks before: cards / digests',
      `${fmt(assign.posts.cards)} / ${fmt(assign.posts.digests)}`,
      '',
      '',
    ],
  ];
  const title = `(b) assignCallbacks even, ${fmt(ASSIGN_CALLBACKS)} callbacks over ${ASSIGN_AGENTS} agents, Slack on`;
  if (!assign.finished)
    return [
      [
        title,
        `did not finish within ${fmt(ASSIGN_LIMIT_S)} s`,
        `< ${TARGET_ASSIGN_SECONDS} s`,
        verdict(false),
      ],
      [
        '    how far it got: callbacks assigned / card edits scheduled / assignee DMs scheduled',
        `${fmt(assign.far.assigned)} of ${fmt(ASSIGN_CALLBACKS)} / ${fmt(assign.far.edits)} of ` +
          `${fmt(assign.postCount)} / ${fmt(assign.far.dmJobs)} of ${ASSIGN_AGENTS}`,
        '',
        '',
      ],
      [
        '    then, its further jobs refused: the call returned within 60 s',
        assign.ended ? 'yes' : 'NO (still running)',
        '',
        '',
      ],
      ...ceilingRows,
    ];
  return [
    [
      title,
      `${fmt(assign.seconds, 2)} s`,
      `< ${TARGET_ASSIGN_SECONDS} s`,
      verdict(assign.seconds < TARGET_ASSIGN_SECONDS),
    ],
    ...ceilingRows,
    ['    per-agent share min / max', `${assign.min} / ${assign.max}`, '', ''],
    [
      '    jobs the assignment scheduled: card edits / assignee DMs',
      `${fmt(assign.edits)} / ${fmt(assign.dmJobs)}`,
      '',
      '',
    ],
    [
      assign.drained
        ? '    then at Slack: cards edited / DMs / Home tabs, all done after'
        : `    then at Slack: cards edited / DMs / Home tabs, NOT all done after`,
      `${fmt(assign.editsSent)} of ${fmt(assign.postCount)} / ${fmt(assign.dmsSent)} of ${ASSIGN_AGENTS} / ` +
        `${fmt(assign.homesPublished)} of ${ASSIGN_AGENTS}, ${fmt(assign.drainSeconds, 1)} s`,
      '',
      '',
    ],
  ];
}

function exportRows(exported: Awaited<ReturnType<typeof benchExport>>): Row[] {
  const { pass, ratio, index } = exported.endToEndMedian;
  const writer = exported.writerMedian;
  return [
    [
      `(c) export ${fmt(EXPORT_ROWS)} rows end to end (use case; cursor and styled workbook in a worker)`,
      `${fmt(pass.ours, 2)} s`,
      '',
      '',
    ],
    [
      '    raw driver cursor, same query and projection (no history), into bare exceljs streaming writer (ceiling)',
      `${fmt(pass.ceiling, 2)} s`,
      '',
      '',
    ],
    [
      `    time ratio ours / bare (median run of ${EXPORT_RUNS}; times above are that run's)`,
      ratio.toFixed(2),
      `<= ${TARGET_EXPORT_RATIO}`,
      verdict(ratio <= TARGET_EXPORT_RATIO),
    ],
    ...passRows(exported.endToEnd, (n) => `${fmt(n, 2)} s`, index, 'run'),
    [
      `    peak RSS ours, highest of ${EXPORT_RUNS} (child process; before the export started)`,
      `${mb(exported.ours.peakRssMb)} (${mb(exported.ours.baselineRssMb)})`,
      `<= ${TARGET_EXPORT_RSS_MB} MB`,
      verdict(exported.ours.peakRssMb <= TARGET_EXPORT_RSS_MB),
    ],
    [
      `    peak RSS bare, highest of ${EXPORT_RUNS} (child process; before the export started)`,
      `${mb(exported.bare.peakRssMb)} (${mb(exported.bare.baselineRssMb)})`,
      '',
      '',
    ],
    [
      '    file size ours / bare',
      `${mb(exported.ours.bytes / 1_048_576)} / ${mb(exported.bare.bytes / 1_048_576)}`,
      '',
      '',
    ],
    [
      `    writer only, no database: ours / bare (median run of ${EXPORT_RUNS})`,
      `${fmt(writer.pass.ours, 2)} / ${fmt(writer.pass.ceiling, 2)} s = ${writer.ratio.toFixed(2)}`,
      '',
      '',
    ],
    ...passRows(exported.writer, (n) => `${fmt(n, 2)} s`, writer.index, 'run'),
    [
      `    writer only, peak RSS ours / bare, highest of ${EXPORT_RUNS}`,
      `${mb(exported.oursWriter.peakRssMb)} / ${mb(exported.bareWriter.peakRssMb)}`,
      '',
      '',
    ],
  ];
}

export const CALLBACK_BENCH_PARTS = ['intake', 'assign', 'export'] as const;
export type CallbackBenchPart = (typeof CALLBACK_BENCH_PARTS)[number];

/** All three parts, or only those named (`npm run bench -- callbacks:assign`). */
export async function benchCallbacks(
  parts: readonly CallbackBenchPart[] = CALLBACK_BENCH_PARTS,
): Promise<void> {
  const rows: Row[] = [];
  const watchdogMs = WATCHDOG_MS_PER_PART * parts.length;
  const title = () =>
    `callbacks benchmark (${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs, ` +
    `embedded FerretDB v1, Slack on with the fake Web API in a worker thread, HTTP client of (a) in a ` +
    `worker thread, exports of (c) in child processes${scaleNote()})`;
  const partial = () => {
    rows.push([
      `the watchdog fired after ${fmt(watchdogMs / 60_000)} min: the parts after these did not finish`,
      '',
      '',
      '',
    ]);
    printReport(title(), rows);
  };
  await onThrowawayFerretDb(
    'callbacks',
    watchdogMs,
    async ({ mongodbUrl, servers }) => {
      if (parts.includes('intake')) {
        const slack = await startBenchSlack([]);
        try {
          const app = await startWithSlack(mongodbUrl, 'bench_intake', slack, servers);
          const raw = await connectDatabase(mongodbUrl, { dbName: 'bench_intake' });
          try {
            rows.push(...intakeRows(await benchIntake(app, raw, slack)));
          } finally {
            await raw.close();
            await app.close();
            servers.current = undefined;
          }
        } finally {
          await slack.stop();
        }
      }
      if (parts.includes('assign')) rows.push(...assignRows(await benchAssign(mongodbUrl, servers)));
      if (parts.includes('export')) rows.push(...exportRows(await benchExport(mongodbUrl)));
      progress('done');
      printReport(title(), rows);
    },
    partial,
  );
}

// Run directly (`npx tsx scripts/bench/callbacks.ts`) as well as through scripts/bench/index.ts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchCallbacks();
  // Agenda leaves job-liveness timers behind after the server has closed.
  process.exit(0);
}
