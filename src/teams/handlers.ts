import { callbackCardActions } from './actions/callbacks.js';
import { smsCardActions } from './actions/sms.js';
import { renderHelpCard } from './cards/help-card.js';
import { smsCommand } from './commands/sms.js';
import { wallboardCommand, wallboardLinkAction, wallboardViewAction } from './commands/wallboard.js';
import { smsSendDialog } from './dialogs/sms-send.js';
import { smsTemplatesDialog } from './dialogs/sms-templates.js';
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
  commands: [help, smsCommand, wallboardCommand],
  cardActions: [...callbackCardActions, wallboardViewAction, wallboardLinkAction, ...smsCardActions],
  dialogs: [smsSendDialog, smsTemplatesDialog],
};
