import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authOf } from '../plugins/api-auth.js';

export const serviceResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  features: z.object({ callbacks: z.boolean(), sms: z.boolean() }),
  timeZone: z.string(),
  apiKey: z.object({ id: z.string(), name: z.string() }),
});

/** `GET /api/v1/service`: lets integrators check a key and see which service it feeds. */
export function registerServiceRoutes(api: FastifyInstance): void {
  api.get('/service', async (request): Promise<z.infer<typeof serviceResponseSchema>> => {
    const { service, apiKey } = authOf(request);
    return {
      id: service._id,
      name: service.name,
      features: { callbacks: service.settings.callbacksEnabled, sms: service.settings.smsEnabled },
      timeZone: service.settings.timeZone,
      apiKey: { id: apiKey._id, name: apiKey.name },
    };
  });
}
