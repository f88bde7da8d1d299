/**
 * `npm run bench -- callbacks` (or `npx tsx scripts/bench/callbacks.ts`): the callback figures of issue 4.
 *
 *   (a) Intake: requests/s through `POST /api/v1/callbacks` (real server, API key, distinct phones, 8 requests in
 *       flight), against the ceiling of a bare Fastify route that does one `insertOne` of the same stored document
 *       into a scratch collection with the same indexes, on the same database server, in the same run. Three
 *       passes alternating which side goes first; the ratio judged is the median of the passes' ratios. Target:
 *       ratio >= 0.6. The HTTP client runs in a worker thread (an IVR is another process).
 *   (b) Distribute 10,000 unassigned callbacks evenly over 100 agents with `assignCallbacks` (mode even,
 *       "oldest 10,000"), through the use case on a fresh database. Target: < 3 s.
 *   (c) Export 100,000 callbacks to .xlsx. Each export runs alone in a child process (scripts/bench/
 *       callbacks-export-child.ts) so its peak RSS is its own and not the seeding's or the other benchmarks'.
 *       End to end: `exportCallbackList` as the server runs it (use case, then store cursor → our writer in a worker
 *       thread) against the raw driver cursor into
 *       exceljs' streaming writer with its defaults (same rows, same order, values as stored). Writer only: our
 *       writer against exceljs' defaults fed the same generated rows, no database. Best time of two runs each.
 *       Targets: time ratio ours / bare <= 1.2 (end to end) and peak RSS <= 200 MB.
 *
 * It starts its own throwaway FerretDB (embedded, ferretOnly) and removes it at the end, also on Ctrl-C or when
 * the watchdog fires. Targets missed are printed as MISSED.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Collection } from 'mongodb';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { fetchWebhookClient } from '../../src/integrations/webhooks.js';
import { startSwitchboard, type RunningSwitchboard } from '../../src/server.js';
import type { CallbackDoc } from '../../src/store/callbacks.js';
import { connectDatabase, type Database } from '../../src/store/database.js';
import { newId } from '../../src/store/ids.js';
import { createStore, ensureIndexes } from '../../src/store/index.js';
import { CallbackEvents } from '../../src/usecases/callback-events.js';
import { assignCallbacks, type CallbackDeps } from '../../src/usecases/callbacks.js';
import { benchCallbackDoc } from './callbacks-data.js';
import { fmt, onThrowawayFerretDb, printReport, progress } from './harness.js';
import { postInWorker } from './http-client.js';

const INTAKE_REQUESTS = 4_000;
const INTAKE_WARMUP = 400;
const INTAKE_CONCURRENCY = 8;
const INTAKE_PASSES = 3;
const ASSIGN_CALLBACKS = 10_000;
const ASSIGN_AGENTS = 100;
const EXPORT_ROWS = 100_000;
const EXPORT_RUNS = 2;
const WATCHDOG_MS = 15 * 60_000;

const TARGET_INTAKE_RATIO = 0.6;
const TARGET_ASSIGN_SECONDS = 3;
const TARGET_EXPORT_RATIO = 1.2;
const TARGET_EXPORT_RSS_MB = 200;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function pool(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
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

async function benchIntake(app: RunningSwitchboard, raw: Database) {
  const service = await app.store.services.create('콜백 접수 벤치', defaultServiceSettings());
  const { key } = await app.store.apiKeys.create({
    serviceId: service._id,
    name: 'bench',
    allowedIps: [],
    createdBy: 'bench',
  });
  const scratch = raw.db.collection<CallbackDoc>('benchRawCallbacks');
  // The indexes the server made on `callbacks` (on FerretDB only the unique ones), so both sides pay the same
  // index maintenance.
  for (const index of await raw.db.collection('callbacks').listIndexes().toArray())
    if (index.name !== '_id_')
      await scratch.createIndex(index.key as Record<string, 1 | -1>, {
        unique: !!index.unique,
        name: index.name,
      });
  const bare = await bareIntakeServer(scratch, service._id);
  const bareAddress = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}`;
  try {
    const ours = () => timeRequests(`${app.url}/api/v1/callbacks`, key, intakeBodies(INTAKE_REQUESTS));
    const ceiling = () => timeRequests(`${bareUrl}/bare/callbacks`, key, intakeBodies(INTAKE_REQUESTS));
    // Warm-up both ways (connections, JIT, SQLite pages) with phones the measured runs do not use.
    await timeRequests(`${app.url}/api/v1/callbacks`, key, intakeBodies(INTAKE_WARMUP));
    await timeRequests(`${bareUrl}/bare/callbacks`, key, intakeBodies(INTAKE_WARMUP));
    const passes: { ours: number; bare: number }[] = [];
    for (let pass = 1; pass <= INTAKE_PASSES; pass++) {
      progress(`(a) pass ${pass}/${INTAKE_PASSES}: ${fmt(INTAKE_REQUESTS)} requests each way`);
      // Alternating who goes first, so a database still settling the previous writes slows both sides alike.
      if (pass % 2) {
        const b = await ceiling();
        passes.push({ bare: b, ours: await ours() });
      } else {
        const o = await ours();
        passes.push({ ours: o, bare: await ceiling() });
      }
    }
    return {
      ours: Math.max(...passes.map((p) => p.ours)),
      bare: Math.max(...passes.map((p) => p.bare)),
      ratios: passes.map((p) => p.ours / p.bare),
      ratio: median(passes.map((p) => p.ours / p.bare)),
    };
  } finally {
    await bare.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// (b) distribute

function useCaseDeps(db: Database['db']): CallbackDeps {
  return {
    store: createStore(db),
    events: new CallbackEvents(pino({ level: 'silent' })),
    live: { agentState: () => Promise.resolve(undefined) },
    webhooks: fetchWebhookClient,
    scheduler: { schedule: () => Promise.resolve(undefined as never) },
  };
}

async function seed(db: Database['db'], docs: (i: number) => CallbackDoc, count: number) {
  const batches: (() => Promise<void>)[] = [];
  for (let from = 0; from < count; from += 1_000)
    batches.push(async () => {
      const batch = Array.from({ length: Math.min(1_000, count - from) }, (_, k) => docs(from + k));
      await db.collection<CallbackDoc>('callbacks').insertMany(batch, { ordered: false });
    });
  await pool(batches, 2);
}

async function benchAssign(mongodbUrl: string) {
  const database = await connectDatabase(mongodbUrl, { dbName: 'bench_assign' });
  try {
    const deps = useCaseDeps(database.db);
    await ensureIndexes(deps.store);
    const service = await deps.store.services.create('배분 벤치', defaultServiceSettings());
    const agentIds: string[] = [];
    for (let a = 0; a < ASSIGN_AGENTS; a++)
      agentIds.push(
        (
          await deps.store.members.create({
            serviceId: service._id,
            displayName: `상담원 ${String(a).padStart(3, '0')}`,
            role: 'member',
            permissions: { phone: true, callbackAssign: false, sms: false },
            identities: [`slack:T0001:UBENCH${a}`],
            ctiAgentId: null,
          })
        )._id,
      );
    progress(`(b) seeding ${fmt(ASSIGN_CALLBACKS)} unassigned callbacks`);
    await seed(
      database.db,
      (i) => benchCallbackDoc(service._id, i, ASSIGN_CALLBACKS, ASSIGN_AGENTS, 'unassigned'),
      ASSIGN_CALLBACKS,
    );
    progress(`(b) assignCallbacks: oldest ${fmt(ASSIGN_CALLBACKS)} evenly over ${ASSIGN_AGENTS} agents`);
    const started = performance.now();
    const result = await assignCallbacks(deps, { kind: 'operator', name: 'bench' }, service._id, {
      oldest: ASSIGN_CALLBACKS,
      agentIds,
      mode: 'even',
    });
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    const shares = result.value.assigned.map((a) => a.callbackIds.length);
    const assigned = shares.reduce((a, b) => a + b, 0);
    if (assigned !== ASSIGN_CALLBACKS || result.value.taken.length)
      throw new Error(`assigned ${assigned} of ${ASSIGN_CALLBACKS}, ${result.value.taken.length} taken`);
    return { seconds, min: Math.min(...shares), max: Math.max(...shares) };
  } finally {
    await database.close();
  }
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
  const best = (mode: string) => {
    const all = runs[mode]!;
    return {
      seconds: Math.min(...all.map((r) => r.seconds)),
      peakRssMb: Math.max(...all.map((r) => r.peakRssMb)),
      baselineRssMb: Math.max(...all.map((r) => r.baselineRssMb)),
      bytes: all[0]!.bytes,
    };
  };
  return {
    ours: best('ours'),
    bare: best('bare'),
    oursWriter: best('ours-writer'),
    bareWriter: best('bare-writer'),
  };
}

// ---------------------------------------------------------------------------------------------------------------

type Row = [string, string, string, string];
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const mb = (n: number) => `${fmt(n)} MB`;

function intakeRows(intake: Awaited<ReturnType<typeof benchIntake>>): Row[] {
  return [
    [
      `(a) intake POST /api/v1/callbacks, ${fmt(INTAKE_REQUESTS)} requests, ${INTAKE_CONCURRENCY} in flight`,
      `${fmt(intake.ours)} req/s`,
      '',
      '',
    ],
    ['    bare Fastify route, one insertOne (ceiling)', `${fmt(intake.bare)} req/s`, '', ''],
    [
      `    ratio ours / bare (median of ${INTAKE_PASSES} passes)`,
      intake.ratio.toFixed(2),
      `>= ${TARGET_INTAKE_RATIO}`,
      verdict(intake.ratio >= TARGET_INTAKE_RATIO),
    ],
    ['    ratio per pass', intake.ratios.map((r) => r.toFixed(2)).join(', '), '', ''],
  ];
}

function assignRows(assign: Awaited<ReturnType<typeof benchAssign>>): Row[] {
  return [
    [
      `(b) assignCallbacks even, ${fmt(ASSIGN_CALLBACKS)} callbacks over ${ASSIGN_AGENTS} agents`,
      `${fmt(assign.seconds, 2)} s`,
      `< ${TARGET_ASSIGN_SECONDS} s`,
      verdict(assign.seconds < TARGET_ASSIGN_SECONDS),
    ],
    ['    per-agent share min / max', `${assign.min} / ${assign.max}`, '', ''],
  ];
}

function exportRows(exported: Awaited<ReturnType<typeof benchExport>>): Row[] {
  const exportRatio = exported.ours.seconds / exported.bare.seconds;
  const writerRatio = exported.oursWriter.seconds / exported.bareWriter.seconds;
  return [
    [
      `(c) export ${fmt(EXPORT_ROWS)} rows end to end (use case; cursor and styled workbook in a worker)`,
      `${fmt(exported.ours.seconds, 2)} s`,
      '',
      '',
    ],
    [
      '    raw driver cursor into bare exceljs streaming writer (ceiling)',
      `${fmt(exported.bare.seconds, 2)} s`,
      '',
      '',
    ],
    [
      '    time ratio ours / bare',
      exportRatio.toFixed(2),
      `<= ${TARGET_EXPORT_RATIO}`,
      verdict(exportRatio <= TARGET_EXPORT_RATIO),
    ],
    [
      '    peak RSS ours (child process; before the export started)',
      `${mb(exported.ours.peakRssMb)} (${mb(exported.ours.baselineRssMb)})`,
      `<= ${TARGET_EXPORT_RSS_MB} MB`,
      verdict(exported.ours.peakRssMb <= TARGET_EXPORT_RSS_MB),
    ],
    [
      '    peak RSS bare (child process; before the export started)',
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
      '    writer only, no database: ours / bare',
      `${fmt(exported.oursWriter.seconds, 2)} / ${fmt(exported.bareWriter.seconds, 2)} s = ${writerRatio.toFixed(2)}`,
      '',
      '',
    ],
    [
      '    writer only, peak RSS ours / bare',
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
  await onThrowawayFerretDb('callbacks', WATCHDOG_MS, async ({ mongodbUrl, servers }) => {
    const rows: Row[] = [];
    if (parts.includes('intake')) {
      const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), port: 0, host: '127.0.0.1' };
      const app = await startSwitchboard(config, {
        logger: pino({ level: 'silent' }),
        mongodbUrl,
        dbName: 'bench_intake',
      });
      servers.current = app;
      const raw = await connectDatabase(mongodbUrl, { dbName: 'bench_intake' });
      try {
        rows.push(...intakeRows(await benchIntake(app, raw)));
      } finally {
        await raw.close();
      }
      await app.close();
      servers.current = undefined;
    }
    if (parts.includes('assign')) rows.push(...assignRows(await benchAssign(mongodbUrl)));
    if (parts.includes('export')) rows.push(...exportRows(await benchExport(mongodbUrl)));
    progress('done');
    printReport(
      `callbacks benchmark (${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs, ` +
        `embedded FerretDB v1, HTTP client of (a) in a worker thread, exports of (c) in child processes)`,
      rows,
    );
  });
}

// Run directly (`npx tsx scripts/bench/callbacks.ts`) as well as through scripts/bench/index.ts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchCallbacks();
  // Agenda leaves job-liveness timers behind after the server has closed.
  process.exit(0);
}
