import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { SIGNING_SECRET } from '../support/slack-app.js';
import { slackSignature } from '../support/slack-requests.js';

/**
 * Generated malformed requests against every `/api/v1` route, `POST /slack/events` (correctly signed) and
 * `POST /api/messages` (Teams emulator mode), through `inject` on the real app. Nothing may answer 5xx, and every
 * JSON 4xx is `{ error: { code, message } }`. `FUZZ_RUNS` sets the sample (150 in `npm test`, 2,000 in
 * `npm run test:fuzz`); the counts per route and status are printed at the end.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const BODY_LIMIT = 5 * 1024 * 1024;
/** `encodeURIComponent` throws on a lone surrogate; a client would have sent its replacement character. */
const encodeText = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
/** One oversized body, built once: generating megabytes per sample would only slow the run. */
const OVERSIZED = 'x'.repeat(BODY_LIMIT + 1024);

interface GeneratedRequest {
  /** The route it aims at, for the counts. */
  target: string;
  /** Which key, header set or signature to add once the app is known. */
  auth: 'valid' | 'none' | 'garbage' | 'unknown' | 'basic';
  inject: InjectOptions & { method: string; url: string; headers: Record<string, string> };
  signSlack?: boolean;
  teams?: 'loopback' | 'elsewhere' | 'none';
}

const API_ROUTES: { method: string; path: string }[] = [
  { method: 'GET', path: '/api/v1/service' },
  { method: 'POST', path: '/api/v1/cti/events' },
  { method: 'POST', path: '/api/v1/cti/queue-log' },
  { method: 'GET', path: '/api/v1/wallboard' },
  { method: 'GET', path: '/api/v1/wallboard/stream' },
  { method: 'POST', path: '/api/v1/callbacks' },
  { method: 'GET', path: '/api/v1/callbacks' },
  { method: 'GET', path: '/api/v1/interactions' },
  { method: 'GET', path: '/api/v1/openapi.json' },
  { method: 'POST', path: '/api/v1/sms/messages' },
  { method: 'GET', path: '/api/v1/sms/messages' },
  { method: 'GET', path: '/api/v1/sms/messages/sms_unknown' },
  { method: 'POST', path: '/api/v1/sms/messages/sms_unknown/cancel' },
  { method: 'POST', path: '/api/v1/sms/nhn-webhook' },
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

// ── values that break things ──────────────────────────────────────────────────────────────────────────────────────
const oddNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1e308,
    -1e308,
    8.64e12,
    8.64e12 + 1,
    8.64e15,
    8.64e15 + 1,
    9e15,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    0.5,
    -0.000001,
    4102444800000,
    253402300800000,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => Number(n)),
);
const oddText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\uFFFF',
    '‮evil',
    '😀'.repeat(50),
    '콜백 <!channel> & <@U1>',
    '010-5000-1234',
    '+82 10 5000 1234',
    '0'.repeat(40),
    'a'.repeat(5000),
    '__proto__',
    'constructor',
    '$where',
    '{"$gt":""}',
    'null',
    'NaN',
    'Infinity',
  ),
);
const oddDate = fc.oneof(
  oddNumber,
  fc.constantFrom(
    '2099-12-31T00:00:00Z',
    '1900-01-01',
    '0000-00-00',
    '+275760-09-13T00:00:00.000Z',
    '+275760-09-13T00:00:00.001Z',
    '-271821-04-20T00:00:00.000Z',
    '2026-02-30',
    '2026-13-01T25:61:61Z',
    'yesterday',
    '',
    '2026-12-02T06:00:00+99:00',
  ),
  fc
    .date({ noInvalidDate: false })
    .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  oddText,
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  oddNumber,
  oddDate,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(oddText, oddNumber), { maxLength: 3 }),
  fc.dictionary(oddText, oddText, { maxKeys: 3 }),
);
/** An object with some of `keys` set to odd values, and some stray keys. */
const oddObject = (keys: string[]) =>
  fc
    .tuple(
      fc
        .subarray(keys)
        .chain((chosen) => fc.tuple(...chosen.map((key) => oddValue.map((value) => [key, value] as const)))),
      fc.dictionary(fc.string({ maxLength: 12 }), oddValue, { maxKeys: 2 }),
    )
    .map(([pairs, stray]) => ({ ...stray, ...Object.fromEntries(pairs) }));

const CTI_TYPES = [
  'call.enqueued',
  'call.answered',
  'call.abandoned',
  'call.exited',
  'call.ended',
  'agent.login',
  'agent.logout',
  'agent.state',
];
const ctiEvent = fc.oneof(
  oddObject(['id', 'type', 'at', 'service', 'callId', 'caller', 'agentId', 'state', 'waitSeconds', 'queue']),
  fc.record({
    id: fc.oneof(fc.uuid(), oddText),
    type: fc.oneof(fc.constantFrom(...CTI_TYPES), oddText),
    at: oddDate,
    service: fc.oneof(fc.constant('support'), oddText),
    callId: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), oddValue),
    caller: fc.oneof(fc.constant('01050001234'), oddValue),
    agentId: fc.oneof(fc.constant('agent-1'), oddValue),
  }),
);
const callbackIntake = oddObject([
  'phone',
  'name',
  'requestedAt',
  'source',
  'note',
  'preferredAt',
  'externalId',
]);
const smsSend = oddObject([
  'body',
  'recipients',
  'type',
  'title',
  'sendNo',
  'sendAt',
  'templateId',
  'advertisement',
  'image',
]);
const queueLogLine = fc.oneof(
  fc
    .tuple(
      oddNumber,
      oddText,
      fc.constantFrom('ENTERQUEUE', 'CONNECT', 'ABANDON', 'EXITWITHTIMEOUT', 'COMPLETECALLER'),
      oddText,
    )
    .map(([time, call, verb, rest]) => `${time}|${call}|support|NONE|${verb}|${rest}|1|1`),
  oddText,
);
const brokenJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    '{"phone":"010"',
    'nul',
    '{}}',
    '\uFEFF{}',
    '{"a":1}garbage',
    '"',
    '',
  ),
  fc.string().map((s) => `{${s}`),
);
const badEncoding = fc.constantFrom('%', '%zz', '%E0%A4%A', '%ff%fe', '%00', '%C0%AF', '%uD800', '%%');
const query = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'status',
          'page',
          'pageSize',
          'from',
          'to',
          'order',
          'assignee',
          'token',
          'recipientPage',
        ),
        oddText,
      ),
      fc.oneof(oddText.map(String), oddNumber.map(String), badEncoding),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs.length === 0
      ? ''
      : `?${pairs.map(([k, v]) => `${encodeText(k)}=${/^%/.test(v) ? v : encodeText(v)}`).join('&')}`,
  );

/** A body and the content type it claims (sometimes a lie). */
const payload = (good: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: good.map((value) => ({ type: 'application/json', body: JSON.stringify(value) })),
    },
    { weight: 2, arbitrary: brokenJson.map((body) => ({ type: 'application/json', body })) },
    {
      weight: 1,
      arbitrary: fc.jsonValue().map((value) => ({ type: 'application/json', body: JSON.stringify(value) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/json; charset=utf-16',
            'application/octet-stream',
            '',
            'garbage',
          ),
          fc.oneof(
            oddText,
            good.map((v) => JSON.stringify(v)),
          ),
        )
        .map(([type, body]) => ({ type, body })),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'application/json', body: OVERSIZED }) },
    { weight: 1, arbitrary: fc.constant({ type: 'text/plain', body: OVERSIZED }) },
  );

function bodyFor(path: string): fc.Arbitrary<{ type: string; body: string }> {
  if (path === '/api/v1/cti/events')
    return payload(
      fc.oneof(
        ctiEvent,
        fc.array(ctiEvent, { maxLength: 5 }),
        fc.array(ctiEvent, { maxLength: 3 }).map((events) => ({ events })),
        fc.constant(
          Array.from({ length: 1001 }, (_, i) => ({ id: `e${i}`, type: 'agent.login', at: Date.now() })),
        ),
      ),
    );
  if (path === '/api/v1/cti/queue-log')
    return fc.oneof(
      fc
        .array(queueLogLine, { maxLength: 6 })
        .map((lines) => ({ type: 'text/plain', body: lines.join('\n') })),
      fc.constant({ type: 'text/plain', body: Array(5002).fill('1|c|q|NONE|ENTERQUEUE||1|1').join('\n') }),
      payload(oddValue),
    );
  if (path === '/api/v1/callbacks') return payload(fc.oneof(callbackIntake, oddValue));
  if (path === '/api/v1/sms/messages') return payload(fc.oneof(smsSend, oddValue));
  return payload(oddValue);
}

const apiRequest: fc.Arbitrary<GeneratedRequest> = fc
  .constantFrom(...API_ROUTES)
  .chain((route) =>
    fc.record({
      route: fc.constant(route),
      method: fc.oneof(
        { weight: 4, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      auth: fc.oneof(
        { weight: 6, arbitrary: fc.constant('valid' as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'none' as const,
            'garbage' as const,
            'unknown' as const,
            'basic' as const,
          ),
        },
      ),
      query: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: query }),
      pathSuffix: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: badEncoding }),
      body: bodyFor(route.path),
      idempotencyKey: fc.option(
        oddText.map((s) => encodeText(s).slice(0, 300)),
        { nil: undefined },
      ),
      acceptLanguage: fc.constantFrom('ko', 'en', 'ko-KR,ko;q=0.9', '*', '', 'xx-YY;q=bad'),
    }),
  )
  .filter(
    // The stream never ends on its own: with a valid key and GET it is a long-lived response, not a probe.
    (r) =>
      !(
        r.route.path === '/api/v1/wallboard/stream' &&
        r.auth === 'valid' &&
        r.method === 'GET' &&
        !r.pathSuffix
      ),
  )
  .map((r) => {
    const hasBody = !['GET', 'HEAD'].includes(r.method);
    const headers: Record<string, string> = { 'accept-language': r.acceptLanguage };
    if (hasBody && r.body.type) headers['content-type'] = r.body.type;
    if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
    return {
      target: `${r.route.method} ${r.route.path}`,
      auth: r.auth,
      inject: {
        method: r.method,
        url: `${r.route.path}${r.pathSuffix}${r.query}`,
        headers,
        ...(hasBody ? { payload: r.body.body } : {}),
      },
    } as GeneratedRequest;
  });

// ── Slack ─────────────────────────────────────────────────────────────────────────────────────────────────────────
const ACTION_IDS = [
  'callback.assign_open',
  'callback.assign_to_me',
  'callback.call',
  'callback.cancel_open',
  'callback.complete_open',
  'callback.history_open',
  'callback.outcome',
  'callback.export_stats',
  'apikey_create',
  'apikey_revoke',
  'member_user',
  'wallboard_view_services',
  'wallboard_view_agents',
  'sms.template_pick',
  'sms.type_pick',
  'sms.send_from_callback',
  'sms.history_prev',
  'sms.history_next',
  'sms.detail_open',
  'sms.cancel',
  'sms.export_history',
];
const CALLBACK_IDS = [
  'switchboard_apikey_create',
  'switchboard_members',
  'switchboard_settings',
  'switchboard_setup',
  'callback.assign',
  'callback.cancel',
  'callback.complete',
  'callback.create',
  'callback.history',
  'callback.unassign',
  'sms.send',
];
const team = fc.option(fc.oneof(fc.constant('T0001'), oddText), { nil: undefined });
const user = fc.option(fc.oneof(fc.constant('U0001'), oddText), { nil: undefined });
const commandText = fc.oneof(
  fc.constantFrom(
    'setup Fuzz',
    'settings',
    'members',
    'apikey',
    'apikey create',
    'list',
    'new 010-5000-1234',
    'assign',
    'stats',
    'export',
    'link',
    'link screen Lobby',
    'link list',
    'link revoke wbl_x',
    'help',
    '',
  ),
  oddText,
  fc.tuple(fc.constantFrom('new', 'link revoke', 'setup', 'stats'), oddText).map(([a, b]) => `${a} ${b}`),
);
const slackCommand = fc
  .record({
    command: fc.oneof(fc.constantFrom('/switchboard', '/callback', '/wallboard', '/sms'), oddText),
    text: commandText,
    team,
    user,
    channel: fc.option(fc.oneof(fc.constant('C0001'), oddText), { nil: undefined }),
    trigger: fc.option(oddText, { nil: undefined }),
  })
  .map((c) => {
    const form = new URLSearchParams({ command: c.command, text: c.text });
    if (c.team !== undefined) form.set('team_id', c.team);
    if (c.user !== undefined) form.set('user_id', c.user);
    if (c.channel !== undefined) form.set('channel_id', c.channel);
    if (c.trigger !== undefined) form.set('trigger_id', c.trigger);
    return { type: 'application/x-www-form-urlencoded', body: form.toString() };
  });
const privateMetadata = fc.oneof(
  oddText,
  fc.record({ serviceId: oddText, teamId: team, channelId: oddText }).map((m) => JSON.stringify(m)),
);
const slackInteraction = fc
  .oneof(
    fc.record({
      type: fc.constant('block_actions'),
      team: fc.option(fc.record({ id: oddText }), { nil: undefined }),
      user: fc.option(fc.record({ id: oddText, team_id: team }, { requiredKeys: [] }), { nil: undefined }),
      trigger_id: fc.option(oddText, { nil: undefined }),
      channel: fc.option(fc.record({ id: oddText }), { nil: undefined }),
      actions: fc.array(
        fc.record(
          {
            type: fc.constantFrom('button', 'static_select', 'users_select', 'overflow'),
            action_id: fc.oneof(fc.constantFrom(...ACTION_IDS), oddText),
            block_id: oddText,
            value: oddText,
            selected_option: fc.record({ value: oddText }),
            selected_user: oddText,
          },
          { requiredKeys: ['action_id'] },
        ),
        { maxLength: 2 },
      ),
      view: fc.option(fc.record({ id: oddText, private_metadata: privateMetadata }), { nil: undefined }),
    }),
    fc.record({
      type: fc.constant('view_submission'),
      team: fc.option(fc.record({ id: oddText }), { nil: undefined }),
      user: fc.option(fc.record({ id: oddText, team_id: team }, { requiredKeys: [] }), { nil: undefined }),
      view: fc.record({
        id: oddText,
        callback_id: fc.oneof(fc.constantFrom(...CALLBACK_IDS), oddText),
        private_metadata: privateMetadata,
        state: fc.record({
          values: fc.dictionary(
            oddText,
            fc.dictionary(oddText, fc.dictionary(oddText, oddValue, { maxKeys: 3 })),
            {
              maxKeys: 3,
            },
          ),
        }),
      }),
    }),
    fc.record({
      type: fc.constantFrom('view_closed', 'shortcut', 'message_action', 'block_suggestion', 'nonsense'),
      team: fc.option(fc.record({ id: oddText }), { nil: undefined }),
      user: fc.option(fc.record({ id: oddText }), { nil: undefined }),
      callback_id: oddText,
    }),
    oddObject(['type', 'team', 'user', 'actions', 'view', 'trigger_id']),
  )
  .map((p) => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ payload: JSON.stringify(p) }).toString(),
  }));
const slackEvent = fc
  .record(
    {
      type: fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited', 'nonsense'),
      team_id: team,
      event_id: fc.oneof(
        fc.uuid().map((u) => `Ev${u}`),
        oddText,
      ),
      challenge: oddText,
      event: fc.oneof(
        fc.record(
          {
            type: fc.constantFrom(
              'app_home_opened',
              'message',
              'app_mention',
              'member_joined_channel',
              'tokens_revoked',
              'nonsense',
            ),
            user: user,
            channel: oddText,
            tab: fc.constantFrom('home', 'messages', 'x'),
            text: oddText,
          },
          { requiredKeys: ['type'] },
        ),
        oddValue,
      ),
    },
    { requiredKeys: ['type'] },
  )
  .map((e) => ({ type: 'application/json', body: JSON.stringify(e) }));
const slackRequest: fc.Arbitrary<GeneratedRequest> = fc
  .oneof(
    { weight: 3, arbitrary: slackCommand },
    { weight: 4, arbitrary: slackInteraction },
    { weight: 2, arbitrary: slackEvent },
    { weight: 1, arbitrary: brokenJson.map((body) => ({ type: 'application/json', body })) },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constantFrom('text/plain', 'application/xml', ''), body: oddText }),
    },
  )
  .map(
    ({ type, body }) =>
      ({
        target: 'POST /slack/events',
        auth: 'valid',
        signSlack: true,
        inject: {
          method: 'POST',
          url: '/slack/events',
          headers: type ? { 'content-type': type } : {},
          payload: body,
        },
      }) as GeneratedRequest,
  );

// ── Teams ─────────────────────────────────────────────────────────────────────────────────────────────────────────
const teamsRequest: fc.Arbitrary<GeneratedRequest> = fc
  .record({
    serviceUrl: fc.constantFrom('loopback' as const, 'elsewhere' as const, 'none' as const),
    activity: fc.oneof(
      fc.record(
        {
          type: fc.oneof(
            fc.constantFrom('message', 'conversationUpdate', 'invoke', 'installationUpdate', 'event'),
            oddText,
          ),
          id: oddText,
          channelId: fc.constantFrom('msteams', 'emulator', ''),
          text: oddText,
          locale: fc.constantFrom('ko-KR', 'en-US', 'xx', ''),
          from: fc.record({ id: oddText, name: oddText, aadObjectId: oddText }, { requiredKeys: [] }),
          recipient: fc.record({ id: oddText, name: oddText }, { requiredKeys: [] }),
          conversation: fc.record(
            {
              id: oddText,
              conversationType: fc.constantFrom('personal', 'channel', 'groupChat'),
              tenantId: oddText,
            },
            { requiredKeys: [] },
          ),
          channelData: fc.oneof(fc.record({ tenant: fc.record({ id: oddText }) }), oddValue),
          value: oddValue,
          name: oddText,
        },
        { requiredKeys: ['type'] },
      ),
      oddValue,
    ),
    contentType: fc.constantFrom('application/json', 'text/plain', ''),
    broken: fc.option(brokenJson, { nil: undefined, freq: 6 }),
  })
  .map(
    (t) =>
      ({
        target: 'POST /api/messages',
        auth: 'valid',
        teams: t.serviceUrl,
        inject: {
          method: 'POST',
          url: '/api/messages',
          headers: t.contentType ? { 'content-type': t.contentType } : {},
          payload: t.broken ?? JSON.stringify(t.activity),
        },
      }) as GeneratedRequest,
  );

describe(`malformed input (${RUNS} generated requests): never a 5xx, every JSON 4xx in our error shape`, () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let connector: FakeBotConnector;
  let key: string;
  const counts = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    slack = await FakeSlackWebApi.start();
    connector = await FakeBotConnector.start();
    app = await startTestApp({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        TEAMS_EMULATOR: 'true',
      },
    });
    const service = await app.store.services.create(
      'Fuzz',
      defaultServiceSettings({ abandonedToCallbackSeconds: 5 }),
    );
    ({ key } = await app.store.apiKeys.create({
      serviceId: service._id,
      name: 'fuzz',
      allowedIps: [],
      createdBy: 't',
    }));
  });
  afterAll(async () => {
    await app?.close();
    await slack?.stop();
    await connector?.stop();
    const statuses = [...new Set([...counts.values()].flatMap((m) => [...m.keys()]))].sort();
    const rows = [...counts.entries()].map(
      ([route, m]) =>
        `${route.padEnd(32)} ${statuses.map((s) => `${s}:${m.get(s) ?? 0}`.padEnd(9)).join(' ')}`,
    );
    const total = [...counts.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0);
    process.stdout.write(`\nmalformed input: ${total} requests\n${rows.join('\n')}\n`);
  });

  const send = async (request: GeneratedRequest): Promise<LightMyRequestResponse> => {
    const headers = { ...request.inject.headers };
    const payloadText = typeof request.inject.payload === 'string' ? request.inject.payload : '';
    if (request.signSlack) {
      const timestamp = Math.floor(Date.now() / 1000);
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = slackSignature(SIGNING_SECRET, timestamp, payloadText);
    }
    if (request.teams && request.teams !== 'none' && headers['content-type'] === 'application/json') {
      try {
        const activity = JSON.parse(payloadText) as unknown;
        if (activity && typeof activity === 'object' && !Array.isArray(activity))
          (activity as Record<string, unknown>).serviceUrl =
            request.teams === 'loopback' ? connector.serviceUrl : 'https://smba.example.com/kr/';
        request.inject.payload = JSON.stringify(activity);
      } catch {
        // broken JSON stays broken
      }
    }
    if (request.target.includes('/api/v1/') && request.auth !== 'none')
      headers.authorization = {
        valid: `Bearer ${key}`,
        garbage: 'Bearer \u00ff not a key',
        unknown: `Bearer sbk_${'A'.repeat(43)}`,
        basic: 'Basic dXNlcjpwYXNz',
      }[request.auth];
    return app.http.inject({ ...request.inject, headers } as InjectOptions);
  };

  it(
    'answers every generated request with a non-5xx status and the documented error shape',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 6, arbitrary: apiRequest },
            { weight: 3, arbitrary: slackRequest },
            { weight: 2, arbitrary: teamsRequest },
          ),
          async (request) => {
            const response = await send(request);
            const perRoute = counts.get(request.target) ?? new Map<number, number>();
            perRoute.set(response.statusCode, (perRoute.get(response.statusCode) ?? 0) + 1);
            counts.set(request.target, perRoute);
            const seen = {
              method: request.inject.method,
              url: request.inject.url,
              status: response.statusCode,
            };
            const serverError = response.statusCode >= 500 ? response.body.slice(0, 300) : undefined;
            expect({ ...seen, serverError }).toEqual({ ...seen, serverError: undefined });
            // HEAD answers carry the headers of GET and no body.
            const hasBody = request.inject.method !== 'HEAD';
            if (
              response.statusCode >= 400 &&
              hasBody &&
              String(response.headers['content-type']).includes('json')
            ) {
              const body = JSON.parse(response.body) as unknown;
              expect({ ...seen, body }).toEqual({
                ...seen,
                body: {
                  error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
                },
              });
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    Math.max(60_000, RUNS * 1_500),
  );
});
