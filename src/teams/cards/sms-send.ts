import { formatKoreanPhone } from '../../domain/callbacks.js';
import { countCp949Bytes, SMS_LIMITS, type SmsType } from '../../domain/sms.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import type { SmsComposeOptions } from '../../usecases/sms/types.js';
import { describeBytes, smsAdvertisementHint } from '../../usecases/sms/violations.js';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './card.js';
import { fieldError, translatorFor } from './sms-common.js';

export const SMS_SEND_DIALOG = 'sms.send';

/** What the send dialog shows: the person's (or a template's) values, and the use case's problems by field. */
export interface SmsSendForm {
  templateId: string;
  type: SmsType;
  title: string;
  body: string;
  recipients: string;
  sendNo: string;
  sendDate: string;
  sendTime: string;
  advertisement: boolean;
}

/** Carried in every submit of the dialog (inputs come beside it). */
export interface SmsSendState {
  serviceId: string;
  draftKey: string;
  phone?: string;
  callbackId?: string;
}

export type ComposeTemplate = SmsComposeOptions['templates'][number];

export interface SmsSendCardInput {
  options: SmsComposeOptions;
  form: SmsSendForm;
  state: SmsSendState;
  /** The template whose values are in the form (a locked one's body is no input). */
  template: ComposeTemplate | undefined;
  timeZone: string;
  now: Date;
  errors?: Record<string, string>;
  /** A problem with no field of its own, shown on top. */
  notice?: string;
}

const choice = (title: string, value: string) => ({ title, value });

/**
 * The send dialog (PRODUCT §3 Send). Adaptive Cards 1.5 has no change events, so "Apply template · count bytes"
 * submits the form to be drawn again: the template's values filled in, the body's bytes counted. Rules are the use
 * case's; the card only says them, each under its field.
 */
export function renderSmsSendCard(locale: Locale, input: SmsSendCardInput): AdaptiveCard {
  const t = translatorFor(locale);
  const { options, form, state, template } = input;
  const errors = input.errors ?? {};
  const locked = template !== undefined && !template.editable;
  const under = (field: string): CardElement[] => (errors[field] ? [fieldError(errors[field])] : []);
  const body: CardElement[] = [];
  if (input.notice) body.push(textBlock(`⚠️ ${input.notice}`, { color: 'Attention' }));
  if (state.phone)
    body.push(textBlock(t('teamsSms.send.fromCallback', { phone: formatKoreanPhone(state.phone) })));

  if (options.templates.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'templateId',
      label: t('smsSlack.send.template'),
      placeholder: t('smsSlack.send.templatePlaceholder'),
      style: 'compact',
      value: form.templateId,
      choices: options.templates.map((tpl) =>
        choice(`${tpl.path[0]} / ${tpl.path[1]} · ${tpl.name}`, tpl._id),
      ),
    });
    body.push(...under('templateId'));
    body.push(textBlock(t('teamsSms.send.templateHint'), { isSubtle: true, size: 'Small', spacing: 'None' }));
  } else {
    body.push(textBlock(t('smsSlack.send.noTemplates'), { isSubtle: true }));
    // A template hidden since the dialog opened: its problem still shows, where the choice was.
    body.push(...under('templateId'));
  }

  body.push({
    type: 'Input.ChoiceSet',
    id: 'type',
    label: t('smsSlack.send.type'),
    style: 'expanded',
    value: form.type,
    choices: [choice(t('smsSlack.send.typeSms'), 'SMS'), choice(t('smsSlack.send.typeMms'), 'MMS')],
  });
  body.push(...under('type'));
  body.push({
    type: 'Input.Text',
    id: 'title',
    label: t('smsSlack.send.messageTitle'),
    placeholder: t('smsSlack.send.titleHint'),
    maxLength: 120,
    value: form.title,
  });
  body.push(...under('title'));

  const limit = form.type === 'MMS' ? SMS_LIMITS.mmsBodyBytes : SMS_LIMITS.smsBodyBytes;
  const counted = describeBytes(form.type, countCp949Bytes(form.body).bytes);
  const bytesLine = [
    t('smsSlack.send.bodyHint', { type: form.type, limit: limit.toLocaleString('en-US') }),
    t('teamsSms.send.bodyBytes', { bytes: t(counted.message, counted.params) }),
  ].join(' · ');
  if (locked) {
    body.push(textBlock(t('smsSlack.send.bodyLocked')));
    body.push(textBlock(form.body, { spacing: 'None' }));
  } else
    body.push({
      type: 'Input.Text',
      id: 'body',
      label: t('smsSlack.send.body'),
      isMultiline: true,
      value: form.body,
    });
  body.push(textBlock(bytesLine, { isSubtle: true, size: 'Small', spacing: 'None' }));
  body.push(...under('body'));

  body.push({
    type: 'Input.Text',
    id: 'recipients',
    label: t('smsSlack.send.recipients'),
    isMultiline: true,
    value: form.recipients,
  });
  body.push(textBlock(t('smsSlack.send.recipientsHint'), { isSubtle: true, size: 'Small', spacing: 'None' }));
  body.push(...under('recipients'));

  body.push({
    type: 'Input.ChoiceSet',
    id: 'sendNo',
    label: t('smsSlack.send.sendNo'),
    style: 'compact',
    value: form.sendNo || options.senderNumbers[0] || '',
    choices: options.senderNumbers.map((n) => choice(formatKoreanPhone(n), n)),
  });
  body.push(...under('sendNo'));

  body.push({
    type: 'ColumnSet',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        items: [
          { type: 'Input.Date', id: 'sendDate', label: t('teamsSms.send.sendDate'), value: form.sendDate },
        ],
      },
      {
        type: 'Column',
        width: 'stretch',
        items: [
          { type: 'Input.Time', id: 'sendTime', label: t('teamsSms.send.sendTime'), value: form.sendTime },
        ],
      },
    ],
  });
  body.push(
    textBlock(
      t('teamsSms.send.sendAtHint', {
        zone: input.timeZone,
        now: formatDateTime(input.now, input.timeZone, locale),
      }),
      { isSubtle: true, size: 'Small', spacing: 'None' },
    ),
  );
  body.push(...under('sendAt'));

  body.push(
    textBlock(t(template?.imageId ? 'teamsSms.send.templateImage' : 'teamsSms.send.imageNote'), {
      isSubtle: true,
      size: 'Small',
    }),
  );
  body.push(...under('image'));

  const adHint = smsAdvertisementHint(locale, options.optOutNumber);
  body.push({
    type: 'Input.Toggle',
    id: 'advertisement',
    title: t('smsSlack.send.adOption'),
    label: t('smsSlack.send.ad'),
    value: form.advertisement ? 'true' : 'false',
  });
  body.push(textBlock(adHint, { isSubtle: true, size: 'Small', spacing: 'None' }));
  body.push(...under('advertisement'));

  const submit = (title: string, op: 'apply' | 'send') => ({
    type: 'Action.Submit',
    title,
    data: { ...state, dialog: SMS_SEND_DIALOG, op },
    ...(op === 'send' ? { style: 'positive' } : {}),
  });
  return adaptiveCard(body, {
    actions: [submit(t('smsSlack.send.submit'), 'send'), submit(t('teamsSms.send.applyTemplate'), 'apply')],
  });
}
