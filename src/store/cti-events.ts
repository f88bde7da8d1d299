import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { CtiEvent } from '../domain/wallboard/events.js';

/**
 * Every accepted CTI event, stored so a restarted instance can rebuild today's figures and other instances can
 * follow what this one accepted. `_id` is `<serviceId>:<event id>`: a replayed event is a duplicate key, never a
 * second record. `seq` orders events for followers (see WallboardLive): milliseconds × 1000 + a per-process counter.
 */
export interface CtiEventDoc {
  _id: string;
  serviceId: string;
  seq: number;
  /** The instance that stored it: followers skip their own events, which they applied when storing them. */
  origin: string;
  storedAt: Date;
  at: Date;
  /** The event as validated, minus id (in `_id`) and at (above). */
  event: Omit<CtiEvent, 'id' | 'at'>;
}

let lastSeq = 0;
/** Strictly increasing within this process, close to wall-clock order across processes. */
export function nextSeq(now = Date.now()): number {
  lastSeq = Math.max(lastSeq + 1, now * 1000);
  return lastSeq;
}

export function eventFromDoc(doc: CtiEventDoc): CtiEvent {
  return { ...doc.event, id: doc._id.slice(doc.serviceId.length + 1), at: doc.at } as CtiEvent;
}

export class CtiEventRepository {
  private readonly col: Collection<CtiEventDoc>;
  constructor(db: Db) {
    this.col = db.collection<CtiEventDoc>('ctiEvents');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ seq: 1 });
    if (secondary) await this.col.createIndex({ serviceId: 1, at: 1 });
  }

  /**
   * Stores a batch in one round trip. Returns the events that were new (in input order) and the count of
   * duplicates. Anything but a duplicate-key error is thrown: the caller must not acknowledge the batch.
   */
  async insertNew(
    serviceId: string,
    events: CtiEvent[],
    origin = 'unknown',
    now = new Date(),
  ): Promise<{ stored: CtiEventDoc[]; duplicates: number }> {
    if (events.length === 0) return { stored: [], duplicates: 0 };
    const docs: CtiEventDoc[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (const { id, at, ...event } of events) {
      const _id = `${serviceId}:${id}`;
      // The same id twice in one batch is a replay too.
      if (seen.has(_id)) {
        duplicates++;
        continue;
      }
      seen.add(_id);
      docs.push({ _id, serviceId, seq: nextSeq(now.getTime()), origin, storedAt: now, at, event });
    }
    const operations: AnyBulkWriteOperation<CtiEventDoc>[] = docs.map((doc) => ({
      insertOne: { document: doc },
    }));
    const failed = new Set<number>();
    try {
      await this.col.bulkWrite(operations, { ordered: false });
    } catch (error) {
      const writeErrors = (
        error as { writeErrors?: { code: number; index: number }[] | { code: number; index: number } }
      ).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
      for (const e of list) failed.add(e.index);
    }
    const stored = docs.filter((_, index) => !failed.has(index));
    return { stored, duplicates: duplicates + failed.size };
  }

  /** Events after `seq` (all services), in `seq` order, for followers. */
  async listAfter(seq: number, limit = 5000, excludeOrigin?: string): Promise<CtiEventDoc[]> {
    const filter = excludeOrigin
      ? { seq: { $gt: seq }, origin: { $ne: excludeOrigin } }
      : { seq: { $gt: seq } };
    return this.col.find(filter).sort({ seq: 1 }).limit(limit).toArray();
  }

  /** One service's events since `from`, in event-time order: the replay that rebuilds today's figures. */
  async listForService(serviceId: string, from: Date): Promise<CtiEventDoc[]> {
    return this.col
      .find({ serviceId, at: { $gte: from } })
      .sort({ at: 1, seq: 1 })
      .toArray();
  }

  /** Every service's events since `from`, in event-time order: the replay at start. */
  async listSince(from: Date): Promise<CtiEventDoc[]> {
    return this.col
      .find({ at: { $gte: from } })
      .sort({ at: 1, seq: 1 })
      .toArray();
  }

  /**
   * Retention: events older than `before` are no longer needed to rebuild any business day. Events dated after
   * `after` were stored before ingestion refused such times: no clock will reach them while they matter, and
   * every start would read them again. One delete, because on FerretDB each is a scan of the collection.
   */
  async purgeOutside(before: Date, after: Date): Promise<number> {
    return (await this.col.deleteMany({ $or: [{ at: { $lt: before } }, { at: { $gt: after } }] }))
      .deletedCount;
  }
}
