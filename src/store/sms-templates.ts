import { Binary, type Collection, type Db, type Filter } from 'mongodb';
import { z } from 'zod';
import {
  smsCategorySchema,
  smsTemplateSchema,
  type SmsCategoryDoc,
  type SmsTemplateDoc,
} from '../domain/sms-templates.js';
import { newId } from './ids.js';

type NewCategory = Omit<SmsCategoryDoc, '_id' | 'order' | 'createdAt' | 'updatedAt'>;
type NewTemplate = Omit<SmsTemplateDoc, '_id' | 'order' | 'createdAt' | 'updatedAt'>;
type CategoryChanges = Partial<Pick<SmsCategoryDoc, 'parentId' | 'name' | 'enabled' | 'order'>>;
type TemplateChanges = Partial<Omit<SmsTemplateDoc, '_id' | 'serviceId' | 'createdAt' | 'updatedAt'>>;

const byOrder = { order: 1, createdAt: 1, _id: 1 } as const;

/** One past the highest `order` among the siblings `filter` selects: a new category or template goes last. */
async function orderAfterLast<T extends { order: number }>(
  collection: Collection<T>,
  filter: Filter<T>,
): Promise<number> {
  const last = await collection.find(filter).sort({ order: -1 }).limit(1).toArray();
  return (last[0]?.order ?? 0) + 1;
}

/**
 * SMS template categories (`smsCategories`) and templates (`smsTemplates`) of a service: one aggregate, since a
 * template's life depends on its category's. Every read and write is scoped to the service. No transactions
 * (FerretDB v1 has none): a cascade deletes from the leaves up, so an interrupted one leaves nothing orphaned.
 */
export class SmsTemplateRepository {
  private readonly categories: Collection<SmsCategoryDoc>;
  private readonly templates: Collection<SmsTemplateDoc>;
  constructor(db: Db) {
    this.categories = db.collection<SmsCategoryDoc>('smsCategories');
    this.templates = db.collection<SmsTemplateDoc>('smsTemplates');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (!secondary) return;
    await this.categories.createIndex({ serviceId: 1, parentId: 1, order: 1 });
    await this.templates.createIndex({ serviceId: 1, categoryId: 1, order: 1 });
  }

  // ---- categories ----

  async listCategories(serviceId: string): Promise<SmsCategoryDoc[]> {
    const docs = await this.categories.find({ serviceId }).sort(byOrder).toArray();
    return docs.map((d) => smsCategorySchema.parse(d));
  }

  async getCategory(serviceId: string, id: string): Promise<SmsCategoryDoc | undefined> {
    const doc = await this.categories.findOne({ _id: id, serviceId });
    return doc ? smsCategorySchema.parse(doc) : undefined;
  }

  /** A new category goes last among its siblings. */
  async createCategory(input: NewCategory, now = new Date()): Promise<SmsCategoryDoc> {
    const order = await orderAfterLast(this.categories, {
      serviceId: input.serviceId,
      parentId: input.parentId,
    });
    const doc = smsCategorySchema.parse({
      ...input,
      _id: newId('smc'),
      order,
      createdAt: now,
      updatedAt: now,
    });
    await this.categories.insertOne(doc);
    return doc;
  }

  async updateCategory(
    serviceId: string,
    id: string,
    changes: CategoryChanges,
    now = new Date(),
  ): Promise<SmsCategoryDoc | undefined> {
    const valid = smsCategorySchema
      .pick({ parentId: true, name: true, enabled: true, order: true })
      .partial();
    const doc = await this.categories.findOneAndUpdate(
      { _id: id, serviceId },
      { $set: { ...valid.parse(changes), updatedAt: now } },
      { returnDocument: 'after' },
    );
    return doc ? smsCategorySchema.parse(doc) : undefined;
  }

  async deleteCategories(serviceId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.categories.deleteMany({ serviceId, _id: { $in: [...ids] } });
    return result.deletedCount;
  }

  // ---- templates ----

  async listTemplates(serviceId: string, categoryIds?: readonly string[]): Promise<SmsTemplateDoc[]> {
    const filter = categoryIds ? { serviceId, categoryId: { $in: [...categoryIds] } } : { serviceId };
    const docs = await this.templates.find(filter).sort(byOrder).toArray();
    return docs.map((d) => smsTemplateSchema.parse(d));
  }

  async getTemplate(serviceId: string, id: string): Promise<SmsTemplateDoc | undefined> {
    const doc = await this.templates.findOne({ _id: id, serviceId });
    return doc ? smsTemplateSchema.parse(doc) : undefined;
  }

  /** A new template goes last in its category. */
  async createTemplate(input: NewTemplate, now = new Date()): Promise<SmsTemplateDoc> {
    const order = await orderAfterLast(this.templates, {
      serviceId: input.serviceId,
      categoryId: input.categoryId,
    });
    const doc = smsTemplateSchema.parse({
      ...input,
      _id: newId('smt'),
      order,
      createdAt: now,
      updatedAt: now,
    });
    await this.templates.insertOne(doc);
    return doc;
  }

  async updateTemplate(
    serviceId: string,
    id: string,
    changes: TemplateChanges,
    now = new Date(),
  ): Promise<SmsTemplateDoc | undefined> {
    const valid = smsTemplateSchema.omit({ _id: true, serviceId: true, createdAt: true, updatedAt: true });
    // zod fills defaults under .partial(); only the keys the caller gave are written.
    const parsed = valid.partial().parse(changes) as Record<string, unknown>;
    const set: Record<string, unknown> = { updatedAt: now };
    for (const key of Object.keys(changes)) if (key in parsed) set[key] = parsed[key];
    const doc = await this.templates.findOneAndUpdate(
      { _id: id, serviceId },
      { $set: set },
      { returnDocument: 'after' },
    );
    return doc ? smsTemplateSchema.parse(doc) : undefined;
  }

  async deleteTemplates(serviceId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.templates.deleteMany({ serviceId, _id: { $in: [...ids] } });
    return result.deletedCount;
  }
}

export const smsImageSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  fileName: z.string().min(1).max(255),
  data: z.instanceof(Buffer),
  bytes: z.number().int().nonnegative(),
  createdAt: z.date(),
});
export type SmsImageDoc = z.infer<typeof smsImageSchema>;

interface StoredImage extends Omit<SmsImageDoc, 'data'> {
  data: Binary;
}

/**
 * JPG images of MMS templates and sends (`smsImages`, binary, ≤ 300 KB each by the domain's rule, far below a
 * document's 16 MB). The rules are checked before `put`; this only keeps the bytes.
 */
export class SmsImageRepository {
  private readonly col: Collection<StoredImage>;
  constructor(db: Db) {
    this.col = db.collection<StoredImage>('smsImages');
  }

  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ serviceId: 1 });
  }

  async put(
    input: { serviceId: string; fileName: string; data: Uint8Array },
    now = new Date(),
  ): Promise<string> {
    const data = Buffer.from(input.data);
    const doc = smsImageSchema.parse({
      _id: newId('img'),
      serviceId: input.serviceId,
      fileName: input.fileName,
      data,
      bytes: data.length,
      createdAt: now,
    });
    await this.col.insertOne({ ...doc, data: new Binary(doc.data) });
    return doc._id;
  }

  async get(id: string): Promise<SmsImageDoc | undefined> {
    const doc = await this.col.findOne({ _id: id });
    if (!doc) return undefined;
    return smsImageSchema.parse({ ...doc, data: Buffer.from(doc.data.buffer) });
  }

  async delete(serviceId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.col.deleteMany({ serviceId, _id: { $in: [...ids] } });
    return result.deletedCount;
  }
}
