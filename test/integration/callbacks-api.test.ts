import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** `POST` / `GET /api/v1/callbacks`: the public intake contract (README, HTTP API). */
describe('callback intake API', () => {
  let app: TestApp;
  let serviceId: string;
  let key: string;
  let otherKey: string;

  const post = (body: unknown, headers: Record<string, string> = {}, auth = key) =>
    fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}`, ...headers },
      body: JSON.stringify(body),
    });
  const list = (query = '', auth = key) =>
    fetch(`${app.url}/api/v1/callbacks${query}`, { headers: { authorization: `Bearer ${auth}` } });

  beforeAll(async () => {
    app = await startTestApp();
    const service = await app.store.services.create('콜백 API 테스트', defaultServiceSettings());
    serviceId = service._id;
    key = (await app.store.apiKeys.create({ serviceId, name: 'IVR', allowedIps: [], createdBy: 'test' })).key;
    const other = await app.store.services.create('다른 서비스', defaultServiceSettings());
    otherKey = (
      await app.store.apiKeys.create({ serviceId: other._id, name: 'web', allowedIps: [], createdBy: 'test' })
    ).key;
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it('201 with the public shape for a new callback; the phone is stored as digits', async () => {
    const response = await post({
      phone: '+82 10-1234-5678',
      name: '김민지',
      source: 'ivr',
      requestedAt: '2026-11-22T09:30:00+09:00',
      note: '배송 문의',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'unassigned',
      phone: '01012345678',
      requestCount: 1,
      requestedAt: '2026-11-22T00:30:00.000Z',
      name: '김민지',
      source: 'ivr',
      outcome: 'created',
    });
    expect(body.id).toMatch(/^cb_/);
    const stored = await app.store.callbacks.get(body.id as string);
    expect(stored?.history.map((h) => [h.action, h.surface])).toEqual([['created', 'http']]);
  });

  it('a second request for an open phone folds into it: 200, same id, count and last time move', async () => {
    const first = (await (await post({ phone: '02-123-4567' })).json()) as { id: string };
    const second = await post({ phone: '021234567', requestedAt: new Date().toISOString(), source: 'web' });
    expect(second.status).toBe(200);
    const body = (await second.json()) as { id: string; requestCount: number; outcome: string };
    expect(body).toMatchObject({ id: first.id, requestCount: 2, outcome: 'folded' });
    const stored = await app.store.callbacks.get(first.id);
    expect(stored?.history.map((h) => h.action)).toEqual(['created', 'folded']);
  });

  it('replaying an externalId or an Idempotency-Key returns the same callback, never a second one', async () => {
    const a = await post({ phone: '010-2222-3333', externalId: 'ivr-778' });
    expect(a.status).toBe(201);
    const { id } = (await a.json()) as { id: string };
    const again = await post({ phone: '010-2222-3333', externalId: 'ivr-778' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      id,
      requestCount: 1,
      outcome: 'replayed',
      externalId: 'ivr-778',
    });

    const b = await post({ phone: '010-4444-5555' }, { 'idempotency-key': 'form-1' });
    const { id: idB } = (await b.json()) as { id: string };
    const [r1, r2] = await Promise.all([
      post({ phone: '010-4444-5555' }, { 'idempotency-key': 'form-1' }),
      post({ phone: '010-4444-5555' }, { 'idempotency-key': 'form-1' }),
    ]);
    for (const r of [r1, r2])
      expect(await r.json()).toMatchObject({ id: idB, requestCount: 1, outcome: 'replayed' });
  });

  it('concurrent copies of one new request make one callback with one request', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => post({ phone: '010-7777-8888', externalId: 'dup-race' })),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      id?: string;
      requestCount?: number;
    }[];
    const ids = new Set(bodies.filter((b) => b.id).map((b) => b.id));
    expect(ids.size).toBe(1);
    // Copies that arrived while the first was still being written are told to retry (409), never given a second.
    for (const r of responses) expect([200, 201, 409]).toContain(r.status);
    const stored = await app.store.callbacks.get([...ids][0]!);
    expect(stored?.requestCount).toBe(1);
  });

  it('400 with a message per field for a bad phone or body', async () => {
    const bad = await post({ phone: '12-34', source: 'fax', requestedAt: 'yesterday' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.details).sort()).toEqual(['requestedAt', 'source']);

    const phone = await post({ phone: '12-34' }, { 'accept-language': 'ko' });
    const phoneBody = (await phone.json()) as { error: { details: Record<string, string> } };
    expect(phoneBody.error.details.phone).toContain('9~13');

    const letters = await post({ phone: 'call me' });
    expect(
      ((await letters.json()) as { error: { details: Record<string, string> } }).error.details.phone,
    ).toMatch(/digits/);
    const missing = await post({ name: 'no phone' });
    expect(missing.status).toBe(400);
    const array = await post([{ phone: '01012345678' }]);
    expect(array.status).toBe(400);
    const future = await post({
      phone: '01099990000',
      requestedAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(
      ((await future.json()) as { error: { details: Record<string, string> } }).error.details,
    ).toHaveProperty('requestedAt');
  });

  it('401 without a key or with a wrong one', async () => {
    const none = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '01012345678' }),
    });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBeDefined();
    expect((await post({ phone: '01012345678' }, {}, 'sk_wrong')).status).toBe(401);
    expect((await list('', 'sk_wrong')).status).toBe(401);
  });

  it('GET lists with status and date filters and paging; another service sees none of them', async () => {
    const all = (await (await list('?status=all&pageSize=2&order=oldest')).json()) as {
      items: { id: string; phone: string }[];
      total: number;
      page: number;
      pageSize: number;
    };
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.items).toHaveLength(2);
    expect(all.items[0]!.phone).toBe('01012345678');
    const page2 = (await (await list('?status=all&pageSize=2&page=2&order=oldest')).json()) as typeof all;
    expect(page2.items.map((i) => i.id)).not.toContain(all.items[0]!.id);

    const day = (await (await list('?from=2026-11-22&to=2026-11-22')).json()) as typeof all;
    expect(day.items.map((i) => i.phone)).toEqual(['01012345678']);
    const assigned = (await (await list('?status=assigned')).json()) as typeof all;
    expect(assigned.total).toBe(0);

    const other = (await (await list('', otherKey)).json()) as typeof all;
    expect(other.total).toBe(0);

    for (const bad of ['?status=lost', '?from=2026-13-01', '?from=2026-11-23&to=2026-11-22', '?pageSize=0']) {
      const response = await list(bad);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });

  it('an abandoned call that waited long enough, with a caller id, becomes a callback once', async () => {
    const postCti = (events: unknown[]) =>
      fetch(`${app.url}/api/v1/cti/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events }),
      });
    const at = (s: number) => new Date(Date.now() - 120_000 + s * 1000).toISOString();
    const calls = [
      // waited 45 s with a caller id → callback; waited 10 s → not; no caller id → not; anonymous → not
      { id: 'e1', type: 'call.enqueued', callId: 'c1', caller: '010-6060-7070', at: at(0) },
      { id: 'e2', type: 'call.abandoned', callId: 'c1', waitSeconds: 45, at: at(45) },
      { id: 'e3', type: 'call.enqueued', callId: 'c2', caller: '010-6060-8080', at: at(1) },
      { id: 'e4', type: 'call.abandoned', callId: 'c2', waitSeconds: 10, at: at(11) },
      { id: 'e5', type: 'call.enqueued', callId: 'c3', at: at(2) },
      { id: 'e6', type: 'call.abandoned', callId: 'c3', waitSeconds: 50, at: at(52) },
      { id: 'e7', type: 'call.enqueued', callId: 'c4', caller: 'anonymous', at: at(3) },
      { id: 'e8', type: 'call.abandoned', callId: 'c4', waitSeconds: 50, at: at(53) },
    ].map((e) => ({ ...e, service: 'main' }));

    // Off by default: nothing is filed.
    expect((await postCti(calls.slice(0, 2))).status).toBe(202);
    const before = (await (await list('?status=all&pageSize=500')).json()) as { items: { phone: string }[] };
    expect(before.items.map((i) => i.phone)).not.toContain('01060607070');

    await app.store.services.updateSettings(serviceId, { abandonedToCallbackSeconds: 30 });
    try {
      const renamed = calls.map((e) => ({ ...e, id: `${e.id}-on`, callId: `${e.callId}-on` }));
      expect((await postCti(renamed)).status).toBe(202);
      // A replayed batch (same ids) changes nothing; a new event id for the same call is not filed twice either.
      await postCti(renamed);
      await postCti([{ ...renamed[1]!, id: 'e2-again' }]);
      const after = (await (await list('?status=all&pageSize=500')).json()) as {
        items: { phone: string; source: string; requestCount: number }[];
      };
      const filed = after.items.filter((i) => i.source === 'abandoned');
      expect(filed.map((i) => [i.phone, i.requestCount])).toEqual([['01060607070', 1]]);
    } finally {
      await app.store.services.updateSettings(serviceId, { abandonedToCallbackSeconds: null });
    }
  });

  it('403 feature_disabled when the service has callbacks switched off', async () => {
    await app.store.services.updateSettings(serviceId, { callbacksEnabled: false });
    try {
      const response = await post({ phone: '01055556666' });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('feature_disabled');
      expect((await list()).status).toBe(403);
    } finally {
      await app.store.services.updateSettings(serviceId, { callbacksEnabled: true });
    }
  });
});
