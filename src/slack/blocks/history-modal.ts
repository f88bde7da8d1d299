import type { KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import { option, plain, modal } from './text.js';
import { CALLBACK_VIEWS } from '../action-ids.js';
import { renderCallbackSummary, type CallbackView } from './callback-card.js';

/** The interaction channels of the use case's `registerHistory` schema, in the order the select offers them. */
export const HISTORY_CHANNELS = ['phone', 'sms', 'chat', 'email', 'visit', 'other'] as const;

export const HISTORY_BLOCKS = {
  phone: 'history_phone',
  customerName: 'history_customer_name',
  channel: 'history_channel',
  summary: 'history_summary',
  note: 'history_note',
} as const;

/** The use case's field → the block that shows its error. Without a phone block, phone errors go on the summary. */
export function historyBlockOf(field: string, hasPhoneBlock: boolean): string {
  if (field === 'phone' && hasPhoneBlock) return HISTORY_BLOCKS.phone;
  if (field === 'customerName' && hasPhoneBlock) return HISTORY_BLOCKS.customerName;
  if (field === 'channel') return HISTORY_BLOCKS.channel;
  if (field === 'note') return HISTORY_BLOCKS.note;
  return HISTORY_BLOCKS.summary;
}

/**
 * Register history: an interaction record. From a card it is about that callback (shown on top, its number
 * used); opened without one (list, App Home) it asks for the customer's number and name instead.
 */
export function renderHistoryModal(
  locale: Locale,
  about: { callback: CallbackDoc; view: CallbackView } | undefined,
  privateMetadata: string,
): ModalView {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const channels = HISTORY_CHANNELS.map((c) => option(t(`callbackHistory.channel.${c}`), c));
  const text = (blockId: string, label: Parameters<typeof translate>[1], max: number, opts = {}) =>
    ({
      type: 'input',
      block_id: blockId,
      label: plain(t(label), 2000),
      element: { type: 'plain_text_input', action_id: 'value', max_length: max, ...opts },
    }) as const;
  const blocks: KnownBlock[] = [];
  if (about) blocks.push(renderCallbackSummary(locale, about.callback, about.view));
  else
    blocks.push(
      { ...text(HISTORY_BLOCKS.phone, 'callbackHistory.phone', 40), optional: true },
      { ...text(HISTORY_BLOCKS.customerName, 'callbackHistory.customerName', 100), optional: true },
    );
  blocks.push(
    {
      type: 'input',
      block_id: HISTORY_BLOCKS.channel,
      label: plain(t('callbackHistory.channel'), 2000),
      element: { type: 'static_select', action_id: 'value', options: channels, initial_option: channels[0] },
    },
    text(HISTORY_BLOCKS.summary, 'callbackHistory.summary', 200),
    { ...text(HISTORY_BLOCKS.note, 'callbackHistory.note', 2000, { multiline: true }), optional: true },
  );
  return modal({
    callbackId: CALLBACK_VIEWS.history,
    title: t('callbackHistory.title'),
    submit: t('callbackHistory.submit'),
    close: t('common.cancel'),
    metadata: privateMetadata,
    blocks,
  });
}
