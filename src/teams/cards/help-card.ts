import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';

import { adaptiveCard, toCardMarkdown, type AdaptiveCard } from './card.js';

/** The answer to "help" (and to anything the bot does not understand yet): what Switchboard does. */
export function renderHelpCard(locale: Locale): AdaptiveCard {
  const t = (key: MessageKey) => toCardMarkdown(translate(locale, key));
  return adaptiveCard([
    { type: 'TextBlock', text: t('help.title'), size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: t('help.intro'), wrap: true },
    { type: 'TextBlock', text: t('help.callbacks'), wrap: true, spacing: 'Medium' },
    { type: 'TextBlock', text: t('help.sms'), wrap: true },
    { type: 'TextBlock', text: t('help.wallboard'), wrap: true },
    { type: 'TextBlock', text: t('help.admin'), wrap: true, isSubtle: true, spacing: 'Medium' },
  ]);
}
