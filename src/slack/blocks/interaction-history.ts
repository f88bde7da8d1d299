import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { InteractionEntry } from '../../usecases/callbacks.js';
import { CALLBACK_ACTIONS } from '../action-ids.js';
import { renderCallbackSummary, type CallbackView, type SlackMessage } from './callback-card.js';
import { clip, context, escapeMrkdwn, header, modal, plain, section } from './text.js';

/**
 * Interaction records in Slack: the card's "latest history" block, the history modal of one callback and the
 * `/callback history <phone>` answer. Pure: entries (as the use case shaped them) and the time zone in.
 */

const t = (locale: Locale, key: MessageKey, params?: MessageParams) => translate(locale, key, params);

/** How many entries a modal or a message lists (Slack allows 100 blocks; a line each keeps it readable). */
const LISTED = 40;

/**
 * One record on one line: when (service time zone), what kind (이력 등록 / 연결 (티켓 자동 생성)), who, the channel,
 * and what was written.
 */
export function interactionLine(locale: Locale, entry: InteractionEntry, timeZone: string): string {
  const parts = [
    `\`${formatDateTime(entry.at, timeZone, locale)}\``,
    `*${t(locale, `interactions.kind.${entry.kind}`)}*`,
    escapeMrkdwn(entry.memberName),
  ];
  if (entry.kind === 'history') parts.push(t(locale, `callbackHistory.channel.${entry.channel}`));
  if (entry.forward !== 'none') parts.push(t(locale, `interactions.forward.${entry.forward}`));
  let line = parts.join(' · ');
  if (entry.summary) line += ` — ${escapeMrkdwn(entry.summary)}`;
  if (entry.note) line += `\n      _${escapeMrkdwn(clip(entry.note.replace(/\s+/g, ' '), 300))}_`;
  return line;
}

/**
 * The card's own block: the latest entries and a button to the callback's full history. A separate block, so the
 * card's summary and buttons stay as they are; none at all while the callback has no history.
 */
export function renderCardHistory(
  locale: Locale,
  callback: { _id: string; phone: string },
  entries: readonly InteractionEntry[],
  timeZone: string,
): SectionBlock | undefined {
  if (entries.length === 0) return undefined;
  const lines = entries.map((e) => `• ${interactionLine(locale, e, timeZone)}`);
  return {
    type: 'section',
    block_id: `history_${callback._id}`.slice(0, 255),
    text: {
      type: 'mrkdwn',
      text: clip(`*${t(locale, 'interactions.cardTitle')}*\n${lines.join('\n')}`, 3000),
    },
    accessory: {
      type: 'button',
      text: plain(t(locale, 'interactions.viewButton'), 75),
      action_id: CALLBACK_ACTIONS.historyView,
      value: callback._id,
      accessibility_label: clip(
        t(locale, 'interactions.viewButtonLabel', { phone: formatKoreanPhone(callback.phone) }),
        75,
      ),
    },
  };
}

function entryBlocks(locale: Locale, entries: readonly InteractionEntry[], timeZone: string): KnownBlock[] {
  if (entries.length === 0) return [context(t(locale, 'interactions.none'))];
  return entries.slice(0, LISTED).map((e) => section(interactionLine(locale, e, timeZone)));
}

/** One callback's history (the card's [View history]): the callback on top, then every record, newest first. */
export function renderCallbackHistoryModal(
  locale: Locale,
  callback: CallbackDoc,
  view: CallbackView,
  entries: readonly InteractionEntry[],
): ModalView {
  return modal({
    title: t(locale, 'interactions.modalTitle'),
    close: t(locale, 'interactions.close'),
    blocks: [
      renderCallbackSummary(locale, callback, view),
      { type: 'divider' },
      context(t(locale, 'interactions.countOf', { count: entries.length })),
      ...entryBlocks(locale, entries, view.timeZone),
    ],
  });
}

/** `/callback history <phone>`: every record of one number, newest first (an agent's own only, said so). */
export function renderPhoneHistory(
  locale: Locale,
  phone: string,
  page: { items: readonly InteractionEntry[]; more: boolean; ownOnly: boolean },
  timeZone: string,
): SlackMessage {
  const title = t(locale, 'interactions.phoneTitle', { phone: formatKoreanPhone(phone) });
  const blocks: KnownBlock[] = [header(title)];
  if (page.ownOnly) blocks.push(context(t(locale, 'interactions.ownOnly')));
  blocks.push(...entryBlocks(locale, page.items, timeZone));
  if (page.more) blocks.push(context(t(locale, 'interactions.phoneMore', { shown: page.items.length })));
  return { text: title, blocks };
}

/** How many records `/callback history` lists before pointing to the export. */
export const PHONE_HISTORY_LISTED = LISTED;
