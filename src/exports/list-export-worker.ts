/**
 * Runs inside a worker thread (see `list-exports.ts`): opens its rows through the module it was given (its own
 * connection), streams the callbacks matching the filter into a workbook file, and answers with where it is.
 * Nothing here runs on the server's main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeCallbackListWorkbook } from './callback-workbooks.js';
import type { CallbackRowsModule, ListExportJob, ListExportReply } from './list-exports.js';

const job = workerData as ListExportJob;
let reply: ListExportReply;
try {
  const { openCallbackRows } = (await import(job.rows.module)) as CallbackRowsModule;
  const source = await openCallbackRows(job.rows.options);
  try {
    reply = {
      ok: true,
      written: await writeCallbackListWorkbook(source.streamWithoutHistory(job.filter), job.options),
    };
  } finally {
    await source.close();
  }
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
