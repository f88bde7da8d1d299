import type { FastifyBaseLogger } from 'fastify';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { MemberDoc } from '../../domain/members.js';
import { callbackPlacesOf } from '../../domain/places.js';
import { SHARED_VIEWER, type CallbackViewer } from '../../domain/callback-actions.js';
import type { ServiceDoc } from '../../domain/services.js';
import { pickLocale } from '../../i18n/index.js';
import type { Store } from '../../store/index.js';
import type { CallbackChange, ChangedCallback } from '../callback-events.js';
import { latestInteractionsOf } from '../callbacks/interactions.js';
import {
  callbackItem,
  portFor,
  type CallbackItem,
  type ChatMessage,
  type ChatPort,
  type ChatResult,
} from './chat-port.js';
import type { AssigneeNotice, NotificationWakeups } from '../../jobs/notification-jobs.js';
import { digestOffer, receiptRecipients } from './digest.js';

/**
 * The callback notification pipeline, once for every chat surface: new callbacks are posted to the service's
 * callback place (one waiting → its card, several → one digest, a long burst paced ever more slowly), every posted
 * card and digest is refreshed after each transition, agents get a DM when callbacks are assigned to them or taken
 * from them. The listener only schedules durable jobs (`NotificationWakeups`), so a slow or rate-limited surface
 * never holds up the person who acted, and nothing is lost across a restart.
 *
 * "Nothing lost, nothing posted twice": a callback leaves the queue only after its message is recorded (or the
 * place refused it: it stays in the list), and every wake-up is claimed with one conditional update, so two
 * instances never schedule the same post or refresh.
 */
export interface NotificationDeps {
  store: Store;
  /** The running surfaces; a place or identity is served by the port whose `surface` is its prefix. */
  ports: readonly ChatPort[];
  wake: NotificationWakeups;
  log: FastifyBaseLogger;
  now?: () => Date;
}

/** A long burst is paced ever more slowly (1×, 2×, 4×, 8× the place's gap): a flood becomes a handful of digests. */
export const MAX_GAP_DOUBLINGS = 3;
/** A DM names at most this many callbacks; the rest are in the list. */
const DM_MAX_IDS = 50;
/** One refresh job edits at most this many posts of one place, in order. */
const POSTS_PER_REFRESH_JOB = 100;
/** Admins hear at most this often that the callback place refuses the bot, however many callbacks arrive. */
const PLACE_NOTICE_INTERVAL_MS = 60 * 60_000;

const nowOf = (deps: NotificationDeps) => deps.now?.() ?? new Date();

/** The place a service's new callbacks go to first, on a running surface (its own queue; see `callbackPlacesOn`). */
export function callbackPlaceOf(
  deps: Pick<NotificationDeps, 'ports'>,
  service: ServiceDoc,
): { place: string; port: ChatPort } | undefined {
  return callbackPlacesOn(deps, service)[0];
}

/** Every callback place of a service on a running surface (a Slack channel and a Teams channel), in order. */
export function callbackPlacesOn(
  deps: Pick<NotificationDeps, 'ports'>,
  service: ServiceDoc,
): { place: string; port: ChatPort }[] {
  return callbackPlacesOf(service.settings).flatMap((place) => {
    const port = portFor(deps.ports, place);
    return port ? [{ place, port }] : [];
  });
}

/**
 * A service's posting queue is keyed by its id, and feeds its first callback place. Each further place (a Teams
 * channel besides the Slack one) has a queue of its own, `<serviceId>|<place>`, with its own pacing and
 * Retry-After, so every place gets every callback once however the other one is doing.
 */
export function placeQueueKey(serviceId: string, place: string): string {
  return `${serviceId}|${place}`;
}

function queueKeyParts(queueKey: string): { serviceId: string; place?: string } {
  const at = queueKey.indexOf('|');
  return at < 0
    ? { serviceId: queueKey }
    : { serviceId: queueKey.slice(0, at), place: queueKey.slice(at + 1) };
}

/** Where a service's new callbacks go: its callback place, or without one a DM to each member who takes them. */
export type CallbackAudience =
  | { kind: 'place'; place: string; port: ChatPort }
  | { kind: 'members'; readers: { member: MemberDoc; identity: string; port: ChatPort }[] };

/**
 * Who hears of a service's new callbacks (the guide: "접수 알림은 관리자 및 전화 권한이 부여된 상담원에게
 * 표시됩니다"). The callback place when it has one on a running surface; otherwise admins and agents with the
 * phone permission, each in a DM, so a service without a channel is never silent. Undefined: nobody to tell.
 */
export async function callbackAudienceOf(
  deps: Pick<NotificationDeps, 'ports' | 'store'>,
  service: ServiceDoc,
): Promise<CallbackAudience | undefined> {
  const target = callbackPlaceOf(deps, service);
  if (target) return { kind: 'place', ...target };
  const readers = receiptRecipients(await deps.store.members.listByService(service._id)).flatMap((member) => {
    const reach = reachableIdentityOf(deps, member);
    return reach ? [{ member, ...reach }] : [];
  });
  return readers.length > 0 ? { kind: 'members', readers } : undefined;
}

/** A member's chat identity on a running surface, and its port. */
export function reachableIdentityOf(
  deps: Pick<NotificationDeps, 'ports'>,
  member: Pick<MemberDoc, 'identities'>,
): { identity: string; port: ChatPort } | undefined {
  for (const identity of member.identities) {
    const port = portFor(deps.ports, identity);
    if (port) return { identity, port };
  }
  return undefined;
}

/** Pacing after a message: a single card keeps the place's gap; each digest in a row doubles it (up to a cap). */
export function gapAfter(placeGapMs: number, digestStreak: number): number {
  return placeGapMs * 2 ** Math.min(digestStreak, MAX_GAP_DOUBLINGS);
}

function waitFor(result: ChatResult, port: ChatPort): number | undefined {
  if (result.kind === 'rate_limited') return result.retryAfterMs;
  if (result.kind === 'failed' && result.retryable) return port.pacing.transientRetryMs;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Scheduling (what the callback-event listener does)

/** Schedules the service's posting job unless one is already on its way. */
export async function wakePostingQueue(deps: NotificationDeps, serviceId: string, now = nowOf(deps)) {
  const queue = await deps.store.callbackPosts.getQueue(serviceId);
  if (!queue || queue.pending.length === 0) return;
  const at = await deps.store.callbackPosts.claimQueueWake(serviceId, now, now);
  if (at) await deps.wake.postQueue(serviceId, at);
}

/**
 * Schedules the refresh of many posts: claimed in bulk, then one job per place and time for up to a hundred posts
 * (a distribution of 10,000 callbacks schedules a hundred jobs, not 10,000). A post already claimed is left alone:
 * its job reads the latest state when it runs.
 */
export async function wakePostRefreshes(
  deps: NotificationDeps,
  postIds: readonly string[],
  now = nowOf(deps),
) {
  if (postIds.length === 0) return;
  const claimed = await deps.store.callbackPosts.claimPostWakes(postIds, now);
  const groups = new Map<string, { at: Date; postIds: string[] }>();
  for (const { postId, place, at } of claimed) {
    const key = `${place}\n${at.getTime()}`;
    const group = groups.get(key) ?? { at, postIds: [] };
    group.postIds.push(postId);
    groups.set(key, group);
  }
  for (const { at, postIds: ids } of groups.values())
    for (let from = 0; from < ids.length; from += POSTS_PER_REFRESH_JOB)
      await deps.wake.refreshPosts(ids.slice(from, from + POSTS_PER_REFRESH_JOB), at);
}

/**
 * Turns callback changes into jobs: new callbacks join their service's posting queue; every other change refreshes
 * every message the callback was posted in; assignment changes DM the agent (one DM per agent and kind per batch).
 */
export async function scheduleCallbackNotifications(
  deps: NotificationDeps,
  changes: readonly CallbackChange[],
): Promise<void> {
  if (deps.ports.length === 0) return;
  const now = nowOf(deps);
  const created = new Map<string, string[]>();
  const changed = new Set<string>();
  const dms = new Map<string, AssigneeNotice>();
  const dm = (kind: 'assigned' | 'unassigned', memberId: string | null | undefined, c: ChangedCallback) => {
    if (!memberId) return;
    const key = `${kind}:${memberId}`;
    const entry = dms.get(key) ?? { memberId, serviceId: c.serviceId, kind, callbackIds: [], total: 0 };
    entry.callbackIds.push(c._id);
    dms.set(key, entry);
  };
  for (const change of changes) {
    const { callback } = change;
    if (change.kind === 'created') {
      created.set(callback.serviceId, [...(created.get(callback.serviceId) ?? []), callback._id]);
      continue;
    }
    changed.add(callback._id);
    if (change.kind === 'assigned') dm('assigned', callback.assigneeId, callback);
    if (change.kind === 'unassigned') dm('unassigned', change.previousAssigneeId, callback);
  }

  for (const [serviceId, ids] of created) {
    const service = await deps.store.services.get(serviceId);
    if (!service?.settings.callbacksEnabled || !(await callbackAudienceOf(deps, service))) continue;
    await deps.store.callbackPosts.enqueue(serviceId, ids);
    await wakePostingQueue(deps, serviceId, now);
    for (const { place } of callbackPlacesOn(deps, service).slice(1)) {
      await deps.store.callbackPosts.enqueue(placeQueueKey(serviceId, place), ids);
      await wakePostingQueue(deps, placeQueueKey(serviceId, place), now);
    }
  }
  if (changed.size > 0)
    await wakePostRefreshes(deps, [...(await deps.store.callbackPosts.postIdsOfMany([...changed]))], now);
  for (const notice of dms.values())
    await deps.wake.notifyAssignee(
      { ...notice, callbackIds: notice.callbackIds.slice(0, DM_MAX_IDS), total: notice.callbackIds.length },
      now,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// View models, with what the store knows (names, the service's language and time zone)

async function inOrder(store: Store, serviceId: string, ids: readonly string[]): Promise<CallbackDoc[]> {
  const found = new Map((await store.callbacks.getMany(serviceId, ids)).map((c) => [c._id, c]));
  return ids.map((id) => found.get(id)).filter((c): c is CallbackDoc => !!c);
}

/** The digest's tally: each status once, in the order the callbacks first show it. */
function countsOf(callbacks: readonly CallbackItem[]) {
  const counts = new Map<CallbackItem['status'], number>();
  for (const c of callbacks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return [...counts].map(([status, count]) => ({ status, count }));
}

async function postMessage(
  store: Store,
  kind: 'card' | 'digest',
  callbacks: CallbackDoc[],
  service: ServiceDoc,
  options: {
    /** The post's id: the digest's buttons name it. */
    postId: string;
    names?: Map<string, string | null>;
    /** The member a DM is written for (their language and role); undefined for a shared place. */
    reader?: MemberDoc;
  },
): Promise<ChatMessage> {
  const { reader, names = new Map<string, string | null>() } = options;
  const locale = reader
    ? pickLocale(reader.locale ?? undefined, service.settings.locale)
    : service.settings.locale;
  // A DM is seen by its reader only: its buttons are theirs; a shared place keeps every action (each refuses in words).
  const viewer: CallbackViewer = reader ? { kind: 'member', member: reader } : SHARED_VIEWER;
  const only = callbacks[0];
  if (kind === 'card' && only) {
    let assigneeName: string | null = null;
    if (only.assigneeId) {
      if (!names.has(only.assigneeId))
        names.set(only.assigneeId, (await store.members.get(only.assigneeId))?.displayName ?? null);
      assigneeName = names.get(only.assigneeId) ?? null;
    }
    const history = await latestInteractionsOf({ store }, only);
    return {
      kind: 'callback_card',
      locale,
      timeZone: service.settings.timeZone,
      callback: callbackItem(only, viewer),
      assigneeName,
      history,
    };
  }
  const items = callbacks.map((c) => callbackItem(c, viewer));
  const offer = digestOffer(
    reader,
    items.some((c) => c.status === 'unassigned'),
  );
  return {
    kind: 'callback_digest',
    locale,
    digestId: options.postId,
    callbacks: items,
    counts: countsOf(items),
    ...offer,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs' work

/** Per process: place → when its admins were last told the bot cannot post there. */
const noticesSent = new Map<string, number>();

/**
 * Posts the service's waiting callbacks to its callback place: one waiting → its card; several → one digest.
 * Runs at most once per gap per place (the place's pacing), so a burst of a hundred callbacks in ten seconds
 * becomes a few messages, and every callback stays in the list.
 */
export async function postQueuedCallbacks(deps: NotificationDeps, serviceId: string): Promise<void> {
  // `serviceId` is a queue key: the service's own queue, or one of its further places' (`placeQueueKey`).
  const released = await deps.store.callbackPosts.releaseQueueWake(serviceId);
  if (!released || released.pending.length === 0) return;
  const now = nowOf(deps);
  if (released.notBefore && released.notBefore > now) return wakePostingQueue(deps, serviceId, now);
  // One posting run per service at a time: a run woken while another posts leaves the queue to it (that run
  // wakes the queue again when it is done), so no callback is posted twice.
  const queue = await deps.store.callbackPosts.leaseQueue(serviceId, now);
  if (!queue) return;
  let wakeAgain = false;
  try {
    wakeAgain = await postOnce(deps, serviceId, queue.pending, now);
  } finally {
    await deps.store.callbackPosts.releaseQueueLease(serviceId);
  }
  if (wakeAgain) await wakePostingQueue(deps, serviceId, nowOf(deps));
}

/** One message from the queue's waiting callbacks; says whether the queue should be woken again. */
async function postOnce(
  deps: NotificationDeps,
  queueKey: string,
  pending: readonly string[],
  now: Date,
): Promise<boolean> {
  const { store, log } = deps;
  if (pending.length === 0) return false;
  const batch = [...pending];
  const { serviceId, place: ownPlace } = queueKeyParts(queueKey);
  const service = await store.services.get(serviceId);
  let audience: CallbackAudience | undefined;
  if (service?.settings.callbacksEnabled)
    audience = ownPlace
      ? callbackPlacesOn(deps, service)
          .slice(1)
          .map((p) => ({ kind: 'place' as const, ...p }))
          .find((p) => p.place === ownPlace)
      : await callbackAudienceOf(deps, service);
  const callbacks = await inOrder(store, serviceId, batch);
  if (!service || !audience || callbacks.length === 0) {
    // Nowhere to post (the place was unset meanwhile): they stay in the list, the queue lets them go.
    await store.callbackPosts.settleQueue(queueKey, batch);
    return false;
  }
  // DMs are paced per service, as one place: a burst becomes a few digests in each reader's DM too.
  const pacingKey = audience.kind === 'place' ? audience.place : `dm:${serviceId}`;
  const pacing = audience.kind === 'place' ? audience.port.pacing : audience.readers[0]!.port.pacing;
  const turn = await store.callbackPosts.takePlaceTurn(pacingKey, now, pacing.placeGapMs);
  if (!turn.taken) {
    // Another service (or instance) just posted there: wait for the place's next slot.
    await store.callbackPosts.holdQueue(queueKey, turn.notBefore);
    return true;
  }

  const kind = callbacks.length === 1 ? 'card' : 'digest';
  const ids = callbacks.map((c) => c._id);
  const posted = async (postIds: string[]) => {
    // Pacing counts from the surface's answer, not from when the job started.
    const answeredAt = nowOf(deps);
    const digestStreak = kind === 'digest' ? turn.digestStreak + 1 : 0;
    const notBefore = new Date(answeredAt.getTime() + gapAfter(pacing.placeGapMs, digestStreak));
    await store.callbackPosts.pacePlace(pacingKey, { notBefore, digestStreak });
    await store.callbackPosts.settleQueue(queueKey, batch);
    await store.callbackPosts.holdQueue(queueKey, notBefore);
    // A change made while we were posting found no message to edit: edit it now.
    const rendered = new Map(callbacks.map((c) => [c._id, c.updatedAt.getTime()]));
    const current = await store.callbacks.getMany(serviceId, ids);
    if (current.some((c) => c.updatedAt.getTime() !== rendered.get(c._id)))
      await wakePostRefreshes(deps, postIds);
    // Callbacks that arrived while we were posting go out after the gap.
    return true;
  };

  if (audience.kind === 'members') {
    const postIds = await postToReaders(deps, service, audience.readers, kind, callbacks);
    return posted(postIds);
  }

  const { place, port } = audience;
  const postId = store.callbackPosts.newPostId();
  const result = await port.post(place, await postMessage(store, kind, callbacks, service, { postId }));
  const answeredAt = nowOf(deps);
  if (result.kind === 'posted') {
    noticesSent.delete(place);
    await store.callbackPosts.recordPost({
      _id: postId,
      serviceId,
      place,
      messageId: result.ref.id,
      callbackIds: ids,
      kind,
    });
    return posted([postId]);
  }

  const waitMs = waitFor(result, port);
  if (waitMs !== undefined) {
    log.info({ serviceId, place, waitMs }, 'callback posting waits for the chat surface');
    const notBefore = new Date(answeredAt.getTime() + waitMs);
    await store.callbackPosts.pacePlace(place, { notBefore });
    await store.callbackPosts.holdQueue(queueKey, notBefore);
    return true;
  }
  // The place refuses us (bot not in it, archived): retrying would fail the same way.
  log.warn(
    {
      serviceId,
      place,
      error: result.kind === 'gone' || result.kind === 'failed' ? result.reason : undefined,
    },
    'could not post callbacks to the callback place; they stay in the callback list',
  );
  if (result.kind === 'gone' && result.inviteBot) {
    const last = noticesSent.get(place);
    if (last === undefined || now.getTime() - last >= PLACE_NOTICE_INTERVAL_MS) {
      noticesSent.set(place, now.getTime());
      await tellAdminsToInvite(deps, service, place, 'callbacks');
    }
  }
  await store.callbackPosts.pacePlace(place, {
    notBefore: new Date(now.getTime() + port.pacing.placeGapMs),
    digestStreak: 0,
  });
  await store.callbackPosts.settleQueue(queueKey, batch);
  return false;
}

/**
 * A service without a callback place: the card or digest goes to each reader's DM, written for their language
 * and role, and is recorded per reader so it is edited like a channel card. Best effort per reader: a DM the
 * surface refuses is logged and the callbacks stay in the list and in the reader's App Home.
 */
async function postToReaders(
  deps: NotificationDeps,
  service: ServiceDoc,
  readers: Extract<CallbackAudience, { kind: 'members' }>['readers'],
  kind: 'card' | 'digest',
  callbacks: CallbackDoc[],
): Promise<string[]> {
  const { store, log } = deps;
  const postIds: string[] = [];
  const names = new Map<string, string | null>();
  for (const { member, identity, port } of readers) {
    const postId = store.callbackPosts.newPostId();
    const message = await postMessage(store, kind, callbacks, service, { postId, names, reader: member });
    const result = await port.dm(identity, message);
    if (result.kind !== 'posted') {
      log.warn({ serviceId: service._id, memberId: member._id, result }, 'could not DM new callbacks');
      continue;
    }
    await store.callbackPosts.recordPost({
      _id: postId,
      serviceId: service._id,
      place: result.ref.place,
      messageId: result.ref.id,
      callbackIds: callbacks.map((c) => c._id),
      kind,
      readerId: member._id,
    });
    postIds.push(postId);
  }
  return postIds;
}

/**
 * DMs the service's admins that the bot must be invited to a place (the callback place, or a pinned wallboard's
 * channel): otherwise nobody would learn why cards stopped appearing or the wallboard stopped moving. Best effort: a DM that fails is logged, and the next refused post tries again later.
 */
export async function tellAdminsToInvite(
  deps: NotificationDeps,
  service: ServiceDoc,
  place: string,
  what: 'callbacks' | 'wallboard',
): Promise<void> {
  const admins = (await deps.store.members.listByService(service._id)).filter((m) => m.role === 'admin');
  for (const admin of admins) {
    const reach = reachableIdentityOf(deps, admin);
    if (!reach) continue;
    const locale = pickLocale(admin.locale ?? undefined, service.settings.locale);
    const result = await reach.port.dm(reach.identity, { kind: 'place_unreachable', locale, place, what });
    if (result.kind !== 'posted')
      deps.log.warn(
        { serviceId: service._id, memberId: admin._id, result },
        'could not tell an admin to invite the bot',
      );
  }
}

/**
 * Edits posted cards and digests to show their callbacks as they are now (re-read when the job runs, so any number
 * of quick changes converge on the latest state). Honours Retry-After by scheduling the rest again; never posts.
 */
export async function refreshCallbackPosts(
  deps: NotificationDeps,
  postIds: readonly string[],
): Promise<void> {
  const { store, log } = deps;
  const posts = (await store.callbackPosts.releasePostWakes(postIds)).filter((p) => !p.gone);
  const now = nowOf(deps);
  const later: string[] = [];
  const updated: string[] = [];
  /** Places whose surface said wait: their remaining posts go again after Retry-After. */
  const held = new Map<string, { until: Date; postIds: string[] }>();
  // Everything the job's posts show, read once per service rather than once per post.
  const services = new Map<string, ServiceDoc | undefined>();
  const shown = new Map<string, CallbackDoc>();
  const byService = new Map<string, Set<string>>();
  for (const post of posts)
    for (const id of post.callbackIds)
      byService.set(post.serviceId, (byService.get(post.serviceId) ?? new Set()).add(id));
  for (const [serviceId, ids] of byService) {
    services.set(serviceId, await store.services.get(serviceId));
    for (const c of await store.callbacks.getMany(serviceId, [...ids])) shown.set(c._id, c);
  }
  const names = new Map<string, string | null>();
  const readers = new Map<string, MemberDoc | undefined>();
  for (const post of posts) {
    const port = portFor(deps.ports, post.place);
    if (!port) continue;
    const hold = held.get(post.place);
    if (hold) {
      hold.postIds.push(post._id);
      continue;
    }
    if (post.notBefore && post.notBefore > now) {
      later.push(post._id);
      continue;
    }
    const service = services.get(post.serviceId);
    const callbacks = post.callbackIds.map((id) => shown.get(id)).filter((c): c is CallbackDoc => !!c);
    if (!service || callbacks.length === 0) continue;
    let reader: MemberDoc | undefined;
    if (post.readerId) {
      if (!readers.has(post.readerId)) readers.set(post.readerId, await store.members.get(post.readerId));
      reader = readers.get(post.readerId);
      // A reader removed from the service: their DM keeps what it showed.
      if (!reader) continue;
    }
    const message = await postMessage(store, post.kind, callbacks, service, {
      postId: post._id,
      names,
      reader,
    });
    const result = await port.update({ place: post.place, id: post.messageId }, message);
    if (result.kind === 'posted') {
      updated.push(post._id);
      continue;
    }
    if (result.kind === 'gone') {
      log.warn({ postId: post._id, reason: result.reason }, 'callback card is gone; no more edits');
      await store.callbackPosts.markPostGone(post._id);
      continue;
    }
    const waitMs = waitFor(result, port);
    if (waitMs === undefined) {
      log.warn({ postId: post._id, result }, 'could not refresh a callback card');
      continue;
    }
    log.info({ postId: post._id, waitMs }, 'callback card edit waits for the chat surface');
    // Retry-After counts from the surface's answer, not from when the job started.
    held.set(post.place, { until: new Date(nowOf(deps).getTime() + waitMs), postIds: [post._id] });
  }
  await store.callbackPosts.markPostsUpdated(updated, now);
  for (const { until, postIds: ids } of held.values()) {
    await store.callbackPosts.holdPosts(ids, until);
    later.push(...ids);
  }
  await wakePostRefreshes(deps, later, now);
}

/** DMs an agent that callbacks were assigned to them, or taken off them, in their language. */
export async function notifyAssignee(deps: NotificationDeps, notice: AssigneeNotice): Promise<void> {
  const { store, log } = deps;
  const member = await store.members.get(notice.memberId);
  const reach = member && reachableIdentityOf(deps, member);
  const service = await store.services.get(notice.serviceId);
  if (!member || !reach || !service) return;
  const callbacks = await inOrder(store, notice.serviceId, notice.callbackIds);
  if (callbacks.length === 0) return;
  const result = await reach.port.dm(reach.identity, {
    kind: 'assignee_dm',
    locale: pickLocale(member.locale ?? undefined, service.settings.locale),
    change: notice.kind,
    timeZone: service.settings.timeZone,
    assigneeName: member.displayName,
    // The DM is the agent's alone: it shows what they may do (Connect and Complete on their own callbacks).
    callbacks: callbacks.map((c) => callbackItem(c, { kind: 'member', member })),
    total: notice.total,
  });
  if (result.kind === 'posted') return;
  const waitMs = waitFor(result, reach.port);
  if (waitMs === undefined) {
    log.warn({ memberId: member._id, result }, 'could not DM the assignee');
    return;
  }
  await deps.wake.notifyAssignee(notice, new Date(nowOf(deps).getTime() + waitMs));
}
