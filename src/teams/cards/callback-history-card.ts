import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { InteractionEntry, InteractionPage } from '../../usecases/callbacks.js';
import { cardText } from './callback-forms.js';
import { adaptiveCard, heading, textBlock, type AdaptiveCard, type CardElement } from './card.js';

/** `callback history <phone>`: that number's records, newest first, each on its own block (an agent's own only). */
export function renderPhoneHistoryCard(
  locale: Locale,
  page: InteractionPage,
  phone: string,
  timeZone: string,
): AdaptiveCard {
  const t = (key: MessageKey, params?: Record<string, string | number>) => cardText(locale, key, params);
  const body: CardElement[] = [
    heading(t('interactions.phoneTitle', { phone: formatKoreanPhone(page.phone ?? phone) })),
  ];
  if (page.ownOnly) body.push(textBlock(t('interactions.ownOnly'), { isSubtle: true, spacing: 'None' }));
  if (page.items.length === 0) body.push(textBlock(t('interactions.none')));
  for (const entry of page.items) body.push(entryBlock(locale, entry, timeZone));
  if (page.nextCursor !== null)
    body.push(textBlock(t('interactions.phoneMore', { shown: page.items.length }), { isSubtle: true }));
  return adaptiveCard(body);
}

function entryBlock(locale: Locale, entry: InteractionEntry, timeZone: string): CardElement {
  const head = [
    formatDateTime(entry.at, timeZone, locale),
    `**${translate(locale, `interactions.kind.${entry.kind}`)}**`,
    entry.memberName,
    entry.kind === 'history' ? translate(locale, `callbackHistory.channel.${entry.channel}`) : '',
    entry.forward !== 'none' ? translate(locale, `interactions.forward.${entry.forward}`) : '',
  ].filter(Boolean);
  const items = [textBlock(head.join(' · '))];
  if (entry.summary) items.push(textBlock(entry.summary, { spacing: 'None' }));
  if (entry.note) items.push(textBlock(entry.note.slice(0, 300), { isSubtle: true, spacing: 'None' }));
  return { type: 'Container', separator: true, items };
}
