import { teamsConversationOf } from '../domain/places.js';
import type { Store } from '../store/index.js';

/** Where the Teams bot can post later (a channel or a personal chat), as the Bot Framework described it. */
export interface TeamsConversationInput {
  conversationId: string;
  tenantId: string | null;
  conversationType: string | null;
  userAadObjectId: string | null;
  /** The person's Bot Framework id (`29:…`), for opening a personal chat with them later. */
  userId?: string | null;
  /** The Bot Framework conversation reference, as JSON text (its shape is theirs, not ours). */
  reference: string;
}

/** Keeps (or refreshes) a conversation reference, so proactive messages can reach that conversation. */
export async function rememberTeamsConversation(
  store: Store,
  conversation: TeamsConversationInput,
): Promise<void> {
  const { conversationId, ...rest } = conversation;
  await store.teamsConversations.save({ _id: conversationId, ...rest, userId: rest.userId ?? null });
}

/** Enough of a stored conversation reference to send to it: the connector's URL and the conversation. */
export interface TeamsConversationTarget {
  serviceUrl: string;
  conversationId: string;
  tenantId: string | null;
}

/**
 * How to reach a Teams person directly: their personal chat with the bot when one is known, else what opening one
 * needs (the connector of their tenant and their Bot Framework id), else nothing (the app is not installed for
 * them, or they never wrote to it).
 */
export type TeamsDirectTarget =
  | { kind: 'conversation'; target: TeamsConversationTarget }
  | { kind: 'open'; serviceUrl: string; tenantId: string; userId: string; botId: string | undefined }
  | { kind: 'unknown' };

function parseReference(reference: string): {
  serviceUrl?: unknown;
  agent?: { id?: unknown };
  bot?: { id?: unknown };
} {
  try {
    return JSON.parse(reference) as ReturnType<typeof parseReference>;
  } catch {
    return {};
  }
}

function serviceUrlOf(reference: string): string | undefined {
  const { serviceUrl } = parseReference(reference);
  return typeof serviceUrl === 'string' && serviceUrl ? serviceUrl : undefined;
}

/** The bot's own id in the conversation (`28:<app id>`), which a new conversation names as its bot. */
function botIdOf(reference: string): string | undefined {
  const { agent, bot } = parseReference(reference);
  const id = agent?.id ?? bot?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The stored reference of a `teams:<conversation>` place, or undefined when the bot never heard from it. */
export async function teamsConversationTarget(
  store: Store,
  place: string,
): Promise<TeamsConversationTarget | undefined> {
  const conversationId = teamsConversationOf(place);
  if (!conversationId) return undefined;
  const doc = await store.teamsConversations.get(conversationId);
  const serviceUrl = doc && serviceUrlOf(doc.reference);
  return serviceUrl ? { serviceUrl, conversationId, tenantId: doc.tenantId } : undefined;
}

/** Where a `teams:<tenant>:<aad object id>` identity gets direct messages (see TeamsDirectTarget). */
export async function teamsDirectTarget(store: Store, identity: string): Promise<TeamsDirectTarget> {
  const [surface, tenantId, aadObjectId] = identity.split(':');
  if (surface !== 'teams' || !tenantId || !aadObjectId) return { kind: 'unknown' };
  const known = await store.teamsConversations.listOfUser(tenantId, aadObjectId);
  const personal = known.find((c) => c.conversationType === 'personal');
  const personalUrl = personal && serviceUrlOf(personal.reference);
  if (personal && personalUrl)
    return {
      kind: 'conversation',
      target: { serviceUrl: personalUrl, conversationId: personal._id, tenantId },
    };
  const withUserId = known.find((c) => c.userId && serviceUrlOf(c.reference));
  if (withUserId)
    return {
      kind: 'open',
      serviceUrl: serviceUrlOf(withUserId.reference)!,
      tenantId,
      userId: withUserId.userId!,
      botId: botIdOf(withUserId.reference),
    };
  return { kind: 'unknown' };
}
