import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { newId } from './ids.js';

/**
 * A long-lived wallboard link for a wall screen. Short links (a member's own, a few hours) are not stored: their
 * signature and expiry are enough. Long-lived ones are, so an admin can list and revoke them.
 */
export const wallboardLinkDocSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  /** Which screen it is for ("Lobby TV"), so admins can tell links apart when revoking. */
  label: z.string().nullable().default(null),
  createdBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
});
export type WallboardLinkDoc = z.infer<typeof wallboardLinkDocSchema>;

export class WallboardLinkRepository {
  private readonly col: Collection<WallboardLinkDoc>;
  constructor(db: Db) {
    this.col = db.collection<WallboardLinkDoc>('wallboardLinks');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ serviceId: 1, createdAt: -1 });
  }

  async create(
    input: { serviceId: string; label: string | null; createdBy: string; expiresAt: Date },
    now = new Date(),
  ): Promise<WallboardLinkDoc> {
    const doc = wallboardLinkDocSchema.parse({
      _id: newId('wbl'),
      ...input,
      createdAt: now,
      revokedAt: null,
    });
    await this.col.insertOne(doc);
    return doc;
  }

  async get(id: string): Promise<WallboardLinkDoc | undefined> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? wallboardLinkDocSchema.parse(doc) : undefined;
  }

  async listByService(serviceId: string): Promise<WallboardLinkDoc[]> {
    const docs = await this.col.find({ serviceId }).sort({ createdAt: -1 }).toArray();
    return docs.map((d) => wallboardLinkDocSchema.parse(d));
  }

  /** Conditional: revoking twice, or a link of another service, changes nothing and returns undefined. */
  async revoke(serviceId: string, id: string, now = new Date()): Promise<WallboardLinkDoc | undefined> {
    const doc = await this.col.findOneAndUpdate(
      { _id: id, serviceId, revokedAt: null },
      { $set: { revokedAt: now } },
      { returnDocument: 'after' },
    );
    return doc ? wallboardLinkDocSchema.parse(doc) : undefined;
  }
}
