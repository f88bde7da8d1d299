import type { Collection, Db } from 'mongodb';

/**
 * The caller id of each queued call, for services that turn abandoned calls into callbacks. A `call.abandoned`
 * event names only the call; its caller came with `call.enqueued`, often in an earlier batch, before a restart, or
 * on another instance. The stored events hold it too, but finding it there is a read by call id, which on FerretDB
 * v1 is a scan of the whole (large) event log; this small record is found by `_id` (`<service>:<call id>`).
 * Written before the batch that carries the `call.enqueued` is acknowledged; purged by the maintenance job.
 */
export interface CtiCallerDoc {
  _id: string;
  serviceId: string;
  callId: string;
  caller: string;
  enqueuedAt: Date;
  /** The purge goes by this, not the call's time: a late file of old calls still finds its callers for a while. */
  storedAt: Date;
}

/** FerretDB (our build) looks a list of ids up in its `_id` index up to this many. */
const ID_CHUNK = 1000;

export class CtiCallerRepository {
  private readonly col: Collection<CtiCallerDoc>;
  constructor(db: Db) {
    this.col = db.collection<CtiCallerDoc>('ctiCallers');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ storedAt: 1 });
  }

  /**
   * Records callers in one unordered insert. A call already recorded keeps its first caller (a replayed batch, or
   * the same call queued again), so a duplicate key is expected and anything else is thrown: the caller must not
   * acknowledge the batch.
   */
  async remember(
    serviceId: string,
    calls: readonly { callId: string; caller: string; at: Date }[],
    now = new Date(),
  ): Promise<void> {
    if (calls.length === 0) return;
    const docs: CtiCallerDoc[] = [];
    const seen = new Set<string>();
    for (const call of calls) {
      const _id = `${serviceId}:${call.callId}`;
      if (seen.has(_id)) continue;
      seen.add(_id);
      docs.push({
        _id,
        serviceId,
        callId: call.callId,
        caller: call.caller,
        enqueuedAt: call.at,
        storedAt: now,
      });
    }
    try {
      await this.col.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { code: number }[] | { code: number } }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
    }
  }

  /** Call id → caller, for the calls recorded among `callIds`. */
  async callersOf(serviceId: string, callIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const ids = [...new Set(callIds)].map((callId) => `${serviceId}:${callId}`);
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const docs = await this.col
        .find({ _id: { $in: ids.slice(i, i + ID_CHUNK) } }, { projection: { callId: 1, caller: 1 } })
        .toArray();
      for (const doc of docs) found.set(doc.callId, doc.caller);
    }
    return found;
  }

  /** Records stored before `before`: their calls ended long ago. */
  async purgeBefore(before: Date): Promise<number> {
    return (await this.col.deleteMany({ storedAt: { $lt: before } })).deletedCount;
  }
}
