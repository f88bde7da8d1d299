import type { ChatMessage } from '../../usecases/notifications/chat-port.js';
import { adaptiveCard, textBlock, type AdaptiveCard } from './card.js';

type WallboardMessage = Extract<ChatMessage, { kind: 'wallboard' }>;

/** SCAFFOLD (replaced by the Teams wallboard card): the service's name and waiting count. */
export function renderWallboardMessageCard(message: WallboardMessage): {
  card: AdaptiveCard;
  summary: string;
} {
  const summary = `${message.snapshot.name}: ${message.snapshot.waiting}`;
  return { card: adaptiveCard([textBlock(summary)]), summary };
}

export function wallboardFingerprint(message: WallboardMessage): string {
  return JSON.stringify(renderWallboardMessageCard(message).card);
}
