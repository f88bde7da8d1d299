import type { Collection, Db } from 'mongodb';
import { serviceSettingsSchema, type ServiceSettings } from '../domain/service-settings.js';
import type { ChangeCounters } from './change-counters.js';
import { newId } from './ids.js';
import { serviceDocSchema, type ServiceDoc } from '../domain/services.js';

export class ServiceRepository {
  private readonly col: Collection<ServiceDoc>;
  constructor(
    db: Db,
    private readonly changes: ChangeCounters,
  ) {
    this.col = db.collection<ServiceDoc>('services');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ name: 1 });
  }

  async create(name: string, settings: ServiceSettings, now = new Date()): Promise<ServiceDoc> {
    const doc = serviceDocSchema.parse({ _id: newId('svc'), name, settings, createdAt: now, updatedAt: now });
    await this.col.insertOne(doc);
    return doc;
  }

  async get(id: string): Promise<ServiceDoc | undefined> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? serviceDocSchema.parse(doc) : undefined;
  }

  async getMany(ids: string[]): Promise<ServiceDoc[]> {
    if (ids.length === 0) return [];
    const docs = await this.col
      .find({ _id: { $in: ids } })
      .sort({ name: 1 })
      .toArray();
    return docs.map((d) => serviceDocSchema.parse(d));
  }

  async list(): Promise<ServiceDoc[]> {
    const docs = await this.col.find({}).sort({ name: 1 }).toArray();
    return docs.map((d) => serviceDocSchema.parse(d));
  }

  /**
   * Sets only the given settings, each on its own path, so two people saving different settings at once do not
   * overwrite each other's changes.
   */
  async updateSettings(
    id: string,
    changes: Partial<ServiceSettings>,
    now = new Date(),
  ): Promise<ServiceDoc | undefined> {
    // zod 4 fills a missing key's default even under `.partial()`, so only the keys the caller gave are taken
    // from the parse: writing the rest would put every other setting back to its default.
    const valid = serviceSettingsSchema.partial().parse(changes) as Record<string, unknown>;
    const set: Record<string, unknown> = { updatedAt: now };
    for (const key of Object.keys(changes)) if (valid[key] !== undefined) set[`settings.${key}`] = valid[key];
    const doc = await this.col.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    await this.changes.bump('apiAccess');
    return doc ? serviceDocSchema.parse(doc) : undefined;
  }
}
