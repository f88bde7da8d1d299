import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError } from './database.js';
import { newId } from './ids.js';

/**
 * Where callbacks were posted in Slack, and what still waits to be posted.
 *
 * Three small collections, each read by `_id` (the one lookup FerretDB v1 indexes on every backend):
 * - `callbackPosts`: one channel message (a card for one callback, or a digest for a burst) and its `ts`, so every
 *   later change edits the same message in place.
 * - `callbackPostRefs`: callback id → the posts showing it (a callback is in one post normally; the refs make "every
 *   posted copy" a lookup, not a scan).
 * - `callbackPostQueues`: per service, the callbacks not yet posted and when the channel may get the next message.
 *
 * The `wakeAt` fields make "schedule the job unless one is already scheduled" one conditional update; a claim whose
 * job never ran (a crash between claim and schedule) goes stale after a while and is taken over.
 */
export const callbackPostSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  channelId: z.string(),
  ts: z.string(),
  callbackIds: z.array(z.string()),
  kind: z.enum(['card', 'digest']),
  postedAt: z.date(),
  /** Set while a refresh job is scheduled for this post. */
  wakeAt: z.date().nullable(),
  /** Slack's Retry-After: no edit before this. */
  notBefore: z.date().nullable(),
  lastUpdatedAt: z.date().nullable(),
  /** Slack said the message is gone (deleted, channel archived): no more edits. */
  gone: z.boolean(),
});
export type CallbackPost = z.infer<typeof callbackPostSchema>;

export const callbackPostQueueSchema = z.object({
  _id: z.string(),
  /** Callback ids waiting for the next channel message, in arrival order. */
  pending: z.array(z.string()),
  /** Set while a posting job is scheduled for this service. */
  wakeAt: z.date().nullable(),
  /** The channel's next message not before this (pacing and Retry-After). */
  notBefore: z.date().nullable(),
  /** Digests posted in a row: a longer burst is paced more slowly, so a flood becomes a few digests. */
  digestStreak: z.number().int().min(0),
});
export type CallbackPostQueue = z.infer<typeof callbackPostQueueSchema>;

interface CallbackPostRefDoc {
  _id: string;
  postIds: string[];
}

/** A scheduled job should have run well within this; a claim older than that belongs to a job that never will. */
const STALE_WAKE_MS = 2 * 60_000;

export class CallbackPostRepository {
  private readonly posts: Collection<CallbackPost>;
  private readonly refs: Collection<CallbackPostRefDoc>;
  private readonly queues: Collection<CallbackPostQueue>;
  constructor(db: Db) {
    this.posts = db.collection<CallbackPost>('callbackPosts');
    this.refs = db.collection<CallbackPostRefDoc>('callbackPostRefs');
    this.queues = db.collection<CallbackPostQueue>('callbackPostQueues');
  }

  /** `secondary`: false on FerretDB v1, whose SQLite backend uses no index but `_id` (they only cost writes). */
  async ensureIndexes(secondary = true): Promise<void> {
    if (secondary) await this.posts.createIndex({ serviceId: 1, postedAt: -1 });
  }

  // ---- the per-service posting queue ----

  /** Adds callbacks to the service's queue (each once, however often it is added). */
  async enqueue(serviceId: string, callbackIds: readonly string[]): Promise<void> {
    if (callbackIds.length === 0) return;
    // Created whole first (a duplicate key means it exists), then added to: no upsert operator subtleties.
    await this.queues
      .insertOne({ _id: serviceId, pending: [], wakeAt: null, notBefore: null, digestStreak: 0 })
      .catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    await this.queues.updateOne({ _id: serviceId }, { $addToSet: { pending: { $each: [...callbackIds] } } });
  }

  async getQueue(serviceId: string): Promise<CallbackPostQueue | undefined> {
    const doc = await this.queues.findOne({ _id: serviceId });
    return doc ? callbackPostQueueSchema.parse(doc) : undefined;
  }

  /**
   * Claims the right to schedule the service's posting job for `when` (or its `notBefore`, whichever is later).
   * Returns the time to schedule it at, or undefined when a job is already scheduled.
   */
  async claimQueueWake(serviceId: string, when: Date, now = new Date()): Promise<Date | undefined> {
    const queue = await this.getQueue(serviceId);
    if (!queue) return undefined;
    const at = queue.notBefore && queue.notBefore > when ? queue.notBefore : when;
    const claimed = await this.queues.updateOne(
      { _id: serviceId, ...unclaimed(now) },
      { $set: { wakeAt: at } },
    );
    return claimed.modifiedCount === 1 ? at : undefined;
  }

  /** The posting job starts: from here on a new callback schedules another run, so none is left behind. */
  async releaseQueueWake(serviceId: string): Promise<CallbackPostQueue | undefined> {
    const doc = await this.queues.findOneAndUpdate(
      { _id: serviceId },
      { $set: { wakeAt: null } },
      { returnDocument: 'after' },
    );
    return doc ? callbackPostQueueSchema.parse(doc) : undefined;
  }

  /** After a message: those callbacks are posted; the channel rests until `notBefore`. */
  async settleQueue(
    serviceId: string,
    posted: readonly string[],
    pacing: { notBefore: Date; digestStreak: number },
  ): Promise<void> {
    await this.queues.updateOne({ _id: serviceId }, { $pullAll: { pending: [...posted] }, $set: pacing });
  }

  /** Slack asked us to wait (Retry-After) or failed for a while: nothing leaves the queue. */
  async holdQueue(serviceId: string, notBefore: Date): Promise<void> {
    await this.queues.updateOne({ _id: serviceId }, { $set: { notBefore } });
  }

  // ---- posts ----

  /** Records a channel message and which callbacks it shows. */
  async recordPost(
    post: Pick<CallbackPost, 'serviceId' | 'channelId' | 'ts' | 'callbackIds' | 'kind'>,
    now = new Date(),
  ): Promise<CallbackPost> {
    const doc = callbackPostSchema.parse({
      ...post,
      _id: newId('cbp'),
      postedAt: now,
      wakeAt: null,
      notBefore: null,
      lastUpdatedAt: null,
      gone: false,
    });
    await this.posts.insertOne(doc);
    if (doc.callbackIds.length > 0)
      await this.refs.bulkWrite(
        doc.callbackIds.map((id) => ({
          updateOne: {
            filter: { _id: id },
            update: { $addToSet: { postIds: doc._id } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    return doc;
  }

  async getPost(id: string): Promise<CallbackPost | undefined> {
    const doc = await this.posts.findOne({ _id: id });
    return doc ? callbackPostSchema.parse(doc) : undefined;
  }

  /** Every message a callback was posted in (cards and digests). */
  async postIdsOf(callbackId: string): Promise<string[]> {
    const ref = await this.refs.findOne({ _id: callbackId });
    return ref?.postIds ?? [];
  }

  /** Every message any of these callbacks was posted in: a distribution of thousands asks a thousand at a time. */
  async postIdsOfMany(callbackIds: readonly string[]): Promise<Set<string>> {
    const postIds = new Set<string>();
    for (let from = 0; from < callbackIds.length; from += 1_000) {
      const refs = this.refs.find({ _id: { $in: callbackIds.slice(from, from + 1_000) } });
      for await (const ref of refs) for (const postId of ref.postIds) postIds.add(postId);
    }
    return postIds;
  }

  /** Like `claimQueueWake`, for one post's refresh job. */
  async claimPostWake(postId: string, when: Date, now = new Date()): Promise<Date | undefined> {
    const post = await this.getPost(postId);
    if (!post || post.gone) return undefined;
    const at = post.notBefore && post.notBefore > when ? post.notBefore : when;
    const claimed = await this.posts.updateOne({ _id: postId, ...unclaimed(now) }, { $set: { wakeAt: at } });
    return claimed.modifiedCount === 1 ? at : undefined;
  }

  /** The refresh job starts: a change after this point schedules another refresh. */
  async releasePostWake(postId: string): Promise<CallbackPost | undefined> {
    const doc = await this.posts.findOneAndUpdate(
      { _id: postId },
      { $set: { wakeAt: null } },
      { returnDocument: 'after' },
    );
    return doc ? callbackPostSchema.parse(doc) : undefined;
  }

  async markPostUpdated(postId: string, at: Date): Promise<void> {
    await this.posts.updateOne({ _id: postId }, { $set: { lastUpdatedAt: at, notBefore: null } });
  }

  async holdPost(postId: string, notBefore: Date): Promise<void> {
    await this.posts.updateOne({ _id: postId }, { $set: { notBefore } });
  }

  async markPostGone(postId: string): Promise<void> {
    await this.posts.updateOne({ _id: postId }, { $set: { gone: true } });
  }
}

/** No job scheduled, or the claim is so old its job cannot still be coming. */
function unclaimed(now: Date) {
  return { $or: [{ wakeAt: null }, { wakeAt: { $lt: new Date(now.getTime() - STALE_WAKE_MS) } }] };
}
