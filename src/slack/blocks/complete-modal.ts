import type { KnownBlock, ModalView } from '@slack/types';
import { CALL_OUTCOMES } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import { modal, option, plain } from './text.js';
import { CALLBACK_VIEWS } from '../action-ids.js';
import { renderCallbackSummary, type CallbackView } from './callback-card.js';

/** Input blocks of the Complete modal, by the use case's field names (errors are shown on them). */
export const COMPLETE_BLOCKS = { outcome: 'complete_outcome', note: 'complete_note' } as const;

/** The use case's field → the block that shows its error; anything else lands on the first input. */
export function completeBlockOf(field: string): string {
  return field === 'note' ? COMPLETE_BLOCKS.note : COMPLETE_BLOCKS.outcome;
}

/** Complete: the callback as on its card, an optional outcome (preset to the last call's) and an optional note. */
export function renderCompleteModal(
  locale: Locale,
  callback: CallbackDoc,
  view: CallbackView,
  privateMetadata: string,
): ModalView {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const options = CALL_OUTCOMES.map((o) => option(t(`callbacks.outcome.${o}`), o));
  const last = callback.attempts.at(-1)?.outcome;
  const initial = last ? options.find((o) => o.value === last) : undefined;
  const blocks: KnownBlock[] = [
    renderCallbackSummary(locale, callback, view),
    {
      type: 'input',
      block_id: COMPLETE_BLOCKS.outcome,
      optional: true,
      label: plain(t('callbackComplete.outcome'), 2000),
      element: {
        type: 'static_select',
        action_id: 'value',
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    },
    {
      type: 'input',
      block_id: COMPLETE_BLOCKS.note,
      optional: true,
      label: plain(t('callbackComplete.note'), 2000),
      element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 2000 },
    },
  ];
  return modal({
    callbackId: CALLBACK_VIEWS.complete,
    title: t('callbackComplete.title'),
    submit: t('callbackComplete.submit'),
    close: t('common.cancel'),
    metadata: privateMetadata,
    blocks,
  });
}

/** The Cancel modal's reason input (the use case's `reason` field shows its errors there). */
export const CANCEL_REASON_BLOCK = 'cancel_reason';

/** Cancel (admins): the callback as on its card and a required reason, kept in its history. */
export function renderCancelModal(
  locale: Locale,
  callback: CallbackDoc,
  view: CallbackView,
  privateMetadata: string,
): ModalView {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return modal({
    callbackId: CALLBACK_VIEWS.cancel,
    title: t('callbackCancel.title'),
    submit: t('callbackCancel.submit'),
    close: t('common.cancel'),
    metadata: privateMetadata,
    blocks: [
      renderCallbackSummary(locale, callback, view),
      {
        type: 'input',
        block_id: CANCEL_REASON_BLOCK,
        label: plain(t('callbackCancel.reason'), 2000),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 500 },
      },
    ],
  });
}
