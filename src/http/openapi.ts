import { z } from 'zod';
import { serviceResponseSchema } from './routes/service.js';
import { callbackListQuerySchema, callbackResponseSchema } from './routes/callbacks.js';
import { callbackIntakeSchema } from '../usecases/callbacks.js';

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

/**
 * The OpenAPI 3.1 document for `/api/v1`, generated from the same zod schemas the routes validate with, so the
 * two cannot drift apart. Served at `/api/v1/openapi.json`.
 */
export function buildOpenApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1',
      description:
        'Callback intake, CTI events and wallboard figures of a Switchboard service. Authenticate with ' +
        '`Authorization: Bearer <api key>`; every error is `{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A key from /switchboard apikey' },
      },
    },
    security: [{ apiKey: [] }],
    paths: {
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
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
          ],
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
          description: 'Newest first unless `order=oldest`; `from`/`to` are days in the service time zone.',
          parameters: queryParameters(callbackListQuerySchema),
          responses: {
            200: { description: 'One page', content: json(listResponse) },
            400: errorResponse('`invalid_request`: a bad filter'),
            401: errorResponse('No key, or an unknown or revoked key'),
            403: errorResponse('`feature_disabled`'),
          },
        },
      },
    },
  };
}
