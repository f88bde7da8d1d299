/**
 * Runs inside a worker thread (see `list-exports.ts`): opens its own connection, streams the callbacks matching the
 * filter into a workbook file, and answers with where it is. Nothing here runs on the server's main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectDatabase } from '../store/database.js';
import { CallbackRepository } from '../store/callbacks.js';
import { writeCallbackListWorkbook } from './callback-workbooks.js';
import type { ListExportJob, ListExportReply } from './list-exports.js';

const job = workerData as ListExportJob;
let reply: ListExportReply;
try {
  // Two connections: one for the cursor, one spare for the driver's monitoring.
  const database = await connectDatabase(job.mongodbUrl, { dbName: job.dbName, maxPoolSize: 2 });
  try {
    const rows = new CallbackRepository(database.db).streamWithoutHistory(job.filter);
    reply = { ok: true, written: await writeCallbackListWorkbook(rows, job.options) };
  } finally {
    await database.close();
  }
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
