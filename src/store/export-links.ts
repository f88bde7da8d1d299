import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { newId } from './ids.js';

/**
 * A download link to one export file (`GET /exports/:token`). Only the SHA-256 of the token is stored, so the
 * collection read back gives nobody a working link; the link names one file of one service and expires.
 */
export const exportLinkDocSchema = z.object({
  _id: z.string(),
  /** Hex SHA-256 of the token handed out. */
  tokenHash: z.string(),
  serviceId: z.string(),
  /** The file in the export directory. */
  path: z.string(),
  /** What the download is called (Korean names allowed). */
  filename: z.string(),
  contentType: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export type ExportLinkDoc = z.infer<typeof exportLinkDocSchema>;

export class ExportLinkRepository {
  private readonly col: Collection<ExportLinkDoc>;
  constructor(db: Db) {
    this.col = db.collection<ExportLinkDoc>('exportLinks');
  }

  /** The token hash is unique (a rule, so always); the expiry index only where the database uses it. */
  async ensureIndexes(secondary = true): Promise<void> {
    await this.col.createIndex({ tokenHash: 1 }, { unique: true });
    if (secondary) await this.col.createIndex({ expiresAt: 1 });
  }

  async create(input: Omit<ExportLinkDoc, '_id' | 'createdAt'>, now = new Date()): Promise<ExportLinkDoc> {
    const doc = exportLinkDocSchema.parse({ _id: newId('exl'), ...input, createdAt: now });
    await this.col.insertOne(doc);
    return doc;
  }

  async findByHash(tokenHash: string): Promise<ExportLinkDoc | undefined> {
    const doc = await this.col.findOne({ tokenHash });
    return doc ? exportLinkDocSchema.parse(doc) : undefined;
  }

  /** Links expired before `before` (their files are deleted by the caller), at most `limit`. */
  async listExpired(before: Date, limit = 500): Promise<ExportLinkDoc[]> {
    const docs = await this.col
      .find({ expiresAt: { $lt: before } })
      .limit(limit)
      .toArray();
    return docs.map((d) => exportLinkDocSchema.parse(d));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.col.deleteMany({ _id: { $in: ids } });
  }
}
