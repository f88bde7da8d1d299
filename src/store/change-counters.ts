import type { Collection, Db } from 'mongodb';

/**
 * Counters bumped by writes that invalidate in-memory caches on every instance (and in the CLI's process): a
 * reader compares one small document, read by `_id`, instead of re-reading what it cached.
 *   apiAccess — an API key was revoked or a service changed: cached key → service lookups are stale.
 */
export type ChangeCounterName = 'apiAccess';

export class ChangeCounters {
  private readonly col: Collection<{ _id: ChangeCounterName; n: number }>;
  constructor(db: Db) {
    this.col = db.collection('changeCounters');
  }

  async bump(name: ChangeCounterName): Promise<void> {
    await this.col.updateOne({ _id: name }, { $inc: { n: 1 } }, { upsert: true });
  }

  async read(name: ChangeCounterName): Promise<number> {
    return (await this.col.findOne({ _id: name }))?.n ?? 0;
  }
}
