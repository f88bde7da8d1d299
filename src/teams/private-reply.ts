import { translate, type MessageKey } from '../i18n/index.js';
import type { AdaptiveCard } from './cards/card.js';
import { replyCard, replyText } from './reply.js';
import type { TeamsTurn } from './router.js';

/**
 * An answer for the person alone (their SMS history, the callback list, the processing status, a download link),
 * as Slack answers these privately. In a personal chat it is the reply. In a channel or group chat, where the bot's
 * reply is read by everyone, the card goes to the person's personal chat with the bot (through the chat port, paced
 * and 429-safe like every other message) and the conversation gets one short line; when the person has no personal
 * chat the bot may write to, the line says to open one first. The data itself is never posted in the channel.
 */
export async function replyPrivately(turn: TeamsTurn, card: AdaptiveCard): Promise<void> {
  const { ctx, deps } = turn;
  if (ctx.conversationType === 'personal') {
    await replyCard(turn, card);
    return;
  }
  const sent = await deps.chat.dmCard(ctx.person.identity, card);
  const say = (key: MessageKey) => translate(ctx.locale, key, { name: ctx.person.displayName });
  if (sent.kind === 'posted') return replyText(turn, say('teamsPrivate.sent'));
  if (sent.kind !== 'gone')
    deps.log.warn({ result: sent, person: ctx.person.identity }, 'private answer not delivered');
  await replyText(
    turn,
    sent.kind === 'gone' ? `⚠️ ${say('teamsPrivate.noChat')}` : `⚠️ ${say('teamsPrivate.failed')}`,
  );
}
