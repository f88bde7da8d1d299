import { commandText } from '../bot.js';
import { renderHelpCard } from '../cards/help-card.js';
import { replyCard } from '../reply.js';
import type { TeamsCommand } from '../router.js';

const NAME = 'help';
const ALIASES = ['도움말', '?'];

/**
 * `help` (`도움말`): the help card. The router also sends here whatever text is no command, and the welcome when the
 * app is added (no text); the card then says which text it did not understand.
 */
export const helpCommand: TeamsCommand = {
  name: NAME,
  aliases: ALIASES,
  run: async (turn) => {
    const text = turn.turn.activity.type === 'message' ? commandText(turn.turn.activity) : '';
    const first = text.split(' ')[0]?.toLowerCase() ?? '';
    const understood = text === '' || first === NAME || ALIASES.includes(first);
    await replyCard(turn, renderHelpCard(turn.ctx.locale, understood ? {} : { notUnderstood: text }));
  },
};
