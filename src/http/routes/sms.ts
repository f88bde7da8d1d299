import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dayRangeIn } from '../../domain/callback-ranges.js';
import type { Locale } from '../../domain/service-settings.js';
import {
  SMS_RECIPIENT_STATUSES,
  SMS_REQUEST_STATUSES,
  SMS_TYPES,
  type SmsImage,
  type SmsType,
} from '../../domain/sms.js';
import { localeFromAcceptLanguage, translate, type MessageKey } from '../../i18n/index.js';
import type { Actor } from '../../usecases/actor.js';
import type { Problem, Result } from '../../usecases/result.js';
import type {
  SmsHistoryPage,
  SmsHistoryQuery,
  SmsRecipientView,
  SmsRequestDetail,
  SmsRequestSummary,
  SmsSendInput,
  SmsSendReceipt,
} from '../../usecases/sms/types.js';
import { apiErrorFromProblem, ApiError, parseOrThrow } from '../api-error.js';
import { authOf } from '../plugins/api-auth.js';

/**
 * The SMS API (README, "HTTP API"): send, list, detail, cancel, and NHN Cloud's result webhook. Every rule is the
 * use cases' (the same as Slack's and Teams'); this file only turns JSON into their input and their answers into
 * JSON, with the API's status codes: 422 for a send that breaks a rule, 409 for a cancel that came too late.
 */

// ── request and response shapes (also the OpenAPI document's) ───────────────────────────────────────────────────

export const smsSendBodySchema = z
  .object({
    body: z.string().describe('The message; bytes are counted as Korean carriers count them (CP949)'),
    recipients: z
      .union([z.array(z.string()), z.string()])
      .describe(
        '10-13 digit numbers: an array, or one comma-separated string; spaces and hyphens are ignored',
      ),
    type: z
      .enum(SMS_TYPES)
      .optional()
      .describe('Default SMS (90 bytes); MMS for up to 2,000 bytes and an image'),
    title: z.string().nullable().optional().describe('MMS title, up to 40 bytes'),
    sendNo: z
      .string()
      .nullable()
      .optional()
      .describe("Default: the service's first registered sender number"),
    sendAt: z
      .string()
      .nullable()
      .optional()
      .describe('ISO 8601 time with its offset, 30 minutes to 24 hours ahead; absent or null: send now'),
    templateId: z.string().nullable().optional(),
    advertisement: z
      .boolean()
      .optional()
      .describe('Advertisement rules apply: (광고) prefix, opt-out line, no night sends'),
    image: z.string().nullable().optional().describe('MMS only: one JPG (≤ 300 KB, ≤ 1000×1000) as base64'),
  })
  .strict();

export const smsReceiptSchema = z.object({
  id: z.string(),
  status: z.enum(SMS_REQUEST_STATUSES),
  type: z.enum(SMS_TYPES),
  bytes: z.number().int(),
  recipientCount: z.number().int(),
  sendAt: z.string().nullable(),
  /** True when the Idempotency-Key matched an earlier request (answered 200, nothing sent again). */
  replayed: z.boolean(),
});

const countsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  success: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});

export const smsSummarySchema = z.object({
  id: z.string(),
  status: z.enum(SMS_REQUEST_STATUSES),
  type: z.enum(SMS_TYPES),
  advertisement: z.boolean(),
  body: z.string(),
  title: z.string().nullable(),
  sendNo: z.string(),
  bytes: z.number().int(),
  sendAt: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  counts: countsSchema,
});

export const smsRecipientSchema = z.object({
  phone: z.string(),
  status: z.enum(SMS_RECIPIENT_STATUSES),
  resultCode: z.string().nullable(),
  resultMessage: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

export const smsDetailSchema = smsSummarySchema.extend({
  recipients: z.array(smsRecipientSchema),
  recipientPage: z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int() }),
});

export const smsListResponseSchema = z.object({
  items: z.array(smsSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const smsListQuerySchema = z
  .object({
    /** Requested on or after this day (service time zone). */
    from: day.optional(),
    /** Requested on or before this day (service time zone). */
    to: day.optional(),
    status: z.enum(SMS_REQUEST_STATUSES).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const smsDetailQuerySchema = z
  .object({ recipientPage: z.coerce.number().int().min(1).default(1) })
  .strict();

/** A base64 JPG of 300 KB is about 400 KB of JSON; a little room beyond that so an oversized image is named. */
export const SMS_SEND_BODY_LIMIT = 1024 * 1024;

// ── presenters ──────────────────────────────────────────────────────────────────────────────────────────────────

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function smsReceiptResponse(r: SmsSendReceipt): z.infer<typeof smsReceiptSchema> {
  return {
    id: r.id,
    status: r.status,
    type: r.type,
    bytes: r.bytes,
    recipientCount: r.recipientCount,
    sendAt: iso(r.sendAt),
    replayed: r.replayed,
  };
}

export function smsSummaryResponse(s: SmsRequestSummary): z.infer<typeof smsSummarySchema> {
  return {
    id: s.id,
    status: s.status,
    type: s.type,
    advertisement: s.advertisement,
    body: s.body,
    title: s.title,
    sendNo: s.sendNo,
    bytes: s.bytes,
    sendAt: iso(s.sendAt),
    createdAt: s.createdAt.toISOString(),
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
    requestedBy: { id: s.requestedBy.id, name: s.requestedBy.name },
    counts: {
      total: s.counts.total,
      pending: s.counts.pending,
      success: s.counts.success,
      failed: s.counts.failed,
      cancelled: s.counts.cancelled,
    },
  };
}

const recipientResponse = (r: SmsRecipientView): z.infer<typeof smsRecipientSchema> => ({
  phone: r.phone,
  status: r.status,
  resultCode: r.resultCode,
  resultMessage: r.resultMessage,
  deliveredAt: iso(r.deliveredAt),
});

export function smsDetailResponse(d: SmsRequestDetail): z.infer<typeof smsDetailSchema> {
  return {
    ...smsSummaryResponse(d),
    recipients: d.recipients.map(recipientResponse),
    recipientPage: {
      page: d.recipientPage.page,
      pageSize: d.recipientPage.pageSize,
      total: d.recipientPage.total,
    },
  };
}

// ── errors ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The use case's conflicts by message key → the API's stable codes (README). */
const CONFLICT_CODES: Record<string, string> = {
  'smsDelivery.alreadyStarted': 'already_started',
  'smsDelivery.alreadyFinal': 'already_final',
};

/** As `apiErrorFromProblem`, with the SMS API's codes: a rule broken → 422, a cancel too late → 409 with its own code. */
export function smsApiError(problem: Problem, locale: Locale): ApiError {
  const error = apiErrorFromProblem(problem, locale);
  if (problem.code === 'invalid_input') return new ApiError(422, error.code, error.message, error.details);
  const conflict = problem.code === 'conflict' ? CONFLICT_CODES[problem.message] : undefined;
  if (conflict) return new ApiError(409, conflict, error.message, error.details);
  return error;
}

// ── the send body, field by field ───────────────────────────────────────────────────────────────────────────────

const SEND_FIELDS = new Set(Object.keys(smsSendBodySchema.shape));
/** `…T15:00+09:00`, `…T15:00:00Z`, `…T15:00:00.123+0900`: a date, a time and an offset, nothing less. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** An instant written with its offset; undefined for anything else (no offset, 2026-02-30, 25:00). */
export function parseIsoWithOffset(text: string): Date | undefined {
  const m = ISO_WITH_OFFSET.exec(text.trim());
  if (!m) return undefined;
  const [year, month, dayOfMonth, hour, minute, second] = m
    .slice(1, 7)
    .map((v) => Number(v ?? 0)) as number[];
  const calendar = new Date(Date.UTC(year!, month! - 1, dayOfMonth!));
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month! - 1 ||
    calendar.getUTCDate() !== dayOfMonth ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59 ||
    Number(m[8] ?? 0) > 14 ||
    Number(m[9] ?? 0) > 59
  )
    return undefined;
  const at = new Date(text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Base64 (or a `data:image/…;base64,` URL) → bytes; undefined when it is not base64 at all. */
export function decodeBase64Image(text: string): Uint8Array | undefined {
  const payload = text.replace(/^data:[\w.+/-]*;base64,/i, '').replace(/\s+/g, '');
  if (!payload || !BASE64.test(payload)) return undefined;
  return new Uint8Array(Buffer.from(payload, 'base64'));
}

type SendFieldError = { field: string; message: MessageKey };

/**
 * The JSON body as `SmsSendInput`, or every field whose JSON type or format is wrong (the rules themselves — bytes,
 * numbers, schedule window, image size — are the use case's). A missing body or recipient list is passed on empty,
 * so the rule's own words ("enter a message") answer it.
 */
export function sendInputFromJson(
  body: Record<string, unknown>,
): { ok: true; input: SmsSendInput } | { ok: false; errors: SendFieldError[] } {
  const errors: SendFieldError[] = [];
  const fail = (field: string, message: MessageKey) => {
    errors.push({ field, message });
    return undefined;
  };
  for (const key of Object.keys(body)) if (!SEND_FIELDS.has(key)) fail(key, 'smsApi.field.unknown');

  const optionalText = (field: string): string | null | undefined => {
    const value = body[field];
    if (value === undefined || value === null) return value;
    return typeof value === 'string' ? value : fail(field, 'smsApi.field.text');
  };

  const text = optionalText('body');
  const recipientsValue = body.recipients;
  let recipients: string | string[] = '';
  if (typeof recipientsValue === 'string') recipients = recipientsValue;
  else if (Array.isArray(recipientsValue) && recipientsValue.every((r) => typeof r === 'string'))
    recipients = recipientsValue as string[];
  else if (recipientsValue !== undefined && recipientsValue !== null)
    fail('recipients', 'smsApi.field.recipients');

  let type: SmsType | undefined;
  if (body.type !== undefined && body.type !== null) {
    const upper = typeof body.type === 'string' ? body.type.trim().toUpperCase() : undefined;
    if ((SMS_TYPES as readonly (string | undefined)[]).includes(upper)) type = upper as SmsType;
    else fail('type', 'smsApi.field.type');
  }

  const title = optionalText('title');
  const sendNo = optionalText('sendNo');
  const templateId = optionalText('templateId');

  let sendAt: Date | null = null;
  const sendAtText = optionalText('sendAt');
  if (typeof sendAtText === 'string') {
    const at = parseIsoWithOffset(sendAtText);
    if (at) sendAt = at;
    else fail('sendAt', 'smsApi.field.sendAt');
  } else if (body.sendAt !== undefined && body.sendAt !== null) fail('sendAt', 'smsApi.field.sendAt');

  let advertisement = false;
  if (typeof body.advertisement === 'boolean') advertisement = body.advertisement;
  else if (body.advertisement !== undefined && body.advertisement !== null)
    fail('advertisement', 'smsApi.field.boolean');

  let image: SmsImage | null = null;
  if (typeof body.image === 'string') {
    const data = decodeBase64Image(body.image);
    if (data) image = { fileName: 'image.jpg', data };
    else fail('image', 'smsApi.field.image');
  } else if (body.image !== undefined && body.image !== null) fail('image', 'smsApi.field.image');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      type,
      body: text ?? '',
      title: title ?? null,
      recipients,
      sendNo: sendNo ?? null,
      sendAt,
      templateId: templateId ?? null,
      advertisement,
      image,
    },
  };
}

// ── routes ──────────────────────────────────────────────────────────────────────────────────────────────────────

const localeOf = (request: FastifyRequest): Locale =>
  localeFromAcceptLanguage(request.headers['accept-language']);

const actorOf = (request: FastifyRequest): Actor => {
  const { service, apiKey } = authOf(request);
  return { kind: 'apiKey', keyId: apiKey._id, serviceId: service._id };
};

/** What these routes need of `usecases.sms` (the shapes of usecases/sms/types.ts). */
export interface SmsApiUseCases {
  sendSms(actor: Actor, serviceId: string, input: SmsSendInput): Promise<Result<SmsSendReceipt>>;
  listSmsRequests(actor: Actor, serviceId: string, query: SmsHistoryQuery): Promise<Result<SmsHistoryPage>>;
  getSmsRequest(
    actor: Actor,
    serviceId: string,
    id: string,
    options: { recipientPage?: number },
  ): Promise<Result<SmsRequestDetail>>;
  cancelSmsRequest(
    actor: Actor,
    serviceId: string,
    id: string,
  ): Promise<Result<{ id: string; status: 'cancelled' }>>;
  receiveNhnResults(payload: unknown): Promise<Result<{ updated: number }>>;
}

/** `POST/GET /sms/messages`, `GET /sms/messages/:id`, `POST /sms/messages/:id/cancel` (API key required). */
export function registerSmsRoutes(
  api: FastifyInstance,
  sms: Omit<SmsApiUseCases, 'receiveNhnResults'>,
): void {
  api.post('/sms/messages', { bodyLimit: SMS_SEND_BODY_LIMIT }, async (request, reply) => {
    const { service } = authOf(request);
    const locale = localeOf(request);
    if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body))
      throw new ApiError(400, 'invalid_request', 'Send one SMS request as a JSON object');
    const parsed = sendInputFromJson(request.body as Record<string, unknown>);
    if (!parsed.ok)
      throw new ApiError(
        422,
        'invalid_input',
        translate(locale, 'smsApi.invalidRequest'),
        Object.fromEntries(parsed.errors.map((e) => [e.field, translate(locale, e.message)])),
      );
    const header = request.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' && header.trim() ? header.trim().slice(0, 200) : null;
    const result = await sms.sendSms(actorOf(request), service._id, { ...parsed.input, idempotencyKey });
    if (!result.ok) {
      if (result.problem.retryAfterSeconds)
        void reply.header('retry-after', String(result.problem.retryAfterSeconds));
      throw smsApiError(result.problem, locale);
    }
    const receipt = result.value;
    // A replay answers 200 with the request the key first made (nothing is sent again); a new request 201.
    if (!receipt.replayed)
      void reply.header('location', `/api/v1/sms/messages/${encodeURIComponent(receipt.id)}`);
    return reply.status(receipt.replayed ? 200 : 201).send(smsReceiptResponse(receipt));
  });

  api.get('/sms/messages', async (request) => {
    const { service } = authOf(request);
    const query = parseOrThrow(smsListQuerySchema, request.query, 'query');
    const range = dayRangeIn(service.settings.timeZone, query.from, query.to);
    if (!range.ok) throw new ApiError(400, 'invalid_request', range.error);
    const result = await sms.listSmsRequests(actorOf(request), service._id, {
      from: range.from,
      to: range.to,
      status: query.status,
      page: query.page,
      pageSize: query.pageSize,
    });
    if (!result.ok) throw smsApiError(result.problem, localeOf(request));
    const { items, page, pageSize, total } = result.value;
    return { items: items.map(smsSummaryResponse), page, pageSize, total };
  });

  api.get<{ Params: { id: string } }>('/sms/messages/:id', async (request) => {
    const { service } = authOf(request);
    const query = parseOrThrow(smsDetailQuerySchema, request.query, 'query');
    const result = await sms.getSmsRequest(actorOf(request), service._id, request.params.id, {
      recipientPage: query.recipientPage,
    });
    if (!result.ok) throw smsApiError(result.problem, localeOf(request));
    return smsDetailResponse(result.value);
  });

  api.post<{ Params: { id: string } }>('/sms/messages/:id/cancel', async (request) => {
    const { service } = authOf(request);
    const result = await sms.cancelSmsRequest(actorOf(request), service._id, request.params.id);
    if (!result.ok) throw smsApiError(result.problem, localeOf(request));
    return { id: result.value.id, status: result.value.status };
  });
}

/** Equal secrets, compared in constant time whatever their lengths (both are hashed to 32 bytes first). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `POST /sms/nhn-webhook`: NHN Cloud's result webhook. No API key (NHN cannot send one): the request must carry
 * `X-Toast-Webhook-Signature` equal to `NHN_SMS_WEBHOOK_SECRET`, checked before the body is read. Without a
 * configured secret the route answers 404 `not_configured`: results still arrive by polling, and an endpoint that
 * took unsigned results would let anyone mark messages delivered.
 */
export function registerSmsWebhook(
  api: FastifyInstance,
  receiveNhnResults: SmsApiUseCases['receiveNhnResults'],
  secret: string | undefined,
): void {
  api.post(
    '/sms/nhn-webhook',
    {
      onRequest: async (request) => {
        const locale = localeOf(request);
        if (!secret)
          throw new ApiError(404, 'not_configured', translate(locale, 'smsApi.webhook.notConfigured'));
        const given = request.headers['x-toast-webhook-signature'];
        if (typeof given !== 'string' || !sameSecret(given, secret))
          throw new ApiError(401, 'invalid_signature', translate(locale, 'smsApi.webhook.badSignature'));
      },
    },
    async (request) => {
      const result = await receiveNhnResults(request.body);
      if (!result.ok) throw apiErrorFromProblem(result.problem, localeOf(request));
      return { updated: result.value.updated };
    },
  );
}
