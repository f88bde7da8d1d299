import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoNetworkError } from 'mongodb';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { maintenanceJobs, PURGE_CTI_EVENTS } from '../../src/jobs/maintenance.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Abandoned calls that become callbacks (`abandonedToCallbackSeconds`), filed from what is stored rather than
 * from one instance's memory at the moment of ingestion (issue 10, item 3): a batch retried after a failure, the
 * first batch of a service not yet loaded, and a call queued before a restart and abandoned after it.
 */
describe('abandoned calls become callbacks whatever happened between queueing and abandoning', () => {
  let app: TestApp;
  let serviceId: string;
  let key: string;

  const postCti = (events: unknown[]) =>
    fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ events }),
    });
  const abandonedCallbacks = async () => {
    const response = await fetch(`${app.url}/api/v1/callbacks?status=all&pageSize=500`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      items: { phone: string; source: string; requestCount: number }[];
    };
    return body.items
      .filter((item) => item.source === 'abandoned')
      .map((item) => [item.phone, item.requestCount])
      .sort();
  };
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
  const queued = (callId: string, caller: string) => ({
    id: `${callId}-q`,
    type: 'call.enqueued',
    callId,
    caller,
    at: at(120),
    service: 'main',
  });
  const abandoned = (callId: string, waitSeconds = 45) => ({
    id: `${callId}-a`,
    type: 'call.abandoned',
    callId,
    waitSeconds,
    at: at(120 - waitSeconds),
    service: 'main',
  });

  /** A service created after the app started: its figures are not in memory until its first batch. */
  async function newService(name: string) {
    const service = await app.store.services.create(
      name,
      defaultServiceSettings({ abandonedToCallbackSeconds: 30 }),
    );
    serviceId = service._id;
    key = (await app.store.apiKeys.create({ serviceId, name: 'pbx', allowedIps: [], createdBy: 'test' })).key;
  }

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('(a) a batch stored but failed before its callback was filed files it on the retry, once', async () => {
    await newService('Retry line');
    // The service's figures are loaded by a first batch, so this case does not depend on (b).
    const login = { id: 'a-login', type: 'agent.login', agent: 'SIP/1', at: at(200), service: 'main' };
    expect((await postCti([login])).status).toBe(202);
    expect((await postCti([queued('a1', '010-3000-0001')])).status).toBe(202);

    // A database blip while the callback is written: the events of the batch are stored by then.
    const callbacks = app.store.callbacks;
    const createOrFold = callbacks.createOrFold.bind(callbacks);
    callbacks.createOrFold = async () => {
      throw new MongoNetworkError('connection reset by peer');
    };
    try {
      expect((await postCti([abandoned('a1')])).status).toBe(503);
    } finally {
      callbacks.createOrFold = createOrFold;
    }
    expect(await abandonedCallbacks()).toEqual([]);

    // The PBX sends the batch again: all duplicates, and the callback is filed.
    const retry = await postCti([abandoned('a1')]);
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await abandonedCallbacks()).toEqual([['01030000001', 1]]);

    // Any further copy changes nothing.
    expect((await postCti([abandoned('a1')])).status).toBe(202);
    expect(await abandonedCallbacks()).toEqual([['01030000001', 1]]);
  });

  it('(b) the first batch of a service not yet in memory keeps its callers', async () => {
    await newService('First batch line');
    const response = await postCti([
      queued('b1', '010-3000-0002'),
      abandoned('b1'),
      queued('b2', '010-3000-0003'),
      abandoned('b2', 10), // waited less than 30 s: not a callback
    ]);
    expect(response.status).toBe(202);
    expect(await abandonedCallbacks()).toEqual([['01030000002', 1]]);
  });

  it('(c) a call queued before a restart and abandoned after it becomes a callback', async () => {
    await newService('Restart line');
    expect((await postCti([queued('c1', '010-3000-0004')])).status).toBe(202);
    await app.close();
    app = await startTestApp({ dbName: app.dbName });
    expect((await postCti([abandoned('c1')])).status).toBe(202);
    expect(await abandonedCallbacks()).toEqual([['01030000004', 1]]);
  });

  it('a filing another request holds answers 503 to be retried; one left by a dead request is taken over', async () => {
    await newService('Crash line');
    expect((await postCti([queued('d1', '010-3000-0005'), queued('d2', '010-3000-0006')])).status).toBe(202);
    // What a request that died half-way leaves: a claim on the call's key with no callback yet. The intake of
    // abandoned calls files under `<service>:idem:abandoned:<call id>`.
    await app.store.callbacks.claimRequestKey(`${serviceId}:idem:abandoned:d1`, new Date());
    await app.store.callbacks.claimRequestKey(
      `${serviceId}:idem:abandoned:d2`,
      new Date(Date.now() - 60_000),
    );

    const first = await postCti([abandoned('d1'), abandoned('d2')]);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('5');
    const body = (await first.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe('callback_pending');
    expect(body.error.message).toContain('d1');
    expect(body.error.details).toMatchObject({ accepted: 2, duplicates: 0 });
    // The claim a minute old belonged to a request that died: this delivery took it over and filed d2.
    expect(await abandonedCallbacks()).toEqual([['01030000006', 1]]);
  });

  it('the maintenance job forgets callers recorded more than two days ago', async () => {
    await newService('Purge line');
    const call = (callId: string) => ({ callId, caller: '01030000007', at: new Date() });
    await app.store.ctiCallers.remember(serviceId, [call('old')], new Date(Date.now() - 3 * 86_400_000));
    await app.store.ctiCallers.remember(serviceId, [call('recent')], new Date(Date.now() - 86_400_000));
    const purge = maintenanceJobs(app.usecases.maintenance).find((job) => job.name === PURGE_CTI_EVENTS)!;
    await purge.handler(undefined as never, undefined as never);
    expect([...(await app.store.ctiCallers.callersOf(serviceId, ['old', 'recent'])).keys()]).toEqual([
      'recent',
    ]);
  });
});
