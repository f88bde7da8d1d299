import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localeFromAcceptLanguage } from '../../i18n/index.js';
import type { ApiKeyDoc } from '../../store/api-keys.js';
import type { Store } from '../../store/index.js';
import type { ServiceDoc } from '../../store/services.js';
import { authenticateApiKey } from '../../usecases/api-keys.js';
import { ApiError } from '../api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the API-key hook on every `/api/v1` route that requires a key. */
    auth?: { service: ServiceDoc; apiKey: ApiKeyDoc };
  }
}

const MESSAGES = {
  missing: {
    en: 'Send the API key as "Authorization: Bearer <key>". Admins create keys with /switchboard apikey.',
    ko: 'API 키를 "Authorization: Bearer <key>" 헤더로 보내세요. 키는 관리자가 /switchboard apikey 로 만듭니다.',
  },
  unknown: { en: 'The API key is not valid or was revoked.', ko: 'API 키가 올바르지 않거나 폐기되었습니다.' },
  ip_not_allowed: {
    en: 'This API key may not be used from this IP address.',
    ko: '이 IP 주소에서는 이 API 키를 쓸 수 없습니다.',
  },
} as const;

/** Adds an onRequest hook to the encapsulated context it is called in: every route there needs a valid key. */
export function requireApiKey(app: FastifyInstance, store: Store): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const result = await authenticateApiKey(store, match?.[1], request.ip);
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    if (!result.ok) {
      const status = result.reason === 'ip_not_allowed' ? 403 : 401;
      throw new ApiError(
        status,
        result.reason === 'ip_not_allowed' ? 'ip_not_allowed' : 'unauthorized',
        MESSAGES[result.reason][locale],
      );
    }
    request.auth = { service: result.service, apiKey: result.apiKey };
  });
}

export function authOf(request: FastifyRequest): { service: ServiceDoc; apiKey: ApiKeyDoc } {
  if (!request.auth) throw new Error('route registered outside requireApiKey');
  return request.auth;
}
