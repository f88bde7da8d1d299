import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { localeFromAcceptLanguage } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import { LIST_SCOPES } from '../../usecases/callbacks.js';
import type { UseCases } from '../../usecases/index.js';
import { dayRangeIn } from '../../domain/callback-ranges.js';
import { CALLBACK_SEARCH_MAX_LENGTH } from '../../domain/callback-search.js';
import type { Actor } from '../../usecases/actor.js';
import { apiErrorFromProblem, ApiError, parseOrThrow } from '../api-error.js';
import { authOf } from '../plugins/api-auth.js';

/** The public shape of a callback (README: `id`, `status`, `phone`, `requestCount`, `requestedAt`). */
export const callbackResponseSchema = z.object({
  id: z.string(),
  status: z.enum(['unassigned', 'assigned', 'completed', 'cancelled']),
  phone: z.string(),
  requestCount: z.number().int(),
  requestedAt: z.string(),
  lastRequestedAt: z.string(),
  name: z.string().nullable(),
  source: z.string(),
  note: z.string().nullable(),
  preferredAt: z.string().nullable(),
  externalId: z.string().nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  attempts: z.number().int(),
});

export function callbackResponse(c: CallbackDoc, names: Map<string, string> = new Map()) {
  return {
    id: c._id,
    status: c.status,
    phone: c.phone,
    requestCount: c.requestCount,
    requestedAt: c.requestedAt.toISOString(),
    lastRequestedAt: c.lastRequestedAt.toISOString(),
    name: c.name,
    source: c.source,
    note: c.note,
    preferredAt: c.preferredAt?.toISOString() ?? null,
    externalId: c.externalId,
    assignee: c.assigneeId ? { id: c.assigneeId, name: names.get(c.assigneeId) ?? c.assigneeId } : null,
    assignedAt: c.assignedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
    outcome: c.outcome,
    attempts: c.attempts.length,
  };
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const callbackListQuerySchema = z
  .object({
    status: z.enum(LIST_SCOPES).default('all'),
    assignee: z.string().max(100).optional(),
    /** Requested on or after this day (service time zone). */
    from: day.optional(),
    /** Requested on or before this day (service time zone). */
    to: day.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    order: z.enum(['newest', 'oldest']).default('newest'),
    q: z
      .string()
      .max(CALLBACK_SEARCH_MAX_LENGTH)
      .optional()
      .describe(
        'Search: with any digit, a part of the phone number (digits only: `5678`, `010-1234`); ' +
          'otherwise a part of the customer name, ignoring case',
      ),
  })
  .strict();

/**
 * `POST /callbacks` (201 new, 200 replayed or folded into the open callback for the same phone) and
 * `GET /callbacks` (filters and paging). Both go through the same use cases as Slack and Teams.
 */
export function registerCallbackRoutes(api: FastifyInstance, callbacks: UseCases['callbacks']): void {
  const actorOf = (request: Parameters<typeof authOf>[0]): Actor => {
    const { service, apiKey } = authOf(request);
    return { kind: 'apiKey', keyId: apiKey._id, serviceId: service._id };
  };

  api.post('/callbacks', async (request, reply) => {
    const { service } = authOf(request);
    const header = request.headers['idempotency-key'];
    const idempotencyKey =
      typeof header === 'string' && header.trim() ? header.trim().slice(0, 200) : undefined;
    if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body))
      throw new ApiError(400, 'invalid_request', 'Send one callback as a JSON object');
    const result = await callbacks.receiveCallback(actorOf(request), service._id, request.body, {
      idempotencyKey,
      defaultSource: 'api',
      service,
    });
    if (!result.ok) {
      // A request still in flight (or one that died moments ago): say when its claim can be taken over.
      if (result.problem.retryAfterSeconds)
        void reply.header('retry-after', String(result.problem.retryAfterSeconds));
      throw apiErrorFromProblem(result.problem, localeFromAcceptLanguage(request.headers['accept-language']));
    }
    const { callback, outcome } = result.value;
    return reply.status(outcome === 'created' ? 201 : 200).send({ ...callbackResponse(callback), outcome });
  });

  api.get('/callbacks', async (request) => {
    const { service } = authOf(request);
    const query = parseOrThrow(callbackListQuerySchema, request.query, 'query');
    const range = dayRangeIn(service.settings.timeZone, query.from, query.to);
    if (!range.ok) throw new ApiError(400, 'invalid_request', range.error);
    const result = await callbacks.listCallbacks(actorOf(request), service._id, {
      scope: query.status,
      assigneeId: query.assignee,
      from: range.from,
      to: range.to,
      page: query.page,
      pageSize: query.pageSize,
      order: query.order,
      q: query.q,
    });
    if (!result.ok)
      throw apiErrorFromProblem(result.problem, localeFromAcceptLanguage(request.headers['accept-language']));
    const { items, total, page, pageSize, names } = result.value;
    return { items: items.map((c) => callbackResponse(c, names)), total, page, pageSize };
  });
}
