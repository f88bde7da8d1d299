import { translate } from '../../i18n/index.js';
import type { ChatMessage } from '../../usecases/notifications/chat-port.js';
import { adaptiveCard, textBlock, type AdaptiveCard } from './card.js';

type CallbackMessage = Exclude<ChatMessage, { kind: 'wallboard' }>;

/** SCAFFOLD (replaced by the Teams callback cards): a one-line card per notification kind. */
export function renderCallbackMessageCard(message: CallbackMessage): { card: AdaptiveCard; summary: string } {
  const summary =
    message.kind === 'callback_card'
      ? message.callback.phone
      : message.kind === 'place_unreachable'
        ? translate(message.locale, 'callbackCard.channelUnreachable', { channel: message.place })
        : message.kind;
  return { card: adaptiveCard([textBlock(summary)]), summary };
}
