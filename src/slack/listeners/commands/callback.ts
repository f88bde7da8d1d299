import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import type { SlackDeps } from '../../deps.js';
import { onCommand } from './on-command.js';
import { ephemeral } from '../../reply.js';
import { openAssignModal } from './callback-assign.js';
import { showCallbackList } from './callback-list.js';
import { openNewCallbackModal } from './callback-new.js';
import { showCallbackStats } from './callback-stats.js';
import { openUnassignModal } from './callback-unassign.js';
import { parseCallbackCommand } from '../../../usecases/callbacks/command-words.js';
import { showPhoneHistory } from './callback-history.js';

/** `/callback <list|new|assign|unassign|stats|history|help>`: acknowledged at once, then one function per subcommand. */
export function registerCallbackCommand(app: App, deps: SlackDeps): void {
  onCommand(
    app,
    deps,
    '/callback',
    async ({ command, client, respond }, ctx) => {
      const service = ctx.service;
      if (!service) return void (await ephemeral(respond, translate(ctx.locale, 'service.notLinked')));
      // The feature switch answers first, whatever was asked: a disabled feature says who can enable it.
      if (!service.settings.callbacksEnabled)
        return void (await ephemeral(respond, `:no_entry: ${translate(ctx.locale, 'callbacks.disabled')}`));
      const parsed = parseCallbackCommand(
        command.text,
        service.settings.timeZone,
        new Date(),
        service.settings.dayStart,
      );
      const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
        translate(ctx.locale, key, params);
      switch (parsed.kind) {
        case 'list':
          return showCallbackList(deps, ctx, respond, { serviceId: service._id, ...parsed, page: 1 }, false);
        case 'new':
          return openNewCallbackModal(ctx, client, command.trigger_id, respond);
        case 'assign':
          return openAssignModal(deps, ctx, client, command.trigger_id, (text) => ephemeral(respond, text));
        case 'unassign':
          return openUnassignModal(deps, ctx, client, command.trigger_id, respond);
        case 'stats':
          return showCallbackStats(deps, ctx, { respond, client, userId: command.user_id }, parsed);
        case 'history':
          return showPhoneHistory(deps, ctx, respond, parsed.phone);
        case 'historyUsage':
          return void (await ephemeral(respond, t('interactions.usage')));
        case 'help':
          return void (await ephemeral(respond, `${t('cbcmd.help')}\n${t('cbcmd.help.search')}`));
        case 'statsUsage':
          return void (await ephemeral(
            respond,
            `${t('cbcmd.unknownWord', { word: parsed.word })}\n${t('callbackStats.usage')}`,
          ));
        case 'badRange':
          return void (await ephemeral(
            respond,
            `${t('cbcmd.badRange', { error: parsed.error })}\n\n${t('cbcmd.help')}`,
          ));
        case 'unknown':
          return void (await ephemeral(
            respond,
            `${t('cbcmd.unknownWord', { word: parsed.word })}\n\n${t('cbcmd.help')}`,
          ));
      }
    },
    { opensModal: callbackOpensModal },
  );
}

/** `/callback new`, `assign` and `unassign` answer with a modal (as the parser reads them; dates do not matter). */
function callbackOpensModal(text: string): boolean {
  return ['new', 'assign', 'unassign'].includes(parseCallbackCommand(text, 'UTC', new Date()).kind);
}
