import type { Collection, Db } from 'mongodb';

/**
 * The app instances sharing this database, by the origin their live figures write on stored events. Each one
 * refreshes `seenAt` every few seconds; an instance that sees no other recent one skips reading the event log back
 * (see WallboardLive.follow), which on FerretDB is a scan of the whole collection.
 */
export interface InstanceDoc {
  _id: string;
  host: string;
  pid: number;
  startedAt: Date;
  seenAt: Date;
}

export class InstanceRepository {
  private readonly col: Collection<InstanceDoc>;
  constructor(db: Db) {
    this.col = db.collection<InstanceDoc>('instances');
  }

  async heartbeat(origin: string, info: { host: string; pid: number; startedAt: Date }, now = new Date()) {
    await this.col.updateOne(
      { _id: origin },
      { $set: { seenAt: now }, $setOnInsert: { host: info.host, pid: info.pid, startedAt: info.startedAt } },
      { upsert: true },
    );
  }

  /** The other instances seen since `since` (a handful of documents: the scan is cheap everywhere). */
  async othersSeenSince(origin: string, since: Date): Promise<InstanceDoc[]> {
    return this.col.find({ _id: { $ne: origin }, seenAt: { $gte: since } }).toArray();
  }

  async purgeNotSeenSince(before: Date): Promise<number> {
    return (await this.col.deleteMany({ seenAt: { $lt: before } })).deletedCount;
  }
}
