import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Activity, type Attachment, type ConversationParameters } from '@microsoft/agents-activity';
import { ConnectorClient } from '@microsoft/agents-hosting';
import { FakeBotConnector } from '../fakes/bot-connector.js';

/**
 * Drives the fake with the Agents SDK's own ConnectorClient — the client CloudAdapter and our chat port use — so the
 * routes, encodings and answers are the ones the real bot will meet. Without a token the client sends no
 * Authorization header, as the bot does in emulator mode (no MICROSOFT_APP_ID).
 */

/** An activity as the SDK's client takes it (a plain object would lack the class's methods). */
const activity = (fields: Record<string, unknown>): Activity =>
  Activity.fromObject({ type: 'message', ...fields });

/** A client for the fake, signed with `token` (none: unsigned). */
const clientFor = (serviceUrl: string, token = ''): ConnectorClient =>
  ConnectorClient.createClientWithToken(serviceUrl, token);

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

/** The HTTP status and Teams' ErrorResponse of a failed ConnectorClient call. */
async function failureOf(
  promise: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    // ConnectorClient throws the SDK's HttpError: the status, and the response body as it came.
    const failed = error as {
      status?: number;
      response?: { data?: { error?: { code?: string; message?: string } } };
    };
    return {
      statusCode: failed.status,
      code: failed.response?.data?.error?.code,
      message: failed.response?.data?.error?.message,
    };
  }
  throw new Error('expected the call to fail');
}

describe("FakeBotConnector driven by the Agents SDK's ConnectorClient", () => {
  let fake: FakeBotConnector;
  let client: ConnectorClient;

  beforeAll(async () => {
    fake = await FakeBotConnector.start();
    client = clientFor(fake.serviceUrl);
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

  it('listens on 127.0.0.1 with a serviceUrl the Agents SDK can append v3/… to', () => {
    expect(fake.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('sends, replies and updates in place, recording decoded ids and bodies', async () => {
    const sent = await client.sendToConversation(
      PERSONAL_CHAT,
      activity({
        text: 'hello',
        attachments: [card('Waiting 3')],
      }),
    );
    expect(sent.id).toMatch(/^\d+$/);

    const reply = await client.replyToActivity(
      PERSONAL_CHAT,
      'incoming-1',
      activity({
        text: 'done',
      }),
    );
    expect(reply.id).not.toBe(sent.id);

    const updated = await client.updateActivity(
      PERSONAL_CHAT,
      sent.id!,
      activity({
        id: sent.id,
        attachments: [card('Waiting 4')],
      }),
    );
    expect(updated.id).toBe(sent.id);

    const [send, replyCall, update] = fake.calls;
    expect(send).toMatchObject({
      method: 'POST',
      conversationId: PERSONAL_CHAT,
      activityId: sent.id,
      status: 200,
    });
    // The SDK puts the conversation id in the path as it is (`:`, `;`, `=`, `@` are legal there); the fake decodes it.
    expect(send!.path).toBe(`/v3/conversations/${PERSONAL_CHAT}/activities`);
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
    await client.sendToConversation(TEAMS_CHANNEL, activity({ text: 'x' }));
    const error = await failureOf(client.updateActivity(TEAMS_CHANNEL, '999', activity({ text: 'y' })));
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'ActivityNotFoundInConversation',
      message: 'Message does not exist in the thread.',
    });

    const call = await fake.waitForCall((c) => c.method === 'PUT');
    expect(call).toMatchObject({ status: 404, conversationId: TEAMS_CHANNEL, activityId: '999' });
  });

  it('answers an update in a conversation it never saw with 404 ConversationNotFound', async () => {
    const error = await failureOf(client.updateActivity('19:nowhere@thread.skype', '1', activity({})));
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
      () => client.sendToConversation(nowhere, activity({ text: 'x' })),
      () => client.replyToActivity(nowhere, 'incoming-1', activity({ text: 'x' })),
      () => client.getConversationMember('29:fake-user-1', nowhere),
    ];
    for (const call of calls) {
      expect(await failureOf(call())).toMatchObject({ statusCode: 404, code: 'ConversationNotFound' });
    }
    expect(fake.calls.map((c) => c.status)).toEqual([404, 404, 404]);
    // Still unknown afterwards: the failed send did not bring it into being.
    expect(await failureOf(client.sendToConversation(nowhere, activity({ text: 'y' })))).toMatchObject({
      statusCode: 404,
    });
  });

  it('deletes, after which the activity can no longer be updated', async () => {
    const sent = await client.sendToConversation(
      PERSONAL_CHAT,
      activity({
        text: 'bye',
      }),
    );
    await client.deleteActivity(PERSONAL_CHAT, sent.id!);
    const error = await failureOf(client.updateActivity(PERSONAL_CHAT, sent.id!, activity({})));
    expect(error.statusCode).toBe(404);
    expect(fake.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['POST 200', 'DELETE 200', 'PUT 404']);
  });

  it('creates a channel thread with Teams-shaped ids, and the new id works in later paths', async () => {
    const created = await client.createConversation({
      isGroup: true,
      bot: { id: '28:bot', name: 'Switchboard' },
      channelData: { channel: { id: TEAMS_CHANNEL } },
      activity: activity({ text: 'pinned wallboard', attachments: [card('Live')] }),
    } as unknown as ConversationParameters);
    expect(created.id).toBe(`${TEAMS_CHANNEL};messageid=${created.activityId}`);

    const updated = await client.updateActivity(
      created.id!,
      created.activityId!,
      activity({
        attachments: [card('Live, updated')],
      }),
    );
    expect(updated.id).toBe(created.activityId);
    expect(fake.calls[1]).toMatchObject({ method: 'PUT', conversationId: created.id, status: 200 });
    expect(fake.activitiesSent().map((a) => a.text)).toEqual(['pinned wallboard']);
  });

  it('creates a 1:1 conversation without an activity', async () => {
    const created = await client.createConversation({
      isGroup: false,
      bot: { id: '28:bot', name: 'Switchboard' },
      members: [{ id: '29:user', name: 'User' }],
      tenantId: 'tenant',
    } as unknown as ConversationParameters);
    expect(created.id).toMatch(/^a:/);
    expect(created.activityId).toBeUndefined();
    expect(fake.calls[0]).toMatchObject({ method: 'POST', path: '/v3/conversations', status: 201 });
  });

  it('reads a member of a conversation', async () => {
    const member = await client.getConversationMember('29:fake-user-1', TEAMS_CHANNEL);
    expect(member).toMatchObject({ id: '29:fake-user-1', name: 'Fake User' });
    expect(fake.calls[0]).toMatchObject({ method: 'GET', conversationId: TEAMS_CHANNEL, status: 200 });
  });

  it('records every invalid Adaptive Card it receives, prefixed with the call', async () => {
    await client.sendToConversation(
      PERSONAL_CHAT,
      activity({
        attachments: [
          { contentType: 'text/plain', content: 'not a card' },
          card('bad', { version: '1.6', actions: [{ type: 'Action.Execute', title: 'No verb' }] }),
        ],
      }),
    );
    const path = `/v3/conversations/${PERSONAL_CHAT}/activities`;
    expect(fake.cardViolations).toEqual([
      `POST ${path} attachments[1]: card: version 1.6 is newer than 1.5, which Teams renders`,
      `POST ${path} attachments[1]: card.actions[0] (Action.Execute): "verb" is required — the bot routes Action.Execute invokes by verb`,
    ]);
  });

  it('waitForCall resolves on a call still to come and times out with the calls it saw', async () => {
    const waiting = fake.waitForCall((c) => c.method === 'POST' && c.body?.text === 'later');
    await client.sendToConversation(PERSONAL_CHAT, activity({ text: 'sooner' }));
    await client.sendToConversation(PERSONAL_CHAT, activity({ text: 'later' }));
    await expect(waiting).resolves.toMatchObject({ body: { text: 'later' } });

    await expect(fake.waitForCall((c) => c.method === 'DELETE', 50)).rejects.toThrow(
      /no matching call within 50 ms\. Calls so far:\n {2}POST \/v3\/conversations\/.+\/activities → 200/,
    );
  });

  it('keeps sent activities across reset, so a card posted earlier can still be updated', async () => {
    const sent = await client.sendToConversation(
      TEAMS_CHANNEL,
      activity({
        text: 'wallboard',
      }),
    );
    fake.reset();
    expect(fake.calls).toEqual([]);
    await client.updateActivity(
      TEAMS_CHANNEL,
      sent.id!,
      activity({
        text: 'wallboard 2',
      }),
    );
    expect(fake.calls[0]).toMatchObject({ method: 'PUT', status: 200 });
  });

  describe('with credentials (requireBearer)', () => {
    /** Signed as the SDK signs once it holds a token from Entra (out of reach here). */
    const signedWith = (token: string) => clientFor(fake.serviceUrl, token);

    afterEach(async () => {
      // requireBearer cannot be undone; a fresh fake keeps the other tests unsigned.
      await fake.stop();
      fake = await FakeBotConnector.start();
      client = clientFor(fake.serviceUrl);
    });

    it('answers 401 to a call without the bearer token, or with another, and records each', async () => {
      fake.requireBearer('token-from-aad');
      const unsigned = await failureOf(client.sendToConversation(PERSONAL_CHAT, activity({ text: 'x' })));
      expect(unsigned.statusCode).toBe(401);
      const forged = await failureOf(
        signedWith('forged').sendToConversation(PERSONAL_CHAT, activity({ text: 'x' })),
      );
      expect(forged.statusCode).toBe(401);
      await expect(
        signedWith('token-from-aad').sendToConversation(
          PERSONAL_CHAT,
          activity({
            text: 'signed',
          }),
        ),
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
    // Raw requests, to see each answer as it comes (the chat port, not the client, waits out Retry-After).
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
      await expect(client.sendToConversation(PERSONAL_CHAT, activity({ text: 'x' }))).resolves.toMatchObject({
        id: expect.stringMatching(/^\d+$/),
      });
    });
  });
});
