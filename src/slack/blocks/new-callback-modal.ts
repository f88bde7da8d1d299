import type { KnownBlock, ModalView } from '@slack/types';
import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { IntakeOutcome } from '../../usecases/callbacks.js';
import { escapeMrkdwn, plain, modal } from './text.js';
import { CALLBACK_VIEWS } from '../action-ids.js';

/** Block ids of the `/callback new` modal; every input's action id is `value` (see `inputOf`). */
export const NEW_BLOCKS = {
  phone: 'cb_new_phone',
  name: 'cb_new_name',
  note: 'cb_new_note',
  preferredAt: 'cb_new_preferred',
} as const;

/** Where the intake use case's field problems are shown; anything else (e.g. `requestedAt`) sits under the phone. */
export function newModalBlockOf(field: string): string {
  return NEW_BLOCKS[field as keyof typeof NEW_BLOCKS] ?? NEW_BLOCKS.phone;
}

/** `/callback new`: phone (required), customer name, note and a preferred time, all as a person would type them. */
export function renderNewCallbackModal(locale: Locale, privateMetadata: string): ModalView {
  const t = (key: MessageKey) => translate(locale, key);
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: NEW_BLOCKS.phone,
      label: plain(t('cbcmd.new.phone'), 2000),
      hint: plain(t('cbcmd.new.phoneHint'), 2000),
      element: { type: 'plain_text_input', action_id: 'value', max_length: 40 },
    },
    {
      type: 'input',
      block_id: NEW_BLOCKS.name,
      optional: true,
      label: plain(t('cbcmd.new.name'), 2000),
      element: { type: 'plain_text_input', action_id: 'value', max_length: 100 },
    },
    {
      type: 'input',
      block_id: NEW_BLOCKS.note,
      optional: true,
      label: plain(t('cbcmd.new.note'), 2000),
      element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
    },
    {
      type: 'input',
      block_id: NEW_BLOCKS.preferredAt,
      optional: true,
      label: plain(t('cbcmd.new.preferredAt'), 2000),
      element: { type: 'datetimepicker', action_id: 'value' },
    },
  ];
  return modal({
    callbackId: CALLBACK_VIEWS.create,
    title: t('cbcmd.new.title'),
    submit: t('cbcmd.new.submit'),
    close: t('common.cancel'),
    metadata: privateMetadata,
    blocks,
  });
}

/** The ephemeral line after `/callback new`: a new callback, or the open one this request was folded into. */
export function renderIntakeConfirmation(
  locale: Locale,
  callback: CallbackDoc,
  outcome: IntakeOutcome,
): string {
  const phone = formatKoreanPhone(callback.phone);
  if (outcome === 'folded')
    return translate(locale, 'cbcmd.new.folded', { phone, count: callback.requestCount });
  return translate(locale, 'cbcmd.new.created', {
    phone,
    name: callback.name ? escapeMrkdwn(callback.name) : '',
  }).trimEnd();
}
