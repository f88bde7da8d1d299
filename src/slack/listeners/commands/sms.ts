import type { App } from '@slack/bolt';
import { translate, type MessageKey, type MessageParams } from '../../../i18n/index.js';
import { SMS_REQUEST_STATUSES } from '../../../domain/sms.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { onCommand } from './on-command.js';
import { showSmsHistory } from './sms-history.js';
import { openSmsSendModal } from './sms-send-open.js';
import { openSmsTemplates } from './sms-templates.js';
import { parseSmsCommand } from '../../../usecases/sms/command-words.js';

/** `/sms [history|templates|help]`: acknowledged at once, then one function per subcommand. */
export function registerSmsCommand(app: App, deps: SlackDeps): void {
  onCommand(
    app,
    deps,
    '/sms',
    async ({ command, client, respond }, ctx) => {
      const t = (key: MessageKey, params?: MessageParams) => translate(ctx.locale, key, params);
      const service = ctx.service;
      if (!service) return void (await ephemeral(respond, t('service.notLinked')));
      const parsed = parseSmsCommand(command.text, service.settings.timeZone, new Date());
      if (parsed.kind === 'help') return void (await ephemeral(respond, t('smsSlack.help')));
      // The feature switch answers first, whatever was asked: a disabled feature says who can enable it.
      if (!service.settings.smsEnabled)
        return void (await ephemeral(respond, `:no_entry: ${t('smsSlack.disabled')}`));
      switch (parsed.kind) {
        case 'send':
          return openSmsSendModal(deps, ctx, client, command.trigger_id, (text) => ephemeral(respond, text));
        case 'templates':
          return openSmsTemplates({ deps, client, command, respond, ctx });
        case 'history':
          return showSmsHistory(deps, ctx, respond, {
            serviceId: service._id,
            fromDay: parsed.fromDay,
            toDay: parsed.toDay,
            status: parsed.status,
            page: 1,
          });
        case 'badRange':
          return void (await ephemeral(
            respond,
            `${t('smsSlack.badRange', { error: parsed.error })}\n\n${t('smsSlack.help')}`,
          ));
        case 'badStatus':
          return void (await ephemeral(
            respond,
            t('smsSlack.history.badStatus', { word: parsed.word, statuses: SMS_REQUEST_STATUSES.join(', ') }),
          ));
        case 'unknown':
          return void (await ephemeral(
            respond,
            `${t('smsSlack.unknownWord', { word: parsed.word })}\n\n${t('smsSlack.help')}`,
          ));
      }
    },
    { opensModal: smsOpensModal },
  );
}

/** `/sms`, `/sms send` and `/sms templates` answer with a modal (as the parser reads them). */
function smsOpensModal(text: string): boolean {
  return ['send', 'templates'].includes(parseSmsCommand(text, 'UTC', new Date()).kind);
}
