import { MongoServerError, type Collection, type Db, type Filter } from 'mongodb';
import type { z } from 'zod';
import { TRANSITION_FROM, type CallbackFilter } from '../domain/callbacks.js';
import { literalPattern } from '../domain/callback-search.js';
import { newId } from './ids.js';
import {
  type CallbackHistoryEntry,
  type CallAttempt,
  callbackDocSchema,
  type CallbackDoc,
  callbackRowSchema,
  type CallbackRow,
  assignableCallbackSchema,
  type AssignableCallback,
  type NewCallback,
} from '../domain/callbacks.js';

/** The projection that reads exactly those fields. */
const ASSIGNABLE_FIELDS: Record<string, 1> = Object.fromEntries(
  Object.keys(assignableCallbackSchema.shape).map((field) => [field, 1 as const]),
);

export type { CallbackFilter };

/**
 * Replays of an intake request (`externalId`, `Idempotency-Key`) find the callback they made by `_id`, the one
 * lookup that is indexed on every backend. The claim is written before the callback, so two copies of one request
 * racing each other make one callback, not one plus a fold.
 */
interface CallbackRequestKeyDoc {
  _id: string;
  callbackId: string | null;
  claimedAt: Date;
  /**
   * Chosen with the claim: the `_id` a callback this request creates gets, and the `requestId` of the history entry
   * a fold writes. A process killed between that write and the settle leaves an unsettled claim; whoever takes it
   * over finds the write by this id and replays it instead of recording the request twice. (Absent on claims
   * written before it existed.)
   */
  intakeId?: string;
}

/** An unsettled claim older than this belongs to a request that died half-way: a retry may take it over. */
export const REQUEST_CLAIM_TAKEOVER_MS = 30_000;

export type RequestKeyClaim =
  | { state: 'claimed'; intakeId: string }
  | { state: 'existing'; callbackId: string }
  | { state: 'pending'; retryAfterSeconds: number };

const ID_CHUNK = 1000;
const openKeyOf = (serviceId: string, phone: string) => `${serviceId}:${phone}`;
const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === 11000;

export class CallbackRepository {
  private readonly col: Collection<CallbackDoc>;
  private readonly requestKeys: Collection<CallbackRequestKeyDoc>;
  constructor(db: Db) {
    this.col = db.collection<CallbackDoc>('callbacks');
    this.requestKeys = db.collection<CallbackRequestKeyDoc>('callbackRequestKeys');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    await this.col.createIndex({ openKey: 1 }, { unique: true });
    if (secondary) await this.col.createIndex({ serviceId: 1, status: 1, requestedAt: 1 });
    if (secondary) await this.col.createIndex({ serviceId: 1, assigneeId: 1, status: 1 });
    if (secondary) await this.col.createIndex({ serviceId: 1, requestedAt: -1 });
  }

  async get(id: string): Promise<CallbackDoc | undefined> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? callbackDocSchema.parse(doc) : undefined;
  }

  /** In chunks of 1,000 ids: FerretDB looks a list of ids up in its `_id` index up to that many (our build). */
  async getMany(serviceId: string, ids: readonly string[]): Promise<CallbackDoc[]> {
    return this.findByIds(serviceId, ids, callbackDocSchema);
  }

  /** `getMany` with only what an assignment reads (a fraction of each document to fetch and check). */
  async getManyAssignable(serviceId: string, ids: readonly string[]): Promise<AssignableCallback[]> {
    return this.findByIds(serviceId, ids, assignableCallbackSchema, ASSIGNABLE_FIELDS);
  }

  private async findByIds<T>(
    serviceId: string,
    ids: readonly string[],
    schema: z.ZodType<T>,
    projection?: Record<string, 1>,
  ): Promise<T[]> {
    const found: T[] = [];
    for (let from = 0; from < ids.length; from += ID_CHUNK) {
      const chunk = ids.slice(from, from + ID_CHUNK);
      for await (const doc of this.col.find({ _id: { $in: chunk }, serviceId }, { projection }))
        found.push(schema.parse(doc));
    }
    return found;
  }

  /**
   * A new callback, or — while one for the same phone is open — that one with the request folded in (count + last
   * requested time). Retries when the open one closes in between.
   */
  async createOrFold(
    input: NewCallback,
    entry: Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail' | 'requestId'>,
    now = new Date(),
    /** The claim's `intakeId` of a keyed request (see `claimRequestKey`). */
    intakeId?: string,
  ): Promise<{ callback: CallbackDoc; folded: boolean }> {
    const requestId = intakeId ? { requestId: intakeId } : {};
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = callbackDocSchema.parse({
        ...input,
        _id: intakeId ?? newId('cb'),
        status: 'unassigned',
        assigneeId: null,
        assignedAt: null,
        assignmentId: null,
        requestCount: 1,
        lastRequestedAt: input.requestedAt,
        completedAt: null,
        outcome: null,
        completionNote: null,
        cancelReason: null,
        attempts: [],
        history: [{ ...entry, ...requestId, at: now, action: 'created', detail: input.source }],
        openKey: openKeyOf(input.serviceId, input.phone),
        createdAt: now,
        updatedAt: now,
      });
      try {
        await this.col.insertOne(doc);
        return { callback: doc, folded: false };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const folded = await this.col.findOneAndUpdate(
        { openKey: doc.openKey },
        {
          $inc: { requestCount: 1 },
          $max: { lastRequestedAt: input.requestedAt },
          $set: { updatedAt: now },
          $push: { history: { ...entry, ...requestId, at: now, action: 'folded', detail: input.source } },
        },
        { returnDocument: 'after' },
      );
      if (folded) return { callback: callbackDocSchema.parse(folded), folded: true };
    }
    throw new Error(`could not create or fold a callback for ${input.serviceId}:${input.phone}`);
  }

  /**
   * Claims an intake request key. `claimed` — go ahead and record the callback with `createOrFold(…, intakeId)`,
   * then `settleRequestKey`; `existing` — a replay of a request that made this callback; `pending` — the same
   * request is being handled right now (or died less than `REQUEST_CLAIM_TAKEOVER_MS` ago): retry after the
   * seconds given. `target`: the service and phone of this request, where a fold of the dead one would be (it
   * narrows that look-up).
   */
  async claimRequestKey(
    key: string,
    now = new Date(),
    target?: { serviceId: string; phone: string },
  ): Promise<RequestKeyClaim> {
    const intakeId = newId('cb');
    try {
      await this.requestKeys.insertOne({ _id: key, callbackId: null, claimedAt: now, intakeId });
      return { state: 'claimed', intakeId };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const found = await this.requestKeys.findOne({ _id: key });
    if (!found) return this.claimRequestKey(key, now, target); // released in between
    if (found.callbackId) return { state: 'existing', callbackId: found.callbackId };
    const takeoverAt = found.claimedAt.getTime() + REQUEST_CLAIM_TAKEOVER_MS;
    if (takeoverAt > now.getTime())
      return {
        state: 'pending',
        retryAfterSeconds: Math.max(1, Math.ceil((takeoverAt - now.getTime()) / 1000)),
      };
    // The request that claimed it died half-way. If it got as far as recording the callback, this is a replay.
    if (found.intakeId) {
      const recorded = await this.findRecordedBy(found.intakeId, target);
      if (recorded) {
        await this.settleRequestKey(key, recorded);
        return { state: 'existing', callbackId: recorded };
      }
    }
    const takenIntakeId = found.intakeId ?? intakeId;
    const taken = await this.requestKeys.updateOne(
      { _id: key, callbackId: null, claimedAt: found.claimedAt },
      { $set: { claimedAt: now, intakeId: takenIntakeId } },
    );
    if (taken.modifiedCount === 1) return { state: 'claimed', intakeId: takenIntakeId };
    return { state: 'pending', retryAfterSeconds: 1 }; // another retry took it over just now
  }

  /** The callback a request with this `intakeId` created or folded into, if it got that far. */
  private async findRecordedBy(
    intakeId: string,
    target?: { serviceId: string; phone: string },
  ): Promise<string | undefined> {
    const created = await this.col.findOne({ _id: intakeId }, { projection: { _id: 1 } });
    if (created) return created._id;
    // Rare (only after a crash), so a scan of one phone's callbacks is fine even where only `_id` is indexed.
    const folded = await this.col.findOne(
      { ...(target && { serviceId: target.serviceId, phone: target.phone }), 'history.requestId': intakeId },
      { projection: { _id: 1 } },
    );
    return folded?._id;
  }

  async settleRequestKey(key: string, callbackId: string): Promise<void> {
    await this.requestKeys.updateOne({ _id: key }, { $set: { callbackId } });
  }

  async releaseRequestKey(key: string): Promise<void> {
    await this.requestKeys.deleteOne({ _id: key, callbackId: null });
  }

  async list(
    filter: CallbackFilter,
    page: { skip: number; limit: number; order?: 'oldest' | 'newest' },
  ): Promise<{ items: CallbackDoc[]; total: number }> {
    const query = this.query(filter);
    const [docs, total] = await Promise.all([
      this.col
        .find(query)
        .sort({ requestedAt: page.order === 'oldest' ? 1 : -1, _id: 1 })
        .skip(page.skip)
        .limit(page.limit)
        .toArray(),
      this.col.countDocuments(query),
    ]);
    return { items: docs.map((d) => callbackDocSchema.parse(d)), total };
  }

  /** The oldest `limit` matches, without counting them all, as the assign screen's "oldest N" deals them. */
  async oldest(filter: CallbackFilter, limit: number): Promise<AssignableCallback[]> {
    const docs = await this.col
      .find(this.query(filter), { projection: ASSIGNABLE_FIELDS })
      .sort({ requestedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => assignableCallbackSchema.parse(d));
  }

  /** Every match, oldest first, as a cursor: exports and statistics read large ranges without holding them. */
  async *stream(filter: CallbackFilter): AsyncGenerator<CallbackDoc> {
    for await (const doc of this.cursor(filter)) yield callbackDocSchema.parse(doc);
  }

  /** The same without each callback's history, which a list export does not show (a third of a document). */
  async *streamWithoutHistory(filter: CallbackFilter): AsyncGenerator<CallbackRow> {
    for await (const doc of this.cursor(filter, { history: 0 })) yield callbackRowSchema.parse(doc);
  }

  private cursor(filter: CallbackFilter, projection?: Record<string, 0>) {
    // Batches of 500: by default a getMore brings up to 16 MB of documents, all turned into objects at once.
    const cursor = this.col.find(this.query(filter), projection ? { projection } : {});
    return cursor.sort({ requestedAt: 1, _id: 1 }).batchSize(500);
  }

  /** Open callbacks per assignee, for the assign and unassign screens. */
  async openCountsByAssignee(serviceId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const docs = this.col.find({ serviceId, status: 'assigned' }, { projection: { assigneeId: 1 } });
    for await (const doc of docs)
      if (doc.assigneeId) counts.set(doc.assigneeId, (counts.get(doc.assigneeId) ?? 0) + 1);
    return counts;
  }

  /**
   * Assigns each callback to its agent, only if it is still unassigned: one conditional update per agent (the
   * condition is per document, so a callback another supervisor took in between is simply not matched). Returns
   * the ids this assignment got, read back by its `assignmentId` only when some did not match.
   */
  async assign(
    serviceId: string,
    deal: Map<string, string[]>,
    entry: Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail'>,
    names: Map<string, string>,
    now = new Date(),
  ): Promise<{ assignmentId: string; assigned: string[] }> {
    const assignmentId = newId('asg');
    const all = [...deal.values()].flat();
    let modified = 0;
    for (const [assigneeId, dealt] of deal)
      for (let from = 0; from < dealt.length; from += ID_CHUNK) {
        const ids = dealt.slice(from, from + ID_CHUNK);
        const result = await this.col.updateMany(
          ids.length === 1
            ? { _id: ids[0]!, serviceId, status: { $in: [...TRANSITION_FROM.assign] } }
            : { _id: { $in: ids }, serviceId, status: { $in: [...TRANSITION_FROM.assign] } },
          {
            $set: { status: 'assigned', assigneeId, assignedAt: now, assignmentId, updatedAt: now },
            $push: {
              history: { ...entry, at: now, action: 'assigned', detail: names.get(assigneeId) ?? assigneeId },
            },
          },
        );
        modified += result.modifiedCount;
      }
    if (modified === all.length) return { assignmentId, assigned: all };
    const mine = new Set<string>();
    for (let from = 0; from < all.length; from += ID_CHUNK) {
      const chunk = all.slice(from, from + ID_CHUNK);
      const ours = await this.col
        .find({ _id: { $in: chunk }, assignmentId }, { projection: { _id: 1 } })
        .toArray();
      for (const doc of ours) mine.add(doc._id);
    }
    return { assignmentId, assigned: all.filter((id) => mine.has(id)) };
  }

  /** Back to the pool, only if still assigned (to `assigneeId` when given). Returns the ids unassigned. */
  async unassign(
    serviceId: string,
    ids: readonly string[],
    entry: Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail'>,
    now = new Date(),
  ): Promise<CallbackDoc[]> {
    const done: CallbackDoc[] = [];
    for (const id of ids) {
      const before = await this.col.findOneAndUpdate(
        { _id: id, serviceId, status: { $in: [...TRANSITION_FROM.unassign] } },
        {
          $set: {
            status: 'unassigned',
            assigneeId: null,
            assignedAt: null,
            assignmentId: null,
            updatedAt: now,
          },
          $push: { history: { ...entry, at: now, action: 'unassigned', detail: null } },
        },
        { returnDocument: 'before' },
      );
      if (before) done.push(callbackDocSchema.parse(before));
    }
    return done;
  }

  /**
   * Completes the callback if it is assigned (to `assigneeId` unless undefined, which admins use). Returns the
   * document after, or undefined when the condition did not hold.
   */
  async complete(
    id: string,
    assigneeId: string | undefined,
    result: { outcome: CallbackDoc['outcome']; note: string | null },
    entry: Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail'>,
    now = new Date(),
  ): Promise<CallbackDoc | undefined> {
    const filter: Filter<CallbackDoc> = { _id: id, status: { $in: [...TRANSITION_FROM.complete] } };
    if (assigneeId) filter.assigneeId = assigneeId;
    const doc = await this.col.findOneAndUpdate(
      filter,
      {
        $set: {
          status: 'completed',
          completedAt: now,
          outcome: result.outcome,
          completionNote: result.note,
          openKey: `closed:${id}`,
          updatedAt: now,
        },
        $push: { history: { ...entry, at: now, action: 'completed', detail: result.outcome } },
      },
      { returnDocument: 'after' },
    );
    return doc ? callbackDocSchema.parse(doc) : undefined;
  }

  async cancel(
    id: string,
    reason: string,
    entry: Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail'>,
    now = new Date(),
  ): Promise<CallbackDoc | undefined> {
    const doc = await this.col.findOneAndUpdate(
      { _id: id, status: { $in: [...TRANSITION_FROM.cancel] } },
      {
        $set: { status: 'cancelled', cancelReason: reason, openKey: `closed:${id}`, updatedAt: now },
        $push: { history: { ...entry, at: now, action: 'cancelled', detail: reason } },
      },
      { returnDocument: 'after' },
    );
    return doc ? callbackDocSchema.parse(doc) : undefined;
  }

  /** Logs a call attempt on an assigned callback (to `assigneeId` unless undefined). */
  async logAttempt(
    id: string,
    assigneeId: string | undefined,
    attempt: CallAttempt,
    entry: Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail'>,
    now = new Date(),
  ): Promise<CallbackDoc | undefined> {
    const filter: Filter<CallbackDoc> = { _id: id, status: { $in: [...TRANSITION_FROM.logAttempt] } };
    if (assigneeId) filter.assigneeId = assigneeId;
    const doc = await this.col.findOneAndUpdate(
      filter,
      {
        $set: { updatedAt: now },
        $push: {
          attempts: attempt,
          history: { ...entry, at: now, action: 'attempt', detail: attempt.outcome },
        },
      },
      { returnDocument: 'after' },
    );
    return doc ? callbackDocSchema.parse(doc) : undefined;
  }

  /** Sets the outcome of an attempt logged earlier (chosen after the call). Pipeline-free: attempts are rewritten. */
  async setAttemptOutcome(
    id: string,
    attemptId: string,
    outcome: NonNullable<CallAttempt['outcome']>,
    by: string,
    now = new Date(),
  ): Promise<CallbackDoc | undefined> {
    const current = await this.get(id);
    const attempt = current?.attempts.find((a) => a.id === attemptId);
    if (!current || !attempt || attempt.by !== by) return undefined;
    const attempts = current.attempts.map((a) => (a.id === attemptId ? { ...a, outcome } : a));
    // Conditional on the attempts we read, so a concurrent change is not overwritten.
    const doc = await this.col.findOneAndUpdate(
      { _id: id, updatedAt: current.updatedAt },
      { $set: { attempts, updatedAt: now } },
      { returnDocument: 'after' },
    );
    return doc ? callbackDocSchema.parse(doc) : undefined;
  }

  /** Open callbacks in `status` whose clock (`requestedAt` / `assignedAt`) started before `before`, oldest first. */
  async listOverdue(
    serviceId: string,
    status: 'unassigned' | 'assigned',
    before: Date,
    limit: number,
  ): Promise<CallbackDoc[]> {
    const clock = status === 'unassigned' ? 'requestedAt' : 'assignedAt';
    const docs = await this.col
      .find({ serviceId, status, [clock]: { $lt: before } })
      .sort({ [clock]: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => callbackDocSchema.parse(d));
  }

  /**
   * Marks a reminder as sent, only if the callback is still in that state and was not reminded since (a second
   * instance or a late run finds nothing to do). Returns whether this caller won.
   */
  async markReminded(doc: CallbackDoc, kind: 'unassigned' | 'assigned', now = new Date()): Promise<boolean> {
    const field = kind === 'unassigned' ? 'unassignedRemindedAt' : 'assignedRemindedAt';
    const result = await this.col.updateOne(
      { _id: doc._id, status: kind, [field]: doc[field], updatedAt: doc.updatedAt },
      { $set: { [field]: now } },
    );
    return result.modifiedCount === 1;
  }

  private query(filter: CallbackFilter): Filter<CallbackDoc> {
    const query: Filter<CallbackDoc> = { serviceId: filter.serviceId };
    if (filter.statuses) query.status = { $in: [...filter.statuses] };
    if (filter.assigneeId) query.assigneeId = filter.assigneeId;
    if (filter.from || filter.to) {
      query.requestedAt = {};
      if (filter.from) query.requestedAt.$gte = filter.from;
      if (filter.to) query.requestedAt.$lt = filter.to;
    }
    // A plain `$regex` on one field: FerretDB v1 runs it too (it reads every document anyway; MongoDB scans the
    // service's callbacks). Digits need no escaping; a name is matched literally, ignoring case.
    if (filter.search?.kind === 'phone') query.phone = { $regex: filter.search.digits };
    if (filter.search?.kind === 'name')
      query.name = { $regex: literalPattern(filter.search.text), $options: 'i' };
    return query;
  }
}
