import type { InputBlock, KnownBlock, ModalView, Option, PlainTextOption } from '@slack/types';
import { formatKoreanPhone } from '../../domain/callbacks.js';
import { SMS_LIMITS, type SmsType } from '../../domain/sms.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { SmsComposeOptions } from '../../usecases/sms/types.js';
import { describeBytes } from '../../usecases/sms/violations.js';
import { SMS_ACTIONS, SMS_VIEWS } from '../action-ids.js';
import { blockIdIn, type ViewStateValues } from '../view-state.js';
import { smsAdvertisementHint } from '../../usecases/sms/violations.js';
import { clip, context, escapeMrkdwn, modal, option, plain } from './text.js';

/**
 * The `/sms` send modal (PRODUCT §3 Send, the guide's 문자 발송 screen): template, type, title (MMS), body, recipients,
 * sender number, scheduled send, image (MMS) and the advertisement option. Pure: the compose options and what the
 * modal should show in, a view out. Rules are the use case's; the modal only says them.
 */

export const SMS_SEND_BLOCKS = {
  template: 'sms_template',
  type: 'sms_type',
  title: 'sms_title',
  body: 'sms_body',
  bodyLocked: 'sms_body_locked',
  recipients: 'sms_recipients',
  sendNo: 'sms_send_no',
  sendAt: 'sms_send_at',
  image: 'sms_image',
  advertisement: 'sms_ad',
} as const;

export type ComposeTemplate = SmsComposeOptions['templates'][number];

/** What the modal shows: the fields a template (or the person) filled, and the body's byte count when known. */
export interface SendModalState {
  options: SmsComposeOptions;
  timeZone: string;
  now: Date;
  /** Encoded modal metadata (service, place, callback, rev). */
  metadata: string;
  /**
   * Suffix of the block ids of the fields a template fills (type, title, body, sender, advertisement). Slack keeps
   * what a person typed in an input whose block id did not change, so a template pick changes the suffix to show
   * its own values; switching SMS ↔ MMS keeps it, and with it what was typed.
   */
  rev: number;
  type: SmsType;
  template: ComposeTemplate | null;
  /** Initial values of the blocks at this rev (a template's, or nothing). */
  fill: { title: string | null; body: string; sendNo: string | null; advertisement: boolean };
  /** The callback's number, from a card. */
  recipients?: string;
  callbackPhone?: string;
  /** The body's bytes as last counted (shown in the hint as "42 / 90 bytes"). */
  bodyBytes?: number | null;
}

const withRev = (blockId: string, rev: number) => (rev > 0 ? `${blockId}_${rev}` : blockId);

export const bodyLimitOf = (type: SmsType) =>
  type === 'MMS' ? SMS_LIMITS.mmsBodyBytes : SMS_LIMITS.smsBodyBytes;

/** The template select: sendable templates grouped by their category path (only those the use case offers). */
function templateBlock(locale: Locale, state: SendModalState): KnownBlock {
  const t = (key: MessageKey) => translate(locale, key);
  const groups = new Map<string, PlainTextOption[]>();
  for (const template of state.options.templates) {
    const label = `${template.path[0]} / ${template.path[1]}`;
    const list = groups.get(label) ?? [];
    list.push(option(template.name, template._id));
    groups.set(label, list);
  }
  // Slack takes at most 100 groups of 100 options.
  const option_groups = [...groups]
    .slice(0, 100)
    .map(([label, options]) => ({ label: plain(label, 75), options: options.slice(0, 100) }));
  const picked = state.template
    ? option_groups.flatMap((g) => g.options).find((o) => o.value === state.template?._id)
    : undefined;
  return {
    type: 'input',
    block_id: SMS_SEND_BLOCKS.template,
    optional: true,
    dispatch_action: true,
    label: plain(t('smsSlack.send.template'), 2000),
    element: {
      type: 'static_select',
      action_id: SMS_ACTIONS.templatePick,
      placeholder: plain(t('smsSlack.send.templatePlaceholder'), 150),
      option_groups,
      ...(picked ? { initial_option: picked } : {}),
    },
  };
}

export function renderSmsSendModal(locale: Locale, state: SendModalState): ModalView {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const { rev, type, template, fill, options } = state;
  const locked = template !== null && !template.editable;
  const blocks: KnownBlock[] = [];
  if (state.callbackPhone)
    blocks.push(context(t('smsSlack.send.fromCallback', { phone: formatKoreanPhone(state.callbackPhone) })));
  if (options.templates.length > 0) blocks.push(templateBlock(locale, state));
  else blocks.push(context(t('smsSlack.send.noTemplates')));

  const typeOptions: Option[] = [
    option(t('smsSlack.send.typeSms'), 'SMS'),
    option(t('smsSlack.send.typeMms'), 'MMS'),
  ];
  blocks.push({
    type: 'input',
    block_id: withRev(SMS_SEND_BLOCKS.type, rev),
    dispatch_action: true,
    label: plain(t('smsSlack.send.type'), 2000),
    element: {
      type: 'radio_buttons',
      action_id: SMS_ACTIONS.typePick,
      options: typeOptions,
      initial_option: typeOptions.find((o) => o.value === type),
    },
  });

  if (type === 'MMS')
    blocks.push({
      type: 'input',
      block_id: withRev(SMS_SEND_BLOCKS.title, rev),
      optional: false,
      label: plain(t('smsSlack.send.messageTitle'), 2000),
      hint: plain(t('smsSlack.send.titleHint'), 2000),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 120,
        ...(fill.title ? { initial_value: fill.title } : {}),
      },
    });

  const limit = bodyLimitOf(type);
  const hint = [
    t('smsSlack.send.bodyHint', { type, limit: limit.toLocaleString('en-US') }),
    state.bodyBytes != null ? bytesText(locale, type, state.bodyBytes) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  if (locked) {
    blocks.push({
      type: 'section',
      block_id: SMS_SEND_BLOCKS.bodyLocked,
      text: {
        type: 'mrkdwn',
        text: clip(`${t('smsSlack.send.bodyLocked')}\n>>> ${escapeMrkdwn(fill.body)}`, 3000),
      },
    });
    blocks.push(context(hint));
  } else {
    blocks.push({
      type: 'input',
      block_id: withRev(SMS_SEND_BLOCKS.body, rev),
      label: plain(t('smsSlack.send.body'), 2000),
      hint: plain(hint, 2000),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        ...(fill.body ? { initial_value: clip(fill.body, 3000) } : {}),
      },
    });
  }
  if (template?.imageId && type === 'MMS') blocks.push(context(t('smsSlack.send.templateImage')));

  blocks.push({
    type: 'input',
    block_id: SMS_SEND_BLOCKS.recipients,
    label: plain(t('smsSlack.send.recipients'), 2000),
    hint: plain(t('smsSlack.send.recipientsHint'), 2000),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
      ...(state.recipients ? { initial_value: state.recipients } : {}),
    },
  });

  const senderOptions = options.senderNumbers.slice(0, 100).map((n) => option(formatKoreanPhone(n), n));
  const initialSender =
    senderOptions.find((o) => o.value === fill.sendNo) ??
    (senderOptions.length ? senderOptions[0] : undefined);
  blocks.push({
    type: 'input',
    block_id: withRev(SMS_SEND_BLOCKS.sendNo, rev),
    label: plain(t('smsSlack.send.sendNo'), 2000),
    element: {
      type: 'static_select',
      action_id: 'value',
      options: senderOptions,
      ...(initialSender ? { initial_option: initialSender } : {}),
    },
  });

  blocks.push({
    type: 'input',
    block_id: SMS_SEND_BLOCKS.sendAt,
    optional: true,
    label: plain(t('smsSlack.send.sendAt'), 2000),
    hint: plain(
      t('smsSlack.send.sendAtHint', {
        zone: state.timeZone,
        now: formatDateTime(state.now, state.timeZone, locale),
      }),
      2000,
    ),
    element: { type: 'datetimepicker', action_id: 'value' },
  });

  if (type === 'MMS' && !template?.imageId)
    blocks.push({
      type: 'input',
      block_id: SMS_SEND_BLOCKS.image,
      optional: true,
      label: plain(t('smsSlack.send.image'), 2000),
      hint: plain(t('smsSlack.send.imageHint'), 2000),
      element: { type: 'file_input', action_id: 'value', filetypes: ['jpg', 'jpeg'], max_files: 1 },
    });

  const adOption = option(t('smsSlack.send.adOption'), 'advertisement');
  const adHint = smsAdvertisementHint(locale, options.optOutNumber);
  const adBlock: InputBlock = {
    type: 'input',
    block_id: withRev(SMS_SEND_BLOCKS.advertisement, rev),
    optional: true,
    label: plain(t('smsSlack.send.ad'), 2000),
    hint: plain(adHint, 2000),
    element: {
      type: 'checkboxes',
      action_id: 'value',
      options: [adOption],
      ...(fill.advertisement ? { initial_options: [adOption] } : {}),
    },
  };
  blocks.push(adBlock);

  return modal({
    callbackId: SMS_VIEWS.send,
    metadata: state.metadata,
    title: t('smsSlack.send.title'),
    submit: t('smsSlack.send.submit'),
    close: t('common.cancel'),
    blocks,
  });
}

/**
 * Where a field's problem shows: next to its input in the submitted view. A locked body has no input (its problem
 * goes on the template), an image on an SMS has none either (its problem goes on the type).
 */
export function sendBlockOf(values: ViewStateValues): (field: string) => string {
  const present = (blockId: string) => {
    const exact = blockIdIn(values, blockId);
    return values[exact] ? exact : undefined;
  };
  const fallback = present(SMS_SEND_BLOCKS.type) ?? SMS_SEND_BLOCKS.recipients;
  return (field) => {
    const block = (SMS_SEND_BLOCKS as Record<string, string>)[field === 'templateId' ? 'template' : field];
    if (field === 'body' && !present(SMS_SEND_BLOCKS.body))
      return present(SMS_SEND_BLOCKS.template) ?? fallback;
    return (block && present(block)) ?? fallback;
  };
}

/** "42 / 90 bytes", in the rules' own words. */
export function bytesText(locale: Locale, type: SmsType, bytes: number): string {
  const said = describeBytes(type, bytes);
  return translate(locale, said.message, said.params);
}

/** A date as the confirmation and history rows show it: `12-03 14:30` in the service's time zone. */
export function shortDateTime(date: Date, timeZone: string, locale: Locale): string {
  return formatDateTime(date, timeZone, locale).slice(5);
}

/** A send whose answer came after Slack's window: the modal turns into the confirmation. */
export function renderSmsRequestedView(locale: Locale, text: string): ModalView {
  return modal({
    callbackId: SMS_VIEWS.send,
    title: translate(locale, 'smsSlack.send.title'),
    close: translate(locale, 'smsSlack.detail.close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }],
  });
}
