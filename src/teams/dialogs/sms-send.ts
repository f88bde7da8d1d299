import { randomUUID } from 'node:crypto';
import { startOfDay } from '../../domain/callback-ranges.js';
import type { SmsType } from '../../domain/sms.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import { refusal } from '../../usecases/actor.js';
import type { SmsComposeOptions, SmsSendReceipt } from '../../usecases/sms/types.js';
import {
  renderSmsSendCard,
  SMS_SEND_DIALOG,
  type ComposeTemplate,
  type SmsSendForm,
  type SmsSendState,
} from '../cards/sms-send.js';
import { fieldErrorsOf, monthDayTime, stringOf } from '../cards/sms-common.js';
import { problemText } from '../reply.js';
import type { DialogAnswer, TeamsDialog, TeamsTurn } from '../router.js';

type Data = Record<string, unknown>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

function stateOf(data: Data, serviceId: string): SmsSendState {
  const phone = stringOf(data, 'phone');
  const callbackId = stringOf(data, 'callbackId');
  return {
    serviceId,
    draftKey: stringOf(data, 'draftKey') || randomUUID(),
    ...(phone ? { phone } : {}),
    ...(callbackId ? { callbackId } : {}),
  };
}

/** The form as submitted (Teams sends every input as a string). */
function formOf(data: Data): SmsSendForm {
  return {
    templateId: stringOf(data, 'templateId'),
    type: stringOf(data, 'type') === 'MMS' ? 'MMS' : 'SMS',
    title: stringOf(data, 'title'),
    body: stringOf(data, 'body'),
    recipients: stringOf(data, 'recipients'),
    sendNo: stringOf(data, 'sendNo'),
    sendDate: stringOf(data, 'sendDate'),
    sendTime: stringOf(data, 'sendTime'),
    advertisement: stringOf(data, 'advertisement') === 'true',
  };
}

/** The values a template puts in the form; what the person typed elsewhere stays. */
function withTemplate(form: SmsSendForm, template: ComposeTemplate): SmsSendForm {
  return {
    ...form,
    type: template.type as SmsType,
    title: template.title ?? '',
    body: template.body,
    sendNo: template.sendNo || form.sendNo,
    advertisement: template.advertisement,
  };
}

/** The service, SMS on, the `sms` permission and a sender number, in the order a person's questions come. */
async function composeFor(
  turn: TeamsTurn,
  serviceId: string,
): Promise<{ ok: true; options: SmsComposeOptions } | { ok: false; text: string }> {
  const { ctx, deps } = turn;
  const t = (key: MessageKey, params?: MessageParams) => translate(ctx.locale, key, params);
  if (!ctx.service || ctx.service._id !== serviceId) return { ok: false, text: t('teamsSms.notLinked') };
  if (!ctx.service.settings.smsEnabled) return { ok: false, text: t('smsDelivery.disabled') };
  const refused = refusal(ctx.actor, 'sms.send');
  if (refused) return { ok: false, text: problemText(turn, refused) };
  const composed = await deps.usecases.sms.smsComposeOptions(ctx.actor, serviceId);
  if (!composed.ok) return { ok: false, text: problemText(turn, composed.problem) };
  if (composed.value.senderNumbers.length === 0) return { ok: false, text: t('smsSlack.noSenderNumber') };
  return { ok: true, options: composed.value };
}

function card(
  turn: TeamsTurn,
  options: SmsComposeOptions,
  form: SmsSendForm,
  state: SmsSendState,
  more: { errors?: Record<string, string>; notice?: string } = {},
): DialogAnswer {
  const template = options.templates.find((tpl) => tpl._id === form.templateId);
  return {
    kind: 'card',
    title: translate(turn.ctx.locale, 'smsSlack.send.title'),
    height: 'large',
    card: renderSmsSendCard(turn.ctx.locale, {
      options,
      form,
      state,
      template,
      timeZone: turn.ctx.service!.settings.timeZone,
      now: new Date(),
      ...more,
    }),
  };
}

/** "SMS requested: 3 recipient(s), scheduled 12-03 14:30 (SMS, 45 bytes)" in the service's time zone. */
function requestedText(turn: TeamsTurn, receipt: SmsSendReceipt): string {
  const t = (key: MessageKey, params?: MessageParams) => translate(turn.ctx.locale, key, params);
  const timeZone = turn.ctx.service!.settings.timeZone;
  const text = t('teamsSms.send.requested', {
    count: receipt.recipientCount.toLocaleString('en-US'),
    when: receipt.sendAt
      ? t('smsSlack.send.scheduledAt', { at: monthDayTime(receipt.sendAt, timeZone, turn.ctx.locale) })
      : t('smsSlack.send.now'),
    type: receipt.type,
    bytes: receipt.bytes.toLocaleString('en-US'),
  });
  return receipt.replayed ? `${text} ${t('smsSlack.send.replayed')}` : text;
}

/**
 * `sms.send`: the send dialog, opened from the `sms` card (or a callback card, with `{ phone, callbackId }`).
 * Refusals come before the form (SMS off, no permission, no sender number); the use case decides again on send.
 */
export const smsSendDialog: TeamsDialog = {
  id: SMS_SEND_DIALOG,
  async open(turn, data) {
    const serviceId = stringOf(data, 'serviceId') || turn.ctx.service?._id || '';
    const composed = await composeFor(turn, serviceId);
    if (!composed.ok) return { kind: 'message', text: composed.text };
    const state = stateOf(data, serviceId);
    const form = formOf({});
    form.recipients = state.phone ?? '';
    return card(turn, composed.options, form, state);
  },

  async submit(turn, data) {
    const serviceId = stringOf(data, 'serviceId') || turn.ctx.service?._id || '';
    const composed = await composeFor(turn, serviceId);
    if (!composed.ok) return { kind: 'message', text: composed.text };
    const options = composed.options;
    const state = stateOf(data, serviceId);
    let form = formOf(data);
    const template = options.templates.find((tpl) => tpl._id === form.templateId);
    if (stringOf(data, 'op') !== 'send') {
      if (template) form = withTemplate(form, template);
      return card(turn, options, form, state);
    }
    const locked = template !== undefined && !template.editable;
    if (locked) form = withTemplate(form, template);

    const sendAt = sendAtOf(turn, form);
    if (sendAt === 'incomplete')
      return card(turn, options, form, state, {
        errors: { sendAt: translate(turn.ctx.locale, 'teamsSms.send.sendAtIncomplete') },
        notice: translate(turn.ctx.locale, 'teamsSms.send.fixErrors'),
      });
    const result = await turn.deps.usecases.sms.sendSms(turn.ctx.actor, serviceId, {
      type: form.type,
      body: form.body,
      title: form.type === 'MMS' ? form.title || null : null,
      recipients: form.recipients,
      sendNo: form.sendNo || null,
      sendAt,
      templateId: form.templateId || null,
      advertisement: form.advertisement,
      callbackId: state.callbackId ?? null,
      // A dialog submitted twice (a double click, a retried invoke) is one request.
      idempotencyKey: `teams:${state.draftKey}`,
    });
    if (result.ok) return { kind: 'message', text: requestedText(turn, result.value) };
    const problem = result.problem;
    if (!problem.fields || Object.keys(problem.fields).length === 0)
      return { kind: 'message', text: problemText(turn, problem) };
    const errors = fieldErrorsOf(turn.ctx.locale, problem);
    // A field the dialog has no input for (the image) is told on top.
    const shown = new Set([
      'templateId',
      'type',
      'title',
      'body',
      'recipients',
      'sendNo',
      'sendAt',
      'image',
      'advertisement',
    ]);
    const elsewhere = Object.keys(errors).filter((f) => !shown.has(f));
    const notice = [
      translate(turn.ctx.locale, 'teamsSms.send.fixErrors'),
      ...elsewhere.map((f) => errors[f]),
    ].join(' ');
    return card(turn, options, form, state, { errors, notice });
  },
};

/** The schedule from the date and time inputs, in the service's time zone; both empty: now. */
function sendAtOf(turn: TeamsTurn, form: SmsSendForm): Date | null | 'incomplete' {
  if (!form.sendDate && !form.sendTime) return null;
  if (!DATE.test(form.sendDate) || !TIME.test(form.sendTime)) return 'incomplete';
  return startOfDay(form.sendDate, turn.ctx.service!.settings.timeZone, form.sendTime.slice(0, 5));
}
