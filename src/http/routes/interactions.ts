import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dayRangeIn } from '../../domain/callback-ranges.js';
import { localeFromAcceptLanguage } from '../../i18n/index.js';
import type { InteractionEntry } from '../../usecases/callbacks.js';
import type { UseCases } from '../../usecases/index.js';
import { apiErrorFromProblem, ApiError, parseOrThrow } from '../api-error.js';
import { authOf } from '../plugins/api-auth.js';

/** One interaction record: registered history (`history`) or the ticket Call created (`outbound_call`). */
export const interactionResponseSchema = z.object({
  id: z.string(),
  kind: z.enum(['history', 'outbound_call']),
  createdAt: z.string(),
  callbackId: z.string().nullable(),
  phone: z.string().nullable(),
  customerName: z.string().nullable(),
  member: z.object({ id: z.string(), name: z.string() }),
  channel: z.enum(['phone', 'sms', 'chat', 'email', 'visit', 'other']),
  summary: z.string().nullable(),
  note: z.string().nullable(),
  /** Whether it went to the service's ticket webhook. */
  forward: z.enum(['none', 'pending', 'sent', 'failed']),
});

export const interactionListResponseSchema = z.object({
  items: z.array(interactionResponseSchema),
  nextCursor: z.string().nullable(),
});

export function interactionResponse(e: InteractionEntry): z.infer<typeof interactionResponseSchema> {
  return {
    id: e.id,
    kind: e.kind,
    createdAt: e.at.toISOString(),
    callbackId: e.callbackId,
    phone: e.phone,
    customerName: e.customerName,
    member: { id: e.memberId, name: e.memberName },
    channel: e.channel,
    summary: e.summary,
    note: e.note,
    forward: e.forward,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A day (service time zone) or an exact ISO 8601 instant with its offset. */
const dayOrInstant = z
  .string()
  .refine((v) => DAY.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success, {
    message: 'YYYY-MM-DD, or an ISO 8601 date-time with its offset (2026-11-22T09:00:00+09:00)',
  });

export const interactionListQuerySchema = z
  .object({
    /** Any format `/callback new` takes (010-1234-5678, +82 10…); matched as digits. */
    phone: z.string().max(40).optional(),
    callbackId: z.string().max(100).optional(),
    /** From this day (service time zone, from its midnight) or instant, inclusive. */
    from: dayOrInstant.optional(),
    /** To this day (service time zone, through its end) inclusive, or before this instant. */
    to: dayOrInstant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** `nextCursor` of the previous page. */
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** `GET /interactions`: registered history and auto-created tickets, newest first, a page at a time. */
export function registerInteractionRoutes(api: FastifyInstance, callbacks: UseCases['callbacks']): void {
  api.get('/interactions', async (request) => {
    const { service, apiKey } = authOf(request);
    const query = parseOrThrow(interactionListQuerySchema, request.query, 'query');
    const timeZone = service.settings.timeZone;
    const days = dayRangeIn(
      timeZone,
      query.from && DAY.test(query.from) ? query.from : undefined,
      query.to && DAY.test(query.to) ? query.to : undefined,
    );
    if (!days.ok) throw new ApiError(400, 'invalid_request', days.error);
    const from = query.from && !DAY.test(query.from) ? new Date(query.from) : days.from;
    const to = query.to && !DAY.test(query.to) ? new Date(query.to) : days.to;
    const result = await callbacks.listInteractions(
      { kind: 'apiKey', keyId: apiKey._id, serviceId: service._id },
      service._id,
      {
        phone: query.phone,
        callbackId: query.callbackId,
        from,
        to,
        limit: query.limit,
        cursor: query.cursor,
      },
    );
    if (!result.ok)
      throw apiErrorFromProblem(result.problem, localeFromAcceptLanguage(request.headers['accept-language']));
    return { items: result.value.items.map(interactionResponse), nextCursor: result.value.nextCursor };
  });
}
