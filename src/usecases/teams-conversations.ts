import type { Store } from '../store/index.js';

/** Where the Teams bot can post later (a channel or a personal chat), as the Bot Framework described it. */
export interface TeamsConversationInput {
  conversationId: string;
  tenantId: string | null;
  conversationType: string | null;
  userAadObjectId: string | null;
  /** The Bot Framework conversation reference, as JSON text (its shape is theirs, not ours). */
  reference: string;
}

/** Keeps (or refreshes) a conversation reference, so proactive messages can reach that conversation. */
export async function rememberTeamsConversation(
  store: Store,
  conversation: TeamsConversationInput,
): Promise<void> {
  const { conversationId, ...rest } = conversation;
  await store.teamsConversations.save({ _id: conversationId, ...rest });
}
