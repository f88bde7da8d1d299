import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The server runs on the real clock, so events are dated a little before now.
const now = () => Date.now();

async function setupServiceWithKey(app: TestApp) {
  const service = await app.store.services.create('고객지원', defaultServiceSettings());
  const { key } = await app.store.apiKeys.create({
    serviceId: service._id,
    name: 'pbx',
    allowedIps: [],
    createdBy: 'test',
  });
  return { serviceId: service._id, key };
}

function post(app: TestApp, key: string, path: string, body: unknown, contentType = 'application/json') {
  return fetch(`${app.url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function snapshot(app: TestApp, key: string) {
  const response = await fetch(`${app.url}/api/v1/wallboard`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { generatedAt: string; services: Record<string, unknown>[] };
  return body.services[0]!;
}

/** Figures without the parts that move with the clock. */
function stable(s: Record<string, unknown>) {
  const { longestWaitSeconds: _w, ...rest } = s;
  return rest;
}

describe('wallboard API: CTI ingestion, snapshot, stream, restart, two instances', () => {
  let app: TestApp;
  let key: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ key } = await setupServiceWithKey(app));
  });
  afterAll(async () => {
    await app.close();
  });

  it('accepts the good events of a batch and reports the bad ones by index; a replay changes nothing', async () => {
    const base = now() - 60_000;
    const events = Array.from({ length: 100 }, (_, i) => ({
      id: `b1-${i}`,
      type: 'call.enqueued',
      at: new Date(base + i * 100).toISOString(),
      service: 'support',
      callId: `call-${i}`,
    })) as Record<string, unknown>[];
    events[7] = { ...events[7], type: 'call.teleported' };
    events[42] = { ...events[42], at: 'yesterday' };
    events[99] = { ...events[99], callId: undefined };
    const first = await post(app, key, '/cti/events', { events });
    expect(first.status).toBe(202);
    const report = (await first.json()) as {
      accepted: number;
      duplicates: number;
      rejected: { index: number; code: string; error: string }[];
    };
    expect(report.accepted).toBe(97);
    expect(report.duplicates).toBe(0);
    expect(report.rejected.map((r) => r.index)).toEqual([7, 42, 99]);
    expect(report.rejected.map((r) => r.code)).toEqual(['invalid_event', 'invalid_event', 'invalid_event']);
    expect(report.rejected[0]!.error).toContain('type must be one of');
    expect(report.rejected[1]!.error).toContain('at');

    const before = await snapshot(app, key);
    expect(before).toMatchObject({ inbound: 97, waiting: 97 });
    const replay = (await (await post(app, key, '/cti/events', { events })).json()) as {
      accepted: number;
      duplicates: number;
    };
    expect(replay).toMatchObject({ accepted: 0, duplicates: 97 });
    expect(stable(await snapshot(app, key))).toEqual(stable(before));
  });

  it('takes Asterisk queue_log text and answers with the figures it implies', async () => {
    const t = Math.floor(now() / 1000) - 30;
    const text = [
      `${t}|NONE|support|SIP/8001|ADDMEMBER|`,
      `${t + 1}|q1|support|NONE|ENTERQUEUE||01011112222|1`,
      `${t + 5}|q1|support|SIP/8001|CONNECT|4|x|2`,
      `${t + 6}|NONE|NONE|NONE|QUEUESTART|`,
      `not a line`,
    ].join('\n');
    const response = await post(app, key, '/cti/queue-log', text, 'text/plain');
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: [{ line: 5, code: 'invalid_line', error: expect.any(String) }],
      ignored: { QUEUESTART: 1 },
    });
    const figures = await snapshot(app, key);
    expect(figures).toMatchObject({ inbound: 98, answered: 1, agents: { loggedIn: 1, inConversation: 1 } });
    expect((figures.agentList as { id: string; state: string }[])[0]).toMatchObject({
      id: 'SIP/8001',
      state: 'talking',
    });
  });

  it('names agents by their member name once a member has that CTI agent id', async () => {
    const serviceId = ((await snapshot(app, key)) as { id: string }).id;
    await app.store.members.create({
      serviceId,
      displayName: '김민지',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: ['slack:T1:U1'],
      ctiAgentId: 'SIP/8001',
    });
    await app.live.rebuild(serviceId);
    expect((await snapshot(app, key)).agentList).toEqual([
      expect.objectContaining({ id: 'SIP/8001', name: '김민지' }),
    ]);
  });

  it.each([
    ['more than 1,000 events', Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}` })), 'too_many_events'],
    ['an empty body', [], 'invalid_request'],
  ])('refuses %s with a 400 and a code', async (_label, body, code) => {
    const response = await post(app, key, '/cti/events', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('refuses malformed JSON with 400 invalid_json and a missing key with 401', async () => {
    expect((await post(app, key, '/cti/events', '{"id":', 'application/json')).status).toBe(400);
    expect((await fetch(`${app.url}/api/v1/wallboard`)).status).toBe(401);
  });

  it('rebuilds the same figures after a restart', async () => {
    const before = stable(await snapshot(app, key));
    await app.close();
    app = await startTestApp({ dbName: app.dbName });
    expect(stable(await snapshot(app, key))).toEqual(before);
  });

  it('shows an event posted to instance A on an SSE stream of instance B within 1 s, with equal snapshots', async () => {
    const b = await startTestApp({ dbName: app.dbName });
    try {
      const controller = new AbortController();
      const stream = await fetch(`${b.url}/api/v1/wallboard/stream`, {
        headers: { authorization: `Bearer ${key}` },
        signal: controller.signal,
      });
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const reader = stream.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const nextSnapshot = async (): Promise<{ inbound: number }> => {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = chunk.split('\n').find((l) => l.startsWith('data: '));
            if (data) return (JSON.parse(data.slice(6)) as { services: { inbound: number }[] }).services[0]!;
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
      };
      const initial = await nextSnapshot();
      const postedAt = Date.now();
      await post(app, key, '/cti/events', {
        id: 'two-instances',
        type: 'call.enqueued',
        at: Date.now(),
        service: 'support',
        callId: 'tw',
      });
      let seen = await nextSnapshot();
      while (seen.inbound === initial.inbound) seen = await nextSnapshot();
      expect(seen.inbound).toBe(initial.inbound + 1);
      expect(Date.now() - postedAt).toBeLessThan(1000);
      controller.abort();
      expect(stable(await snapshot(b, key))).toEqual(stable(await snapshot(app, key)));
    } finally {
      await b.close();
    }
  });
});

describe('wallboard API: following other instances', () => {
  it('reads no stored events back while alone, and follows a second instance from its first event', async () => {
    const a = await startTestApp();
    let b: TestApp | undefined;
    try {
      const { key } = await setupServiceWithKey(a);
      const events = a.store.ctiEvents;
      const listAfter = events.listAfter.bind(events);
      let reads = 0;
      events.listAfter = async (...args) => {
        reads++;
        return listAfter(...args);
      };
      const enqueue = (target: TestApp, id: string) =>
        post(target, key, '/cti/events', {
          id,
          type: 'call.enqueued',
          at: now(),
          service: 'support',
          callId: id,
        });
      // Every follow step first asks whether another instance is alive (`othersSeenSince`): counting those calls
      // tells that steps ran, without guessing how long they take.
      const instances = a.store.instances;
      const othersSeenSince = instances.othersSeenSince.bind(instances);
      let steps = 0;
      instances.othersSeenSince = async (...args) => {
        steps++;
        return othersSeenSince(...args);
      };
      expect((await enqueue(a, 'alone-1')).status).toBe(202);
      // Several follow steps: alone, A applied its own event when storing it, and reads nothing back.
      const stepsBefore = steps;
      for (const deadline = Date.now() + 10_000; steps < stepsBefore + 4 && Date.now() < deadline;)
        await new Promise((r) => setTimeout(r, 25));
      expect(steps).toBeGreaterThanOrEqual(stepsBefore + 4);
      expect(reads).toBe(0);
      expect((await snapshot(a, key)).inbound).toBe(1);

      b = await startTestApp({ dbName: a.dbName });
      expect((await enqueue(b, 'from-b-1')).status).toBe(202);
      const deadline = Date.now() + 1000;
      while (((await snapshot(a, key)).inbound as number) < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect((await snapshot(a, key)).inbound).toBe(2);
      expect(reads).toBeGreaterThan(0);
      expect(stable(await snapshot(b, key))).toEqual(stable(await snapshot(a, key)));
    } finally {
      await b?.close();
      await a.close();
    }
  });
});
