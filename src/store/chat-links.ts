import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError } from './database.js';

/**
 * Which service a chat place belongs to: a Slack channel (`slack:T…:C…`) or a Teams conversation
 * (`teams:<conversation id>`). One place belongs to at most one service; a workspace can host many.
 */
export const chatLinkSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  linkedBy: z.string(),
  linkedAt: z.date(),
});
export type ChatLink = z.infer<typeof chatLinkSchema>;

export class ChatLinkRepository {
  private readonly col: Collection<ChatLink>;
  constructor(db: Db) {
    this.col = db.collection<ChatLink>('chatLinks');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ serviceId: 1 });
  }

  async get(place: string): Promise<ChatLink | undefined> {
    const doc = await this.col.findOne({ _id: place });
    return doc ? chatLinkSchema.parse(doc) : undefined;
  }

  /** Links a place unless it is linked already; returns the link that holds afterwards. */
  async linkIfFree(place: string, serviceId: string, linkedBy: string, now = new Date()): Promise<ChatLink> {
    try {
      await this.col.updateOne(
        { _id: place },
        { $setOnInsert: { serviceId, linkedBy, linkedAt: now } },
        { upsert: true },
      );
    } catch (error) {
      // Two upserts racing on FerretDB v1 (query-then-write): the loser sees a duplicate key; the winner's link holds.
      if (!isDuplicateKeyError(error)) throw error;
    }
    return chatLinkSchema.parse(await this.col.findOne({ _id: place }));
  }
}
