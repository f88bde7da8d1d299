import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { freePort } from '../support/free-port.js';

/**
 * The database goes away during CTI ingestion: clients get 503 with Retry-After (never a 202 for events that were
 * not stored), and once it is back the retried batch is stored; nothing acknowledged is lost. A database of its
 * own, so stopping it does not disturb other test files.
 */
describe('CTI ingestion while the database is down', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('answers 503 while the database is unreachable and stores the retried batch afterwards', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-fault-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const start = () =>
      startEmbeddedMongo({ dataDir, persistent: false, ferretOnly: true, port, log: () => {} });
    let db: EmbeddedMongo = await start();
    cleanup.push(() => db.stop());
    const app: TestApp = await startTestApp({ mongodbUrl: db.url });
    cleanup.push(() => app.close());

    const service = await app.store.services.create('Fault line', defaultServiceSettings());
    const { key } = await app.store.apiKeys.create({
      serviceId: service._id,
      name: 'pbx',
      allowedIps: [],
      createdBy: 'test',
    });
    const batch = (from: number) =>
      Array.from({ length: 10 }, (_, i) => ({
        id: `f${from + i}`,
        type: 'call.enqueued',
        at: Date.now(),
        service: 'q',
        callId: `c${from + i}`,
      }));
    const post = (events: unknown[]) =>
      fetch(`${app.url}/api/v1/cti/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });

    expect((await post(batch(0))).status).toBe(202);

    await db.stop();
    const during = await post(batch(10));
    // The key check itself needs the database, so the refusal may come from there: either way a 503 to retry.
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(((await during.json()) as { error: { code: string } }).error.code).toBe('unavailable');

    db = await start();
    let retried = await post(batch(10));
    for (let attempt = 0; retried.status === 503 && attempt < 10; attempt++) {
      await new Promise((r) => setTimeout(r, 1000));
      retried = await post(batch(10));
    }
    expect(retried.status).toBe(202);
    expect(((await retried.json()) as { accepted: number }).accepted).toBe(10);

    const snapshot = (await (
      await fetch(`${app.url}/api/v1/wallboard`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as {
      services: { inbound: number }[];
    };
    expect(snapshot.services[0]!.inbound).toBe(20);
    expect(await app.store.db.collection('ctiEvents').countDocuments({ serviceId: service._id })).toBe(20);
  }, 90_000);
});
