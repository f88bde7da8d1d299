import type { FastifyInstance } from 'fastify';
import { localeFromAcceptLanguage, translate } from '../../i18n/index.js';
import type { ErrorBody } from '../api-error.js';

export interface DatabaseDeadlineOptions {
  /** Whether the database answers right now (kept fresh in the background, see `DatabaseHealth`). */
  isAnswering(): boolean;
  /** How long a request may wait before it is answered 503 — if the database is not answering by then. */
  afterMs: number;
}

/**
 * Bounds how long a request waits on a database that does not answer. A frozen server (alive, accepting
 * connections, silent) keeps a driver operation waiting until the driver's own monitor notices, several seconds
 * later, and a request may make more than one. So: once a request has run for `afterMs` and the database is not
 * answering pings, it gets the same 503 a refused connection gets, and the work left behind fails on its own.
 * A request that is merely slow while the database answers is left alone. Event streams have taken their reply
 * over (`reply.sent`) and are never cut.
 */
export function boundDatabaseWait(app: FastifyInstance, options: DatabaseDeadlineOptions): void {
  const recheckMs = Math.min(500, options.afterMs);
  app.addHook('onRequest', async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const check = () => {
      if (reply.sent) return;
      if (options.isAnswering()) {
        timer = setTimeout(check, recheckMs);
        return;
      }
      request.log.warn({ url: request.url.split('?')[0] }, 'database not answering; request answered 503');
      // Same code and Retry-After as a refused connection (`errors.ts`), but not "nothing was stored": a write
      // already sent to a frozen server may still be applied when it wakes. Retrying is safe (replays are
      // recognised by event id, externalId and Idempotency-Key).
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      const body: ErrorBody = {
        error: { code: 'unavailable', message: translate(locale, 'api.databaseNotAnswering') },
      };
      void reply.status(503).header('retry-after', '5').send(body);
    };
    timer = setTimeout(check, options.afterMs);
    const clear = () => clearTimeout(timer);
    reply.raw.once('close', clear);
    reply.raw.once('finish', clear);
  });
}
