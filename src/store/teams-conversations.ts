import type { Collection, Db } from 'mongodb';
import { z } from 'zod';

/**
 * Bot Framework conversation references, kept so we can message a Teams channel or person later (proactively).
 * The reference is stored as JSON text: its shape belongs to the Bot Framework, and keys it may grow must not
 * collide with MongoDB's field-name rules.
 */
export const teamsConversationSchema = z.object({
  _id: z.string(),
  tenantId: z.string().nullable(),
  conversationType: z.string().nullable(),
  userAadObjectId: z.string().nullable(),
  /** The person's Bot Framework id in this conversation (`29:…`), which a new personal chat is opened with. */
  userId: z.string().nullable().default(null),
  reference: z.string(),
  updatedAt: z.date(),
});
export type TeamsConversation = z.infer<typeof teamsConversationSchema>;

export class TeamsConversationRepository {
  private readonly col: Collection<TeamsConversation>;
  constructor(db: Db) {
    this.col = db.collection<TeamsConversation>('teamsConversations');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ tenantId: 1, userAadObjectId: 1 });
  }

  async save(
    doc: Omit<z.input<typeof teamsConversationSchema>, 'updatedAt'>,
    now = new Date(),
  ): Promise<void> {
    const valid = teamsConversationSchema.parse({ ...doc, updatedAt: now });
    const { _id, ...rest } = valid;
    await this.col.updateOne({ _id }, { $set: rest }, { upsert: true });
  }

  async get(conversationId: string): Promise<TeamsConversation | undefined> {
    const doc = await this.col.findOne({ _id: conversationId });
    return doc ? teamsConversationSchema.parse(doc) : undefined;
  }

  /** The conversations a person wrote from in a tenant, newest first (their personal chat among them). */
  async listOfUser(tenantId: string, userAadObjectId: string, limit = 20): Promise<TeamsConversation[]> {
    const docs = await this.col
      .find({ tenantId, userAadObjectId })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => teamsConversationSchema.parse(d));
  }
}
