import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { surfaceSchema } from '../domain/surfaces.js';
import { newId } from './ids.js';

export const auditEntrySchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  at: z.date(),
  surface: surfaceSchema,
  /** Member id when a member acted; the chat identity or API key id otherwise. */
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Append-only: there is no update or delete here on purpose. */
export class AuditLog {
  private readonly col: Collection<AuditEntry>;
  constructor(db: Db) {
    this.col = db.collection<AuditEntry>('auditLog');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ serviceId: 1, at: -1 });
  }

  async append(
    entry: Omit<AuditEntry, '_id' | 'at' | 'details'> & { details?: Record<string, unknown>; at?: Date },
  ) {
    const doc = auditEntrySchema.parse({ _id: newId('aud'), at: new Date(), details: {}, ...entry });
    await this.col.insertOne(doc);
    return doc;
  }

  async listByService(serviceId: string, limit = 100): Promise<AuditEntry[]> {
    const docs = await this.col.find({ serviceId }).sort({ at: -1 }).limit(limit).toArray();
    return docs.map((d) => auditEntrySchema.parse(d));
  }
}
