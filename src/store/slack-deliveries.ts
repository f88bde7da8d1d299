import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './database.js';

interface DeliveryDoc {
  _id: string;
  receivedAt: Date;
  expiresAt: Date;
}

/**
 * Remembers Slack deliveries we have started to act on, so a retried delivery (`X-Slack-Retry-Num`) is acknowledged
 * without running again — across instances, since the claim is a unique insert. Expiry is done by a job, not a TTL
 * index (FerretDB v1 has none).
 */
export class SlackDeliveryRepository {
  private readonly col: Collection<DeliveryDoc>;
  constructor(db: Db) {
    this.col = db.collection<DeliveryDoc>('slackDeliveries');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ expiresAt: 1 });
  }

  /** True when this call claimed the delivery; false when someone already did. */
  async claim(key: string, now = new Date()): Promise<boolean> {
    try {
      await this.col.insertOne({
        _id: key,
        receivedAt: now,
        expiresAt: new Date(now.getTime() + 60 * 60_000),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.col.deleteMany({ expiresAt: { $lt: now } });
    return result.deletedCount;
  }
}
