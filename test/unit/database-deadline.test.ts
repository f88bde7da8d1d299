import { afterEach, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { boundDatabaseWait } from '../../src/http/plugins/database-deadline.js';

/**
 * The request deadline on its own, with a handler that waits on a "database" the test controls: a promise that
 * settles only when the test says so. Nothing here is timed; a request the deadline failed to cut would hang
 * until the test's own timeout.
 */
describe('requests waiting on a database that does not answer', () => {
  let app: FastifyInstance | undefined;
  const release: (() => void)[] = [];
  afterEach(async () => {
    for (const done of release.splice(0)) done();
    await app?.close();
    app = undefined;
  });

  async function serve(isAnswering: () => boolean) {
    app = Fastify();
    boundDatabaseWait(app, { isAnswering, afterMs: 100 });
    let calls = 0;
    app.get('/waits', async () => {
      calls++;
      await new Promise<void>((resolve) => release.push(resolve));
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { url: `http://127.0.0.1:${port}/waits`, calls: () => calls };
  }

  it('answers 503 with Retry-After in the API error shape once the database stops answering', async () => {
    const { url } = await serve(() => false);
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: expect.stringContaining('retry') },
    });
    // The work left behind may finish later without breaking anything.
    for (const done of release.splice(0)) done();
    const again = await fetch(url, { headers: { 'accept-language': 'ko' } });
    expect(again.status).toBe(503);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('데이터베이스');
  });

  it('leaves a slow request alone while the database answers', async () => {
    const { url, calls } = await serve(() => true);
    const pending = fetch(url);
    // Let the deadline pass several times while the database answers, then let the handler finish.
    while (calls() === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 400));
    for (const done of release.splice(0)) done();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
  });
});
