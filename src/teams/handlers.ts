import { callbackCardActions } from './actions/callbacks.js';
import { smsCardActions } from './actions/sms.js';
import { callbackCommand, callbackListActions } from './commands/callback.js';
import { helpCommand } from './commands/help.js';
import { linkCommand, linkServiceAction, setupCommand } from './commands/setup.js';
import { smsCommand } from './commands/sms.js';
import { wallboardCommand, wallboardLinkAction, wallboardViewAction } from './commands/wallboard.js';
import { callbackDialogs } from './dialogs/callbacks.js';
import { smsSendDialog } from './dialogs/sms-send.js';
import { smsTemplatesDialog } from './dialogs/sms-templates.js';
import type { TeamsHandlers } from './router.js';

/**
 * Every command, card action and dialog of the Teams surface. Each feature keeps its handlers in its own module
 * (`commands/…`, `actions/…`, `dialogs/…`) and adds them here, one line each. The app manifest's command list
 * (`manifests/teams/manifest.json`) names exactly these commands; `test/unit/manifests.test.ts` holds them together.
 */
export const teamsHandlers: TeamsHandlers = {
  commands: [helpCommand, setupCommand, linkCommand, callbackCommand, smsCommand, wallboardCommand],
  cardActions: [
    ...callbackCardActions,
    ...callbackListActions,
    linkServiceAction,
    wallboardViewAction,
    wallboardLinkAction,
    ...smsCardActions,
  ],
  dialogs: [...callbackDialogs, smsSendDialog, smsTemplatesDialog],
};
