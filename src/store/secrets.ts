import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError } from './database.js';

export const secretDocSchema = z.object({
  /** What the secret is for, e.g. `wallboard-links`. */
  _id: z.string(),
  /** 32 random bytes, base64. */
  value: z.string().min(43),
  createdAt: z.date(),
});
export type SecretDoc = z.infer<typeof secretDocSchema>;

/**
 * Server-side secrets the app makes for itself (signing keys), so nobody has to configure them and every instance on
 * the same database signs with the same key. Each is created once and cached for the life of the process.
 */
export class SecretRepository {
  private readonly col: Collection<SecretDoc>;
  private readonly cache = new Map<string, Promise<Buffer>>();
  constructor(db: Db) {
    this.col = db.collection<SecretDoc>('secrets');
  }

  getOrCreate(name: string): Promise<Buffer> {
    let secret = this.cache.get(name);
    if (!secret) {
      secret = this.load(name);
      // A failed read (database down) must not stick: the next caller tries again.
      secret.catch(() => this.cache.delete(name));
      this.cache.set(name, secret);
    }
    return secret;
  }

  private async load(name: string): Promise<Buffer> {
    const existing = await this.col.findOne({ _id: name });
    if (existing) return Buffer.from(secretDocSchema.parse(existing).value, 'base64');
    const doc = secretDocSchema.parse({
      _id: name,
      value: randomBytes(32).toString('base64'),
      createdAt: new Date(),
    });
    try {
      await this.col.insertOne(doc);
      return Buffer.from(doc.value, 'base64');
    } catch (error) {
      // Another instance created it first: use theirs, so links signed anywhere verify everywhere.
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await this.col.findOne({ _id: name });
      if (!winner) throw error;
      return Buffer.from(secretDocSchema.parse(winner).value, 'base64');
    }
  }
}
