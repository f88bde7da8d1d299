import { Worker } from 'node:worker_threads';
import type { CallbackFilter, CallbackRow } from '../domain/callbacks.js';
import {
  writeCallbackListWorkbook,
  type ListWorkbookOptions,
  type WrittenWorkbook,
} from './callback-workbooks.js';

/** Writes the callback list matching a filter into a workbook file. */
export interface ListExports {
  write(filter: CallbackFilter, options: ListWorkbookOptions): Promise<WrittenWorkbook>;
}

/** The port an export reads its rows through: callbacks matching a filter, in request order, without history. */
export interface CallbackRows {
  streamWithoutHistory(filter: CallbackFilter): AsyncIterable<CallbackRow>;
}

/**
 * Where a worker thread gets its rows. A worker cannot be handed a connection or a repository (only cloneable
 * data crosses), so it is handed a module to import and the options for that module's `openCallbackRows`; the
 * caller (`server.ts`, through `store/list-export-rows.ts`) decides which. `exports/` never names the store.
 */
export interface WorkerCallbackRows {
  /** URL of a module exporting `openCallbackRows(options)`. */
  module: string;
  options: unknown;
}

/** What such a module exports. */
export interface CallbackRowsModule {
  openCallbackRows(options: unknown): Promise<CallbackRows & { close(): Promise<void> }>;
}

/** What a worker is given (structured-cloned: dates and maps survive) and what it answers. */
export interface ListExportJob {
  rows: WorkerCallbackRows;
  filter: CallbackFilter;
  options: ListWorkbookOptions;
}
export type ListExportReply = { ok: true; written: WrittenWorkbook } | { ok: false; message: string };

/** In the calling thread, from the repository the caller already has (unit-sized uses, and the default). */
export function inProcessListExports(callbacks: CallbackRows): ListExports {
  return {
    write: (filter, options) => writeCallbackListWorkbook(callbacks.streamWithoutHistory(filter), options),
  };
}

/**
 * Heap limits of an export worker. A 100,000-row export makes a great deal of short-lived garbage (driver
 * documents, cells, XML). On the main thread V8 let that grow the heap by 100 MB and more before collecting it
 * (peak RSS about 210 MB in `npm run bench -- callbacks:export`); in a worker with a small young generation it is
 * collected early (about 155 MB at the peak, the same time). The old generation cap only ever stops a runaway
 * export: rows stream through, so live memory stays small whatever the row count.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/**
 * Each list export in a worker thread of its own, with its own connection (opened from `rows`) and heap: the
 * server's event loop keeps answering Slack and the wallboard while a large export runs, its garbage never grows the
 * main heap, and an export that failed badly ends only itself. At most `concurrent` run at once; the others wait their turn.
 */
export function workerListExports(rows: WorkerCallbackRows, concurrent = 2): ListExports {
  const turn = turns(concurrent);
  return { write: (filter, options) => turn(() => runWorker({ rows, filter, options })) };
}

function runWorker(job: ListExportJob): Promise<WrittenWorkbook> {
  const options = { workerData: job, resourceLimits: WORKER_LIMITS };
  // Under the test runner this module is TypeScript, and so is its worker: tsx loads it there (Node 20 applies a
  // worker's `--import` hooks only after its entry has loaded, hence the small bootstrap).
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => (register(), import(${JSON.stringify(
          new URL('./list-export-worker.ts', import.meta.url).href,
        )})))`,
        { ...options, eval: true },
      )
    : new Worker(new URL('./list-export-worker.js', import.meta.url), options);
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.once('message', (reply: ListExportReply) => {
      answered = true;
      if (reply.ok) resolve(reply.written);
      else reject(new Error(`list export failed: ${reply.message}`));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`list export worker exited with code ${code} before answering`));
    });
  });
}

/** A semaphore: at most `limit` pieces of work at once, the rest in arrival order. */
function turns(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running < limit) running++;
    else await new Promise<void>((start) => waiting.push(start)); // the finishing one hands its place over
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
