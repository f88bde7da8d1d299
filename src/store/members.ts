import type { Collection, Db } from 'mongodb';
import { newId } from './ids.js';
import { memberDocSchema, type MemberDoc, type NewMember } from '../domain/members.js';

export class MemberRepository {
  private readonly col: Collection<MemberDoc>;
  constructor(db: Db) {
    this.col = db.collection<MemberDoc>('members');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ serviceId: 1, identities: 1 });
    if (secondary) await this.col.createIndex({ identities: 1 });
    if (secondary) await this.col.createIndex({ serviceId: 1, ctiAgentId: 1 });
  }

  async create(member: NewMember, now = new Date()): Promise<MemberDoc> {
    const doc = memberDocSchema.parse({
      ...member,
      _id: newId('mem'),
      locale: member.locale ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.col.insertOne(doc);
    return doc;
  }

  async get(id: string): Promise<MemberDoc | undefined> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? memberDocSchema.parse(doc) : undefined;
  }

  async findByIdentity(serviceId: string, identity: string): Promise<MemberDoc | undefined> {
    const doc = await this.col.findOne({ serviceId, identities: identity });
    return doc ? memberDocSchema.parse(doc) : undefined;
  }

  /** Every membership of one chat identity, across services (a person may work for several brands). */
  async listByIdentity(identity: string): Promise<MemberDoc[]> {
    const docs = await this.col.find({ identities: identity }).toArray();
    return docs.map((d) => memberDocSchema.parse(d));
  }

  async findByCtiAgentId(serviceId: string, ctiAgentId: string): Promise<MemberDoc | undefined> {
    const doc = await this.col.findOne({ serviceId, ctiAgentId });
    return doc ? memberDocSchema.parse(doc) : undefined;
  }

  async listByService(serviceId: string): Promise<MemberDoc[]> {
    const docs = await this.col.find({ serviceId }).sort({ displayName: 1 }).toArray();
    return docs.map((d) => memberDocSchema.parse(d));
  }

  async countAdmins(serviceId: string): Promise<number> {
    return this.col.countDocuments({ serviceId, role: 'admin' });
  }

  /** Records a person's chat language on every membership of theirs that holds another one. */
  async setLocaleOfIdentity(identity: string, locale: string, now = new Date()): Promise<number> {
    const result = await this.col.updateMany(
      { identities: identity, locale: { $ne: locale } },
      { $set: { locale, updatedAt: now } },
    );
    return result.modifiedCount;
  }

  async update(
    id: string,
    changes: Partial<Pick<MemberDoc, 'displayName' | 'role' | 'permissions' | 'ctiAgentId' | 'locale'>>,
    now = new Date(),
  ): Promise<MemberDoc | undefined> {
    const doc = await this.col.findOneAndUpdate(
      { _id: id },
      { $set: { ...changes, updatedAt: now } },
      { returnDocument: 'after' },
    );
    return doc ? memberDocSchema.parse(doc) : undefined;
  }
}
