import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ApiError, type ErrorBody } from '../api-error.js';

/**
 * Every error leaves as `{ error: { code, message, details? } }`: our own `ApiError`s, Fastify's own (bad JSON,
 * body too large, unsupported media type), unknown routes, and bugs (500 with a reference to find the log line).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError | Error, request, reply) => {
    if (error instanceof ApiError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error.details !== undefined) body.error.details = error.details;
      return reply.status(error.statusCode).send(body);
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode;
    if (status && status >= 400 && status < 500) {
      const code = FASTIFY_CODES[fastifyError.code] ?? 'bad_request';
      return reply.status(status).send({ error: { code, message: error.message } } satisfies ErrorBody);
    }
    if (
      DATABASE_OUTAGES.has(error.name) ||
      SOCKET_FAILURES.has((error as NodeJS.ErrnoException).code ?? '')
    ) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({
          error: {
            code: 'unavailable',
            // Part of a request may have been stored before the outage (a CTI batch's events): every write is keyed, so
            // the retry finishes the work without doing any of it twice.
            message:
              'The database is not reachable right now; retry the same request shortly (a retry is recognised, so nothing is stored twice).',
          },
        } satisfies ErrorBody);
    }
    const ref = randomUUID().slice(0, 8);
    request.log.error({ err: error, ref }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: `Internal error (ref ${ref}). Please try again.` },
    } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` },
    } satisfies ErrorBody);
  });
}

/**
 * Fastify's `frameworkErrors`: errors met while routing, before any handler or hook of ours (a path that is not
 * valid percent-encoding, `GET /%`; a path parameter over the length limit). Without it Fastify answers these in
 * its own shape.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : 'bad_url';
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The URL is not valid: a % must be followed by two hex digits of UTF-8'
      : error.message;
  void reply.status(status).send({ error: { code, message } } satisfies ErrorBody);
}

/** Driver errors that mean "the database is not reachable", as opposed to a bug in a query. */
const DATABASE_OUTAGES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/**
 * The driver lets a few socket errors through unwrapped (a write to a server that just died gives a plain EPIPE).
 * Outgoing HTTP calls wrap theirs (`fetch failed`), so at this level these come from the database.
 */
const SOCKET_FAILURES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED']);

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_VALIDATION: 'invalid_request',
};
