import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../src/http/api-error.js';
import { registerErrorHandling } from '../../src/http/plugins/errors.js';

/** The error format (README, HTTP API) for every kind of failure a route can meet. */
describe('HTTP error handling', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    registerErrorHandling(app);
    const body = z.object({
      phone: z.string().regex(/^\d{9,13}$/, '9-13 digits'),
      name: z.string().max(5).optional(),
    });
    app.post('/things', async (request) => parseOrThrow(body, request.body, 'body'));
    app.get('/boom', async () => {
      throw new Error('database exploded with secret detail');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('zod failures → 400 invalid_request with one detail per field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { phone: '12', name: 'toolong' },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('invalid_request');
    expect(error.details).toEqual([
      { field: 'body.phone', message: '9-13 digits' },
      { field: 'body.name', message: expect.stringContaining('5') },
    ]);
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('an unsupported media type → 415 in the same format', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('a bug → 500 with a reference and none of the internal detail', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    const error = response.json().error;
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/ref [0-9a-f]{8}/);
    expect(response.body).not.toContain('secret detail');
  });
});
