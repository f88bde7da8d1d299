import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';

/** Adaptive Card 1.5 JSON; typed loosely because the card schema is Microsoft's, validated in tests. */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  $schema: string;
};

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Slack's mrkdwn bold (`*x*`) becomes Adaptive Cards' markdown bold (`**x**`); backticks have no meaning there. */
function toCardMarkdown(text: string): string {
  return text.replace(/\*([^*]+)\*/g, '**$1**').replace(/`/g, '');
}

/** The answer to "help" (and to anything the bot does not understand yet): what Switchboard does. */
export function renderHelpCard(locale: Locale): AdaptiveCard {
  const t = (key: MessageKey) => toCardMarkdown(translate(locale, key));
  return {
    $schema: SCHEMA,
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t('help.title'), size: 'Large', weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: t('help.intro'), wrap: true },
      { type: 'TextBlock', text: t('help.callbacks'), wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: t('help.sms'), wrap: true },
      { type: 'TextBlock', text: t('help.wallboard'), wrap: true },
      { type: 'TextBlock', text: t('help.admin'), wrap: true, isSubtle: true, spacing: 'Medium' },
    ],
  };
}
