import { createHash } from 'node:crypto';
import { checkSmsDraft, chunkRecipients, type SmsImage, type SmsType } from '../../domain/sms.js';
import { sendableTemplates, type SmsCategoryDoc, type SmsTemplateDoc } from '../../domain/sms-templates.js';
import { SMS_DELIVER } from '../../jobs/sms-jobs.js';
import { newId } from '../../store/ids.js';
import { chunkIdOf, type SmsChunkDoc, type SmsRequestDoc } from '../../store/sms-requests.js';
import type { Actor } from '../actor.js';
import { fail, ok, type Result } from '../result.js';
import { openSmsService, receiptOf, requestedByOf } from './common.js';
import { smsNow, type SmsDeps } from './deps.js';
import type { SmsComposeOptions, SmsSendInput, SmsSendReceipt } from './types.js';
import { problemFromViolations } from './violations.js';

/**
 * `/sms`, the callback card's Send SMS, `POST /api/v1/sms/messages`: checks every rule, records the request with
 * its chunks and schedules its delivery job (now, or at `sendAt`). Nothing reaches the provider here.
 */
export async function sendSms(
  deps: SmsDeps,
  actor: Actor | undefined,
  serviceId: string,
  input: SmsSendInput,
): Promise<Result<SmsSendReceipt>> {
  const opened = await openSmsService(deps, actor, serviceId, 'sms.send', 'smsDelivery.disabled');
  if (!opened.ok) return opened;
  const service = opened.value;
  if (!deps.provider) return fail({ code: 'feature_disabled', message: 'smsDelivery.providerMissing' });

  // A replay answers with what the first call made, whatever the rules say now (its sendAt may have passed).
  const requestId = input.idempotencyKey ? idForKey(serviceId, input.idempotencyKey) : newId('sms');
  if (input.idempotencyKey) {
    const earlier = await deps.store.smsRequests.get(requestId);
    if (earlier) return ok(receiptOf(earlier, true));
  }

  const template = input.templateId ? await sendableTemplate(deps, serviceId, input.templateId) : undefined;
  if (input.templateId && !template)
    return fail({
      code: 'invalid_input',
      message: 'smsDelivery.templateNotFound',
      fields: { templateId: { message: 'smsDelivery.templateNotFound' } },
    });
  const content = template ? fromTemplate(template, input) : fromInput(input);
  if (!content)
    return fail({
      code: 'invalid_input',
      message: 'smsDelivery.templateLocked',
      fields: { body: { message: 'smsDelivery.templateLocked' } },
    });
  const image = input.image ?? (template?.imageId ? await templateImage(deps, template.imageId) : null);

  const now = smsNow(deps);
  const sendAt = input.sendAt ?? null;
  const checked = checkSmsDraft(
    {
      ...content,
      recipients: input.recipients,
      sendNo: input.sendNo ?? template?.sendNo ?? null,
      sendAt,
      image,
    },
    {
      now,
      senderNumbers: service.settings.smsSenderNumbers,
      optOutNumber: service.settings.smsOptOutNumber,
      adNightConsent: service.settings.smsAdNightConsent,
    },
  );
  if (checked.violations.length > 0 || !checked.sendNo)
    return fail(problemFromViolations(checked.violations, { timeZone: service.settings.timeZone }));

  const requestedBy = requestedByOf(actor);
  if (actor?.kind === 'apiKey') {
    const key = (await deps.store.apiKeys.listByService(serviceId)).find((k) => k._id === actor.keyId);
    if (key) requestedBy.name = key.name;
  }
  const chunks: SmsChunkDoc[] = chunkRecipients(checked.recipients).map((phones, n) => ({
    _id: chunkIdOf(requestId, n),
    requestId,
    serviceId,
    n,
    state: 'pending',
    senderGroupingKey: chunkIdOf(requestId, n),
    providerRequestId: null,
    sendingSince: null,
    attempts: 0,
    error: null,
    recipients: phones.map((phone) => ({
      phone,
      status: 'pending',
      resultCode: null,
      resultMessage: null,
      deliveredAt: null,
      recipientSeq: null,
    })),
    counts: { total: phones.length, pending: phones.length, success: 0, failed: 0, cancelled: 0 },
    version: 0,
  }));
  const request: SmsRequestDoc = {
    _id: requestId,
    serviceId,
    status: sendAt ? 'scheduled' : 'queued',
    type: content.type,
    advertisement: content.advertisement,
    body: content.body,
    title: content.type === 'MMS' ? content.title : null,
    sendNo: checked.sendNo,
    bytes: checked.bodyBytes,
    sendAt,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    requestedBy,
    callbackId: input.callbackId ?? null,
    templateId: template?._id ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
    image: image ? { fileName: image.fileName, bytes: image.data.length } : null,
    providerFileId: null,
    chunkCount: chunks.length,
    counts: {
      total: checked.recipients.length,
      pending: checked.recipients.length,
      success: 0,
      failed: 0,
      cancelled: 0,
    },
    lease: null,
    chunksSettledAt: null,
    nextPollAt: null,
    polls: 0,
  };
  const created = await deps.store.smsRequests.create(request, chunks, image);
  // A concurrent copy with the same key got there first: it scheduled the job, this one only answers.
  if (!created.inserted) return ok(receiptOf(created.request, true));
  await deps.scheduler.schedule(sendAt ?? now, SMS_DELIVER, { requestId });
  deps.log.info(
    { smsRequestId: requestId, serviceId, recipients: request.counts.total, chunks: chunks.length, sendAt },
    'sms request recorded',
  );
  return ok(receiptOf(request, false));
}

/** What the send screen offers: the sender numbers, the opt-out number and the templates that may be sent. */
export async function smsComposeOptions(
  deps: SmsDeps,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<SmsComposeOptions>> {
  const opened = await openSmsService(deps, actor, serviceId, 'sms.send', 'smsDelivery.disabled');
  if (!opened.ok) return opened;
  const service = opened.value;
  const { categories, templates } = await templatesOf(deps, serviceId);
  const byId = new Map(categories.map((c) => [c._id, c]));
  return ok({
    senderNumbers: service.settings.smsSenderNumbers,
    optOutNumber: service.settings.smsOptOutNumber,
    templates: sendableTemplates(categories, templates).map((t) => {
      const second = byId.get(t.categoryId);
      const first = second?.parentId ? byId.get(second.parentId) : undefined;
      return { ...t, path: [first?.name ?? '', second?.name ?? ''] as [string, string] };
    }),
  });
}

/**
 * The request `_id` for an idempotency key: the same key of the same service is the same `_id`, so two copies of
 * one request racing each other are decided by the `_id` index (one insert wins) on every backend.
 */
function idForKey(serviceId: string, key: string): string {
  return `sms_k${createHash('sha256').update(`${serviceId}\n${key}`).digest('hex').slice(0, 24)}`;
}

interface SmsContent {
  type: SmsType;
  body: string;
  title: string | null;
  advertisement: boolean;
}

const fromInput = (input: SmsSendInput): SmsContent => ({
  type: input.type ?? 'SMS',
  body: input.body,
  title: input.title ?? null,
  advertisement: input.advertisement ?? false,
});

/**
 * A template's content. A locked one is sent exactly as stored: a differing body or title is refused (undefined),
 * an empty one takes the template's.
 */
function fromTemplate(template: SmsTemplateDoc, input: SmsSendInput): SmsContent | undefined {
  if (template.editable)
    return {
      type: input.type ?? template.type,
      body: input.body || template.body,
      title: input.title ?? template.title,
      advertisement: input.advertisement ?? template.advertisement,
    };
  const differs = (given: string | null | undefined, stored: string | null) =>
    !!given && given !== (stored ?? '');
  if (differs(input.body, template.body) || differs(input.title, template.title)) return undefined;
  return {
    type: template.type,
    body: template.body,
    title: template.title,
    advertisement: template.advertisement,
  };
}

async function sendableTemplate(
  deps: SmsDeps,
  serviceId: string,
  templateId: string,
): Promise<SmsTemplateDoc | undefined> {
  const { categories, templates } = await templatesOf(deps, serviceId);
  return sendableTemplates(categories, templates).find((t) => t._id === templateId);
}

async function templateImage(deps: SmsDeps, imageId: string): Promise<SmsImage | null> {
  const stored = await deps.store.smsImages.get(imageId);
  return stored ? { fileName: stored.fileName, data: new Uint8Array(stored.data) } : null;
}

async function templatesOf(
  deps: SmsDeps,
  serviceId: string,
): Promise<{ categories: SmsCategoryDoc[]; templates: SmsTemplateDoc[] }> {
  const [categories, templates] = await Promise.all([
    deps.store.smsTemplates.listCategories(serviceId),
    deps.store.smsTemplates.listTemplates(serviceId),
  ]);
  return { categories, templates };
}
