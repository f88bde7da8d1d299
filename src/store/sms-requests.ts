import { Binary, MongoServerError, type Collection, type Db, type Filter } from 'mongodb';
import { z } from 'zod';
import {
  SMS_CHUNK_STATES,
  SMS_RECIPIENT_STATUSES,
  SMS_REQUEST_STATUSES,
  SMS_TYPES,
  type SmsCounts,
  type SmsRequestStatus,
} from '../domain/sms.js';

/**
 * SMS send requests (docs/sms.md, "Sending exactly once"). A request is one document without its recipients; the
 * recipients live in its chunks — one document per provider request of ≤ 1,000 recipients, recipients embedded —
 * so 10,000 recipients are 10 documents, each read and written whole. FerretDB v1 has no positional updates or
 * transactions: a chunk's recipients are replaced as a whole array under a `version` check, and every step that
 * must happen once (claim, cancel, chunk `pending → sending → accepted | failed`) is a conditional update on one
 * document.
 */

const countsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  success: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});

/**
 * The process a lease holder runs in: on the same host, a restarted server can see that the process which held a
 * lease is gone (its pid no longer exists, or it is this very pid after a container restart but another boot) and
 * take the lease at once instead of waiting for it to run out.
 */
export const leaseHolderSchema = z.object({ host: z.string(), pid: z.number().int(), boot: z.string() });
export type LeaseHolder = z.infer<typeof leaseHolderSchema>;

export const smsRequestDocSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  status: z.enum(SMS_REQUEST_STATUSES),
  type: z.enum(SMS_TYPES),
  advertisement: z.boolean(),
  body: z.string(),
  title: z.string().nullable(),
  sendNo: z.string(),
  bytes: z.number().int(),
  sendAt: z.date().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  callbackId: z.string().nullable(),
  templateId: z.string().nullable(),
  /** The integration's `Idempotency-Key`; the request's `_id` is derived from it (see `idForKey`). */
  idempotencyKey: z.string().nullable(),
  /** MMS with a JPG: the bytes are in `smsRequestImages` under this request's id until the provider has them. */
  image: z.object({ fileName: z.string(), bytes: z.number().int() }).nullable(),
  /** The provider's id of the uploaded image (uploaded once, before the first chunk). */
  providerFileId: z.number().int().nullable(),
  chunkCount: z.number().int(),
  counts: countsSchema,
  /**
   * Who is delivering right now: a run holds the lease while it sends and renews it; another run (a resumed job,
   * a second instance) waits until it expires, unless it can tell the holder's process is gone (see
   * `LeaseHolder`). Otherwise a crashed process's lease simply runs out.
   */
  lease: z
    .object({ runId: z.string(), until: z.date(), holder: leaseHolderSchema.nullable().default(null) })
    .nullable(),
  /** Every chunk is accepted or failed: nothing is left to send, only results to collect. */
  chunksSettledAt: z.date().nullable(),
  /** When the next result poll is due; a poll run that finds a later time here is a stale one and stops. */
  nextPollAt: z.date().nullable(),
  polls: z.number().int(),
});
export type SmsRequestDoc = z.infer<typeof smsRequestDocSchema>;

export const smsRecipientSchema = z.object({
  phone: z.string(),
  status: z.enum(SMS_RECIPIENT_STATUSES),
  resultCode: z.string().nullable(),
  resultMessage: z.string().nullable(),
  deliveredAt: z.date().nullable(),
  /** The provider's number for this recipient within its request (null until accepted). */
  recipientSeq: z.number().int().nullable(),
});
export type SmsRecipientDoc = z.infer<typeof smsRecipientSchema>;

export const smsChunkDocSchema = z.object({
  /** `${requestId}-${n}`, which is also its `senderGroupingKey`. */
  _id: z.string(),
  requestId: z.string(),
  serviceId: z.string(),
  /** 0-based position in the request. */
  n: z.number().int(),
  state: z.enum(SMS_CHUNK_STATES),
  /** Stable id of this provider request: the key the exactly-once check asks the provider about (NHN: ≤ 100 chars). */
  senderGroupingKey: z.string(),
  providerRequestId: z.string().nullable(),
  /** When the current send attempt started (a chunk found in `sending` with no live run was cut off). */
  sendingSince: z.date().nullable(),
  attempts: z.number().int(),
  error: z.object({ code: z.string(), providerCode: z.number().nullable(), detail: z.string() }).nullable(),
  recipients: z.array(smsRecipientSchema),
  counts: countsSchema,
  /** Bumped by every write of `recipients`: a writer that read an older version reads again. */
  version: z.number().int(),
});
export type SmsChunkDoc = z.infer<typeof smsChunkDocSchema>;

interface SmsRequestImageDoc {
  _id: string;
  fileName: string;
  data: Binary;
}

/**
 * Whether a scheduled request was started or cancelled: one document per request, written once. Its `_id` is the
 * request's, so the first insert wins on every backend — FerretDB v1 included, where a conditional update is a
 * query then a write and two of them can both "succeed".
 */
interface StartOrCancelDoc {
  _id: string;
  decision: 'start' | 'cancel';
  at: Date;
}

/** Which chunk an accepted provider request is (results name only the provider's request id). */
interface ProviderRequestDoc {
  _id: string;
  chunkId: string;
  requestId: string;
}

export function countRecipients(recipients: readonly SmsRecipientDoc[]): SmsCounts {
  const counts: SmsCounts = { total: recipients.length, pending: 0, success: 0, failed: 0, cancelled: 0 };
  for (const r of recipients) counts[r.status]++;
  return counts;
}

export const sumCounts = (all: readonly SmsCounts[]): SmsCounts =>
  all.reduce(
    (sum, c) => ({
      total: sum.total + c.total,
      pending: sum.pending + c.pending,
      success: sum.success + c.success,
      failed: sum.failed + c.failed,
      cancelled: sum.cancelled + c.cancelled,
    }),
    { total: 0, pending: 0, success: 0, failed: 0, cancelled: 0 },
  );

export const chunkIdOf = (requestId: string, n: number) => `${requestId}-${n}`;
const chunkIdsOf = (request: Pick<SmsRequestDoc, '_id' | 'chunkCount'>) =>
  Array.from({ length: request.chunkCount }, (_, n) => chunkIdOf(request._id, n));

const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === 11000;

export interface SmsRequestFilter {
  serviceId: string;
  requestedById?: string;
  status?: SmsRequestStatus;
  from?: Date;
  to?: Date;
}

export class SmsRequestRepository {
  private readonly requests: Collection<SmsRequestDoc>;
  private readonly chunks: Collection<SmsChunkDoc>;
  private readonly images: Collection<SmsRequestImageDoc>;
  private readonly providerRequests: Collection<ProviderRequestDoc>;
  private readonly decisions: Collection<StartOrCancelDoc>;
  constructor(db: Db) {
    this.decisions = db.collection<StartOrCancelDoc>('smsStartOrCancel');
    this.requests = db.collection<SmsRequestDoc>('smsRequests');
    this.chunks = db.collection<SmsChunkDoc>('smsChunks');
    this.images = db.collection<SmsRequestImageDoc>('smsRequestImages');
    this.providerRequests = db.collection<ProviderRequestDoc>('smsProviderRequests');
  }

  /**
   * `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). The
   * idempotency key needs no index of its own: it is part of the request's `_id` (see `idForKey`).
   */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.requests.createIndex({ serviceId: 1, createdAt: -1 });
    if (secondary) await this.requests.createIndex({ status: 1 });
  }

  /**
   * Records a new request with its chunks (and image). The chunks are written first and the request last: the
   * request document is the commit point, so a crash in between leaves only chunks no request points to, and a
   * retry with the same idempotency key (same `_id`) finds them under the same ids. `inserted: false` —
   * a request with this `_id` already exists (a replay, or a concurrent copy that won): it is returned instead.
   */
  async create(
    request: SmsRequestDoc,
    chunks: readonly SmsChunkDoc[],
    image: { fileName: string; data: Uint8Array } | null,
  ): Promise<{ inserted: boolean; request: SmsRequestDoc }> {
    const existing = await this.get(request._id);
    if (existing) return { inserted: false, request: existing };
    const parsed = smsRequestDocSchema.parse(request);
    for (const chunk of chunks) {
      const doc = smsChunkDocSchema.parse(chunk);
      // Insert only: a concurrent copy of the same keyed request may have written this chunk already, and its
      // delivery may have moved it on; overwriting it with `pending` would send it again.
      await this.chunks.insertOne(doc).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    }
    if (image)
      await this.images.replaceOne(
        { _id: request._id },
        { fileName: image.fileName, data: new Binary(Buffer.from(image.data)) },
        { upsert: true },
      );
    try {
      await this.requests.insertOne(parsed);
      return { inserted: true, request: parsed };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await this.get(request._id);
      if (!winner) throw error;
      return { inserted: false, request: winner };
    }
  }

  async get(id: string): Promise<SmsRequestDoc | undefined> {
    const doc = await this.requests.findOne({ _id: id });
    return doc ? smsRequestDocSchema.parse(doc) : undefined;
  }

  async list(
    filter: SmsRequestFilter,
    page: { skip: number; limit: number },
  ): Promise<{ items: SmsRequestDoc[]; total: number }> {
    const query = requestQuery(filter);
    const [docs, total] = await Promise.all([
      this.requests.find(query).sort({ createdAt: -1, _id: -1 }).skip(page.skip).limit(page.limit).toArray(),
      this.requests.countDocuments(query),
    ]);
    return { items: docs.map((d) => smsRequestDocSchema.parse(d)), total };
  }

  /** Requests in these statuses (the start-up sweep: few, since sending ones finish within hours). */
  async withStatus(statuses: readonly SmsRequestStatus[]): Promise<SmsRequestDoc[]> {
    const docs = await this.requests.find({ status: { $in: [...statuses] } }).toArray();
    return docs.map((d) => smsRequestDocSchema.parse(d));
  }

  /**
   * `from → to` only if the request is still in one of `from`: the one write that decides a race (start of
   * sending against cancel). False when the request had already moved on.
   */
  async transition(
    id: string,
    from: readonly SmsRequestStatus[],
    to: SmsRequestStatus,
    set: Partial<Pick<SmsRequestDoc, 'startedAt' | 'finishedAt' | 'counts'>> = {},
  ): Promise<boolean> {
    const result = await this.requests.updateOne(
      { _id: id, status: { $in: [...from] } },
      { $set: { status: to, ...set } },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Settles the race between the start of sending and a cancel, once per request: the first caller's `decision`
   * is recorded and returned to everyone after it (including that caller again, after a crash).
   */
  async decideStartOrCancel(
    id: string,
    decision: 'start' | 'cancel',
    now: Date,
  ): Promise<'start' | 'cancel'> {
    try {
      await this.decisions.insertOne({ _id: id, decision, at: now });
      return decision;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const first = await this.decisions.findOne({ _id: id });
    if (!first) throw new Error(`sms request ${id}: start-or-cancel decision vanished`);
    return first.decision;
  }

  /** Takes (or renews) the delivery lease: only when nobody else holds a live one. */
  async takeLease(
    id: string,
    runId: string,
    now: Date,
    leaseMs: number,
    holder: LeaseHolder | null = null,
  ): Promise<boolean> {
    const result = await this.requests.updateOne(
      { _id: id, $or: [{ lease: null }, { 'lease.runId': runId }, { 'lease.until': { $lt: now } }] },
      { $set: { lease: { runId, until: new Date(now.getTime() + leaseMs), holder } } },
    );
    return result.matchedCount === 1;
  }

  /** Takes the lease from the run `goneRunId`, whose process is known to be gone (only if it still holds it). */
  async takeLeaseFrom(
    id: string,
    goneRunId: string,
    runId: string,
    now: Date,
    leaseMs: number,
    holder: LeaseHolder | null,
  ): Promise<boolean> {
    const result = await this.requests.updateOne(
      { _id: id, 'lease.runId': goneRunId },
      { $set: { lease: { runId, until: new Date(now.getTime() + leaseMs), holder } } },
    );
    return result.matchedCount === 1;
  }

  async releaseLease(id: string, runId: string): Promise<void> {
    await this.requests.updateOne({ _id: id, 'lease.runId': runId }, { $set: { lease: null } });
  }

  async setProviderFileId(id: string, fileId: number): Promise<void> {
    await this.requests.updateOne({ _id: id }, { $set: { providerFileId: fileId } });
  }

  async markChunksSettled(id: string, at: Date): Promise<void> {
    await this.requests.updateOne({ _id: id, chunksSettledAt: null }, { $set: { chunksSettledAt: at } });
  }

  /**
   * Moves the next poll from `previous` to `at`; false when someone else moved it first (then their poll chain is
   * the live one and the caller schedules nothing).
   */
  async movePoll(id: string, previous: Date | null, at: Date, polls: number): Promise<boolean> {
    const result = await this.requests.updateOne(
      { _id: id, nextPollAt: previous },
      { $set: { nextPollAt: at, polls } },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Sums the chunks' counts into the request and, once it is sending, sets the status they settle to (with
   * `finishedAt` when final). A cancelled or not yet started request keeps its status.
   */
  async recount(
    id: string,
    settle: (counts: SmsCounts) => SmsRequestStatus,
    now: Date,
  ): Promise<SmsRequestDoc | undefined> {
    const request = await this.get(id);
    if (!request) return undefined;
    const chunks = await this.chunks
      .find({ _id: { $in: chunkIdsOf(request) } }, { projection: { counts: 1 } })
      .toArray();
    const counts = sumCounts(chunks.map((c) => countsSchema.parse(c.counts)));
    const status = settle(counts);
    const final = status !== 'sending';
    await this.requests.updateOne(
      { _id: id, status: 'sending' },
      {
        $set: { counts, status, ...(final ? { finishedAt: now, nextPollAt: null } : {}) },
      },
    );
    await this.requests.updateOne({ _id: id, status: { $ne: 'sending' } }, { $set: { counts } });
    return this.get(id);
  }

  async image(requestId: string): Promise<{ fileName: string; data: Uint8Array } | undefined> {
    const doc = await this.images.findOne({ _id: requestId });
    if (!doc) return undefined;
    return { fileName: doc.fileName, data: new Uint8Array(doc.data.buffer) };
  }

  // Chunks

  /** By `_id` (the one lookup FerretDB v1 serves from an index; a `requestId` query would read every chunk). */
  async chunksOf(request: Pick<SmsRequestDoc, '_id' | 'chunkCount'>): Promise<SmsChunkDoc[]> {
    const docs = await this.chunks.find({ _id: { $in: chunkIdsOf(request) } }).toArray();
    return docs.map((d) => smsChunkDocSchema.parse(d)).sort((a, b) => a.n - b.n);
  }

  async chunk(requestId: string, n: number): Promise<SmsChunkDoc | undefined> {
    const doc = await this.chunks.findOne({ _id: chunkIdOf(requestId, n) });
    return doc ? smsChunkDocSchema.parse(doc) : undefined;
  }

  async getChunk(chunkId: string): Promise<SmsChunkDoc | undefined> {
    const doc = await this.chunks.findOne({ _id: chunkId });
    return doc ? smsChunkDocSchema.parse(doc) : undefined;
  }

  /**
   * Starts a send attempt: `pending → sending`, or a new attempt of a chunk already `sending` (after the provider
   * said it does not have it). Conditional on the state the caller read, so two runs never both send it.
   */
  async startSending(chunk: SmsChunkDoc, now: Date): Promise<SmsChunkDoc | undefined> {
    const next = { state: 'sending' as const, sendingSince: now, attempts: chunk.attempts + 1 };
    const result = await this.chunks.updateOne(
      { _id: chunk._id, state: chunk.state, attempts: chunk.attempts },
      { $set: next },
    );
    return result.modifiedCount === 1 ? { ...chunk, ...next } : undefined;
  }

  /**
   * `sending → accepted` with the provider's request id and each recipient's accept-time result. The id is
   * recorded first so results (poll or webhook) find the chunk from the moment it is accepted.
   */
  async markAccepted(
    chunk: SmsChunkDoc,
    providerRequestId: string,
    recipients: SmsRecipientDoc[],
  ): Promise<boolean> {
    await this.providerRequests.replaceOne(
      { _id: providerRequestId },
      { chunkId: chunk._id, requestId: chunk.requestId },
      { upsert: true },
    );
    const result = await this.chunks.updateOne(
      { _id: chunk._id, state: 'sending' },
      {
        $set: {
          state: 'accepted',
          providerRequestId,
          recipients,
          counts: countRecipients(recipients),
          error: null,
          version: chunk.version + 1,
        },
      },
    );
    return result.modifiedCount === 1;
  }

  /** `pending | sending → failed`: every recipient failed with the provider's (or our) reason. */
  async markFailed(
    chunk: SmsChunkDoc,
    error: NonNullable<SmsChunkDoc['error']>,
    recipients: SmsRecipientDoc[],
  ): Promise<boolean> {
    const result = await this.chunks.updateOne(
      { _id: chunk._id, state: { $in: ['pending', 'sending'] } },
      {
        $set: {
          state: 'failed',
          error,
          recipients,
          counts: countRecipients(recipients),
          version: chunk.version + 1,
        },
      },
    );
    return result.modifiedCount === 1;
  }

  /** The chunk an accepted provider request is. */
  async chunkOfProviderRequest(providerRequestId: string): Promise<SmsChunkDoc | undefined> {
    const found = await this.providerRequests.findOne({ _id: providerRequestId });
    return found ? this.getChunk(found.chunkId) : undefined;
  }

  /**
   * Rewrites a chunk's recipients with `change` (results, cancel), re-reading and retrying when another writer got
   * there first. `change` returns undefined when nothing changes (nothing is written).
   */
  async updateRecipients(
    chunkId: string,
    change: (chunk: SmsChunkDoc) => SmsRecipientDoc[] | undefined,
    /** The chunk as the caller just read it (saves a read; a stale copy only costs one retry). */
    known?: SmsChunkDoc,
  ): Promise<{ chunk: SmsChunkDoc; changed: boolean } | undefined> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const chunk = attempt === 0 && known ? known : await this.getChunk(chunkId);
      if (!chunk) return undefined;
      const recipients = change(chunk);
      if (!recipients) return { chunk, changed: false };
      const next = { recipients, counts: countRecipients(recipients), version: chunk.version + 1 };
      const result = await this.chunks.updateOne({ _id: chunkId, version: chunk.version }, { $set: next });
      if (result.modifiedCount === 1) return { chunk: { ...chunk, ...next }, changed: true };
    }
    throw new Error(`chunk ${chunkId}: recipients kept changing under 20 attempts to update them`);
  }
}

function requestQuery(filter: SmsRequestFilter): Filter<SmsRequestDoc> {
  const query: Filter<SmsRequestDoc> = { serviceId: filter.serviceId };
  if (filter.requestedById) query['requestedBy.id'] = filter.requestedById;
  if (filter.status) query.status = filter.status;
  if (filter.from || filter.to)
    query.createdAt = {
      ...(filter.from ? { $gte: filter.from } : {}),
      ...(filter.to ? { $lt: filter.to } : {}),
    };
  return query;
}
