import type { Activity } from '@microsoft/agents-activity';
import type { ChatMessage } from '../../usecases/notifications/chat-port.js';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './card.js';
import { renderCallbackMessageCard, type RenderOptions } from './callback-messages.js';
import { renderWallboardMessageCard, wallboardFingerprint } from './wallboard-card.js';

/** The card a notification shows in Teams, for every kind of message the pipeline sends. */
export function renderTeamsCard(
  message: ChatMessage,
  options: RenderOptions = {},
): { card: AdaptiveCard; summary: string } {
  if (message.kind === 'wallboard') return renderWallboardMessageCard(message);
  return renderCallbackMessageCard(message, options);
}

/** A notification as a Bot Framework message activity: the card, and a summary line for notifications. */
export function renderTeamsMessage(message: ChatMessage, options: RenderOptions = {}): Partial<Activity> {
  const { card, summary } = renderTeamsCard(message, options);
  return {
    type: 'message',
    summary,
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
  } as Partial<Activity>;
}

/** What people read of a message, so an update that would change nothing is skipped (a wallboard's clock). */
export function teamsMessageFingerprint(message: ChatMessage): string {
  if (message.kind === 'wallboard') return wallboardFingerprint(message);
  return JSON.stringify(renderTeamsCard(message).card);
}
