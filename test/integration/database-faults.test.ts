import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo.js';
import type { SupervisionOptions } from '../../src/store/process-supervisor.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { freePort } from '../support/free-port.js';

/**
 * The embedded FerretDB dies (kill -9) or freezes (SIGSTOP) under a running server. Each block has a database of
 * its own, so these faults never reach other test files. No assertion is on time: a request that hangs fails by
 * its fetch being aborted after a generous bound (far beyond the 3 s deadline and the 1 s of the health checks),
 * and recovery is awaited, not timed.
 */

const HANG_BOUND_MS = 15_000;

async function until<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Fixture {
  db: EmbeddedMongo;
  app: TestApp;
  key: string;
  log: string[];
  port: number;
  stopped: Set<number>;
}

async function startFixture(supervision: SupervisionOptions, cleanup: (() => Promise<void>)[]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-dbfault-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const log: string[] = [];
  const db = await startEmbeddedMongo({
    dataDir,
    persistent: false,
    ferretOnly: true,
    port,
    log: (line) => log.push(line),
    supervision,
  });
  cleanup.push(() => db.stop());
  const stopped = new Set<number>();
  // Whatever a test froze is thawed, or the stop above would wait on SIGTERM for nothing.
  cleanup.push(async () => {
    for (const pid of stopped) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // already gone
      }
    }
  });
  const ran: number[] = [];
  const app = await startTestApp({
    mongodbUrl: db.url,
    liveness: [{ name: 'embeddedDatabase', check: () => db.state() !== 'failed' }],
    jobs: [
      {
        name: 'fault-probe',
        handler: async (data: { n: number }) => {
          ran.push(data.n);
        },
      },
    ],
  });
  cleanup.push(() => app.close());
  const service = await app.store.services.create('Faults', defaultServiceSettings());
  const { key } = await app.store.apiKeys.create({
    serviceId: service._id,
    name: 'pbx',
    allowedIps: [],
    createdBy: 'test',
  });
  const fixture: Fixture = { db, app, key, log, port, stopped };
  return { fixture, ran };
}

function api(fixture: Fixture) {
  const headers = { authorization: `Bearer ${fixture.key}`, 'content-type': 'application/json' };
  return {
    postCallback: (phone: string) =>
      fetch(`${fixture.app.url}/api/v1/callbacks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ phone }),
        signal: AbortSignal.timeout(HANG_BOUND_MS),
      }),
    listCallbacks: () =>
      fetch(`${fixture.app.url}/api/v1/callbacks?status=all`, {
        headers,
        signal: AbortSignal.timeout(HANG_BOUND_MS),
      }),
    get: (path: string) => fetch(`${fixture.app.url}${path}`, { signal: AbortSignal.timeout(HANG_BOUND_MS) }),
  };
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('unavailable');
  expect(typeof body.error.message).toBe('string');
}

describe('the embedded database dies or freezes, and comes back', () => {
  const cleanup: (() => Promise<void>)[] = [];
  let fixture: Fixture;
  let ran: number[];
  beforeAll(async () => {
    // The pause before a restart is long enough for the requests below to meet a dead database.
    ({ fixture, ran } = await startFixture(
      { restartDelaysMs: [6000], pingEveryMs: 500, frozenAfterMs: 10 * 60_000 },
      cleanup,
    ));
  }, 60_000);
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('kill -9: requests get 503, the supervisor restarts FerretDB on the same data, jobs run again', async () => {
    const { postCallback, listCallbacks, get } = api(fixture);
    expect((await postCallback('010-1111-0001')).status).toBe(201);
    const before = fixture.db.pid()!;

    // A job due while the database is down runs once it is back.
    await fixture.app.scheduler.schedule(new Date(Date.now() + 1000), 'fault-probe', { n: 1 });
    process.kill(before, 'SIGKILL');

    await expectUnavailable(await postCallback('010-1111-0002'));
    await until('readyz 503', async () => ((await get('/readyz')).status === 503 ? true : undefined));
    const down = await get('/readyz');
    expect(((await down.json()) as { checks: Record<string, boolean> }).checks.database).toBe(false);
    // Down, but recoverable: no reason for a liveness probe to restart us.
    expect((await get('/healthz')).status).toBe(200);

    await until('readyz 200 after the restart', async () =>
      (await get('/readyz')).status === 200 ? true : undefined,
    );
    expect(fixture.db.pid()).not.toBe(before);
    expect(fixture.log.some((line) => /FerretDB exited \(SIGKILL\); restart 1/.test(line))).toBe(true);
    expect(fixture.log.some((line) => /FerretDB restarted \(pid \d+\)/.test(line))).toBe(true);

    expect((await postCallback('010-1111-0003')).status).toBe(201);
    const list = (await (await listCallbacks()).json()) as { items: { phone: string }[] };
    // The one from before the crash is still there: same data directory.
    expect(list.items.map((c) => c.phone).sort()).toEqual(['01011110001', '01011110003']);
    await until('the job due during the outage', async () => (ran.includes(1) ? true : undefined));
    await fixture.app.scheduler.schedule(new Date(), 'fault-probe', { n: 2 });
    await until('a job scheduled after the restart', async () => (ran.includes(2) ? true : undefined));
  }, 120_000);

  it('SIGSTOP: /readyz says 503 and requests get 503 instead of hanging; SIGCONT recovers', async () => {
    const { postCallback, get } = api(fixture);
    const pid = fixture.db.pid()!;
    fixture.stopped.add(pid);
    process.kill(pid, 'SIGSTOP');

    // Each of these hung for tens of seconds before; the fetch bound turns a hang into a failure.
    await expectUnavailable(await postCallback('010-1111-0004'));
    await expectUnavailable(await api(fixture).listCallbacks());
    // Every answer comes within the bound (a hang throws, and is not retried here); soon it is 503.
    let ready = await get('/readyz');
    for (let attempt = 0; ready.status !== 503 && attempt < 40; attempt++) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await get('/readyz');
    }
    expect(ready.status).toBe(503);
    expect((await get('/healthz')).status).toBe(200);

    process.kill(pid, 'SIGCONT');
    fixture.stopped.delete(pid);
    await until('readyz 200 after SIGCONT', async () =>
      (await get('/readyz')).status === 200 ? true : undefined,
    );
    expect(fixture.db.pid()).toBe(pid);
    const after = await until('a callback accepted after SIGCONT', async () => {
      const response = await postCallback('010-1111-0005');
      return response.status === 503 ? undefined : response;
    });
    expect([200, 201]).toContain(after.status);
  }, 120_000);
});

describe('a database that stays frozen, or cannot be restarted', () => {
  const cleanup: (() => Promise<void>)[] = [];
  let fixture: Fixture;
  let blocker: { close(): Promise<void> } | undefined;
  beforeAll(async () => {
    ({ fixture } = await startFixture(
      {
        restartDelaysMs: [1500],
        maxRestarts: 2,
        pingEveryMs: 500,
        pingTimeoutMs: 500,
        frozenAfterMs: 3000,
        healthyAfterMs: 1000,
      },
      cleanup,
    ));
  }, 60_000);
  afterAll(async () => {
    await blocker?.close();
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('a process frozen beyond the limit is killed and restarted', async () => {
    const { get } = api(fixture);
    const pid = fixture.db.pid()!;
    fixture.stopped.add(pid);
    process.kill(pid, 'SIGSTOP');
    await until('a new FerretDB', async () => {
      const now = fixture.db.pid();
      return now !== undefined && now !== pid ? now : undefined;
    });
    expect(fixture.log.some((line) => line.includes(`(pid ${pid}) has not answered`))).toBe(true);
    await until('readyz 200 after the restart', async () =>
      (await get('/readyz')).status === 200 ? true : undefined,
    );
    expect((await api(fixture).postCallback('010-2222-0001')).status).toBe(201);
  }, 120_000);

  it('once the supervisor gives up, /healthz fails so that a liveness probe restarts the service', async () => {
    const { get } = api(fixture);
    expect((await get('/healthz')).status).toBe(200);
    // Something else takes the port the moment FerretDB dies, so every restart fails to listen.
    process.kill(fixture.db.pid()!, 'SIGKILL');
    blocker = await until('the port', () => listenOn(fixture.port), 10_000);

    await until('the supervisor giving up', async () => (fixture.db.state() === 'failed' ? true : undefined));
    const health = await get('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({
      status: 'failing',
      checks: { database: true, embeddedDatabase: false },
    });
    expect((await get('/readyz')).status).toBe(503);
    expect(fixture.log.some((line) => /giving up after 2 restarts in a row/.test(line))).toBe(true);
  }, 120_000);
});

/** A server that accepts connections and never answers (undefined while the port is still taken). */
function listenOn(port: number): Promise<{ close(): Promise<void> } | undefined> {
  return new Promise((resolve) => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () =>
      resolve({
        close: () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          // close() waits for open connections; the driver's are ours to end.
          for (const socket of sockets) socket.destroy();
          return closed;
        },
      }),
    );
  });
}
