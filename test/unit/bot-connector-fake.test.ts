import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Activity, Attachment, ConversationParameters } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { FakeBotConnector } from '../fakes/bot-connector.js';

/**
 * Drives the fake with botbuilder's own ConnectorClient — the client CloudAdapter uses — so the routes, encodings and
 * answers are the ones the real bot will meet. Empty credentials send no Authorization header, as botbuilder does
 * with MICROSOFT_APP_ID unset.
 */

const TEAMS_CHANNEL = '19:abcDEF123@thread.tacv2';
const PERSONAL_CHAT = 'a:1xYz_personal-chat;with=odd:chars@here';

function card(text: string, extra: Record<string, unknown> = {}): Attachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text, wrap: true }],
      actions: [{ type: 'Action.Execute', verb: 'wallboard.refresh', title: 'Refresh' }],
      ...extra,
    },
  };
}

/** The HTTP status of a failed ConnectorClient call, whatever error class the pipeline wraps it in. */
async function failureOf(
  promise: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    // ConnectorClient throws a RestError carrying the ErrorResponse's code and message.
    return error as { statusCode?: number; code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('FakeBotConnector driven by botframework-connector ConnectorClient', () => {
  let fake: FakeBotConnector;
  let client: ConnectorClient;

  beforeAll(async () => {
    fake = await FakeBotConnector.start();
    client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: fake.serviceUrl });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
    // The conversations users wrote from; the connector knows no others until the bot creates one.
    fake.addConversation(TEAMS_CHANNEL);
    fake.addConversation(PERSONAL_CHAT);
  });

  it('listens on 127.0.0.1 with a serviceUrl botbuilder can append v3/… to', () => {
    expect(fake.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('sends, replies and updates in place, recording decoded ids and bodies', async () => {
    const sent = await client.conversations.sendToConversation(PERSONAL_CHAT, {
      type: 'message',
      text: 'hello',
      attachments: [card('Waiting 3')],
    });
    expect(sent.id).toMatch(/^\d+$/);

    const reply = await client.conversations.replyToActivity(PERSONAL_CHAT, 'incoming-1', {
      type: 'message',
      text: 'done',
    });
    expect(reply.id).not.toBe(sent.id);

    const updated = await client.conversations.updateActivity(PERSONAL_CHAT, sent.id!, {
      type: 'message',
      id: sent.id,
      attachments: [card('Waiting 4')],
    });
    expect(updated.id).toBe(sent.id);

    const [send, replyCall, update] = fake.calls;
    expect(send).toMatchObject({
      method: 'POST',
      conversationId: PERSONAL_CHAT,
      activityId: sent.id,
      status: 200,
    });
    expect(send!.path).toBe(`/v3/conversations/${encodeURIComponent(PERSONAL_CHAT)}/activities`);
    expect(send!.body).toMatchObject({ type: 'message', text: 'hello' });
    expect(send!.authorization).toBeUndefined();
    expect(replyCall).toMatchObject({
      method: 'POST',
      conversationId: PERSONAL_CHAT,
      replyToId: 'incoming-1',
      activityId: reply.id,
    });
    expect(update).toMatchObject({
      method: 'PUT',
      conversationId: PERSONAL_CHAT,
      activityId: sent.id,
      status: 200,
    });
    expect(update!.body.attachments[0].content.body[0].text).toBe('Waiting 4');

    expect(fake.activitiesSent().map((a) => a.text)).toEqual(['hello', 'done']);
    expect(fake.cardViolations).toEqual([]);
  });

  it('answers an update of an id it never sent with 404 ActivityNotFoundInConversation', async () => {
    await client.conversations.sendToConversation(TEAMS_CHANNEL, { type: 'message', text: 'x' });
    const error = await failureOf(
      client.conversations.updateActivity(TEAMS_CHANNEL, '999', { type: 'message', text: 'y' }),
    );
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'ActivityNotFoundInConversation',
      message: 'Message does not exist in the thread.',
    });

    const call = await fake.waitForCall((c) => c.method === 'PUT');
    expect(call).toMatchObject({ status: 404, conversationId: TEAMS_CHANNEL, activityId: '999' });
  });

  it('answers an update in a conversation it never saw with 404 ConversationNotFound', async () => {
    const error = await failureOf(
      client.conversations.updateActivity('19:nowhere@thread.skype', '1', { type: 'message' }),
    );
    expect(error).toMatchObject({ statusCode: 404, code: 'ConversationNotFound' });
    expect(fake.calls[0]).toMatchObject({
      method: 'PUT',
      status: 404,
      conversationId: '19:nowhere@thread.skype',
    });
  });

  it('does not create a conversation by sending to it: 404 ConversationNotFound for send, reply and members', async () => {
    const nowhere = 'a:never-told-about';
    const calls = [
      () => client.conversations.sendToConversation(nowhere, { type: 'message', text: 'x' }),
      () => client.conversations.replyToActivity(nowhere, 'incoming-1', { type: 'message', text: 'x' }),
      () => client.conversations.getConversationMembers(nowhere),
    ];
    for (const call of calls) {
      expect(await failureOf(call())).toMatchObject({ statusCode: 404, code: 'ConversationNotFound' });
    }
    expect(fake.calls.map((c) => c.status)).toEqual([404, 404, 404]);
    // Still unknown afterwards: the failed send did not bring it into being.
    expect(
      await failureOf(client.conversations.sendToConversation(nowhere, { type: 'message', text: 'y' })),
    ).toMatchObject({ statusCode: 404 });
  });

  it('deletes, after which the activity can no longer be updated', async () => {
    const sent = await client.conversations.sendToConversation(PERSONAL_CHAT, {
      type: 'message',
      text: 'bye',
    });
    await client.conversations.deleteActivity(PERSONAL_CHAT, sent.id!);
    const error = await failureOf(
      client.conversations.updateActivity(PERSONAL_CHAT, sent.id!, { type: 'message' }),
    );
    expect(error.statusCode).toBe(404);
    expect(fake.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['POST 200', 'DELETE 200', 'PUT 404']);
  });

  it('creates a channel thread with Teams-shaped ids, and the new id works in later paths', async () => {
    const created = await client.conversations.createConversation({
      isGroup: true,
      bot: { id: '28:bot', name: 'Switchboard' },
      channelData: { channel: { id: TEAMS_CHANNEL } },
      // The connector needs only what a bot really sends; botbuilder's type asks for a complete Activity.
      activity: { type: 'message', text: 'pinned wallboard', attachments: [card('Live')] } as Activity,
    } as ConversationParameters);
    expect(created.id).toBe(`${TEAMS_CHANNEL};messageid=${created.activityId}`);

    const updated = await client.conversations.updateActivity(created.id!, created.activityId!, {
      type: 'message',
      attachments: [card('Live, updated')],
    });
    expect(updated.id).toBe(created.activityId);
    expect(fake.calls[1]).toMatchObject({ method: 'PUT', conversationId: created.id, status: 200 });
    expect(fake.activitiesSent().map((a) => a.text)).toEqual(['pinned wallboard']);
  });

  it('creates a 1:1 conversation without an activity', async () => {
    const created = await client.conversations.createConversation({
      isGroup: false,
      bot: { id: '28:bot', name: 'Switchboard' },
      members: [{ id: '29:user', name: 'User' }],
      tenantId: 'tenant',
    } as ConversationParameters);
    expect(created.id).toMatch(/^a:/);
    expect(created.activityId).toBeUndefined();
    expect(fake.calls[0]).toMatchObject({ method: 'POST', path: '/v3/conversations', status: 201 });
  });

  it('lists one member', async () => {
    const members = await client.conversations.getConversationMembers(TEAMS_CHANNEL);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ id: '29:fake-user-1', name: 'Fake User' });
    expect(fake.calls[0]).toMatchObject({ method: 'GET', conversationId: TEAMS_CHANNEL, status: 200 });
  });

  it('records every invalid Adaptive Card it receives, prefixed with the call', async () => {
    await client.conversations.sendToConversation(PERSONAL_CHAT, {
      type: 'message',
      attachments: [
        { contentType: 'text/plain', content: 'not a card' },
        card('bad', { version: '1.6', actions: [{ type: 'Action.Execute', title: 'No verb' }] }),
      ],
    });
    const path = `/v3/conversations/${encodeURIComponent(PERSONAL_CHAT)}/activities`;
    expect(fake.cardViolations).toEqual([
      `POST ${path} attachments[1]: card: version 1.6 is newer than 1.5, which Teams renders`,
      `POST ${path} attachments[1]: card.actions[0] (Action.Execute): "verb" is required — the bot routes Action.Execute invokes by verb`,
    ]);
  });

  it('waitForCall resolves on a call still to come and times out with the calls it saw', async () => {
    const waiting = fake.waitForCall((c) => c.method === 'POST' && c.body?.text === 'later');
    await client.conversations.sendToConversation(PERSONAL_CHAT, { type: 'message', text: 'sooner' });
    await client.conversations.sendToConversation(PERSONAL_CHAT, { type: 'message', text: 'later' });
    await expect(waiting).resolves.toMatchObject({ body: { text: 'later' } });

    await expect(fake.waitForCall((c) => c.method === 'DELETE', 50)).rejects.toThrow(
      /no matching call within 50 ms\. Calls so far:\n {2}POST \/v3\/conversations\/.+\/activities → 200/,
    );
  });

  it('keeps sent activities across reset, so a card posted earlier can still be updated', async () => {
    const sent = await client.conversations.sendToConversation(TEAMS_CHANNEL, {
      type: 'message',
      text: 'wallboard',
    });
    fake.reset();
    expect(fake.calls).toEqual([]);
    await client.conversations.updateActivity(TEAMS_CHANNEL, sent.id!, {
      type: 'message',
      text: 'wallboard 2',
    });
    expect(fake.calls[0]).toMatchObject({ method: 'PUT', status: 200 });
  });

  describe('with credentials (requireBearer)', () => {
    /** Signs like botbuilder's AppCredentials once it holds a token; AAD is out of reach here. */
    const signedWith = (token: string) => {
      const credentials: ConstructorParameters<typeof ConnectorClient>[0] = {
        signRequest: async (request) => {
          request.headers.set('Authorization', `Bearer ${token}`);
          return request;
        },
      };
      return new ConnectorClient(credentials, { baseUri: fake.serviceUrl });
    };

    afterEach(async () => {
      // requireBearer cannot be undone; a fresh fake keeps the other tests unsigned.
      await fake.stop();
      fake = await FakeBotConnector.start();
      client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: fake.serviceUrl });
    });

    it('answers 401 to a call without the bearer token, or with another, and records each', async () => {
      fake.requireBearer('token-from-aad');
      const unsigned = await failureOf(
        client.conversations.sendToConversation(PERSONAL_CHAT, { type: 'message', text: 'x' }),
      );
      expect(unsigned.statusCode).toBe(401);
      const forged = await failureOf(
        signedWith('forged').conversations.sendToConversation(PERSONAL_CHAT, { type: 'message', text: 'x' }),
      );
      expect(forged.statusCode).toBe(401);
      await expect(
        signedWith('token-from-aad').conversations.sendToConversation(PERSONAL_CHAT, {
          type: 'message',
          text: 'signed',
        }),
      ).resolves.toMatchObject({ id: expect.stringMatching(/^\d+$/) });

      expect(fake.calls.map((c) => c.status)).toEqual([401, 401, 200]);
      expect(fake.calls[2]?.authorization).toBe('Bearer token-from-aad');
      expect(fake.activitiesSent().map((a) => a.text)).toEqual(['signed']);
      expect(fake.violations).toEqual([
        expect.stringMatching(/^POST \/v3\/conversations\/.+\/activities: no Authorization header/),
        expect.stringMatching(/^POST \/v3\/conversations\/.+\/activities: wrong Authorization header/),
      ]);
      expect(() => fake.assertNoViolations()).toThrow(/2 violation\(s\)/);
    });
  });

  describe('throttling', () => {
    // Raw requests: ConnectorClient itself waits out Retry-After and retries, which is what a bot should do.
    const post = (conversationId: string) =>
      fetch(`${fake.serviceUrl}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'x' }),
      });

    it('answers 429 with Retry-After while throttled and records a call again inside that time', async () => {
      fake.throttle({ retryAfterSeconds: 30, forMs: 60_000 });
      const first = await post(PERSONAL_CHAT);
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('30');
      expect(await first.json()).toMatchObject({ error: { code: 'Throttled' } });
      // Another conversation was not told to wait: no violation yet.
      expect((await post(TEAMS_CHANNEL)).status).toBe(429);
      expect(fake.violations).toEqual([]);

      expect((await post(PERSONAL_CHAT)).status).toBe(429);
      expect(fake.violations).toEqual([
        expect.stringMatching(/^POST a:1xYz_personal-chat;with=odd:chars@here: called again \d+ ms before/),
      ]);
      expect(fake.activitiesSent()).toEqual([]);
    });

    it('records no violation for a retry once Retry-After has passed', async () => {
      fake.throttle({ retryAfterSeconds: 0, forMs: 60_000 });
      expect((await post(PERSONAL_CHAT)).status).toBe(429);
      expect((await post(PERSONAL_CHAT)).status).toBe(429);
      expect(fake.violations).toEqual([]);
    });

    it('is lifted by reset, after which ConnectorClient gets through', async () => {
      fake.throttle({ retryAfterSeconds: 0, forMs: 60_000 });
      expect((await post(PERSONAL_CHAT)).status).toBe(429);
      fake.reset();
      fake.addConversation(PERSONAL_CHAT);
      await expect(
        client.conversations.sendToConversation(PERSONAL_CHAT, { type: 'message', text: 'x' }),
      ).resolves.toMatchObject({ id: expect.stringMatching(/^\d+$/) });
    });
  });
});
