import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { isDuplicateKeyError } from './database.js';
import { newId } from './ids.js';

/**
 * Where callbacks were posted in chat, and what still waits to be posted.
 *
 * Four small collections, each read by `_id` (the one lookup FerretDB v1 indexes on every backend):
 * - `callbackPosts`: one message in a place (a card for one callback, or a digest for a burst) and the surface's id
 *   for it, so every later change edits the same message in place.
 * - `callbackPostRefs`: callback id → the posts showing it (a callback is in one post normally; the refs make "every
 *   posted copy" a lookup, not a scan).
 * - `callbackPostQueues`: per service, the callbacks not yet posted.
 * - `chatPlacePacing`: per place (channel, conversation), when it may get the next message and how many digests
 *   it got in a row: two services sharing a channel share its pace.
 *
 * The `wakeAt` fields make "schedule the job unless one is already scheduled" one conditional update; a claim whose
 * job never ran (a crash between claim and schedule) goes stale after a while and is taken over.
 */
const callbackPostFields = z.object({
  _id: z.string(),
  serviceId: z.string(),
  /** `slack:T…:C…`, `teams:<conversation>`. */
  place: z.string(),
  /** The surface's id of the message (Slack's `ts`). */
  messageId: z.string(),
  callbackIds: z.array(z.string()),
  kind: z.enum(['card', 'digest']),
  /** A DM written for one member (no callback channel): rendered again for them, in their language and role. */
  readerId: z.string().nullable().default(null),
  postedAt: z.date(),
  /** Set while a refresh job is scheduled for this post. */
  wakeAt: z.date().nullable(),
  /** Slack's Retry-After: no edit before this. */
  notBefore: z.date().nullable(),
  lastUpdatedAt: z.date().nullable(),
  /** The surface said the message is gone (deleted, channel archived): no more edits. */
  gone: z.boolean(),
});
/** Posts stored before places (`channelId` + `ts`, Slack only) read as `slack::C…` places. */
export const callbackPostSchema = z.preprocess((raw) => {
  const doc = raw as Record<string, unknown> | null;
  if (doc && doc.place === undefined && typeof doc.channelId === 'string')
    return { ...doc, place: `slack::${doc.channelId}`, messageId: doc.ts };
  return raw;
}, callbackPostFields);
export type CallbackPost = z.infer<typeof callbackPostFields>;

export const callbackPostQueueSchema = z.object({
  _id: z.string(),
  /** Callback ids waiting for the next channel message, in arrival order. */
  pending: z.array(z.string()),
  /** Set while a posting job is scheduled for this service. */
  wakeAt: z.date().nullable(),
  /** The posting job runs again not before this (its place's pace, a Retry-After). */
  notBefore: z.date().nullable(),
  /** Set while a posting run works on this queue: one run per service at a time. */
  postingUntil: z.date().nullable().default(null),
});
export type CallbackPostQueue = z.infer<typeof callbackPostQueueSchema>;

export const placePacingSchema = z.object({
  _id: z.string(),
  /** The place's next message not before this (pacing and Retry-After). */
  notBefore: z.date().nullable(),
  /** Digests posted in a row: a longer burst is paced more slowly, so a flood becomes a few digests. */
  digestStreak: z.number().int().min(0),
});
export type PlacePacing = z.infer<typeof placePacingSchema>;

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
  private readonly pacing: Collection<PlacePacing>;
  constructor(db: Db) {
    this.posts = db.collection<CallbackPost>('callbackPosts');
    this.refs = db.collection<CallbackPostRefDoc>('callbackPostRefs');
    this.queues = db.collection<CallbackPostQueue>('callbackPostQueues');
    this.pacing = db.collection<PlacePacing>('chatPlacePacing');
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
      .insertOne({ _id: serviceId, pending: [], wakeAt: null, notBefore: null, postingUntil: null })
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

  /**
   * Takes the queue for one posting run, unless another run holds it; returns the queue as it is now. A run that
   * died keeps it only until its lease runs out.
   */
  async leaseQueue(serviceId: string, now = new Date()): Promise<CallbackPostQueue | undefined> {
    const doc = await this.queues.findOneAndUpdate(
      {
        _id: serviceId,
        $or: [{ postingUntil: null }, { postingUntil: { $exists: false } }, { postingUntil: { $lt: now } }],
      },
      { $set: { postingUntil: new Date(now.getTime() + STALE_WAKE_MS) } },
      { returnDocument: 'after' },
    );
    return doc ? callbackPostQueueSchema.parse(doc) : undefined;
  }

  async releaseQueueLease(serviceId: string): Promise<void> {
    await this.queues.updateOne({ _id: serviceId }, { $set: { postingUntil: null } });
  }

  /** After a message (or a place that refuses us): those callbacks leave the queue. */
  async settleQueue(serviceId: string, posted: readonly string[]): Promise<void> {
    await this.queues.updateOne({ _id: serviceId }, { $pullAll: { pending: [...posted] } });
  }

  /** The place is busy or the surface asked us to wait: nothing leaves the queue; the job runs again then. */
  async holdQueue(serviceId: string, notBefore: Date): Promise<void> {
    await this.queues.updateOne({ _id: serviceId }, { $set: { notBefore } });
  }

  // ---- per-place pacing ----

  /**
   * Takes the place's next message slot if it is free now, holding it for `holdMs` while the message goes out (one
   * conditional update, so two services or instances never post to one place inside its gap). Returns the digests
   * in a row so far, or when the place is free again.
   */
  async takePlaceTurn(
    place: string,
    now: Date,
    holdMs: number,
  ): Promise<{ taken: true; digestStreak: number } | { taken: false; notBefore: Date }> {
    await this.pacing.insertOne({ _id: place, notBefore: null, digestStreak: 0 }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
    const taken = await this.pacing.findOneAndUpdate(
      { _id: place, $or: [{ notBefore: null }, { notBefore: { $lte: now } }] },
      { $set: { notBefore: new Date(now.getTime() + holdMs) } },
      { returnDocument: 'before' },
    );
    if (taken) return { taken: true, digestStreak: placePacingSchema.parse(taken).digestStreak };
    const current = placePacingSchema.parse(await this.pacing.findOne({ _id: place }));
    return { taken: false, notBefore: current.notBefore ?? now };
  }

  /** After a message (or the surface's Retry-After): the place rests until `notBefore`. */
  async pacePlace(place: string, pace: { notBefore: Date; digestStreak?: number }): Promise<void> {
    await this.pacing.updateOne({ _id: place }, { $set: pace });
  }

  async getPlacePacing(place: string): Promise<PlacePacing | undefined> {
    const doc = await this.pacing.findOne({ _id: place });
    return doc ? placePacingSchema.parse(doc) : undefined;
  }

  // ---- posts ----

  /** The id of a post about to be made: its message's buttons name it before the surface answers. */
  newPostId(): string {
    return newId('cbp');
  }

  /** Records a channel message (or a member's DM) and which callbacks it shows. */
  async recordPost(
    post: Pick<CallbackPost, 'serviceId' | 'place' | 'messageId' | 'callbackIds' | 'kind'> &
      Partial<Pick<CallbackPost, '_id' | 'readerId'>>,
    now = new Date(),
  ): Promise<CallbackPost> {
    const doc = callbackPostFields.parse({
      ...post,
      _id: post._id ?? newId('cbp'),
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
    return doc ? (callbackPostSchema.parse(doc) as CallbackPost) : undefined;
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

  /**
   * Claims the refresh of many posts at once (a distribution of 10,000 callbacks changes thousands): one read and
   * one `updateMany` per thousand posts, marked with a token so this caller learns exactly which ones it won.
   * Returns the claimed posts and when each refresh may run; posts already claimed (or gone) are left out.
   */
  async claimPostWakes(
    postIds: readonly string[],
    now = new Date(),
  ): Promise<{ postId: string; place: string; at: Date }[]> {
    const claimed: { postId: string; place: string; at: Date }[] = [];
    for (let from = 0; from < postIds.length; from += 1_000) {
      const chunk = postIds.slice(from, from + 1_000);
      const docs = await this.posts
        .find({ _id: { $in: chunk }, gone: false }, { projection: { _id: 1, notBefore: 1 } })
        .toArray();
      const held = docs.filter((d) => d.notBefore && d.notBefore > now);
      const due = docs.filter((d) => !(d.notBefore && d.notBefore > now)).map((d) => d._id);
      if (due.length > 0) {
        const token = newId('wake');
        await this.posts.updateMany(
          { _id: { $in: due }, ...unclaimed(now) },
          { $set: { wakeAt: now, wakeToken: token } },
        );
        const won = this.posts.find({ _id: { $in: due }, wakeToken: token } as object, {
          projection: { _id: 1, place: 1, channelId: 1 },
        });
        for await (const doc of won) claimed.push({ postId: doc._id, place: placeOf(doc), at: now });
      }
      // Held by a Retry-After: rare, claimed one by one for the time the surface gave.
      for (const doc of held) {
        const at = doc.notBefore!;
        const result = await this.posts.updateOne(
          { _id: doc._id, ...unclaimed(now) },
          { $set: { wakeAt: at } },
        );
        if (result.modifiedCount === 1) {
          const post = await this.getPost(doc._id);
          if (post) claimed.push({ postId: doc._id, place: post.place, at });
        }
      }
    }
    return claimed;
  }

  /** A refresh job starts on these posts: a change after this point schedules another refresh. */
  async releasePostWakes(postIds: readonly string[]): Promise<CallbackPost[]> {
    if (postIds.length === 0) return [];
    await this.posts.updateMany({ _id: { $in: [...postIds] } }, { $set: { wakeAt: null } });
    const found = new Map<string, CallbackPost>();
    for await (const doc of this.posts.find({ _id: { $in: [...postIds] } }))
      found.set(doc._id, callbackPostSchema.parse(doc) as CallbackPost);
    return postIds.map((id) => found.get(id)).filter((p): p is CallbackPost => !!p);
  }

  /** The surface asked us to wait: no edit of these posts before `notBefore`. */
  async holdPosts(postIds: readonly string[], notBefore: Date): Promise<void> {
    if (postIds.length > 0)
      await this.posts.updateMany({ _id: { $in: [...postIds] } }, { $set: { notBefore } });
  }

  async markPostsUpdated(postIds: readonly string[], at: Date): Promise<void> {
    if (postIds.length > 0)
      await this.posts.updateMany(
        { _id: { $in: [...postIds] } },
        { $set: { lastUpdatedAt: at, notBefore: null } },
      );
  }

  async markPostGone(postId: string): Promise<void> {
    await this.posts.updateOne({ _id: postId }, { $set: { gone: true } });
  }
}

/** A post's place, also for posts stored before places (`channelId`, Slack only). */
function placeOf(doc: { place?: string; channelId?: string }): string {
  return doc.place ?? `slack::${doc.channelId ?? ''}`;
}

/** No job scheduled, or the claim is so old its job cannot still be coming. */
function unclaimed(now: Date) {
  return { $or: [{ wakeAt: null }, { wakeAt: { $lt: new Date(now.getTime() - STALE_WAKE_MS) } }] };
}
