import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { slackIdentity } from '../../src/domain/members.js';
import type { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import type { TestApp } from '../support/app.js';
import { sendToSlackEndpoint, slackSignature, slashCommandBody } from '../support/slack-requests.js';

describe('Slack: /switchboard setup over the real HTTP receiver', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp());
    slack.setUser({ id: 'U0001', teamId: 'T0001', realName: 'Kim Minji', locale: 'ko-KR' });
    slack.setUser({ id: 'U0002', teamId: 'T0001', realName: 'Alex Park', locale: 'en-US' });
  });
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  const setupBody = (name: string, channelId = 'C0001', userId = 'U0001') =>
    slashCommandBody({
      command: '/switchboard',
      text: `setup ${name}`,
      channelId,
      userId,
      responseUrl: slack.responseUrl(),
    });

  it('creates the service with the caller as admin, links the channel and answers in their language', async () => {
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, setupBody('Acme Support'));
    expect(response.status).toBe(200);
    const answer = await slack.waitForCall('response_url');
    expect(String(answer.args.text)).toContain('Acme Support');
    expect(String(answer.args.text)).toContain('서비스');
    expect(answer.args.response_type).toBe('ephemeral');

    const services = await app.store.services.list();
    expect(services.map((s) => s.name)).toEqual(['Acme Support']);
    const admin = await app.store.members.findByIdentity(services[0]!._id, slackIdentity('T0001', 'U0001'));
    expect(admin).toMatchObject({
      role: 'admin',
      displayName: 'Kim Minji',
      permissions: { phone: true, callbackAssign: true, sms: true },
    });
    expect(await app.store.chatLinks.get('slack:T0001:C0001')).toMatchObject({ serviceId: services[0]!._id });
    const audit = await app.store.audit.listByService(services[0]!._id);
    expect(audit.map((a) => a.action)).toContain('service.created');
  });

  it('refuses a second setup in a linked channel, naming the service it is linked to', async () => {
    slack.reset();
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, setupBody('Another', 'C0001', 'U0002'));
    const answer = await slack.waitForCall('response_url');
    expect(String(answer.args.text)).toContain('already linked to service *Acme Support*');
    expect((await app.store.services.list()).map((s) => s.name)).toEqual(['Acme Support']);
  });

  describe('requests that did not come from Slack change nothing', () => {
    const count = async () => (await app.store.services.list()).length;
    it.each([
      ['unsigned', { signature: '' }],
      [
        'signed with another secret',
        { signature: slackSignature('wrong-secret', Math.floor(Date.now() / 1000), 'x') },
      ],
      ['6 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
      ['6 minutes in the future', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }],
    ])('%s → 401', async (_label, opts) => {
      const before = await count();
      const response = await sendToSlackEndpoint(
        app.url,
        SIGNING_SECRET,
        setupBody(`Rogue ${_label}`, 'C0999'),
        opts,
      );
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body).error.code).toBe('invalid_signature');
      // The receiver answers 401 before the body reaches Bolt: no listener ran, so nothing can land later.
      expect(await count()).toBe(before);
    });

    it('tampered body (signature of the original) → 401', async () => {
      const ts = Math.floor(Date.now() / 1000);
      const original = setupBody('Honest', 'C0998');
      const signature = slackSignature(SIGNING_SECRET, ts, original);
      const before = await count();
      const response = await sendToSlackEndpoint(
        app.url,
        SIGNING_SECRET,
        original.replace('Honest', 'Evil'),
        { timestamp: ts, signature },
      );
      expect(response.status).toBe(401);
      expect(await count()).toBe(before);
    });
  });

  it('acts once when Slack redelivers the same request with X-Slack-Retry-Num', async () => {
    const body = setupBody('Retry Co', 'C0100', 'U0002');
    const ts = Math.floor(Date.now() / 1000);
    const first = await sendToSlackEndpoint(app.url, SIGNING_SECRET, body, { timestamp: ts });
    const retry = await sendToSlackEndpoint(app.url, SIGNING_SECRET, body, {
      timestamp: ts,
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    // The delivery that acted has answered (so its answer cannot land in the next test); the retry was refused at
    // its claim, before the ack, so it has nothing left to do.
    await slack.waitForCall('response_url', (c) => String(c.args.text).includes('Retry Co'), 10_000);
    expect((await app.store.services.list()).filter((s) => s.name === 'Retry Co')).toHaveLength(1);
  });

  it('acknowledges within 3 s even when the work after the ack is slow (Slack answering users.info in 4 s)', async () => {
    slack.reset();
    slack.setUser({ id: 'U0777', teamId: 'T0001', realName: 'Slow Lee', locale: 'en-US' });
    slack.setDelay('users.info', 4000);
    const response = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      setupBody('Slow Co', 'C0777', 'U0777'),
    );
    expect(response.status).toBe(200);
    expect(response.ms).toBeLessThan(3000);
    const answer = await slack.waitForCall('response_url', undefined, 10_000);
    expect(String(answer.args.text)).toContain('Slow Co');
    slack.setDelay('users.info', 0);
  });

  it('answers url_verification and ssl_check', async () => {
    const verification = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      JSON.stringify({ type: 'url_verification', challenge: 'abc123' }),
      {
        contentType: 'json',
      },
    );
    expect(JSON.parse(verification.body)).toEqual({ challenge: 'abc123' });
    const ssl = await sendToSlackEndpoint(app.url, SIGNING_SECRET, 'ssl_check=1&token=x', {
      contentType: 'form',
    });
    expect(ssl.status).toBe(200);
  });

  it('refuses non-admins opening settings, members and API keys, saying who may', async () => {
    for (const sub of ['settings', 'members', 'apikey']) {
      slack.reset();
      // U0002 is not a member of Acme Support (linked to C0001).
      await sendToSlackEndpoint(
        app.url,
        SIGNING_SECRET,
        slashCommandBody({
          command: '/switchboard',
          text: sub,
          channelId: 'C0001',
          userId: 'U0002',
          responseUrl: slack.responseUrl(),
        }),
      );
      const answer = await slack.waitForCall('response_url');
      expect(String(answer.args.text)).toContain('not a member of this service');
      expect(slack.callsTo('views.open')).toHaveLength(0);
    }
  });
});
