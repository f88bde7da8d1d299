import { z } from 'zod';
import { serviceResponseSchema } from './routes/service.js';

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output' }) },
});
const errorResponse = (description: string) => ({ description, content: json(errorSchema) });

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
    },
  };
}
