import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
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
  beforeEach(() => fake.reset());

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
});
