import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import type { LookupAddress } from 'node:dns';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { createWebhookClient, type Resolver } from '../../src/integrations/webhooks.js';
import { slackIdentity, type MemberDoc } from '../../src/domain/members.js';
import type { Actor } from '../../src/usecases/actor.js';
import { receiveCallback, registerHistory, startCall, assignToMe } from '../../src/usecases/callbacks.js';
import { updateServiceSettings } from '../../src/usecases/settings.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';

/**
 * Webhook URLs are chosen by a service's admin, and anyone can create a service: a URL must not make the server call
 * its own host, its private network or a cloud metadata service. Refused when saved (after resolving the host) and
 * again when called (on the addresses the connection actually uses), unless the operator allows the network with
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS. There is no DNS on the test machines: names are `localhost`, names that cannot
 * resolve (`.invalid`), or answered by a resolver the test controls.
 */

/** One local server that records what reaches it: nothing may, when the address rules refuse. */
async function recordingServer(): Promise<{ server: FastifyInstance; port: number; received: unknown[] }> {
  const received: unknown[] = [];
  const server = Fastify({ forceCloseConnections: true });
  server.post('/*', async (request) => {
    received.push(request.body);
    return { ok: true };
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, received };
}

/** Forms of internal addresses an attacker would try; the URL parser normalises the numeric IPv4 ones. */
const INTERNAL_URLS = [
  'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'http://[::ffff:169.254.169.254]/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://METADATA.google.internal./computeMetadata/v1/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://100.100.100.200/latest/meta-data/',
  'http://localhost:6379/',
  'http://127.0.0.1:27017/',
  'http://127.0.0.1.:8080/',
  'http://[::1]/',
  'http://[::ffff:127.0.0.1]:22/',
  'http://[::127.0.0.1]/',
  'http://0x7f000001/',
  'http://2130706433/',
  'http://127.1/',
  'http://0177.0.0.1/',
  'http://0x7f.1/',
  'http://0/',
  'http://0.0.0.0:3000/',
  'http://10.0.0.8/dial',
  'http://172.16.5.4/',
  'http://192.168.0.1/admin',
  'http://100.64.0.1/',
  'http://[fc00::1]/',
  'http://[fe80::1]/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
  'https://[64:ff9b::7f00:1]/',
];

describe('webhook client: where a webhook may go', () => {
  let target: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    target = await recordingServer();
  });
  afterAll(async () => {
    await target.server.close();
  });

  it('refuses at save time every internal form, and says which host', async () => {
    const client = createWebhookClient();
    for (const url of INTERNAL_URLS)
      expect([url, await client.checkTarget(url)]).toEqual([
        url,
        { problem: 'not_allowed', host: expect.any(String) },
      ]);
    expect(await client.checkTarget('http://0x7f000001:8080/dial')).toEqual({
      problem: 'not_allowed',
      host: '127.0.0.1',
    });
    expect(await client.checkTarget('http://no-such-host.invalid/dial')).toEqual({
      problem: 'host_not_found',
      host: 'no-such-host.invalid',
    });
    // Public address literals need no DNS and are accepted.
    expect(await client.checkTarget('https://8.8.8.8/hook')).toBeUndefined();
    expect(await client.checkTarget('https://[2606:4700:4700::1111]/hook')).toBeUndefined();
    expect(await client.checkTarget('https://172.32.0.1/hook')).toBeUndefined();
  });

  it('an allowed network is reachable; cloud metadata stays refused inside it', async () => {
    const client = createWebhookClient({ allowedNetworks: ['127.0.0.0/8', '169.254.0.0/16', '10.0.0.0/8'] });
    expect(await client.checkTarget('http://127.1:8080/dial')).toBeUndefined();
    expect(await client.checkTarget('http://localhost:8080/dial')).toBeUndefined();
    expect(await client.checkTarget('http://10.0.0.8/dial')).toBeUndefined();
    expect(await client.checkTarget('http://169.254.169.254/')).toEqual({
      problem: 'not_allowed',
      host: '169.254.169.254',
    });
    expect(await client.checkTarget('http://metadata.google.internal/')).toMatchObject({
      problem: 'not_allowed',
    });
    expect(await client.checkTarget('http://192.168.0.1/')).toMatchObject({ problem: 'not_allowed' });
  });

  it('refuses at request time, by address literal and by name, before anything is sent', async () => {
    const logged: object[] = [];
    const client = createWebhookClient({ log: { warn: (details) => void logged.push(details) } });
    for (const url of [
      `http://127.0.0.1:${target.port}/dial`,
      `http://0x7f000001:${target.port}/dial`,
      `http://[::ffff:127.0.0.1]:${target.port}/dial`,
      `http://localhost:${target.port}/dial`,
    ])
      expect(await client.postJson(url, { phone: '01012345678' })).toMatchObject({
        ok: false,
        reason: 'refused',
      });
    expect(target.received).toEqual([]);
    // The detail goes to the server log, with the URL's origin and path only.
    expect(logged[0]).toMatchObject({
      webhook: `http://127.0.0.1:${target.port}/dial`,
      reason: 'refused',
      detail: expect.stringContaining('not a public address'),
    });

    const allowed = createWebhookClient({ allowedNetworks: ['127.0.0.1'] });
    expect(await allowed.postJson(`http://localhost:${target.port}/dial`, { n: 1 })).toEqual({
      ok: true,
      status: 200,
    });
    expect(target.received).toEqual([{ n: 1 }]);
    target.received.length = 0;
  });

  it('a name that resolves to a public address when saved and to loopback when called is refused (DNS rebinding)', async () => {
    let answers = 0;
    const rebinding: Resolver = (_host, _options, callback) => {
      answers += 1;
      const address: LookupAddress =
        answers === 1 ? { address: '93.184.215.14', family: 4 } : { address: '127.0.0.1', family: 4 };
      callback(null, [address]);
    };
    const client = createWebhookClient({ resolver: rebinding });
    const url = `http://pbx.rebind.test:${target.port}/dial`;
    expect(await client.checkTarget(url)).toBeUndefined();
    expect(await client.postJson(url, { phone: '01012345678' })).toMatchObject({
      ok: false,
      reason: 'refused',
      detail: expect.stringContaining('127.0.0.1'),
    });
    expect(answers).toBe(2);
    expect(target.received).toEqual([]);
  });

  it('one refused address among several refuses the name, whichever the socket would pick', async () => {
    const mixed: Resolver = (_host, _options, callback) =>
      callback(null, [
        { address: '93.184.215.14', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    const client = createWebhookClient({ resolver: mixed });
    expect(await client.checkTarget(`http://mixed.test:${target.port}/`)).toMatchObject({
      problem: 'not_allowed',
    });
    expect(await client.postJson(`http://mixed.test:${target.port}/`, {})).toMatchObject({
      reason: 'refused',
    });
    expect(target.received).toEqual([]);
  });
});

describe('a server without WEBHOOK_ALLOW_PRIVATE_NETWORKS', () => {
  let app: TestApp;
  let target: Awaited<ReturnType<typeof recordingServer>>;
  let serviceId: string;
  let admin: MemberDoc;
  const asAdmin = (): Actor => ({ kind: 'member', member: admin, surface: 'slack' });

  beforeAll(async () => {
    app = await startTestApp();
    target = await recordingServer();
    serviceId = (await app.store.services.create('웹훅 서비스', defaultServiceSettings()))._id;
    admin = await app.store.members.create({
      serviceId,
      displayName: '관리자',
      role: 'admin',
      permissions: { phone: true, callbackAssign: true, sms: false },
      identities: [slackIdentity('T1', 'U_admin')],
      ctiAgentId: 'ag-admin',
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await target?.server.close();
  });

  it('refuses to save a loopback or metadata URL through the use case, field by field, and keeps the old ones', async () => {
    const saved = await updateServiceSettings(
      app.store,
      asAdmin(),
      serviceId,
      {
        clickToDialWebhookUrl: `http://127.0.0.1:${target.port}/dial`,
        ticketWebhookUrl: 'http://169.254.169.254/latest/meta-data/',
      },
      app.callbacks.webhooks,
    );
    expect(saved).toEqual({
      ok: false,
      problem: {
        code: 'invalid_input',
        message: 'settings.webhookNotAllowed',
        params: { host: '127.0.0.1' },
        fields: {
          clickToDialWebhookUrl: { message: 'settings.webhookNotAllowed', params: { host: '127.0.0.1' } },
          ticketWebhookUrl: { message: 'settings.webhookNotAllowed', params: { host: '169.254.169.254' } },
        },
      },
    });
    const unknownHost = await updateServiceSettings(
      app.store,
      asAdmin(),
      serviceId,
      { ticketWebhookUrl: 'https://tickets.no-such-host.invalid/hook' },
      app.callbacks.webhooks,
    );
    expect(unknownHost).toMatchObject({
      ok: false,
      problem: {
        fields: {
          ticketWebhookUrl: {
            message: 'settings.webhookHostNotFound',
            params: { host: 'tickets.no-such-host.invalid' },
          },
        },
      },
    });
    // The use case without the server's client applies the same rules (public addresses only).
    expect(
      await updateServiceSettings(app.store, asAdmin(), serviceId, { ticketWebhookUrl: 'http://[::1]/' }),
    ).toMatchObject({ ok: false, problem: { code: 'invalid_input' } });
    const stored = (await app.store.services.get(serviceId))!.settings;
    expect(stored).toMatchObject({ clickToDialWebhookUrl: null, ticketWebhookUrl: null });

    // A public address is saved as before.
    const good = await updateServiceSettings(
      app.store,
      asAdmin(),
      serviceId,
      { ticketWebhookUrl: 'https://203.0.114.7/hook' },
      app.callbacks.webhooks,
    );
    expect(good).toMatchObject({
      ok: true,
      value: { settings: { ticketWebhookUrl: 'https://203.0.114.7/hook' } },
    });
    await app.store.services.updateSettings(serviceId, { ticketWebhookUrl: null });
  });

  it('refuses the same through the CLI, with one clear line', async () => {
    const result = await runCli(app.dbName, [
      'settings',
      'set',
      '--service',
      serviceId,
      'clickToDialWebhookUrl=http://0x7f000001:8080/dial',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('clickToDialWebhookUrl: 127.0.0.1 is not a public address');
    expect((await app.store.services.get(serviceId))!.settings.clickToDialWebhookUrl).toBeNull();
  }, 30_000);

  it('refuses at request time a URL written straight into the database: the person hears only that it failed', async () => {
    const dialUrl = `http://127.0.0.1:${target.port}/dial`;
    await app.store.services.updateSettings(serviceId, {
      clickToDialWebhookUrl: dialUrl,
      ticketWebhookUrl: `http://localhost:${target.port}/tickets`,
    });
    const key = (await app.store.apiKeys.create({ serviceId, name: 'cti', allowedIps: [], createdBy: 't' }))
      .key;
    const cti = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          {
            id: 'login-1',
            type: 'agent.login',
            agent: 'ag-admin',
            at: new Date().toISOString(),
            service: 's',
          },
        ],
      }),
    });
    expect(cti.status).toBe(202);

    const filed = await receiveCallback(app.callbacks, { kind: 'operator', name: 'test' }, serviceId, {
      phone: '010-4444-5555',
    });
    if (!filed.ok) throw new Error(JSON.stringify(filed.problem));
    await assignToMe(app.callbacks, asAdmin(), filed.value.callback._id);
    const call = await startCall(app.callbacks, asAdmin(), filed.value.callback._id);
    expect(call).toEqual({ ok: false, problem: { code: 'conflict', message: 'callbacks.call.dialFailed' } });
    expect((await app.store.callbacks.get(filed.value.callback._id))?.attempts).toEqual([]);

    // The ticket forward is refused for good, not retried against the internal address.
    const history = await registerHistory(app.callbacks, asAdmin(), serviceId, {
      summary: '주소 변경',
      phone: '010-4444-5555',
    });
    if (!history.ok) throw new Error(JSON.stringify(history.problem));
    let stored = await app.store.interactions.get(history.value._id);
    for (let i = 0; i < 100 && stored?.forward.status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await app.store.interactions.get(history.value._id);
    }
    expect(stored?.forward).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('not a public address'),
    });
    expect(target.received).toEqual([]);
  }, 30_000);
});
