import { XLSX_CONTENT_TYPE } from '../usecases/export-links.js';
import { z } from 'zod';
import { serviceResponseSchema } from './routes/service.js';
import { callbackListQuerySchema, callbackResponseSchema } from './routes/callbacks.js';
import { callbackIntakeSchema } from '../usecases/callbacks.js';
import { interactionListQuerySchema, interactionListResponseSchema } from './routes/interactions.js';
import {
  smsDetailQuerySchema,
  smsDetailSchema,
  smsListQuerySchema,
  smsListResponseSchema,
  smsReceiptSchema,
  smsSendBodySchema,
} from './routes/sms.js';

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output' }) },
});
const errorResponse = (description: string) => ({ description, content: json(errorSchema) });
const jsonInput = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});
const intakeResponse = callbackResponseSchema.extend({ outcome: z.enum(['created', 'folded', 'replayed']) });
const listResponse = z.object({
  items: z.array(callbackResponseSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
const queryParameters = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  }));

/** What each route does, by path and method; `buildOpenApiDocument` lists the routes Fastify actually has. */
const OPERATIONS: Record<string, Record<string, unknown>> = {
  '/service': {
    get: {
      summary: 'The service this API key belongs to',
      responses: {
        200: { description: 'The service', content: json(serviceResponseSchema) },
        401: errorResponse('No key, or an unknown or revoked key'),
        403: errorResponse('The key may not be used from this address'),
      },
    },
  },
  '/callbacks': {
    post: {
      summary: 'File a callback request',
      description:
        'The phone is stored as digits (9-13; +82 becomes 0). Replaying the same `externalId` or ' +
        '`Idempotency-Key` header returns the callback the first request made; a request for a phone with an ' +
        'open callback folds into it (request count, last requested time).',
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
      requestBody: { required: true, content: jsonInput(callbackIntakeSchema) },
      responses: {
        201: { description: 'A new callback', content: json(intakeResponse) },
        200: {
          description: 'Replayed, or folded into the open callback for this phone',
          content: json(intakeResponse),
        },
        400: errorResponse('`invalid_input` with a message per field in `details`'),
        401: errorResponse('No key, or an unknown or revoked key'),
        403: errorResponse('`feature_disabled`: callbacks are switched off for the service'),
        409: errorResponse('`conflict`: the same request is being handled right now; retry'),
      },
    },
    get: {
      summary: 'List callbacks',
      description:
        'Newest first unless `order=oldest`; `from`/`to` are days in the service time zone; `q` searches a part of ' +
        'the phone number (when it holds a digit) or of the customer name.',
      parameters: queryParameters(callbackListQuerySchema),
      responses: {
        200: { description: 'One page', content: json(listResponse) },
        400: errorResponse('`invalid_request`: a bad filter (a `q` longer than 50 characters)'),
        401: errorResponse('No key, or an unknown or revoked key'),
        403: errorResponse('`feature_disabled`'),
      },
    },
  },
  '/cti/events': {
    post: {
      summary: 'CTI events: one event, an array, or { "events": [...] } (at most 1,000)',
      description:
        'Types call.enqueued, call.answered, call.abandoned, call.exited, call.ended, agent.login, agent.logout, ' +
        'agent.state; each with an `id`, an `at` (ISO time or epoch ms) and a `service`. Replays are ignored by id.',
      requestBody: { required: true, content: { 'application/json': { schema: {} } } },
      responses: {
        202: { description: '{ accepted, duplicates, rejected: [{ index, error }] }' },
        400: errorResponse('`invalid_request`, `too_many_events`, `invalid_json`'),
        401: errorResponse('No key, or an unknown or revoked key'),
        503: errorResponse('`unavailable`: the database is not reachable; retry'),
      },
    },
  },
  '/cti/queue-log': {
    post: {
      summary: 'Asterisk queue_log lines as text/plain (at most 5,000 lines)',
      requestBody: { required: true, content: { 'text/plain': { schema: { type: 'string' } } } },
      responses: {
        202: {
          description: '{ accepted, duplicates, rejected: [{ line, error }], ignored: { VERB: count } }',
        },
        400: errorResponse('`too_many_lines`'),
        401: errorResponse('No key, or an unknown or revoked key'),
        415: errorResponse('`unsupported_media_type`: not text/plain'),
        503: errorResponse('`unavailable`: the database is not reachable; retry'),
      },
    },
  },
  '/wallboard': {
    get: {
      summary: "The service's live wallboard figures",
      responses: {
        200: { description: '{ generatedAt, services: [{ id, name, businessDay, waiting, … }] }' },
        401: errorResponse('No key, or an unknown or revoked key'),
      },
    },
  },
  '/wallboard/stream': {
    get: {
      summary: 'The same figures as server-sent events',
      description: '`event: snapshot` at once and after every change (coalesced), a comment line every 15 s.',
      responses: {
        200: {
          description: 'text/event-stream',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        401: errorResponse('No key, or an unknown or revoked key'),
      },
    },
  },
  '/sms/messages': {
    post: {
      summary: 'Send an SMS or MMS now or at a time',
      description:
        'Every rule of the send screen applies (bytes counted as carriers count them, 10-13 digit recipients, ' +
        'schedule 30 minutes to 24 hours ahead, advertisement rules, one JPG ≤ 300 KB for MMS). Every send is a ' +
        'job: the answer says `queued` or `scheduled`, and results follow in `GET /sms/messages/{id}`. With an ' +
        '`Idempotency-Key` header, a replay of the same key answers 200 with the request the key first made, ' +
        'and nothing is sent again. Bodies above 1 MB are refused with 413 `payload_too_large`.',
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
      requestBody: { required: true, content: jsonInput(smsSendBodySchema) },
      responses: {
        201: { description: 'Accepted: `queued` (now) or `scheduled`', content: json(smsReceiptSchema) },
        200: {
          description: 'A replay of an `Idempotency-Key` already used: the same request, nothing sent again',
          content: json(smsReceiptSchema),
        },
        400: errorResponse('`invalid_request`: the body is not a JSON object'),
        401: errorResponse('No key, or an unknown or revoked key'),
        403: errorResponse('`feature_disabled`: SMS is switched off for the service'),
        413: errorResponse('`payload_too_large`: the body is over 1 MB'),
        422: errorResponse(
          '`invalid_input`: `details` names each wrong field (`body`, `title`, `recipients`, `sendNo`, ' +
            '`sendAt`, `image`, `advertisement`, `type`) with the byte count, the characters or every bad number',
        ),
      },
    },
    get: {
      summary: 'List send requests, newest first, with delivery counts',
      description: '`from`/`to` are days in the service time zone.',
      parameters: queryParameters(smsListQuerySchema),
      responses: {
        200: { description: 'One page', content: json(smsListResponseSchema) },
        400: errorResponse('`invalid_request`: a bad filter'),
        401: errorResponse('No key, or an unknown or revoked key'),
      },
    },
  },
  '/sms/messages/{id}': {
    get: {
      summary: 'One send request with its recipients and their results',
      description:
        'Recipients are paged by 1,000: `recipientPage` picks the page, `recipientPage` in the answer says how many there are.',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        ...queryParameters(smsDetailQuerySchema),
      ],
      responses: {
        200: { description: 'The request', content: json(smsDetailSchema) },
        401: errorResponse('No key, or an unknown or revoked key'),
        404: errorResponse("`not_found`: no such request in this key's service"),
      },
    },
  },
  '/sms/messages/{id}/cancel': {
    post: {
      summary: 'Cancel a scheduled send that has not started',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: {
          description: 'Cancelled: nobody receives it',
          content: json(z.object({ id: z.string(), status: z.literal('cancelled') })),
        },
        401: errorResponse('No key, or an unknown or revoked key'),
        404: errorResponse("`not_found`: no such request in this key's service"),
        409: errorResponse(
          '`already_started`: sending has begun; `already_final`: it is sent, failed or cancelled',
        ),
      },
    },
  },
  '/sms/nhn-webhook': {
    post: {
      summary: "NHN Cloud's delivery-result webhook",
      description:
        'Called by NHN Cloud, not by integrations: no API key; the `X-Toast-Webhook-Signature` header must equal ' +
        '`NHN_SMS_WEBHOOK_SECRET`. Body: `{ hooksId, productName, event: "MESSAGE_RESULT_UPDATE", hooks: [...] }`.',
      security: [],
      parameters: [
        { name: 'X-Toast-Webhook-Signature', in: 'header', required: true, schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: {} } } },
      responses: {
        200: { description: '{ updated }: recipients whose result changed' },
        400: errorResponse('`invalid_input`: signed, but not a result webhook (no `hooks` list)'),
        401: errorResponse('`invalid_signature`: the header is missing or wrong; nothing changed'),
        404: errorResponse('`not_configured`: no `NHN_SMS_WEBHOOK_SECRET` is set'),
      },
    },
  },
  '/interactions': {
    get: {
      summary: 'Interaction records: registered history and tickets created on Connect',
      description:
        'Newest first. `kind` is `history` (Register history) or `outbound_call` (the ticket Call created with ' +
        'outbound ticket auto-creation on). `phone` is matched as digits in any format a callback takes. `from` ' +
        'and `to` are days (YYYY-MM-DD) in the service time zone, both inclusive, or ISO 8601 date-times with ' +
        'their offset (`to` exclusive). Pages: `limit` (1-200, default 50), then pass `nextCursor` back as ' +
        '`cursor` until it is null.',
      parameters: queryParameters(interactionListQuerySchema),
      responses: {
        200: { description: 'One page of records', content: json(interactionListResponseSchema) },
        400: errorResponse(
          '`invalid_request`: an unknown parameter or a malformed date (`error.details` names it); ' +
            '`invalid_input`: a phone that is not a phone number or a cursor that is not ours (`error.details.phone`, ' +
            '`.cursor`), or `to` not after `from`',
        ),
        401: errorResponse('No key, or an unknown or revoked key'),
        403: errorResponse('`feature_disabled`: callbacks are switched off for the service'),
      },
    },
  },
  '/openapi.json': {
    get: {
      summary: 'This document',
      security: [],
      responses: { 200: { description: 'The OpenAPI 3.1 document' } },
    },
  },
};

/**
 * The OpenAPI 3.1 document for `/api/v1`: one entry per route Fastify registered under `/api/v1` (collected with an
 * `onRoute` hook), described with the same zod schemas the routes validate with, so neither can drift from the
 * code. Served at `/api/v1/openapi.json`.
 */
export function buildOpenApiDocument(publicUrl: string, routes: { method: string; url: string }[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    // Fastify's `:id` is OpenAPI's `{id}`; every route Fastify registered under /api/v1 is listed, documented or not.
    const path = route.url.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}') || '/';
    const method = route.method.toLowerCase();
    (paths[path] ??= {})[method] = OPERATIONS[path]?.[method] ?? {
      summary: `${route.method} ${path}`,
      responses: { 200: { description: 'OK' }, 401: errorResponse('No key, or an unknown or revoked key') },
    };
  }
  // Outside /api/v1 and without an API key: the download behind an export link Teams hands out (the link is the key).
  paths['/exports/{token}'] = {
    get: {
      servers: [{ url: publicUrl }],
      summary: 'An export file (.xlsx) behind a signed link that expires (15 minutes)',
      security: [],
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: {
          description: "The workbook, `Content-Disposition: attachment; filename*=UTF-8''…`",
          content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
        },
        404: errorResponse('`not_found`: no such link (unknown or altered token)'),
        410: errorResponse('`gone`: the link has expired'),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1',
      description:
        'Callback intake, SMS sending, CTI events and wallboard figures of a Switchboard service. Authenticate with ' +
        '`Authorization: Bearer <api key>`; every error is `{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A key from /switchboard apikey' },
      },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}
