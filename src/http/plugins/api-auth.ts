import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localeFromAcceptLanguage, translate, type MessageKey } from '../../i18n/index.js';
import type { ApiKeyDoc } from '../../domain/api-keys.js';
import type { ServiceDoc } from '../../domain/services.js';
import type { UseCases } from '../../usecases/index.js';
import { ApiError } from '../api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the API-key hook on every `/api/v1` route that requires a key. */
    auth?: { service: ServiceDoc; apiKey: ApiKeyDoc };
  }
}

const MESSAGES = {
  missing: 'apikey.missing',
  unknown: 'apikey.unknown',
  ip_not_allowed: 'apikey.ipNotAllowed',
} as const satisfies Record<string, MessageKey>;

/** Adds an onRequest hook to the encapsulated context it is called in: every route there needs a valid key. */
export function requireApiKey(
  app: FastifyInstance,
  authenticateApiKey: UseCases['apiKeys']['authenticateApiKey'],
): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const result = await authenticateApiKey(match?.[1], request.ip);
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    if (!result.ok) {
      const status = result.reason === 'ip_not_allowed' ? 403 : 401;
      throw new ApiError(
        status,
        result.reason === 'ip_not_allowed' ? 'ip_not_allowed' : 'unauthorized',
        translate(locale, MESSAGES[result.reason]),
      );
    }
    request.auth = { service: result.service, apiKey: result.apiKey };
  });
}

export function authOf(request: FastifyRequest): { service: ServiceDoc; apiKey: ApiKeyDoc } {
  if (!request.auth) throw new Error('route registered outside requireApiKey');
  return request.auth;
}
