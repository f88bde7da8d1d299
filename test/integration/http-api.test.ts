import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';

describe('HTTP API: health, errors and API keys from the CLI', () => {
  let app: TestApp;
  let serviceId: string;
  let key: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

  beforeAll(async () => {
    app = await startTestApp();
    const created = await runCli(app.dbName, ['service', 'create', '--name', '고객센터 Acme', '--json']);
    expect(created).toMatchObject({ code: 0 });
    const service = JSON.parse(created.stdout) as { id: string; name: string };
    expect(service.name).toBe('고객센터 Acme');
    serviceId = service.id;
    const apikey = await runCli(app.dbName, [
      'apikey',
      'create',
      '--service',
      serviceId,
      '--name',
      'IVR',
      '--json',
    ]);
    expect(apikey.code).toBe(0);
    const parsed = JSON.parse(apikey.stdout) as { id: string; key: string; serviceId: string };
    expect(parsed.serviceId).toBe(serviceId);
    key = parsed.key;
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it('GET /healthz and /readyz', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, scheduler: true, wallboard: true },
    });
  });

  it('a CLI-made key works as a Bearer token and returns its service', async () => {
    const response = await get('/api/v1/service', { authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: serviceId,
      name: '고객센터 Acme',
      features: { callbacks: true, sms: false },
    });
  });

  it('stores only a hash of the key', async () => {
    const docs = await app.store.db.collection('apiKeys').find({ serviceId }).toArray();
    expect(docs).toHaveLength(1);
    expect(JSON.stringify(docs)).not.toContain(key);
    expect(JSON.stringify(docs)).not.toContain(key.slice(12));
  });

  it.each([
    ['no key', {}],
    ['a wrong key', { authorization: 'Bearer sbk_nope' }],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('%s → 401 in the documented error format', async (_label, headers) => {
    const response = await get('/api/v1/service', headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toMatch(/API key/);
  });

  it('answers in Korean when asked to', async () => {
    const response = await get('/api/v1/service', { 'accept-language': 'ko-KR,ko;q=0.9' });
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('API 키');
  });

  it('unknown routes are JSON 404s', async () => {
    const response = await get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/v1/nothing-here' },
    });
  });

  it('a revoked key stops working at once', async () => {
    const made = JSON.parse(
      (await runCli(app.dbName, ['apikey', 'create', '--service', serviceId, '--json'])).stdout,
    ) as { id: string; key: string };
    expect((await get('/api/v1/service', { authorization: `Bearer ${made.key}` })).status).toBe(200);
    const revoked = await runCli(app.dbName, [
      'apikey',
      'revoke',
      '--service',
      serviceId,
      '--id',
      made.id,
      '--json',
    ]);
    expect(revoked.code).toBe(0);
    expect((await get('/api/v1/service', { authorization: `Bearer ${made.key}` })).status).toBe(401);
  }, 30_000);

  it('a service changed from another process shows on the next request (key lookups are cached per instance)', async () => {
    const features = async () =>
      (
        (await (await get('/api/v1/service', { authorization: `Bearer ${key}` })).json()) as {
          features: object;
        }
      ).features;
    expect(await features()).toEqual({ callbacks: true, sms: false });
    const changed = await runCli(app.dbName, ['settings', 'set', '--service', serviceId, 'smsEnabled=true']);
    expect(changed.code).toBe(0);
    expect(await features()).toEqual({ callbacks: true, sms: true });
    await runCli(app.dbName, ['settings', 'set', '--service', serviceId, 'smsEnabled=false']);
    expect(await features()).toEqual({ callbacks: true, sms: false });
  }, 30_000);

  it('a key limited to other addresses gets 403; one allowing loopback works', async () => {
    const elsewhere = JSON.parse(
      (
        await runCli(app.dbName, [
          'apikey',
          'create',
          '--service',
          serviceId,
          '--allow-ip',
          '203.0.113.0/24',
          '--json',
        ])
      ).stdout,
    ) as { key: string };
    const denied = await get('/api/v1/service', { authorization: `Bearer ${elsewhere.key}` });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('ip_not_allowed');
    const local = JSON.parse(
      (
        await runCli(app.dbName, [
          'apikey',
          'create',
          '--service',
          serviceId,
          '--allow-ip',
          '127.0.0.0/8,::1',
          '--json',
        ])
      ).stdout,
    ) as { key: string };
    expect((await get('/api/v1/service', { authorization: `Bearer ${local.key}` })).status).toBe(200);
  }, 30_000);

  it('ignores a forged X-Forwarded-For unless a proxy is configured (TRUST_PROXY)', async () => {
    const elsewhere = JSON.parse(
      (
        await runCli(app.dbName, [
          'apikey',
          'create',
          '--service',
          serviceId,
          '--allow-ip',
          '203.0.113.7',
          '--json',
        ])
      ).stdout,
    ) as { key: string };
    const spoofed = await get('/api/v1/service', {
      authorization: `Bearer ${elsewhere.key}`,
      'x-forwarded-for': '203.0.113.7',
    });
    expect(spoofed.status).toBe(403);

    const behindProxy = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' }, dbName: app.dbName });
    try {
      const viaProxy = await fetch(`${behindProxy.url}/api/v1/service`, {
        headers: { authorization: `Bearer ${elsewhere.key}`, 'x-forwarded-for': '203.0.113.7' },
      });
      expect(viaProxy.status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  }, 30_000);

  it('serves an OpenAPI 3.1 document for /api/v1', async () => {
    const doc = (await (await get('/api/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/service');
    const callbacks = doc.paths['/callbacks'] as {
      post: { requestBody: { content: { 'application/json': { schema: { required: string[] } } } } };
      get: { parameters: { name: string }[] };
    };
    expect(callbacks.post.requestBody.content['application/json'].schema.required).toEqual(['phone']);
    expect(callbacks.get.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'from', 'to', 'page', 'pageSize']),
    );
  });
});

describe('CLI input errors', () => {
  const db = `t_cli_${Date.now()}`;
  it.each([
    [['service', 'create', '--json'], '--name is required'],
    [['apikey', 'create', '--service', 'svc_missing', '--json'], 'Service not found.'],
    [
      ['member', 'add', '--service', 'svc_x', '--name', 'A', '--slack', 'T1', '--json'],
      'expected --slack TEAM:USER, got "T1"',
    ],
    [['settings', 'set', '--service', 'svc_x', 'oops', '--json'], '"oops" is not key=value'],
    [['frobnicate', 'now'], 'unknown command "frobnicate now"'],
    [['service', 'create', '--bogus'], "Unknown option '--bogus'"],
  ])(
    '%j exits 2 with one clear line',
    async (args, message) => {
      const result = await runCli(db, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      if (args.includes('--json'))
        expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: expect.any(String) } });
    },
    20_000,
  );

  it('adds and lists members, and sets settings with validation', async () => {
    const service = JSON.parse(
      (await runCli(db, ['service', 'create', '--name', 'Ops', '--json'])).stdout,
    ) as { id: string };
    const added = await runCli(db, [
      'member',
      'add',
      '--service',
      service.id,
      '--name',
      '이서연',
      '--slack',
      'T1:U9',
      '--permissions',
      'phone,sms',
      '--cti',
      '8007',
      '--json',
    ]);
    expect(JSON.parse(added.stdout)).toMatchObject({
      name: '이서연',
      role: 'member',
      permissions: { phone: true, sms: true, callbackAssign: false },
      ctiAgentId: '8007',
    });
    const listed = JSON.parse(
      (await runCli(db, ['member', 'list', '--service', service.id, '--json'])).stdout,
    ) as { members: { name: string }[] };
    expect(listed.members.map((m) => m.name)).toEqual(['이서연']);
    const set = await runCli(db, [
      'settings',
      'set',
      '--service',
      service.id,
      'smsEnabled=true',
      'serviceLevelThresholdSeconds=30',
      '--json',
    ]);
    expect(JSON.parse(set.stdout).settings).toMatchObject({
      smsEnabled: true,
      serviceLevelThresholdSeconds: 30,
    });
    const bad = await runCli(db, ['settings', 'set', '--service', service.id, 'dayStart=7am', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('dayStart: Use HH:MM');
  }, 40_000);
});
