import { SMS_REQUEST_STATUSES } from '../../domain/sms.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import { parseSmsCommand } from '../../usecases/sms/command-words.js';
import { smsHistoryAnswer } from '../actions/sms.js';
import { renderSmsMenuCard } from '../cards/sms-menu.js';
import { replyPrivately } from '../private-reply.js';
import { replyCard, replyText } from '../reply.js';
import type { TeamsCommand } from '../router.js';

/**
 * `sms [history|templates|help]` (`문자`): read with the same words as Slack's `/sms`. Sending and templates answer
 * with the card whose buttons open their dialogs; `history` posts the history card (in a channel, to the
 * person's personal chat).
 */
export const smsCommand: TeamsCommand = {
  name: 'sms',
  aliases: ['문자'],
  run: async (turn, args) => {
    const { ctx } = turn;
    const t = (key: MessageKey, params?: MessageParams) => translate(ctx.locale, key, params);
    const service = ctx.service;
    if (!service) return replyText(turn, t('teamsSms.notLinked'));
    const parsed = parseSmsCommand(args, service.settings.timeZone, new Date());
    if (parsed.kind === 'help') return replyText(turn, t('teamsSms.help'));
    // The feature switch answers first, whatever was asked.
    if (!service.settings.smsEnabled) return replyText(turn, `⛔ ${t('smsDelivery.disabled')}`);
    switch (parsed.kind) {
      case 'send':
      case 'templates':
        return void (await replyCard(turn, renderSmsMenuCard(ctx.locale, service)));
      case 'history': {
        const answer = await smsHistoryAnswer(turn, {
          serviceId: service._id,
          page: 1,
          ...(parsed.fromDay ? { fromDay: parsed.fromDay } : {}),
          ...(parsed.toDay ? { toDay: parsed.toDay } : {}),
          ...(parsed.status ? { status: parsed.status } : {}),
        });
        // The history is the person's (Slack answers it privately): in a channel it goes to their personal chat.
        if (answer.kind === 'card') return replyPrivately(turn, answer.card);
        return replyText(turn, `⚠️ ${answer.text}`);
      }
      case 'badRange':
        return replyText(turn, `${t('smsSlack.badRange', { error: parsed.error })}\n\n${t('teamsSms.help')}`);
      case 'badStatus':
        return replyText(
          turn,
          t('smsSlack.history.badStatus', { word: parsed.word, statuses: SMS_REQUEST_STATUSES.join(', ') }),
        );
      case 'unknown':
        return replyText(
          turn,
          `${t('smsSlack.unknownWord', { word: parsed.word })}\n\n${t('teamsSms.help')}`,
        );
    }
  },
};
