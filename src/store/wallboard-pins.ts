import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { newId } from './ids.js';

/**
 * A live wallboard card pinned in a Slack channel or kept current in a Teams conversation. The refresh job edits
 * `ts` (Slack's message ts, Teams' activity id) in place; `lastHash` (figures without the clock line) tells it
 * whether anything changed; `notBefore` holds the surface's Retry-After. `place` is the chat place of a Teams card
 * (`teams:<conversation>`, whose `channelId` is the conversation id); Slack pins, without it, are `slack:team:channel`.
 */
export const wallboardPinSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  ts: z.string(),
  place: z.string().optional(),
  view: z.enum(['services', 'agents']),
  locale: z.enum(['ko', 'en']),
  pinnedBy: z.string(),
  pinnedAt: z.date(),
  active: z.boolean(),
  lastHash: z.string().nullable(),
  lastUpdatedAt: z.date().nullable(),
  notBefore: z.date().nullable(),
});
export type WallboardPin = z.infer<typeof wallboardPinSchema>;

export class WallboardPinRepository {
  private readonly col: Collection<WallboardPin>;
  constructor(db: Db) {
    this.col = db.collection<WallboardPin>('wallboardPins');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ serviceId: 1, channelId: 1, active: 1 });
  }

  async create(
    pin: Omit<WallboardPin, '_id' | 'active' | 'lastHash' | 'lastUpdatedAt' | 'notBefore' | 'pinnedAt'>,
  ): Promise<WallboardPin> {
    const doc = wallboardPinSchema.parse({
      ...pin,
      _id: newId('pin'),
      active: true,
      lastHash: null,
      lastUpdatedAt: null,
      notBefore: null,
      pinnedAt: new Date(),
    });
    await this.col.insertOne(doc);
    return doc;
  }

  async get(id: string): Promise<WallboardPin | undefined> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? wallboardPinSchema.parse(doc) : undefined;
  }

  async findActive(serviceId: string, channelId: string): Promise<WallboardPin | undefined> {
    const doc = await this.col.findOne({ serviceId, channelId, active: true });
    return doc ? wallboardPinSchema.parse(doc) : undefined;
  }

  async findActiveByMessage(channelId: string, ts: string): Promise<WallboardPin | undefined> {
    const doc = await this.col.findOne({ channelId, ts, active: true });
    return doc ? wallboardPinSchema.parse(doc) : undefined;
  }

  async update(
    id: string,
    changes: Partial<Pick<WallboardPin, 'view' | 'lastHash' | 'lastUpdatedAt' | 'notBefore'>>,
  ): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: changes });
  }

  /** Conditional: only one of two concurrent unpins wins. */
  async deactivate(id: string): Promise<boolean> {
    const result = await this.col.updateOne({ _id: id, active: true }, { $set: { active: false } });
    return result.modifiedCount === 1;
  }
}
