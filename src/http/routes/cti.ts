import type { FastifyInstance, FastifyReply } from 'fastify';
import { localeFromAcceptLanguage, translate } from '../../i18n/index.js';
import type { Locale } from '../../domain/service-settings.js';
import { MAX_EVENTS_PER_REQUEST, type IngestionOutcome } from '../../usecases/cti-ingestion.js';
import type { UseCases } from '../../usecases/index.js';
import { ApiError, type ErrorBody } from '../api-error.js';
import { authOf } from '../plugins/api-auth.js';

const MAX_QUEUE_LOG_LINES = 5000;

/**
 * 202 with the report once the new events are stored (and abandoned calls filed). While another request is filing
 * an abandoned call's callback, a 503 with Retry-After: the events are stored, and the PBX's retry (all
 * duplicates) files the callback if that other request never does.
 */
function answer<R extends IngestionOutcome>(reply: FastifyReply, locale: Locale, outcome: R) {
  const { callbacksPending, ...report } = outcome;
  if (callbacksPending.length === 0) return reply.status(202).send(report);
  return reply
    .status(503)
    .header('retry-after', '5')
    .send({
      error: {
        code: 'callback_pending',
        message: translate(locale, 'cti.callbackPending', { calls: callbacksPending.join(', ') }),
        details: report,
      },
    } satisfies ErrorBody);
}

/**
 * `POST /cti/events` (one event, an array, or `{ "events": [...] }`) and `POST /cti/queue-log` (Asterisk lines as
 * text/plain). Both answer 202 once the new events are durably stored; a database outage is a 503 the PBX retries.
 * Events dated more than a few minutes ahead or older than the stored events are kept are refused one by one in
 * `rejected[]`, like malformed ones.
 */
export async function registerCtiRoutes(api: FastifyInstance, cti: UseCases['cti']): Promise<void> {
  api.post('/cti/events', async (request, reply) => {
    const body = request.body as unknown;
    const events: unknown[] = Array.isArray(body)
      ? body
      : body && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events)
        ? (body as { events: unknown[] }).events
        : body && typeof body === 'object'
          ? [body]
          : [];
    if (events.length === 0)
      throw new ApiError(
        400,
        'invalid_request',
        'Send one event, an array of events, or { "events": [...] }',
      );
    if (events.length > MAX_EVENTS_PER_REQUEST) {
      throw new ApiError(
        400,
        'too_many_events',
        `At most ${MAX_EVENTS_PER_REQUEST} events per request, got ${events.length}`,
      );
    }
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    return answer(reply, locale, await cti.ingestCtiEvents(authOf(request).service, events, locale));
  });

  await api.register(async (scope) => {
    scope.addContentTypeParser(
      ['text/plain', 'application/octet-stream'],
      { parseAs: 'string' },
      (_req, body, done) => done(null, body),
    );
    scope.post('/cti/queue-log', async (request, reply) => {
      if (typeof request.body !== 'string')
        throw new ApiError(415, 'unsupported_media_type', 'Send queue_log lines as text/plain');
      const lines = request.body.split('\n').length;
      if (lines > MAX_QUEUE_LOG_LINES) {
        throw new ApiError(
          400,
          'too_many_lines',
          `At most ${MAX_QUEUE_LOG_LINES} lines per request, got ${lines}`,
        );
      }
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      return answer(reply, locale, await cti.ingestQueueLog(authOf(request).service, request.body, locale));
    });
  });
}
