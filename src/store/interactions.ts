import type { Collection, Db, Filter } from 'mongodb';
import { z } from 'zod';
import { surfaceSchema } from '../domain/surfaces.js';
import { newId } from './ids.js';

/**
 * An interaction record ("ticket" in the original product): a call made from a callback, or history an agent
 * registered by hand. Forwarded to the service's ticket webhook when one is configured.
 */
export const interactionDocSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  callbackId: z.string().nullable(),
  kind: z.enum(['outbound_call', 'history']),
  /** Digits only, when known. */
  phone: z.string().nullable(),
  customerName: z.string().nullable(),
  memberId: z.string(),
  memberName: z.string(),
  surface: surfaceSchema,
  channel: z.enum(['phone', 'sms', 'chat', 'email', 'visit', 'other']),
  summary: z.string(),
  note: z.string().nullable(),
  createdAt: z.date(),
  forward: z.object({
    status: z.enum(['none', 'pending', 'sent', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    sentAt: z.date().nullable(),
  }),
});
export type InteractionDoc = z.infer<typeof interactionDocSchema>;
export type NewInteraction = Omit<InteractionDoc, '_id' | 'createdAt' | 'forward'>;

/** Which interaction records a list reads; every field narrows it. */
export interface InteractionFilter {
  serviceId: string;
  /** Digits only, as stored. */
  phone?: string;
  callbackId?: string;
  /** Created at or after `from`, before `to`. */
  from?: Date;
  to?: Date;
  /** Only these (an agent's own): recorded by this member, or on one of these callbacks. */
  visibleTo?: { memberId: string; callbackIds: readonly string[] };
}

/** Where a page ends: the last record's time and id (records are read newest first, ties by id). */
export interface InteractionPosition {
  createdAt: Date;
  id: string;
}

export class InteractionRepository {
  private readonly col: Collection<InteractionDoc>;
  constructor(db: Db) {
    this.col = db.collection<InteractionDoc>('interactions');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.col.createIndex({ serviceId: 1, createdAt: -1 });
    if (secondary) await this.col.createIndex({ callbackId: 1 });
  }

  async create(input: NewInteraction, forward: boolean, now = new Date()): Promise<InteractionDoc> {
    const doc = interactionDocSchema.parse({
      ...input,
      _id: newId('int'),
      createdAt: now,
      forward: { status: forward ? 'pending' : 'none', attempts: 0, lastError: null, sentAt: null },
    });
    await this.col.insertOne(doc);
    return doc;
  }

  async get(id: string): Promise<InteractionDoc | undefined> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? interactionDocSchema.parse(doc) : undefined;
  }

  async listForCallback(callbackId: string): Promise<InteractionDoc[]> {
    const docs = await this.col.find({ callbackId }).sort({ createdAt: 1 }).toArray();
    return docs.map((d) => interactionDocSchema.parse(d));
  }

  /** Newest first, at most `limit`, after `after` (the previous page's last record). */
  async list(
    filter: InteractionFilter,
    limit: number,
    after?: InteractionPosition,
  ): Promise<InteractionDoc[]> {
    const and: Filter<InteractionDoc>[] = [{ serviceId: filter.serviceId }];
    if (filter.phone) and.push({ phone: filter.phone });
    if (filter.callbackId) and.push({ callbackId: filter.callbackId });
    if (filter.from) and.push({ createdAt: { $gte: filter.from } });
    if (filter.to) and.push({ createdAt: { $lt: filter.to } });
    if (filter.visibleTo)
      and.push({
        $or: [
          { memberId: filter.visibleTo.memberId },
          { callbackId: { $in: [...filter.visibleTo.callbackIds] } },
        ],
      });
    if (after)
      and.push({
        $or: [
          { createdAt: { $lt: after.createdAt } },
          { createdAt: after.createdAt, _id: { $lt: after.id } },
        ],
      });
    const docs = await this.col.find({ $and: and }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map((d) => interactionDocSchema.parse(d));
  }

  async recordForward(id: string, outcome: { ok: true } | { ok: false; error: string; final: boolean }) {
    await this.col.updateOne(
      { _id: id },
      outcome.ok
        ? {
            $set: { 'forward.status': 'sent', 'forward.sentAt': new Date(), 'forward.lastError': null },
            $inc: { 'forward.attempts': 1 },
          }
        : {
            $set: {
              'forward.status': outcome.final ? 'failed' : 'pending',
              'forward.lastError': outcome.error,
            },
            $inc: { 'forward.attempts': 1 },
          },
    );
  }
}
