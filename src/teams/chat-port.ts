import type { Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory, type ConnectorClient } from '@microsoft/agents-hosting';
import type { FastifyBaseLogger } from 'fastify';
import type { UseCases } from '../usecases/index.js';
import type { ChatPort, ChatResult, MessageRef } from '../usecases/notifications/chat-port.js';
import type { TeamsConversationTarget } from '../usecases/teams-conversations.js';
import { teamsCallbackConversationOfPlace } from '../domain/places.js';
import type { ChatMessage } from '../usecases/notifications/chat-port.js';
import { refreshUsersOf } from './cards/callback-card.js';
import type { AdaptiveCard } from './cards/card.js';
import { renderTeamsMessage, teamsMessageFingerprint } from './cards/messages.js';

/** The chat port on Teams, plus what only handlers in `src/teams` need: any card to a person's personal chat. */
export interface TeamsChatPort extends ChatPort {
  /** A card to the person's personal chat with the bot (`gone`: they have none and Teams will not open one). */
  dmCard(identity: string, card: AdaptiveCard): Promise<ChatResult>;
}

/** Connector clients for stored conversations (the adapter; tests may pass their own). */
export interface TeamsConnectors {
  connectorFor(serviceUrl: string): Promise<ConnectorClient>;
}

/**
 * Teams allows a bot about 7 messages a second and 60 per 30 s in one conversation; one a second per conversation
 * stays well inside both, and a burst becomes a digest (the pipeline's rule) instead of a queue.
 */
export const TEAMS_CONVERSATION_GAP_MS = 1000;
/** A live wallboard card is updated at most once per 2 s in its conversation (and only when its figures change). */
export const TEAMS_LIVE_CARD_GAP_MS = 2000;
/** After a network failure (not Teams' answer), try again after this. */
const TRANSIENT_RETRY_MS = 30_000;
/** Teams' 429 usually names no Retry-After; its guidance is to back off exponentially from about a second. */
const DEFAULT_RETRY_AFTER_MS = 2000;

/**
 * Teams' answers meaning the conversation or message is gone for us: the bot was removed (`BotNotInConversationRoster`,
 * 403), the conversation or activity does not exist (404 `ConversationNotFound`, `ActivityNotFoundInConversation`).
 */
const GONE_CODES: ReadonlySet<string> = new Set([
  'ConversationNotFound',
  'ActivityNotFoundInConversation',
  'BotNotInConversationRoster',
  'ConversationBlockedByUser',
  'BotDisabledByAdmin',
  'NotFound',
]);

interface ConnectorError {
  status?: number;
  message?: string;
  response?: {
    headers?: Headers | Record<string, string>;
    data?: { error?: { code?: string; message?: string } };
  };
}

function headerOf(headers: Headers | Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string>;
  return record[name] ?? record[name.toLowerCase()];
}

/** The connector's answer as a port result: 429 → Retry-After, Teams' refusals by code, anything else is the network. */
export function teamsFailure(error: unknown): ChatResult {
  const e = error as ConnectorError;
  const status = e?.status;
  if (status === 429) {
    const seconds = Number(headerOf(e.response?.headers, 'retry-after'));
    return {
      kind: 'rate_limited',
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS,
    };
  }
  const code = e?.response?.data?.error?.code;
  if (status !== undefined && (GONE_CODES.has(code ?? '') || status === 404 || status === 403))
    return { kind: 'gone', reason: code ?? `http_${status}` };
  if (status !== undefined && status >= 400 && status < 500)
    return { kind: 'failed', reason: code ?? `http_${status}`, retryable: false };
  return { kind: 'failed', reason: e?.message ?? String(error), retryable: true };
}

/**
 * The chat port on Teams: channel cards, personal messages and in-place updates through the Bot Framework
 * connector of each stored conversation. Teams has no pinning for bots: a "pinned" wallboard is a card kept
 * current where it was posted (people may pin it themselves from the message menu), so pin and unpin succeed
 * without a call.
 */
export function createTeamsChatPort(options: {
  connectors: TeamsConnectors;
  usecases: Pick<UseCases, 'teams'> & { callbacks: Pick<UseCases['callbacks'], 'callbackCardReaders'> };
  log: FastifyBaseLogger;
}): TeamsChatPort {
  const { connectors, usecases } = options;
  /**
   * A callback card in a channel is read by the whole channel: Universal Actions refresh it for each member of its
   * service on Teams (at most 60), so each sees the buttons their role allows.
   */
  const render = async (place: string, message: ChatMessage) => {
    if (message.kind !== 'callback_card' || !teamsCallbackConversationOfPlace(place))
      return renderTeamsMessage(message);
    const readers = await usecases.callbacks.callbackCardReaders(message.callback._id);
    return renderTeamsMessage(message, { refreshUserIds: refreshUsersOf(readers) });
  };
  /**
   * Conversation → when Teams lets us call it again after a 429. Every job (cards, digests, DMs) asks here first,
   * so a second job never calls a conversation inside the Retry-After a first one was given.
   */
  const heldUntil = new Map<string, number>();
  /** Calls to one conversation go one at a time, so none is in flight when another learns of a 429. */
  const queues = new Map<string, Promise<unknown>>();
  const throttled = (conversationId: string, call: () => Promise<ChatResult>): Promise<ChatResult> => {
    const run = async (): Promise<ChatResult> => {
      const until = heldUntil.get(conversationId) ?? 0;
      if (until > Date.now()) return { kind: 'rate_limited', retryAfterMs: until - Date.now() };
      heldUntil.delete(conversationId);
      const result = await call().catch(teamsFailure);
      if (result.kind === 'rate_limited') heldUntil.set(conversationId, Date.now() + result.retryAfterMs);
      return result;
    };
    const next = (queues.get(conversationId) ?? Promise.resolve()).then(run, run);
    queues.set(conversationId, next);
    void next.finally(() => {
      if (queues.get(conversationId) === next) queues.delete(conversationId);
    });
    return next;
  };
  const send = async (
    target: TeamsConversationTarget,
    activity: Partial<Activity>,
    place: string,
  ): Promise<ChatResult> =>
    throttled(target.conversationId, async () => {
      const connector = await connectors.connectorFor(target.serviceUrl);
      const sent = await connector.sendToConversation(target.conversationId, activity as Activity);
      return { kind: 'posted', ref: { place, id: String(sent.id) } };
    });
  const targetOf = (place: string) => usecases.teams.teamsConversationTarget(place);
  /**
   * To a person's personal chat with the bot: the stored one, else Teams opens it on the bot's request (it refuses
   * — `gone` — when the app is not installed for the person; never written to: `gone` too).
   */
  const direct = async (identity: string, activity: Partial<Activity>): Promise<ChatResult> => {
    const found = await usecases.teams.teamsDirectTarget(identity);
    try {
      if (found.kind === 'conversation')
        return await send(found.target, activity, `teams:${found.target.conversationId}`);
      if (found.kind === 'unknown') return { kind: 'gone', reason: 'not_installed_for_user' };
      // A person who wrote to the bot only in a channel: Teams opens the personal chat on the bot's request.
      const connector = await connectors.connectorFor(found.serviceUrl);
      const created = await connector.createConversation({
        isGroup: false,
        ...(found.botId ? { agent: { id: found.botId, name: 'Switchboard' } } : {}),
        members: [{ id: found.userId, name: '' }],
        tenantId: found.tenantId,
        channelData: { tenant: { id: found.tenantId } },
      } as unknown as Parameters<ConnectorClient['createConversation']>[0]);
      return await send(
        { serviceUrl: found.serviceUrl, conversationId: created.id, tenantId: found.tenantId },
        activity,
        `teams:${created.id}`,
      );
    } catch (error) {
      return teamsFailure(error);
    }
  };
  return {
    surface: 'teams',
    pacing: {
      placeGapMs: TEAMS_CONVERSATION_GAP_MS,
      transientRetryMs: TRANSIENT_RETRY_MS,
      liveCardGapMs: TEAMS_LIVE_CARD_GAP_MS,
    },
    post: async (place, message) => {
      const target = await targetOf(place);
      if (!target) return { kind: 'gone', reason: 'conversation_unknown' };
      return send(target, await render(place, message), place).catch(teamsFailure);
    },
    update: async (ref: MessageRef, message) => {
      const target = await targetOf(ref.place);
      if (!target) return { kind: 'gone', reason: 'conversation_unknown' };
      return throttled(target.conversationId, async () => {
        const connector = await connectors.connectorFor(target.serviceUrl);
        const activity = { ...(await render(ref.place, message)), id: ref.id } as Activity;
        await connector.updateActivity(target.conversationId, ref.id, activity);
        return { kind: 'posted', ref };
      });
    },
    dm: (identity, message) => direct(identity, renderTeamsMessage(message)),
    dmCard: (identity, card) => direct(identity, MessageFactory.attachment(CardFactory.adaptiveCard(card))),
    pin: async (ref) => ({ kind: 'posted', ref }),
    unpin: async (ref) => ({ kind: 'posted', ref }),
    fingerprint: (message) => teamsMessageFingerprint(message),
  };
}
