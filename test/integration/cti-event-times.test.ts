import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { businessDayOf } from '../../src/domain/wallboard/business-day.js';
import { maintenanceJobs, PURGE_CTI_EVENTS } from '../../src/jobs/maintenance.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Event times the wallboard refuses (issue 10, item 2): one event dated years ahead used to move the service's
 * business day there for good (a restart replayed it), and a huge queue_log epoch was a 500.
 */
describe('CTI event times: future-dated and too old events are refused one by one', () => {
  let app: TestApp;
  let key: string;
  let serviceId: string;
  // The service's day starts twelve hours from now (UTC), so no test run is near a day boundary.
  const dayStart = `${String((new Date().getUTCHours() + 12) % 24).padStart(2, '0')}:00`;
  const today = () => businessDayOf(new Date(), 'UTC', dayStart);

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/v1${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const figures = async () => {
    const response = await fetch(`${app.url}/api/v1/wallboard`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    return (
      (await response.json()) as { services: { businessDay: string; inbound: number; waiting: number }[] }
    ).services[0]!;
  };
  const enqueued = (id: string, at: string | number) => ({
    id,
    type: 'call.enqueued',
    at,
    service: 'q',
    callId: id,
  });
  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  beforeAll(async () => {
    app = await startTestApp();
    const service = await app.store.services.create(
      'Clock check',
      defaultServiceSettings({ timeZone: 'UTC', dayStart }),
    );
    serviceId = service._id;
    key = (await app.store.apiKeys.create({ serviceId, name: 'pbx', allowedIps: [], createdBy: 'test' })).key;
  });
  afterAll(async () => {
    await app.close();
  });

  it('JSON: refuses events years or minutes ahead and older than retention, keeps the business day', async () => {
    const response = await post('/cti/events', [
      enqueued('j-now', minutesFromNow(-1)),
      enqueued('j-2099', '2099-12-31T00:00:00Z'),
      enqueued('j-ahead-10m', minutesFromNow(10)),
      enqueued('j-ahead-2m', minutesFromNow(2)), // a PBX clock a little ahead: taken
      enqueued('j-40-days', minutesFromNow(-40 * 24 * 60)),
      enqueued('j-9999', '9999-12-31T23:59:59Z'),
      enqueued('j-huge-epoch', 9e15),
    ]);
    expect(response.status).toBe(202);
    const report = (await response.json()) as {
      accepted: number;
      rejected: { index: number; code: string; error: string }[];
    };
    expect(report.accepted).toBe(2);
    expect(report.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'event_in_future'],
      [2, 'event_in_future'],
      [4, 'event_too_old'],
      [5, 'event_in_future'],
      [6, 'invalid_event'],
    ]);
    expect(report.rejected[0]!.error).toContain('more than 5 minutes in the future');
    expect(report.rejected[2]!.error).toContain('35 days');
    expect(await figures()).toMatchObject({ businessDay: today(), inbound: 2, waiting: 2 });

    // A later event of today still counts.
    expect((await post('/cti/events', enqueued('j-later', Date.now()))).status).toBe(202);
    expect(await figures()).toMatchObject({ businessDay: today(), inbound: 3 });
    const stored = await app.store.ctiEvents.listForService(serviceId, new Date(0));
    expect(stored.map((doc) => doc._id).sort()).toEqual(
      ['j-ahead-2m', 'j-later', 'j-now'].map((id) => `${serviceId}:${id}`),
    );
  });

  it('answers in Korean with Accept-Language: ko', async () => {
    const response = await post('/cti/events', enqueued('j-ko', '2099-12-31T00:00:00Z'), {
      'accept-language': 'ko-KR',
    });
    const report = (await response.json()) as { rejected: { code: string; error: string }[] };
    expect(report.rejected[0]).toMatchObject({ code: 'event_in_future' });
    expect(report.rejected[0]!.error).toContain('미래');
  });

  it('queue_log: refuses far-future and too old lines, and epochs no Date can hold, never with a 500', async () => {
    const now = Math.floor(Date.now() / 1000);
    const text = [
      `${now - 30}|ql-now|support|NONE|ENTERQUEUE||01011112222|1`,
      `4102358400|ql-2099|support|NONE|ENTERQUEUE||01011112222|1`,
      `8640000000001|ql-huge|support|NONE|ENTERQUEUE||01011112222|1`,
      `1e20|ql-1e20|support|NONE|ENTERQUEUE||01011112222|1`,
      `${now - 40 * 86_400}|ql-old|support|NONE|ENTERQUEUE||01011112222|1`,
      `${now + 600}|ql-ahead|support|NONE|ENTERQUEUE||01011112222|1`,
    ].join('\n');
    const response = await post('/cti/queue-log', text);
    expect(response.status).toBe(202);
    const report = (await response.json()) as {
      accepted: number;
      rejected: { line: number; code: string }[];
    };
    expect(report.accepted).toBe(1);
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'event_in_future'],
      [3, 'invalid_line'],
      [4, 'invalid_line'],
      [5, 'event_too_old'],
      [6, 'event_in_future'],
    ]);
    expect(await figures()).toMatchObject({ businessDay: today(), inbound: 4 });
  });

  it('a future-dated event stored earlier (by an older version) neither moves the day on restart nor stays', async () => {
    await app.store.ctiEvents.insertNew(serviceId, [
      {
        id: 'legacy-2099',
        type: 'call.enqueued',
        at: new Date('2099-12-31T00:00:00Z'),
        service: 'q',
        callId: 'l',
      },
    ]);
    const before = await figures();
    await app.close();
    app = await startTestApp({ dbName: app.dbName });
    expect(await figures()).toMatchObject({
      businessDay: today(),
      inbound: before.inbound,
      waiting: before.waiting,
    });
    expect((await post('/cti/events', enqueued('after-restart', Date.now()))).status).toBe(202);
    expect(await figures()).toMatchObject({ businessDay: today(), inbound: before.inbound + 1 });

    // The maintenance job removes it, with the events past retention.
    const purge = maintenanceJobs(app.usecases.maintenance).find((job) => job.name === PURGE_CTI_EVENTS)!;
    await purge.handler(undefined as never, undefined as never);
    const ids = (await app.store.ctiEvents.listForService(serviceId, new Date(0))).map((doc) => doc._id);
    expect(ids).not.toContain(`${serviceId}:legacy-2099`);
    expect(ids).toContain(`${serviceId}:after-restart`);
  });
});
