/**
 * The rows of a list export, for a worker thread (`exports/list-export-worker.ts`): the worker imports this module
 * by URL and opens its own connection here, so the export code never names the store.
 */
import { CallbackRepository } from './callbacks.js';
import { connectDatabase } from './database.js';
import type { CallbackFilter } from '../domain/callbacks.js';

interface Connection {
  mongodbUrl: string;
  dbName: string;
}

/** What `workerListExports` is given: this module and the database to read (plain data, cloned into the worker). */
export function listExportRowsIn(connection: Connection): { module: string; options: Connection } {
  return { module: import.meta.url, options: connection };
}

/** Called in the worker. Two connections: one for the cursor, one spare for the driver's monitoring. */
export async function openCallbackRows(options: unknown) {
  const { mongodbUrl, dbName } = options as Connection;
  const database = await connectDatabase(mongodbUrl, { dbName, maxPoolSize: 2 });
  const callbacks = new CallbackRepository(database.db);
  return {
    streamWithoutHistory: (filter: CallbackFilter) => callbacks.streamWithoutHistory(filter),
    close: () => database.close(),
  };
}
