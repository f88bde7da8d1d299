import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import type { Problem } from '../usecases/result.js';
import type { AdaptiveCard } from './cards/card.js';
import type { TeamsTurn } from './router.js';
import { cardSentence } from './cards/card.js';

/** Posts a card in the conversation the person wrote in. */
export async function replyCard(
  turn: TeamsTurn,
  card: AdaptiveCard,
  text?: string,
): Promise<string | undefined> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (text) activity.text = text;
  const sent = await turn.turn.sendActivity(activity);
  return sent?.id;
}

/** Posts plain text (Teams renders its markdown: `**bold**`, lists, links). */
export async function replyText(turn: TeamsTurn, text: string): Promise<void> {
  await turn.turn.sendActivity(MessageFactory.text(text));
}

/** A use case's refusal or validation failure, in the person's language. */
export function problemText(turn: Pick<TeamsTurn, 'ctx'>, problem: Problem): string {
  return cardSentence(turn.ctx.locale, problem.message, problem.params);
}

/** A refusal or failure as one line the person reads, marked as a warning. */
export const problemWarning = (turn: Pick<TeamsTurn, 'ctx'>, problem: Problem): string =>
  `⚠️ ${problemText(turn, problem)}`;

export async function replyProblem(turn: TeamsTurn, problem: Problem): Promise<void> {
  await replyText(turn, problemWarning(turn, problem));
}
