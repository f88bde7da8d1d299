/**
 * One export run of `npm run bench -- callbacks` (c), alone in its own process so its peak RSS is its own: the
 * parent (database seeding, the other benchmarks, their garbage) never shows up in the figure.
 *
 *   node <compiled>/scripts/bench/callbacks-export-child.js <mode> <mongodbUrl> <dbName> <serviceId> <rows>
 *
 * The parent compiles it with tsc first, so it runs as plain JavaScript like the server under `npm start`.
 *
 * Modes:
 *   ours          exportCallbackList as the server runs it (the use case: permission, then the cursor and the
 *                 workbook writer in a worker thread; the process's peak RSS includes the worker's)
 *   bare          the raw driver cursor, with what ours reads (same query, same order, the same projection: every
 *                 field but the history, derived from the row schema our export parses, and the same batch size),
 *                 into exceljs' streaming writer with its defaults: 14 values per row, nothing formatted, no
 *                 styles, on the main thread
 *   ours-writer   writeCallbackListWorkbook fed `rows` generated callbacks (no database)
 *   bare-writer   exceljs' streaming writer fed the same generated callbacks, values as they are
 *
 * Prints one JSON line: { seconds, rows, bytes, peakRssMb, baselineRssMb }. `baselineRssMb` is the peak reached
 * before the export starts (runtime, modules, connection), so the export's own share is the difference.
 */
import { stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { removeWorkbook, writeCallbackListWorkbook } from '../../src/exports/callback-workbooks.js';
import { workerListExports } from '../../src/exports/list-exports.js';
import { listExportRowsIn } from '../../src/store/list-export-rows.js';
import { fetchWebhookClient } from '../../src/integrations/webhooks.js';
import {
  callbackDocSchema,
  callbackRowSchema,
  type CallbackDoc,
  type CallbackRow,
} from '../../src/domain/callbacks.js';
import { connectDatabase } from '../../src/store/database.js';
import { createStore } from '../../src/store/index.js';
import { CallbackEvents } from '../../src/usecases/callback-events.js';
import { exportCallbackList } from '../../src/usecases/callback-exports.js';
import type { CallbackDeps } from '../../src/usecases/callbacks.js';
import { benchCallbackDoc } from './callbacks-data.js';

const [mode, mongodbUrl, dbName, serviceId, rowsArg] = process.argv.slice(2);
const rss = () => process.resourceUsage().maxRSS / 1024;

/**
 * What our export leaves out of each document (the fields of a stored callback that a row does not have: the
 * history), so the ceiling reads exactly the bytes ours reads rather than whole documents.
 */
const NOT_IN_A_ROW: Record<string, 0> = Object.fromEntries(
  Object.keys(callbackDocSchema.shape)
    .filter((field) => !(field in callbackRowSchema.shape))
    .map((field) => [field, 0 as const]),
);
/** `CallbackRepository`'s cursor batch size (src/store/callbacks.ts). */
const BATCH_SIZE = 500;

function bareValues(c: CallbackRow): ExcelJS.CellValue[] {
  return [
    c._id,
    c.phone,
    c.name,
    c.source,
    c.status,
    c.assigneeId,
    c.requestedAt,
    c.lastRequestedAt,
    c.requestCount,
    c.assignedAt,
    c.completedAt,
    c.outcome,
    c.attempts.length,
    c.note,
  ];
}

async function bareWrite(rows: AsyncIterable<CallbackRow> | Iterable<CallbackRow>) {
  const path = join(tmpdir(), `bench-bare-${randomBytes(6).toString('hex')}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = workbook.addWorksheet('Callbacks');
  sheet.addRow(['ID', 'Phone', 'Name', 'Source', 'Status', 'Assignee', 'Requested at']).commit();
  let count = 0;
  for await (const c of rows) {
    sheet.addRow(bareValues(c)).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return { path, rows: count };
}

function* generated(count: number): Generator<CallbackDoc> {
  for (let i = 0; i < count; i++) yield benchCallbackDoc('svc_bench', i, count);
}

const database =
  mode === 'ours' || mode === 'bare' ? await connectDatabase(mongodbUrl!, { dbName }) : undefined;
const baselineRssMb = rss();
const started = performance.now();
let written: { path: string; rows: number };
switch (mode) {
  case 'ours': {
    const store = createStore(database!.db);
    const deps: CallbackDeps = {
      store,
      events: new CallbackEvents(pino({ level: 'silent' })),
      live: { agentState: () => Promise.resolve(undefined) },
      webhooks: fetchWebhookClient,
      scheduler: { schedule: () => Promise.resolve(undefined as never) },
      // As the server runs it (src/server.ts): the workbook is written in a worker thread.
      listExports: workerListExports(listExportRowsIn({ mongodbUrl: mongodbUrl!, dbName: dbName! })),
    };
    const result = await exportCallbackList(
      deps,
      { kind: 'operator', name: 'bench' },
      serviceId!,
      { scope: 'all' },
      'ko',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    written = result.value;
    break;
  }
  case 'bare': {
    if (Object.keys(NOT_IN_A_ROW).length === 0)
      throw new Error('a row is the whole document: check the schemas');
    // The filter our export of scope "all" gives the repository: the service's callbacks, every status.
    const cursor = database!.db
      .collection<CallbackDoc>('callbacks')
      .find({ serviceId }, { projection: NOT_IN_A_ROW })
      .sort({ requestedAt: 1, _id: 1 })
      .batchSize(BATCH_SIZE);
    written = await bareWrite(cursor as AsyncIterable<CallbackRow>);
    break;
  }
  case 'ours-writer':
    written = await writeCallbackListWorkbook(generated(Number(rowsArg)), {
      locale: 'ko',
      timeZone: 'Asia/Seoul',
      names: new Map(Array.from({ length: 100 }, (_, a) => [`mem_${a}`, `상담원 ${a}`])),
    });
    break;
  case 'bare-writer':
    written = await bareWrite(generated(Number(rowsArg)));
    break;
  default:
    throw new Error(`unknown mode ${mode}`);
}
const seconds = (performance.now() - started) / 1000;
const bytes = (await stat(written.path)).size;
await removeWorkbook(written.path);
await database?.close();
process.stdout.write(
  JSON.stringify({ seconds, rows: written.rows, bytes, peakRssMb: rss(), baselineRssMb }) + '\n',
);
process.exit(0);
