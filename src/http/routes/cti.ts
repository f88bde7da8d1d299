import type { FastifyInstance } from 'fastify';
import {
  ingestCtiEvents,
  ingestQueueLog,
  MAX_EVENTS_PER_REQUEST,
  type IngestionDeps,
} from '../../usecases/cti-ingestion.js';
import { ApiError } from '../api-error.js';
import { authOf } from '../plugins/api-auth.js';

const MAX_QUEUE_LOG_LINES = 5000;

/**
 * `POST /cti/events` (one event, an array, or `{ "events": [...] }`) and `POST /cti/queue-log` (Asterisk lines as
 * text/plain). Both answer 202 once the new events are durably stored; a database outage is a 503 the PBX retries.
 */
export async function registerCtiRoutes(api: FastifyInstance, deps: IngestionDeps): Promise<void> {
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
    const report = await ingestCtiEvents(deps, authOf(request).service._id, events);
    return reply.status(202).send(report);
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
      const report = await ingestQueueLog(deps, authOf(request).service._id, request.body);
      return reply.status(202).send(report);
    });
  });
}
