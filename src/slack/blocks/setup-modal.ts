import type { ModalView } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { ServiceDoc } from '../../domain/services.js';
import { option, plain, modal } from './text.js';

export const SETUP_CALLBACK_ID = 'switchboard_setup';
export const SETUP_BLOCKS = { name: 'setup_name', existing: 'setup_existing' } as const;

/** `/switchboard setup` without a name: create a service, or link one the person administers. */
export function renderSetupModal(
  locale: Locale,
  administered: ServiceDoc[],
  privateMetadata: string,
): ModalView {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const blocks: ModalView['blocks'] = [
    {
      type: 'input',
      block_id: SETUP_BLOCKS.name,
      optional: true,
      label: plain(t('setup.createLabel'), 2000),
      hint: plain(t('setup.createHint'), 2000),
      element: { type: 'plain_text_input', action_id: 'value', max_length: 80 },
    },
  ];
  if (administered.length > 0) {
    blocks.push({
      type: 'input',
      block_id: SETUP_BLOCKS.existing,
      optional: true,
      label: plain(t('setup.linkLabel'), 2000),
      hint: plain(t('setup.linkHint'), 2000),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: administered.slice(0, 100).map((s) => option(s.name, s._id)),
      },
    });
  }
  return modal({
    callbackId: SETUP_CALLBACK_ID,
    metadata: privateMetadata,
    title: t('setup.modalTitle'),
    submit: t('setup.submit'),
    close: t('common.cancel'),
    blocks,
  });
}
