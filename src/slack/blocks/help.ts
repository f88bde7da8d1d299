import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import { context, header, section } from './text.js';

export function renderHelpMessage(locale: Locale): { text: string; blocks: KnownBlock[] } {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return {
    text: t('help.intro'),
    blocks: [
      header(t('help.title')),
      section(t('help.intro')),
      section(`${t('help.callbacks')}\n${t('help.sms')}\n${t('help.wallboard')}`),
      context(t('help.admin')),
    ],
  };
}
