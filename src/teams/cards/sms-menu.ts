import type { Locale } from '../../domain/service-settings.js';
import { adaptiveCard, dialogAction, executeAction, heading, textBlock, type AdaptiveCard } from './card.js';
import { SMS_VERBS } from './sms-history.js';
import { SMS_SEND_DIALOG } from './sms-send.js';
import { translatorFor } from './sms-common.js';

export const SMS_TEMPLATES_DIALOG = 'sms.templates';

/** The `sms` command's card: a text command cannot open a dialog, its buttons do. */
export function renderSmsMenuCard(locale: Locale, service: { _id: string; name: string }): AdaptiveCard {
  const t = translatorFor(locale);
  const data = { serviceId: service._id };
  return adaptiveCard(
    [heading(t('teamsSms.menu.title')), textBlock(t('teamsSms.menu.intro', { service: service.name }))],
    {
      actions: [
        dialogAction(t('teamsSms.menu.send'), SMS_SEND_DIALOG, data),
        dialogAction(t('teamsSms.menu.templates'), SMS_TEMPLATES_DIALOG, data),
        executeAction(t('smsSlack.history.title'), SMS_VERBS.history, { ...data, page: 1 }),
      ],
    },
  );
}
