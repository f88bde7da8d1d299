import { ErrorCode, type WebAPICallError, type WebClient } from '@slack/web-api';
import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '../../domain/service-settings.js';
import { pickLocale, translate } from '../../i18n/index.js';
import type { JobDefinition, Scheduler } from '../../jobs/scheduler.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { Store } from '../../store/index.js';
import type { MemberDoc } from '../../domain/members.js';
import type { CallbackChange, ChangedCallback } from '../../usecases/callback-events.js';
import {
  renderAssigneeDm,
  renderCallbackCard,
  renderCallbackDigest,
  type SlackMessage,
} from './card-blocks.js';
import { MESSAGE_GONE_ERRORS } from '../jobs/message-gone.js';

/**
 * The durable half of the callback cards: Agenda jobs that post to the callback channel, edit posted cards in
 * place and DM assignees. The callback-event listener only schedules these, so a slow or rate-limited Slack never
 * holds up the person who acted, and nothing is lost across a restart.
 */
export const POST_CALLBACKS = 'slack.callbacks.post';
export const REFRESH_CALLBACK_POST = 'slack.callbacks.refresh-post';
export const NOTIFY_ASSIGNEE = 'slack.callbacks.notify-assignee';

/** Slack allows about one message per second per channel; we keep a margin. */
export const CHANNEL_GAP_MS = 1500;
/** A long burst is paced ever more slowly (1.5 s, 3 s, 6 s, 12 s): a flood becomes a handful of digests. */
const MAX_GAP_DOUBLINGS = 3;
/** After a network failure (not a Slack answer), try again after this. */
const TRANSIENT_RETRY_MS = 30_000;
/** A DM names at most this many callbacks; the rest are in `/callback list`. */
const DM_MAX_IDS = 50;
/** Admins hear at most this often that the callback channel refuses the bot, however many callbacks arrive. */
const CHANNEL_NOTICE_INTERVAL_MS = 60 * 60_000;
/** Slack's answers to chat.postMessage that mean the bot must be invited to the channel first. */
const NOT_INVITED_ERRORS: ReadonlySet<string> = new Set(['not_in_channel', 'channel_not_found']);

export interface CardJobDeps {
  store: Store;
  scheduler: () => Scheduler;
  /** A client that rejects rate-limited calls at once (no retries), so jobs reschedule on Retry-After. */
  client: WebClient;
  log: FastifyBaseLogger;
}

type SlackFailure =
  { kind: 'rateLimited'; retryAfterMs: number } | { kind: 'platform'; error: string } | { kind: 'transient' };

function classify(error: unknown): SlackFailure {
  const e = error as WebAPICallError & { retryAfter?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError)
    return { kind: 'rateLimited', retryAfterMs: (e.retryAfter ?? 5) * 1000 };
  if (e.code === ErrorCode.PlatformError) return { kind: 'platform', error: e.data?.error ?? 'unknown' };
  return { kind: 'transient' };
}

/** Pacing after a message: a single card keeps the normal gap; each digest in a row doubles it (up to a cap). */
function gapAfter(digestStreak: number): number {
  return CHANNEL_GAP_MS * 2 ** Math.min(digestStreak, MAX_GAP_DOUBLINGS);
}

// ---------------------------------------------------------------------------------------------------------------
// Scheduling (what the listener does)

/** Schedules the service's posting job unless one is already on its way. */
export async function wakePostingQueue(
  deps: CardJobDeps,
  serviceId: string,
  now = new Date(),
): Promise<void> {
  const queue = await deps.store.callbackPosts.getQueue(serviceId);
  if (!queue || queue.pending.length === 0) return;
  const at = await deps.store.callbackPosts.claimQueueWake(serviceId, now, now);
  if (at) await deps.scheduler().schedule(at, POST_CALLBACKS, { serviceId });
}

/** Schedules one post's refresh unless one is already on its way; the job reads the latest state when it runs. */
export async function wakePostRefresh(deps: CardJobDeps, postId: string, now = new Date()): Promise<void> {
  const at = await deps.store.callbackPosts.claimPostWake(postId, now, now);
  if (at) await deps.scheduler().schedule(at, REFRESH_CALLBACK_POST, { postId });
}

/**
 * Turns callback changes into jobs: new callbacks join the service's posting queue; every other change refreshes
 * every message the callback was posted in; assignment changes DM the agent (one DM per agent per batch).
 */
export async function scheduleCardWork(deps: CardJobDeps, changes: CallbackChange[]): Promise<void> {
  const now = new Date();
  const created = new Map<string, string[]>();
  const changed = new Set<string>();
  const dms = new Map<
    string,
    { memberId: string; serviceId: string; kind: 'assigned' | 'unassigned'; ids: string[] }
  >();
  const dm = (
    kind: 'assigned' | 'unassigned',
    memberId: string | null | undefined,
    callback: ChangedCallback,
  ) => {
    if (!memberId) return;
    const key = `${kind}:${memberId}`;
    const entry = dms.get(key) ?? { memberId, serviceId: callback.serviceId, kind, ids: [] };
    entry.ids.push(callback._id);
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
    if (!service?.settings.slackCallbackChannelId || !service.settings.callbacksEnabled) continue;
    await deps.store.callbackPosts.enqueue(serviceId, ids);
    await wakePostingQueue(deps, serviceId, now);
  }
  for (const postId of await deps.store.callbackPosts.postIdsOfMany([...changed]))
    await wakePostRefresh(deps, postId, now);
  for (const { memberId, serviceId, kind, ids } of dms.values())
    await deps.scheduler().schedule(now, NOTIFY_ASSIGNEE, {
      memberId,
      serviceId,
      kind,
      callbackIds: ids.slice(0, DM_MAX_IDS),
      total: ids.length,
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering with what the store knows (names, the service's language and time zone)

async function inOrder(store: Store, serviceId: string, ids: readonly string[]): Promise<CallbackDoc[]> {
  const found = new Map((await store.callbacks.getMany(serviceId, ids)).map((c) => [c._id, c]));
  return ids.map((id) => found.get(id)).filter((c): c is CallbackDoc => !!c);
}

async function renderPost(
  store: Store,
  kind: 'card' | 'digest',
  callbacks: CallbackDoc[],
  service: { settings: { locale: 'ko' | 'en'; timeZone: string } },
): Promise<SlackMessage> {
  const locale = service.settings.locale;
  const only = callbacks[0];
  if (kind === 'card' && only) {
    const assignee = only.assigneeId ? await store.members.get(only.assigneeId) : undefined;
    return renderCallbackCard(locale, only, {
      timeZone: service.settings.timeZone,
      assigneeName: assignee?.displayName ?? null,
    });
  }
  return renderCallbackDigest(locale, callbacks);
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs

/**
 * Posts the service's waiting callbacks to its callback channel: one waiting → its card; several → one digest.
 * Runs at most once per gap per service (the queue's `notBefore`), so a burst of a hundred callbacks in ten
 * seconds becomes a few messages, and every callback stays in `/callback list`.
 */
export function postCallbacksJob(deps: CardJobDeps): JobDefinition<never> {
  /** service:channel → when its admins were last told the bot is not in the channel (per process). */
  const noticesSent = new Map<string, number>();
  return {
    name: POST_CALLBACKS,
    handler: (async (data: { serviceId: string }) => {
      const { store, log } = deps;
      const queue = await store.callbackPosts.releaseQueueWake(data.serviceId);
      if (!queue || queue.pending.length === 0) return;
      const now = new Date();
      if (queue.notBefore && queue.notBefore > now) return wakePostingQueue(deps, data.serviceId, now);

      const batch = [...queue.pending];
      const service = await store.services.get(data.serviceId);
      const channelId = service?.settings.slackCallbackChannelId;
      const callbacks = await inOrder(store, data.serviceId, batch);
      if (!service || !channelId || !service.settings.callbacksEnabled || callbacks.length === 0) {
        // Nowhere to post (the channel was unset meanwhile): they stay in the list, the queue lets them go.
        await store.callbackPosts.settleQueue(data.serviceId, batch, { notBefore: now, digestStreak: 0 });
        return;
      }
      const kind = callbacks.length === 1 ? 'card' : 'digest';
      const message = await renderPost(store, kind, callbacks, service);
      let ts: string;
      try {
        const posted = await deps.client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
        });
        ts = String(posted.ts);
      } catch (error) {
        const failure = classify(error);
        if (failure.kind === 'platform') {
          // Slack refuses the channel itself (bot not in it, archived): retrying would fail the same way.
          log.warn(
            { serviceId: data.serviceId, channelId, error: failure.error, count: batch.length },
            'could not post callbacks to the callback channel; they stay in /callback list',
          );
          const noticeKey = `${service._id}:${channelId}`;
          const lastNotice = noticesSent.get(noticeKey);
          if (
            NOT_INVITED_ERRORS.has(failure.error) &&
            (lastNotice === undefined || now.getTime() - lastNotice >= CHANNEL_NOTICE_INTERVAL_MS)
          ) {
            noticesSent.set(noticeKey, now.getTime());
            await tellAdminsToInvite(deps, service._id, service.settings.locale, channelId);
          }
          await store.callbackPosts.settleQueue(data.serviceId, batch, {
            notBefore: new Date(now.getTime() + CHANNEL_GAP_MS),
            digestStreak: 0,
          });
          return;
        }
        const waitMs = failure.kind === 'rateLimited' ? failure.retryAfterMs : TRANSIENT_RETRY_MS;
        log.info({ serviceId: data.serviceId, waitMs }, 'callback posting waits for Slack');
        await store.callbackPosts.holdQueue(data.serviceId, new Date(now.getTime() + waitMs));
        return wakePostingQueue(deps, data.serviceId, now);
      }

      noticesSent.delete(`${service._id}:${channelId}`);
      const ids = callbacks.map((c) => c._id);
      const post = await store.callbackPosts.recordPost({
        serviceId: service._id,
        channelId,
        ts,
        callbackIds: ids,
        kind,
      });
      const digestStreak = kind === 'digest' ? queue.digestStreak + 1 : 0;
      await store.callbackPosts.settleQueue(data.serviceId, batch, {
        notBefore: new Date(now.getTime() + gapAfter(digestStreak)),
        digestStreak,
      });
      // A change made while we were posting found no message to edit: edit it now.
      const rendered = new Map(callbacks.map((c) => [c._id, c.updatedAt.getTime()]));
      const current = await store.callbacks.getMany(service._id, ids);
      if (current.some((c) => c.updatedAt.getTime() !== rendered.get(c._id)))
        await wakePostRefresh(deps, post._id);
      // Callbacks that arrived while we were posting go out after the gap.
      await wakePostingQueue(deps, data.serviceId, new Date());
    }) as JobDefinition<never>['handler'],
  };
}

/**
 * Edits one posted card or digest to show its callbacks as they are now (re-read when the job runs, so any number
 * of quick changes converge on the latest state). Honours Retry-After by rescheduling itself; never posts.
 */
export function refreshCallbackPostJob(deps: CardJobDeps): JobDefinition<never> {
  return {
    name: REFRESH_CALLBACK_POST,
    handler: (async (data: { postId: string }) => {
      const { store, log } = deps;
      const post = await store.callbackPosts.releasePostWake(data.postId);
      if (!post || post.gone) return;
      const now = new Date();
      if (post.notBefore && post.notBefore > now) return wakePostRefresh(deps, post._id, now);
      const service = await store.services.get(post.serviceId);
      const callbacks = await inOrder(store, post.serviceId, post.callbackIds);
      if (!service || callbacks.length === 0) return;
      const message = await renderPost(store, post.kind, callbacks, service);
      try {
        await deps.client.chat.update({
          channel: post.channelId,
          ts: post.ts,
          text: message.text,
          blocks: message.blocks,
        });
        await store.callbackPosts.markPostUpdated(post._id, now);
      } catch (error) {
        const failure = classify(error);
        if (failure.kind === 'platform') {
          if (MESSAGE_GONE_ERRORS.has(failure.error)) {
            log.warn({ postId: post._id, error: failure.error }, 'callback card is gone; no more edits');
            await store.callbackPosts.markPostGone(post._id);
            return;
          }
          throw error;
        }
        const waitMs = failure.kind === 'rateLimited' ? failure.retryAfterMs : TRANSIENT_RETRY_MS;
        log.info({ postId: post._id, waitMs }, 'callback card edit waits for Slack');
        await store.callbackPosts.holdPost(post._id, new Date(now.getTime() + waitMs));
        await wakePostRefresh(deps, post._id, now);
      }
    }) as JobDefinition<never>['handler'],
  };
}

interface NotifyAssigneeData {
  memberId: string;
  serviceId: string;
  kind: 'assigned' | 'unassigned';
  callbackIds: string[];
  total: number;
}

/**
 * DMs the service's admins that the bot must be invited to the callback channel: otherwise nobody would learn why
 * cards stopped appearing. Best effort: a DM that fails is logged, and the next refused post tries again later.
 */
async function tellAdminsToInvite(
  deps: CardJobDeps,
  serviceId: string,
  serviceLocale: Locale,
  channelId: string,
): Promise<void> {
  const admins = (await deps.store.members.listByService(serviceId)).filter((m) => m.role === 'admin');
  for (const admin of admins) {
    const userId = slackUserOf(admin);
    if (!userId) continue;
    const locale = pickLocale(admin.locale ?? undefined, serviceLocale);
    try {
      const im = await deps.client.conversations.open({ users: userId });
      await deps.client.chat.postMessage({
        channel: im.channel?.id ?? userId,
        text: `:warning: ${translate(locale, 'callbackCard.channelUnreachable', { channel: channelId })}`,
      });
    } catch (error) {
      deps.log.warn(
        { err: error, serviceId, memberId: admin._id },
        'could not tell an admin to invite the bot',
      );
    }
  }
}

/** The member's Slack user id, from an identity `slack:<team>:<user>`; undefined for Teams-only members. */
export function slackUserOf(member: MemberDoc): string | undefined {
  const identity = member.identities.find((i) => i.startsWith('slack:'));
  return identity?.split(':')[2] || undefined;
}

/** DMs an agent that callbacks were assigned to them, or taken off them, in their language. */
export function notifyAssigneeJob(deps: CardJobDeps): JobDefinition<never> {
  return {
    name: NOTIFY_ASSIGNEE,
    handler: (async (data: NotifyAssigneeData) => {
      const { store, log } = deps;
      const member = await store.members.get(data.memberId);
      const userId = member && slackUserOf(member);
      const service = await store.services.get(data.serviceId);
      if (!member || !userId || !service) return;
      const callbacks = await inOrder(store, data.serviceId, data.callbackIds);
      if (callbacks.length === 0) return;
      const locale = pickLocale(member.locale ?? undefined, service.settings.locale);
      const message = renderAssigneeDm(
        locale,
        data.kind,
        callbacks,
        {
          timeZone: service.settings.timeZone,
          assigneeName: member.displayName,
        },
        data.total,
      );
      try {
        const im = await deps.client.conversations.open({ users: userId });
        await deps.client.chat.postMessage({
          channel: im.channel?.id ?? userId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
        });
      } catch (error) {
        const failure = classify(error);
        if (failure.kind === 'platform') {
          log.warn({ memberId: member._id, error: failure.error }, 'could not DM the assignee');
          return;
        }
        const waitMs = failure.kind === 'rateLimited' ? failure.retryAfterMs : TRANSIENT_RETRY_MS;
        await deps.scheduler().schedule(new Date(Date.now() + waitMs), NOTIFY_ASSIGNEE, { ...data });
      }
    }) as JobDefinition<never>['handler'],
  };
}
