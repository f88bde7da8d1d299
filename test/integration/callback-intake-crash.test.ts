import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Collection } from 'mongodb';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * A process killed after recording a keyed request (`Idempotency-Key`) but before settling its claim leaves the
 * claim unsettled. We leave exactly that state in the database: the request runs for real, then its claim is put
 * back to what it was before the settle (callbackId null), as a kill -9 at that point would have left it. The
 * retry must be told when to come back while the claim is fresh, and must get the recorded callback afterwards —
 * never a second request folded into it.
 */
describe('a keyed callback request whose process died before settling', () => {
  let app: TestApp;
  let serviceId: string;
  let key: string;
  let claims: Collection<{ _id: string; callbackId: string | null; claimedAt: Date }>;

  const post = (body: unknown, idempotencyKey: string) =>
    fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key}`,
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(body),
    });

  /** The claim as the killed process left it: written, not settled, claimed `secondsAgo` ago. */
  const unsettle = async (idempotencyKey: string, secondsAgo: number) => {
    const updated = await claims.updateOne(
      { _id: `${serviceId}:idem:${idempotencyKey}` },
      { $set: { callbackId: null, claimedAt: new Date(Date.now() - secondsAgo * 1000) } },
    );
    expect(updated.matchedCount).toBe(1);
  };

  beforeAll(async () => {
    app = await startTestApp();
    const service = await app.store.services.create('Crash intake', defaultServiceSettings());
    serviceId = service._id;
    key = (await app.store.apiKeys.create({ serviceId, name: 'web', allowedIps: [], createdBy: 'test' })).key;
    claims = app.store.db.collection('callbackRequestKeys');
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it('while the claim is fresh: 409 with Retry-After until it can be taken over', async () => {
    expect((await post({ phone: '010-3000-0001' }, 'fresh-1')).status).toBe(201);
    await unsettle('fresh-1', 10);
    const retry = await post({ phone: '010-3000-0001' }, 'fresh-1');
    expect(retry.status).toBe(409);
    const seconds = Number(retry.headers.get('retry-after'));
    // 30 s after the claim, 10 of which have passed.
    expect(seconds).toBeGreaterThanOrEqual(15);
    expect(seconds).toBeLessThanOrEqual(20);
    expect(((await retry.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });

  it('after that, a created callback is replayed: same id, requestCount unchanged', async () => {
    const first = (await (await post({ phone: '010-3000-0002' }, 'created-1')).json()) as { id: string };
    await unsettle('created-1', 31);
    const retry = await post({ phone: '010-3000-0002' }, 'created-1');
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id: first.id, requestCount: 1, outcome: 'replayed' });
    // Settled now: the next retry is a plain replay.
    const again = await post({ phone: '010-3000-0002' }, 'created-1');
    expect(await again.json()).toMatchObject({ id: first.id, requestCount: 1, outcome: 'replayed' });
    const stored = await app.store.callbacks.get(first.id);
    expect(stored?.history.map((h) => h.action)).toEqual(['created']);
  });

  it('a request that had folded into an open callback is replayed, not folded a second time', async () => {
    const open = (await (await post({ phone: '010-3000-0003' }, 'open-1')).json()) as { id: string };
    const folded = await post({ phone: '010-3000-0003' }, 'fold-1');
    expect(await folded.json()).toMatchObject({ id: open.id, requestCount: 2, outcome: 'folded' });
    await unsettle('fold-1', 31);
    const retry = await post({ phone: '010-3000-0003' }, 'fold-1');
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id: open.id, requestCount: 2, outcome: 'replayed' });
    const stored = await app.store.callbacks.get(open.id);
    expect(stored?.history.map((h) => h.action)).toEqual(['created', 'folded']);
  });

  it('a request that died before recording anything is recorded by the retry that takes it over', async () => {
    // A claim as an older version wrote it (no intake id), with nothing recorded behind it.
    await claims.insertOne({
      _id: `${serviceId}:idem:lost-1`,
      callbackId: null,
      claimedAt: new Date(Date.now() - 31_000),
    });
    const retry = await post({ phone: '010-3000-0004' }, 'lost-1');
    expect(retry.status).toBe(201);
    const body = (await retry.json()) as { id: string; requestCount: number; outcome: string };
    expect(body).toMatchObject({ requestCount: 1, outcome: 'created' });
    const replay = await post({ phone: '010-3000-0004' }, 'lost-1');
    expect(await replay.json()).toMatchObject({ id: body.id, requestCount: 1, outcome: 'replayed' });
  });
});
