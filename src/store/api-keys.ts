import type { Collection, Db } from 'mongodb';
import type { ChangeCounters } from './change-counters.js';
import { newId } from './ids.js';
import { hashApiKey, generateApiKey, apiKeyDocSchema, type ApiKeyDoc } from '../domain/api-keys.js';

export class ApiKeyRepository {
  private readonly col: Collection<ApiKeyDoc>;
  constructor(
    db: Db,
    private readonly changes: ChangeCounters,
  ) {
    this.col = db.collection<ApiKeyDoc>('apiKeys');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    await this.col.createIndex({ hash: 1 }, { unique: true });
    if (secondary) await this.col.createIndex({ serviceId: 1, createdAt: -1 });
  }

  /** Stores only the hash; the plain key is returned to the caller once and never again. */
  async create(
    input: { serviceId: string; name: string; allowedIps: string[]; createdBy: string },
    now = new Date(),
  ) {
    const key = generateApiKey();
    const doc = apiKeyDocSchema.parse({
      _id: newId('key'),
      ...input,
      prefix: key.slice(0, 10),
      hash: hashApiKey(key),
      createdAt: now,
      revokedAt: null,
      lastUsedAt: null,
    });
    await this.col.insertOne(doc);
    return { doc, key };
  }

  async findActiveByKey(key: string): Promise<ApiKeyDoc | undefined> {
    return this.findActiveByHash(hashApiKey(key));
  }

  async findActiveByHash(hash: string): Promise<ApiKeyDoc | undefined> {
    const doc = await this.col.findOne({ hash, revokedAt: null });
    return doc ? apiKeyDocSchema.parse(doc) : undefined;
  }

  async listByService(serviceId: string): Promise<ApiKeyDoc[]> {
    const docs = await this.col.find({ serviceId }).sort({ createdAt: -1 }).toArray();
    return docs.map((d) => apiKeyDocSchema.parse(d));
  }

  /** Conditional: revoking twice, or a key of another service, changes nothing and returns undefined. */
  async revoke(serviceId: string, id: string, now = new Date()): Promise<ApiKeyDoc | undefined> {
    const doc = await this.col.findOneAndUpdate(
      { _id: id, serviceId, revokedAt: null },
      { $set: { revokedAt: now } },
      { returnDocument: 'after' },
    );
    // Before the revocation is reported done, so no instance serves the key from its cache after that.
    if (doc) await this.changes.bump('apiAccess');
    return doc ? apiKeyDocSchema.parse(doc) : undefined;
  }

  /** Best effort and coarse (once a minute per key) so a busy integration does not turn every read into a write. */
  async touch(id: string, now = new Date()): Promise<void> {
    await this.col.updateOne(
      { _id: id, lastUsedAt: { $not: { $gt: new Date(now.getTime() - 60_000) } } },
      { $set: { lastUsedAt: now } },
    );
  }
}
