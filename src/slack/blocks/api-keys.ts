import type { KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { ApiKeyDoc } from '../../domain/api-keys.js';
import { formatDateTime } from '../../i18n/dates.js';
import { context, escapeMrkdwn, header, plain, section, modal } from './text.js';

export const APIKEY_ACTIONS = { create: 'apikey_create', revoke: 'apikey_revoke' } as const;
export const APIKEY_CREATE_CALLBACK_ID = 'switchboard_apikey_create';
export const APIKEY_BLOCKS = { name: 'apikey_name', allowedIps: 'apikey_ips' } as const;

const LISTED_KEYS = 20;

/** `/switchboard apikey`: active keys with a Revoke button each, revoked ones greyed, and Create. */
export function renderApiKeyList(
  locale: Locale,
  keys: ApiKeyDoc[],
  timeZone: string,
): { text: string; blocks: KnownBlock[] } {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const blocks: KnownBlock[] = [header(t('apikey.list'))];
  if (keys.length === 0) blocks.push(section(t('apikey.none')));
  // Active keys first (they are the ones people act on), then the most recently revoked.
  const ordered = [...keys.filter((k) => !k.revokedAt), ...keys.filter((k) => k.revokedAt)];
  for (const key of ordered.slice(0, LISTED_KEYS)) {
    const used = key.lastUsedAt
      ? t('apikey.lastUsed', { when: formatDateTime(key.lastUsedAt, timeZone, locale) })
      : t('apikey.neverUsed');
    const ips = key.allowedIps.length ? key.allowedIps.join(', ') : t('apikey.anyIp');
    const line = `*${escapeMrkdwn(key.name)}* \`${key.prefix}…\` (${key._id})\n${formatDateTime(key.createdAt, timeZone, locale)} · ${used} · ${escapeMrkdwn(ips)}`;
    if (key.revokedAt) {
      blocks.push(context(`~${line}~`));
      continue;
    }
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: line },
      accessory: {
        type: 'button',
        action_id: APIKEY_ACTIONS.revoke,
        style: 'danger',
        text: plain(t('apikey.revokeButton'), 75),
        value: key._id,
        confirm: {
          title: plain(t('apikey.revokeButton'), 100),
          text: plain(t('apikey.revokeConfirm'), 300),
          confirm: plain(t('apikey.revokeButton'), 30),
          deny: plain(t('common.cancel'), 30),
          style: 'danger',
        },
      },
    });
  }
  if (ordered.length > LISTED_KEYS)
    blocks.push(context(t('members.more', { count: ordered.length - LISTED_KEYS })));
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: APIKEY_ACTIONS.create,
        style: 'primary',
        text: plain(t('apikey.createButton'), 75),
      },
    ],
  });
  return { text: t('apikey.list'), blocks };
}

export function renderApiKeyCreateModal(locale: Locale, privateMetadata: string): ModalView {
  const t = (key: MessageKey) => translate(locale, key);
  return modal({
    callbackId: APIKEY_CREATE_CALLBACK_ID,
    metadata: privateMetadata,
    title: t('apikey.createButton'),
    submit: t('setup.submit'),
    close: t('common.cancel'),
    blocks: [
      {
        type: 'input',
        block_id: APIKEY_BLOCKS.name,
        optional: true,
        label: plain(t('apikey.nameLabel'), 2000),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 80 },
      },
      {
        type: 'input',
        block_id: APIKEY_BLOCKS.allowedIps,
        optional: true,
        label: plain(t('apikey.ipsLabel'), 2000),
        hint: plain(t('apikey.ipsHint'), 2000),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          placeholder: plain('203.0.113.0/24, 198.51.100.7', 150),
        },
      },
    ],
  });
}

/** Shown once, in a modal only the creator sees, so the key never lands in channel history. */
export function renderApiKeyCreatedModal(locale: Locale, name: string, key: string): ModalView {
  return modal({
    title: translate(locale, 'apikey.createButton'),
    close: 'OK',
    blocks: [section(translate(locale, 'apikey.created', { name: escapeMrkdwn(name), key }))],
  });
}
