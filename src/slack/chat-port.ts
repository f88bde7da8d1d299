import type { KnownBlock } from '@slack/types';
import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import { slackChannelOf } from '../domain/places.js';
import { translate } from '../i18n/index.js';
import type { ChatMessage, ChatPort, ChatResult, MessageRef } from '../usecases/notifications/chat-port.js';
import { renderWallboardCard } from './blocks/wallboard.js';
import { NOT_INVITED_ERRORS } from './membership.js';
import {
  renderAssigneeDm,
  renderCallbackCard,
  renderCallbackDigest,
  renderReminder,
} from './blocks/callback-card.js';
import { renderCardHistory } from './blocks/interaction-history.js';

/** Slack's answers to `chat.update` that mean the message (or its channel) is gone for good: stop editing it. */
const MESSAGE_GONE_ERRORS: ReadonlySet<string> = new Set([
  'message_not_found',
  'channel_not_found',
  'is_archived',
  'cant_update_message',
  'not_in_channel',
]);

/** Slack allows about one message per second per channel; we keep a margin. */
export const SLACK_CHANNEL_GAP_MS = 1500;
/** After a network failure (not a Slack answer), try again after this. */
const TRANSIENT_RETRY_MS = 30_000;
/**
 * Slack's refusals after which trying again is pointless: the message or place is gone, or the bot is not in the
 * channel (then the admins are told to invite it).
 */
const goneOrNotInvited = (code: string): ChatResult | undefined =>
  NOT_INVITED_ERRORS.has(code) || MESSAGE_GONE_ERRORS.has(code)
    ? { kind: 'gone', reason: code, inviteBot: NOT_INVITED_ERRORS.has(code) }
    : undefined;

interface Rendered {
  text: string;
  blocks?: KnownBlock[];
  /** Cards and DMs name phone numbers and people: no link previews. */
  unfurl?: false;
}

/** The card's latest-history block goes above its buttons (or last, when a closed callback has none). */
function withCardHistory<M extends { blocks: KnownBlock[] }>(card: M, history: KnownBlock | undefined): M {
  if (!history) return card;
  const blocks = [...card.blocks];
  const buttons = blocks.findIndex((b) => b.type === 'actions');
  blocks.splice(buttons < 0 ? blocks.length : buttons, 0, history);
  return { ...card, blocks };
}

/** The notification view models as Slack messages, with the Block Kit renderers every Slack view uses. */
export function renderSlackMessage(message: ChatMessage): Rendered {
  switch (message.kind) {
    case 'callback_card':
      return {
        ...withCardHistory(
          renderCallbackCard(message.locale, message.callback, {
            timeZone: message.timeZone,
            assigneeName: message.assigneeName,
          }),
          renderCardHistory(message.locale, message.callback, message.history ?? [], message.timeZone),
        ),
        unfurl: false,
      };
    case 'callback_digest':
      return {
        ...renderCallbackDigest(message.locale, message.callbacks, message.counts, message),
        unfurl: false,
      };
    case 'assignee_dm':
      return {
        ...renderAssigneeDm(
          message.locale,
          message.change,
          message.callbacks,
          { timeZone: message.timeZone, assigneeName: message.assigneeName },
          message.total,
        ),
        unfurl: false,
      };
    case 'callback_reminder':
      return renderReminder(message.locale, message.reminder, message.callbacks, message);
    case 'place_unreachable':
      return {
        text: `:warning: ${translate(
          message.locale,
          message.what === 'wallboard'
            ? 'wallboardPin.channelUnreachable'
            : 'callbackCard.channelUnreachable',
          {
            channel: slackChannelOf(message.place) ?? message.place,
          },
        )}`,
      };
    case 'wallboard': {
      const { text, blocks } = renderWallboardCard(message.locale, message.snapshot, message);
      return { text, blocks };
    }
  }
}

/**
 * The chat port on Slack. Its own client rejects rate-limited calls at once (no retries inside a job), so a job
 * reschedules itself after Retry-After instead of holding an Agenda slot while Slack says wait.
 */
export function createSlackChatPort(options: { botToken: string; slackApiUrl?: string }): ChatPort {
  const client = new WebClient(options.botToken, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const channel = (place: string) => slackChannelOf(place) ?? '';
  const postTo = async (channelId: string, message: ChatMessage, place: string): Promise<ChatResult> => {
    const { unfurl, ...rendered } = renderSlackMessage(message);
    const posted = await client.chat.postMessage({
      channel: channelId,
      ...rendered,
      ...(unfurl === false ? { unfurl_links: false } : {}),
    });
    return { kind: 'posted', ref: { place, id: String(posted.ts) } };
  };
  return {
    surface: 'slack',
    pacing: { placeGapMs: SLACK_CHANNEL_GAP_MS, transientRetryMs: TRANSIENT_RETRY_MS },
    post: (place, message) =>
      postTo(channel(place), message, place).catch((error: unknown) => failure(error, goneOrNotInvited)),
    update: async (ref, message) => {
      try {
        const { text, blocks } = renderSlackMessage(message);
        await client.chat.update({ channel: channel(ref.place), ts: ref.id, text, blocks });
        return { kind: 'posted', ref };
      } catch (error) {
        // A bot removed from the channel can edit none of its messages there: the admins are told to invite it.
        return failure(error, goneOrNotInvited);
      }
    },
    dm: async (identity, message) => {
      const userId = identity.split(':')[2];
      if (!identity.startsWith('slack:') || !userId) return { kind: 'gone', reason: 'not_a_slack_user' };
      try {
        const im = await client.conversations.open({ users: userId });
        const imId = im.channel?.id ?? userId;
        return await postTo(imId, message, `slack::${imId}`);
      } catch (error) {
        return failure(error, () => undefined);
      }
    },
    pin: (ref) => pinning(() => client.pins.add({ channel: channel(ref.place), timestamp: ref.id }), ref),
    unpin: (ref) =>
      pinning(() => client.pins.remove({ channel: channel(ref.place), timestamp: ref.id }), ref),
    fingerprint: (message) =>
      message.kind === 'wallboard'
        ? renderWallboardCard(message.locale, message.snapshot, message).hash
        : JSON.stringify(renderSlackMessage(message)),
  };
}

async function pinning(call: () => Promise<unknown>, ref: MessageRef): Promise<ChatResult> {
  try {
    await call();
    return { kind: 'posted', ref };
  } catch (error) {
    return failure(error, (code) =>
      MESSAGE_GONE_ERRORS.has(code) ? { kind: 'gone', reason: code } : undefined,
    );
  }
}

/** Slack's answer as a port result: 429 → Retry-After, Slack's refusals by code, anything else is the network. */
function failure(error: unknown, byCode: (code: string) => ChatResult | undefined): ChatResult {
  const e = error as WebAPICallError & { retryAfter?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError)
    return { kind: 'rate_limited', retryAfterMs: (e.retryAfter ?? 5) * 1000 };
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown';
    return byCode(code) ?? { kind: 'failed', reason: code, retryable: false };
  }
  return { kind: 'failed', reason: e.message ?? String(error), retryable: true };
}
