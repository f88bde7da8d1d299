import { createHash } from 'node:crypto';
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Locale, ServiceSettings } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { header, option, plain, modal } from './text.js';

export const SETTINGS_CALLBACK_ID = 'switchboard_settings';

/** Switches shown as one checkbox group. */
export const SETTINGS_SWITCHES = [
  'callbacksEnabled',
  'smsEnabled',
  'outboundTicketAutoCreate',
  'smsAdNightConsent',
] as const;
export const SETTINGS_SWITCHES_BLOCK = 'set_switches';

type NumberSetting =
  | 'wallboardIntervalSeconds'
  | 'serviceLevelThresholdSeconds'
  | 'serviceLevelTargetPercent'
  | 'longWaitWarningSeconds'
  | 'shortAbandonCutoffSeconds'
  | 'abandonedToCallbackSeconds'
  | 'unassignedReminderMinutes'
  | 'assignedReminderMinutes';

/** Numeric settings: label and whether empty means "off". Ranges are checked by the use case. */
export const NUMBER_SETTINGS: { key: NumberSetting; label: MessageKey; optional: boolean }[] = [
  { key: 'wallboardIntervalSeconds', label: 'settings.wallboardInterval', optional: false },
  { key: 'serviceLevelThresholdSeconds', label: 'settings.slThreshold', optional: false },
  { key: 'serviceLevelTargetPercent', label: 'settings.slTarget', optional: false },
  { key: 'longWaitWarningSeconds', label: 'settings.longWait', optional: false },
  { key: 'shortAbandonCutoffSeconds', label: 'settings.shortAbandon', optional: true },
  { key: 'abandonedToCallbackSeconds', label: 'settings.abandonedToCallback', optional: true },
  { key: 'unassignedReminderMinutes', label: 'settings.unassignedReminder', optional: true },
  { key: 'assignedReminderMinutes', label: 'settings.assignedReminder', optional: true },
];

export const URL_SETTINGS: { key: 'clickToDialWebhookUrl' | 'ticketWebhookUrl'; label: MessageKey }[] = [
  { key: 'clickToDialWebhookUrl', label: 'settings.clickToDial' },
  { key: 'ticketWebhookUrl', label: 'settings.ticketWebhook' },
];

export function settingsBlockId(key: keyof ServiceSettings): string {
  return SETTINGS_SWITCHES.includes(key as (typeof SETTINGS_SWITCHES)[number])
    ? SETTINGS_SWITCHES_BLOCK
    : `set_${key}`;
}

/**
 * A short hash of each setting's value. The modal keeps the hashes of what it showed, and its submission sends only
 * the settings whose value the admin changed: an admin who edits one field does not write back the others as they
 * were when the modal opened, over a change someone else saved in the meantime.
 */
export function settingsFingerprint(settings: Partial<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [
      key,
      createHash('sha256')
        .update(JSON.stringify(value ?? null))
        .digest('base64url')
        .slice(0, 10),
    ]),
  );
}

const TIME_ZONES = [
  'Asia/Seoul',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Singapore',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'UTC',
];

/** `/switchboard settings`: every per-service setting (README, Configuration), pre-filled with current values. */
export function renderSettingsModal(
  locale: Locale,
  settings: ServiceSettings,
  privateMetadata: string,
): ModalView {
  const t = (key: MessageKey) => translate(locale, key);
  const switchOptions: PlainTextOption[] = SETTINGS_SWITCHES.map((key) => option(t(`settings.${key}`), key));
  const on = switchOptions.filter((o) => settings[o.value as (typeof SETTINGS_SWITCHES)[number]]);
  const localeOptions = [option('한국어', 'ko'), option('English', 'en')];
  const tzOptions = [...new Set([settings.timeZone, ...TIME_ZONES])].map((tz) => option(tz, tz));

  const blocks: KnownBlock[] = [
    header(t('settings.features')),
    {
      type: 'input',
      block_id: SETTINGS_SWITCHES_BLOCK,
      optional: true,
      label: plain(t('settings.features'), 2000),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: switchOptions,
        ...(on.length ? { initial_options: on } : {}),
      },
    },
    {
      type: 'input',
      block_id: settingsBlockId('slackCallbackChannelId'),
      optional: true,
      label: plain(t('settings.callbackChannel'), 2000),
      element: {
        type: 'conversations_select',
        action_id: 'value',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(settings.slackCallbackChannelId ? { initial_conversation: settings.slackCallbackChannelId } : {}),
      },
    },
    {
      type: 'input',
      block_id: settingsBlockId('locale'),
      label: plain(t('settings.locale'), 2000),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: localeOptions,
        initial_option: localeOptions.find((o) => o.value === settings.locale),
      },
    },
    {
      type: 'input',
      block_id: settingsBlockId('timeZone'),
      label: plain(t('settings.timeZone'), 2000),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: tzOptions,
        initial_option: tzOptions[0],
      },
    },
    {
      type: 'input',
      block_id: settingsBlockId('dayStart'),
      label: plain(t('settings.dayStart'), 2000),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        initial_value: settings.dayStart,
        max_length: 5,
      },
    },
  ];
  for (const { key, label, optional } of NUMBER_SETTINGS) {
    const value = settings[key];
    blocks.push({
      type: 'input',
      block_id: settingsBlockId(key),
      optional,
      label: plain(t(label), 2000),
      element: {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: false,
        ...(value !== null ? { initial_value: String(value) } : {}),
      },
    });
  }
  for (const { key, label } of URL_SETTINGS) {
    const value = settings[key];
    blocks.push({
      type: 'input',
      block_id: settingsBlockId(key),
      optional: true,
      label: plain(t(label), 2000),
      element: { type: 'url_text_input', action_id: 'value', ...(value ? { initial_value: value } : {}) },
    });
  }
  blocks.push({
    type: 'input',
    block_id: settingsBlockId('smsSenderNumbers'),
    optional: true,
    label: plain(t('settings.senderNumbers'), 2000),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(settings.smsSenderNumbers.length ? { initial_value: settings.smsSenderNumbers.join(', ') } : {}),
    },
  });
  blocks.push({
    type: 'input',
    block_id: settingsBlockId('smsOptOutNumber'),
    optional: true,
    label: plain(t('settings.smsOptOutNumber'), 2000),
    hint: plain(t('settings.smsOptOutNumberHint'), 2000),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      max_length: 20,
      ...(settings.smsOptOutNumber ? { initial_value: settings.smsOptOutNumber } : {}),
    },
  });
  return modal({
    callbackId: SETTINGS_CALLBACK_ID,
    metadata: privateMetadata,
    title: t('settings.modalTitle'),
    submit: t('setup.submit'),
    close: t('common.cancel'),
    blocks,
  });
}
