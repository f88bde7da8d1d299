import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InjectOptions } from 'fastify';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { SIGNING_SECRET } from '../support/slack-app.js';
import { slackSignature } from '../support/slack-requests.js';

/** Requests at the edges of the HTTP surface: malformed URLs and bodies, odd Slack payloads, Teams activities. */
describe('HTTP edges', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  beforeAll(async () => {
    slack = await FakeSlackWebApi.start();
    app = await startTestApp({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        TEAMS_EMULATOR: 'true',
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });

  const signed = (body: string, contentType: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return app.http.inject({
      method: 'POST',
      url: '/slack/events',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
      },
      payload: body,
    });
  };

  const errorShape = (code: string) => ({ error: { code, message: expect.any(String) } });

  it('answers bad URLs, unknown routes, bad JSON, big and mistyped bodies in our error shape', async () => {
    const key = (
      await app.store.apiKeys.create({
        serviceId: (await app.store.services.create('Edges', defaultServiceSettings()))._id,
        name: 'edges',
        allowedIps: [],
        createdBy: 'test',
      })
    ).key;
    const auth = { authorization: `Bearer ${key}` };
    const cases: [InjectOptions, number, string][] = [
      [{ method: 'GET', url: '/%' }, 400, 'bad_url'],
      [{ method: 'GET', url: '/api/v1/%zz' }, 400, 'bad_url'],
      [{ method: 'POST', url: '/api/v1/callbacks%E0%A4%A', headers: auth }, 400, 'bad_url'],
      [{ method: 'GET', url: '/nope' }, 404, 'not_found'],
      [{ method: 'DELETE', url: '/api/v1/callbacks', headers: auth }, 404, 'not_found'],
      [
        {
          method: 'POST',
          url: '/api/v1/callbacks',
          headers: { ...auth, 'content-type': 'application/json' },
          payload: '{"phone":',
        },
        400,
        'invalid_json',
      ],
      [
        {
          method: 'POST',
          url: '/api/v1/callbacks',
          headers: { ...auth, 'content-type': 'application/xml' },
          payload: '<a/>',
        },
        415,
        'unsupported_media_type',
      ],
      [
        {
          method: 'POST',
          url: '/api/v1/callbacks',
          headers: { ...auth, 'content-type': 'application/json' },
          payload: JSON.stringify({ note: 'x'.repeat(6 * 1024 * 1024) }),
        },
        413,
        'payload_too_large',
      ],
    ];
    // A stream never ends: HEAD on it must not hold the connection open (Fastify adds HEAD to every GET).
    for (const url of ['/api/v1/wallboard/stream', '/wallboard/events'])
      expect((await app.http.inject({ method: 'HEAD', url, headers: auth })).statusCode).toBe(404);
    for (const [request, status, code] of cases) {
      const response = await app.http.inject(request);
      expect({ url: request.url, status: response.statusCode, body: response.json() as unknown }).toEqual({
        url: request.url,
        status,
        body: errorShape(code),
      });
    }
  });

  it('a signed Slack payload without its team or user gets a clear 400, never a 500', async () => {
    const form = (payload: Record<string, unknown>) =>
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const cases: [string, string][] = [
      [form({ type: 'block_actions', actions: [] }), 'application/x-www-form-urlencoded'],
      [
        form({ type: 'block_actions', user: { id: 'U0001' }, actions: [] }),
        'application/x-www-form-urlencoded',
      ],
      [
        form({ type: 'view_submission', view: { callback_id: 'switchboard_setup', state: { values: {} } } }),
        'application/x-www-form-urlencoded',
      ],
      [
        form({ type: 'shortcut', team: { id: 'T0001' }, callback_id: 'x' }),
        'application/x-www-form-urlencoded',
      ],
      [
        new URLSearchParams({ command: '/callback', text: 'list', user_id: 'U0001' }).toString(),
        'application/x-www-form-urlencoded',
      ],
      [
        new URLSearchParams({ command: '/callback', text: 'list', team_id: 'T0001' }).toString(),
        'application/x-www-form-urlencoded',
      ],
      [
        JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_home_opened' } }),
        'application/json',
      ],
    ];
    for (const [body, type] of cases) {
      const response = await signed(body, type);
      expect({ body, status: response.statusCode, answer: response.json() as unknown }).toEqual({
        body,
        status: 400,
        answer: errorShape('invalid_payload'),
      });
    }
    // With its team and user, the same kind of payload is Slack's and gets its ack.
    const complete = await signed(
      form({
        type: 'block_actions',
        team: { id: 'T0001' },
        user: { id: 'U0001', team_id: 'T0001' },
        actions: [],
      }),
      'application/x-www-form-urlencoded',
    );
    expect(complete.statusCode).toBe(200);
  });

  it('in emulator mode, replies go only to a loopback serviceUrl', async () => {
    const connector = await FakeBotConnector.start();
    try {
      const activity = (serviceUrl: string) => ({
        type: 'message',
        id: 'act-1',
        channelId: 'msteams',
        serviceUrl,
        from: { id: '29:user-1', name: 'Kim', aadObjectId: 'aad-user-1' },
        conversation: { id: 'a:edges', conversationType: 'personal', tenantId: 'tenant-1' },
        recipient: { id: '28:bot', name: 'Switchboard' },
        text: 'help',
        locale: 'en-US',
        channelData: { tenant: { id: 'tenant-1' } },
      });
      for (const serviceUrl of [
        'https://smba.trafficmanager.net/kr/',
        'http://169.254.169.254/latest/',
        'http://10.0.0.5:8080/',
        'http://localhost.example.com/',
        'http://127.0.0.1.nip.io/',
        'file:///etc/passwd',
        'not a url',
      ]) {
        const response = await app.http.inject({
          method: 'POST',
          url: '/api/messages',
          payload: activity(serviceUrl),
        });
        expect({ serviceUrl, status: response.statusCode, body: response.json() as unknown }).toEqual({
          serviceUrl,
          status: 400,
          body: errorShape('service_url_not_allowed'),
        });
      }
      expect(connector.calls).toHaveLength(0);
      for (const serviceUrl of [
        connector.serviceUrl,
        connector.serviceUrl.replace('127.0.0.1', 'localhost'),
      ]) {
        const response = await app.http.inject({
          method: 'POST',
          url: '/api/messages',
          payload: activity(serviceUrl),
        });
        expect({ serviceUrl, status: response.statusCode }).toEqual({ serviceUrl, status: 200 });
      }
      // An invoke the bot has no handler for (the Agents SDK's default is 501; the malformed-input run found it).
      for (const name of [undefined, 'no/suchInvoke']) {
        const response = await app.http.inject({
          method: 'POST',
          url: '/api/messages',
          payload: { ...activity(connector.serviceUrl), type: 'invoke', name, value: {} },
        });
        expect({ name, status: response.statusCode, body: response.json() as unknown }).toEqual({
          name,
          status: 400,
          body: errorShape('unsupported_invoke'),
        });
      }
      // A Universal Actions button the bot does not know: Teams' own error answer (HTTP 200 carrying a 400), which
      // Teams shows on the card; an unknown dialog: a message in the dialog. Neither is a 5xx.
      const unknownVerb = await app.http.inject({
        method: 'POST',
        url: '/api/messages',
        payload: {
          ...activity(connector.serviceUrl),
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'no.such.verb' } },
        },
      });
      expect({ status: unknownVerb.statusCode, body: unknownVerb.json() as unknown }).toEqual({
        status: 200,
        body: {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: 'Unknown action "no.such.verb"' },
        },
      });
      const unknownDialog = await app.http.inject({
        method: 'POST',
        url: '/api/messages',
        payload: { ...activity(connector.serviceUrl), type: 'invoke', name: 'task/fetch', value: {} },
      });
      expect({ status: unknownDialog.statusCode, body: unknownDialog.json() as unknown }).toEqual({
        status: 200,
        body: { task: { type: 'message', value: 'Unknown dialog "undefined"' } },
      });
    } finally {
      await connector.stop();
    }
  });

  it('the OpenAPI document lists every /api/v1 route Fastify has, with its method and a description', async () => {
    const registered = app.http
      .printRoutes({ commonPrefix: false, method: undefined })
      .split('\n')
      .filter((line) => line.includes('/api/v1'));
    expect(registered.length).toBeGreaterThan(0);
    const doc = (await app.http.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { summary: string; responses: Record<string, unknown> }>>;
    };
    const expected = [
      'GET /service',
      'POST /cti/events',
      'POST /cti/queue-log',
      'GET /wallboard',
      'GET /wallboard/stream',
      'POST /callbacks',
      'GET /callbacks',
      'GET /interactions',
      'GET /openapi.json',
      'POST /sms/messages',
      'GET /sms/messages',
      'GET /sms/messages/{id}',
      'POST /sms/messages/{id}/cancel',
      'POST /sms/nhn-webhook',
      // Outside /api/v1 (its own server URL): the export download links.
      'GET /exports/{token}',
    ];
    const listed = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(expected.sort());
    // Each has a real description, not the fallback a newly added route gets until someone writes one.
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations))
        expect({
          route: `${method} ${path}`,
          generic: operation.summary === `${method.toUpperCase()} ${path}`,
        }).toEqual({
          route: `${method} ${path}`,
          generic: false,
        });
    // And every route the server really answers under /api/v1 is among them. (A route may answer 404 itself, as
    // the NHN webhook does without a configured secret; only the router's own 404 says "no such route".)
    for (const route of expected) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.startsWith('/exports/') ? path : `/api/v1${path}`;
      const response = await app.http.inject({ method: method as 'GET', url });
      const noRoute =
        response.statusCode === 404 &&
        (response.json() as { error: { message: string } }).error.message.startsWith('No route');
      expect({ route, noRoute }).toEqual({ route, noRoute: false });
    }
  });
});
