import { renderHelpCard } from './cards/help-card.js';
import { callbackCardActions, callbackCommand } from './commands/callback.js';
import { callbackDialogs } from './dialogs/callbacks.js';
import { replyCard } from './reply.js';
import type { TeamsCommand, TeamsHandlers } from './router.js';

/** `help` (`도움말`), and the answer to any text that is no command. */
const help: TeamsCommand = {
  name: 'help',
  aliases: ['도움말', '?'],
  run: async (turn) => {
    await replyCard(turn, renderHelpCard(turn.ctx.locale));
  },
};

/**
 * Every command, card action and dialog of the Teams surface. Each feature keeps its handlers in its own module
 * (`commands/…`, `actions/…`, `dialogs/…`) and adds them here, one line each.
 */
export const teamsHandlers: TeamsHandlers = {
  commands: [help, callbackCommand],
  cardActions: [...callbackCardActions],
  dialogs: [...callbackDialogs],
};
