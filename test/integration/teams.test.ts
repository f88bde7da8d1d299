import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { TENANT } from '../support/teams-requests.js';
import { startTestApp, type TestApp } from '../support/app.js';

function messageActivity(serviceUrl: string, text: string, locale = 'en-US') {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user-1', name: 'Kim Minji', aadObjectId: 'aad-user-1' },
    conversation: { id: 'a:1-personal-chat', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:bot', name: 'Switchboard' },
    text,
    locale,
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

describe('Teams: POST /api/messages through the Agents SDK CloudAdapter', () => {
  it('is off without credentials: 503 teams_off, nothing stored', async () => {
    const app = await startTestApp();
    try {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity('http://127.0.0.1:9/', 'help')),
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('teams_off');
      expect(await app.store.teamsConversations.get('a:1-personal-chat')).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  describe('auth off (TEAMS_EMULATOR=true, no MICROSOFT_APP_ID), as the Bot Framework Emulator', () => {
    let app: TestApp;
    let connector: FakeBotConnector;
    beforeAll(async () => {
      connector = await FakeBotConnector.start();
      // The personal chat the user writes from exists in Teams; the connector refuses any other.
      connector.addConversation('a:1-personal-chat');
      app = await startTestApp({ env: { TEAMS_EMULATOR: 'true' } });
    });
    afterAll(async () => {
      await app.close();
      await connector.stop();
    });
    afterEach(() => connector.assertNoViolations());

    it('answers "help" with an Adaptive Card that passes Microsoft\'s validator, and remembers the conversation', async () => {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(connector.serviceUrl, 'help')),
      });
      expect(response.status).toBeLessThan(300);
      const reply = await connector.waitForCall((c) => c.method === 'POST' && c.path.includes('/activities'));
      expect(reply.conversationId).toBe('a:1-personal-chat');
      expect(reply.status).toBe(200);
      const card = reply.body.attachments[0];
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(card.content.version).toBe('1.5');
      expect(JSON.stringify(card.content)).toContain('Callbacks');
      expect(connector.cardViolations).toEqual([]);

      const saved = await app.store.teamsConversations.get('a:1-personal-chat');
      expect(saved).toMatchObject({
        tenantId: 'tenant-1',
        conversationType: 'personal',
        userAadObjectId: 'aad-user-1',
      });
      expect(JSON.parse(saved!.reference)).toMatchObject({
        serviceUrl: connector.serviceUrl,
        conversation: { id: 'a:1-personal-chat' },
      });
    });

    it('answers in Korean for a Korean Teams client', async () => {
      connector.reset();
      await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(connector.serviceUrl, '도움말', 'ko-KR')),
      });
      const reply = await connector.waitForCall((c) => c.method === 'POST');
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body.attachments[0].content)).toContain('콜백');
      expect(connector.cardViolations).toEqual([]);
    });

    it('sends no traffic to a serviceUrl that is not loopback: 400, nothing stored, the connector got nothing', async () => {
      connector.reset();
      const elsewhere = connector.serviceUrl.replace('127.0.0.1', '10.255.255.1');
      const activity = {
        ...messageActivity(elsewhere, 'help'),
        conversation: { id: 'a:1-elsewhere', conversationType: 'personal', tenantId: 'tenant-1' },
      };
      for (const serviceUrl of [elsewhere, 'https://smba.trafficmanager.net/kr/']) {
        const response = await fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...activity, serviceUrl }),
        });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'service_url_not_allowed',
        );
      }
      expect(await app.store.teamsConversations.get('a:1-elsewhere')).toBeUndefined();
      // A loopback activity afterwards is answered: the connector was reachable, it was simply not called.
      await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(connector.serviceUrl, 'help')),
      });
      await connector.waitForCall((c) => c.method === 'POST');
      expect(connector.calls.map((c) => c.conversationId)).toEqual(['a:1-personal-chat']);
    });

    it('answers a body that is not an activity with 400, not 500', async () => {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hello: 'world' }),
      });
      expect(response.status).toBe(400);
      // The SDK's own schema refuses what ours lets through (an empty channelId): still 400, not its exception's 500.
      const emptyChannel = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...messageActivity(connector.serviceUrl, 'help'), channelId: '' }),
      });
      expect(emptyChannel.status).toBe(400);
      expect(((await emptyChannel.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_activity',
      );
    });
  });

  describe('auth on (MICROSOFT_APP_ID set)', () => {
    let app: TestApp;
    let connector: FakeBotConnector;
    beforeAll(async () => {
      connector = await FakeBotConnector.start();
      // A bot with credentials signs every connector call; anything unsigned would be a violation.
      connector.requireBearer('token-from-aad');
      connector.addConversation('a:1-personal-chat');
      app = await startTestApp({
        env: {
          MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
          MICROSOFT_APP_PASSWORD: 'secret',
          MICROSOFT_APP_TENANT_ID: TENANT,
        },
      });
    });
    afterAll(async () => {
      await app.close();
      await connector.stop();
    });
    afterEach(() => connector.assertNoViolations());

    it('refuses an activity without a bearer token with 401 and changes nothing', async () => {
      const activity = {
        ...messageActivity(connector.serviceUrl, 'help'),
        conversation: { id: 'a:2-unauth', conversationType: 'personal' },
      };
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(response.status).toBe(401);
      // Authentication answers before the bot sees the activity: with a 401 nothing runs afterwards.
      expect(connector.calls).toEqual([]);
      expect(await app.store.teamsConversations.get('a:2-unauth')).toBeUndefined();
    });

    it('refuses a forged token with 401', async () => {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl',
        },
        body: JSON.stringify(messageActivity(connector.serviceUrl, 'help')),
      });
      expect(response.status).toBe(401);
      expect(connector.calls).toEqual([]);
      expect(await app.store.teamsConversations.get('a:1-personal-chat')).toBeUndefined();
    });

    it('refuses a setup with a forged token: 401, no service created', async () => {
      const before = (await app.store.services.list()).length;
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJhdWQiOiJ4In0.c2lnbmF0dXJl',
        },
        body: JSON.stringify(messageActivity(connector.serviceUrl, 'setup Forged')),
      });
      expect(response.status).toBe(401);
      expect(connector.calls).toEqual([]);
      expect(await app.store.services.list()).toHaveLength(before);
    });
  });
});
