// Teams JSON (activities, cards) is read field by field.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FakeBotConnector, type RecordedConnectorCall } from '../fakes/bot-connector.js';
import { FakeSlackWebApi, type RecordedSlackCall } from '../fakes/slack-web-api.js';
import { SIGNING_SECRET } from '../support/slack-app.js';
import { blockActionsPayload, interactionBody, sendToSlackEndpoint } from '../support/slack-requests.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { runCli } from '../support/cli.js';
import {
  cardOfInvoke,
  cardText,
  personalChat,
  postActivity,
  teamsCardAction,
  teamsChannel,
  teamsMessage,
  teamsSubmit,
  TENANT,
  type TeamsUser,
  memberAddArgs,
} from '../support/teams-requests.js';

/**
 * Callback cards in a Teams channel: posted when a callback comes in (a digest for a burst), kept current with PUT
 * after every change, per-user buttons through Universal Actions' refresh, the card buttons (Assign to me,
 * Connect, digest buttons) with their refusals, DMs to the assignee, and 429 with Retry-After.
 */

jest.setTimeout(60_000);

const ADMIN: TeamsUser = { aad: 'aad-admin', name: 'Admin Kim' };
const PARK: TeamsUser = { aad: 'aad-park', name: 'Park Agent' };
const CHOI: TeamsUser = { aad: 'aad-choi', name: 'Choi NoPhone' };
const KANG: TeamsUser = { aad: 'aad-kang', name: 'Kang Caller' };
const CHANNEL = teamsChannel('callbacks');

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cardOf = (call: RecordedConnectorCall): any => call.body?.attachments?.[0]?.content;
const isPost = (c: RecordedConnectorCall) =>
  c.method === 'POST' && c.status < 300 && /\/activities$/.test(c.path) && c.body?.type === 'message';
const isPut = (c: RecordedConnectorCall) => c.method === 'PUT' && c.status < 300;

describe('Teams: callback cards in the callback channel', () => {
  let app: TestApp;
  let connector: FakeBotConnector;
  let serviceId: string;
  let apiKey: string;
  let phoneNo = 0;

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  const fileCallback = async (name = 'Customer', extra: Record<string, unknown> = {}) => {
    phoneNo += 1;
    const phone = `0107777${String(phoneNo).padStart(4, '0')}`;
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone, name, source: 'ivr', ...extra }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    return { id: body.id, phone };
  };

  /** The channel card posted for a callback (its phone, as the card shows it). */
  const postedCardOf = async (display: string) =>
    connector.waitForCall(
      (c) =>
        isPost(c) &&
        c.conversationId === CHANNEL.conversationId &&
        JSON.stringify(cardOf(c)).includes(display),
      20_000,
    );

  const press = async (user: TeamsUser, verb: string, data: Record<string, unknown>, replyToId?: string) => {
    const answer = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, user, CHANNEL, verb, data, replyToId ? { replyToId } : {}),
    );
    expect(answer.status).toBe(200);
    const card = cardOfInvoke(answer.body);
    if (card) expect(validateAdaptiveCard(card)).toEqual([]);
    return { body: answer.body, card };
  };

  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    connector.addConversation(CHANNEL.conversationId);
    connector.addConversation(personalChat(PARK).conversationId);
    app = await startTestApp({ env: { TEAMS_EMULATOR: 'true' } });
    const setup = await app.usecases.services.setupService({
      name: 'Acme Support',
      place: `teams:${CHANNEL.conversationId}`,
      person: {
        identity: `teams:${TENANT}:${ADMIN.aad}`,
        displayName: ADMIN.name,
        surface: 'teams',
        locale: 'en-US',
      },
    });
    if (!setup.ok) throw new Error(JSON.stringify(setup.problem));
    serviceId = setup.value.service._id;
    await cli(...memberAddArgs(serviceId, PARK, '--permissions', 'phone'));
    await cli(...memberAddArgs(serviceId, CHOI));
    apiKey = String((await cli('apikey', 'create', '--service', serviceId, '--name', 'ivr')).key);
    // The bot hears from the channel once (its reference is stored), and Park writes to it in private.
    await postActivity(app.url, teamsMessage(connector.serviceUrl, ADMIN, CHANNEL, 'help'));
    await postActivity(app.url, teamsMessage(connector.serviceUrl, PARK, personalChat(PARK), 'help'));
    connector.reset();
  });
  afterAll(async () => {
    await app?.close();
    await connector?.stop();
  });
  afterEach(() => {
    expect(connector.cardViolations).toEqual([]);
    connector.assertNoViolations();
  });

  it('posts a card for a new callback: number, name, labels, requested time in the service time zone, refresh per member', async () => {
    const { phone } = await fileCallback('홍길동', {
      requestedAt: '2026-11-22T05:05:00Z',
      note: 'Call after *lunch*',
    });
    const posted = await postedCardOf('010-7777-0001');
    const card = cardOf(posted);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(phone).toBe('01077770001');
    expect(text).toContain('010-7777-0001');
    expect(text).toContain('홍길동');
    // The service was set up by an English speaker: English labels; Seoul time (UTC+9).
    expect(text).toContain('Requested');
    expect(text).toContain('2026-11-22 14:05');
    expect(text).toContain('Unassigned');
    expect(text).toContain('Nobody yet');
    expect(text).toContain('Assign to me');
    expect(text).toContain('Note: Call after \\*lunch\\*');
    expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'callback.refresh' });
    expect([...card.refresh.userIds].sort()).toEqual(
      [ADMIN, PARK, CHOI].map((u) => `8:orgid:${u.aad}`).sort(),
    );
    const verbs = JSON.stringify(card.actions);
    expect(verbs).toContain('callback.assignToMe');
    expect(verbs).toContain('"dialog":"callback.assign"');
    expect(verbs).toContain('"dialog":"callback.history"');
    expect(verbs).toContain('"dialog":"callback.cancel"');
  });

  it('refreshes the card per viewer: an agent without the assign permission gets no Assign…, a non-member the shared card', async () => {
    const { id } = await fileCallback('Refresh Kim');
    await postedCardOf('010-7777-0002');
    const park = await press(PARK, 'callback.refresh', { callbackId: id });
    const parkActions = JSON.stringify(park.card.actions);
    expect(parkActions).toContain('callback.assignToMe');
    expect(parkActions).not.toContain('"dialog":"callback.assign"');
    expect(parkActions).not.toContain('"dialog":"callback.cancel"');
    expect(park.card.refresh.verb ?? park.card.refresh.action.verb).toBe('callback.refresh');
    const choi = await press(CHOI, 'callback.refresh', { callbackId: id });
    expect(choi.card.actions ?? []).toEqual([]);
    const stranger = await press({ aad: 'aad-stranger', name: 'Stranger' }, 'callback.refresh', {
      callbackId: id,
    });
    expect(JSON.stringify(stranger.card.actions)).toContain('callback.assignToMe');
    // In Korean for a Korean client.
    const ko = await postActivity(
      app.url,
      teamsCardAction(
        connector.serviceUrl,
        PARK,
        CHANNEL,
        'callback.refresh',
        { callbackId: id },
        { locale: 'ko-KR' },
      ),
    );
    const koText = cardText(cardOfInvoke(ko.body));
    expect(koText).toContain('요청 시각');
    expect(koText).toContain('나에게 할당');
    expect(koText).toContain('미할당');
  });

  it("Assign to me: the posted card is updated in place (PUT, same activity id); the answer shows the presser's buttons; the assignee gets a DM", async () => {
    const { id } = await fileCallback('Assign Lee');
    const posted = await postedCardOf('010-7777-0003');
    const answer = await press(PARK, 'callback.assignToMe', { callbackId: id }, posted.activityId);
    const text = cardText(answer.card);
    expect(text).toContain('Assigned');
    expect(text).toContain(PARK.name);
    // Park has the phone permission and now the callback: Connect and Complete; no Assign to me any more.
    const actions = JSON.stringify(answer.card.actions);
    expect(actions).toContain('callback.connect');
    expect(actions).toContain('"dialog":"callback.complete"');
    expect(actions).not.toContain('callback.assignToMe');

    const put = await connector.waitForCall(
      (c) => isPut(c) && c.activityId === posted.activityId && cardText(cardOf(c)).includes(PARK.name),
      20_000,
    );
    expect(put.conversationId).toBe(CHANNEL.conversationId);
    expect(validateAdaptiveCard(cardOf(put))).toEqual([]);

    const dm = await connector.waitForCall(
      (c) =>
        isPost(c) &&
        c.conversationId === personalChat(PARK).conversationId &&
        cardText(cardOf(c)).includes('010-7777-0003'),
      20_000,
    );
    expect(cardText(cardOf(dm))).toContain('A callback was assigned to you');
    expect(validateAdaptiveCard(cardOf(dm))).toEqual([]);
  });

  it('refuses in words: a member without the phone permission cannot take a callback', async () => {
    const { id } = await fileCallback('Refused Jo');
    await postedCardOf('010-7777-0004');
    const answer = await press(CHOI, 'callback.assignToMe', { callbackId: id });
    expect(answer.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(answer.body.value)).toMatch(/permission|권한/i);
    const after = await app.usecases.callbacks.getCallback({ kind: 'operator', name: 'test' } as any, id);
    expect(after.ok && after.value.callback.status).toBe('unassigned');
  });

  it('answers in words, never silence: an unknown callback, Connect without a CTI agent id, an invalid outcome', async () => {
    const unknown = await press(PARK, 'callback.assignToMe', { callbackId: 'cb_nope' });
    expect(unknown.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(unknown.body.value)).toContain('not found');
    const refresh = await press(PARK, 'callback.refresh', {});
    expect(String(refresh.body.value)).toContain('not found');
    const { id } = await fileCallback('Connect Yoon');
    await postedCardOf('010-7777-0005');
    await press(PARK, 'callback.assignToMe', { callbackId: id });
    const connect = await press(PARK, 'callback.connect', { callbackId: id });
    expect(connect.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(connect.body.value)).toMatch(/CTI/);
    const outcome = await press(PARK, 'callback.outcome', {
      callbackId: id,
      attemptId: 'att_x',
      outcome: 'nonsense',
    });
    expect(outcome.body.type).toBe('application/vnd.microsoft.activity.message');
  });

  it('the Action.Submit fallback (older clients) reaches the same handler and replaces the pressed card', async () => {
    const { id } = await fileCallback('Fallback Han');
    const posted = await postedCardOf('010-7777-0006');
    connector.addConversation(CHANNEL.conversationId);
    await postActivity(
      app.url,
      teamsSubmit(
        connector.serviceUrl,
        PARK,
        CHANNEL,
        { verb: 'callback.assignToMe', callbackId: id },
        { replyToId: posted.activityId },
      ),
    );
    const put = await connector.waitForCall(
      (c) => isPut(c) && c.activityId === posted.activityId && cardText(cardOf(c)).includes(PARK.name),
      20_000,
    );
    expect(validateAdaptiveCard(cardOf(put))).toEqual([]);
  });

  it('Connect while logged in to CTI: the presser gets the tel: link and the outcome choice; the outcome lands on every copy', async () => {
    await cli(...memberAddArgs(serviceId, KANG, '--permissions', 'phone', '--cti', 'a9'));
    const cti = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { id: 'kang-login', type: 'agent.login', at: Date.now(), service: 'support', agent: 'a9' },
          {
            id: 'kang-ready',
            type: 'agent.state',
            at: Date.now(),
            service: 'support',
            agent: 'a9',
            state: 'ready',
          },
        ],
      }),
    });
    expect(cti.status).toBe(202);
    const { id, phone } = await fileCallback('Connect Seo');
    const display = `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    const posted = await postedCardOf(display);
    await press(KANG, 'callback.assignToMe', { callbackId: id });
    const connect = await press(KANG, 'callback.connect', { callbackId: id });
    const text = cardText(connect.card);
    expect(text).toContain(`Call [${display}](tel:${phone})`);
    const choices = JSON.stringify(connect.card.body);
    expect(choices).toContain('Input.ChoiceSet');
    const submit = connect.card.body
      .find((e: any) => e.type === 'ActionSet')
      .actions.find((a: any) => a.verb === 'callback.outcome');
    const recorded = await press(KANG, 'callback.outcome', { ...submit.data, outcome: 'connected' });
    expect(cardText(recorded.card)).toContain('1 · last: Connected');
    await connector.waitForCall(
      (c) =>
        isPut(c) && c.activityId === posted.activityId && cardText(cardOf(c)).includes('1 · last: Connected'),
      20_000,
    );
  });

  /** The latest version (last successful PUT, else the POST) of every channel message showing this phone. */
  const latestShowing = (display: string) => {
    const posts = connector.calls.filter(
      (c) =>
        isPost(c) && c.conversationId === CHANNEL.conversationId && cardText(cardOf(c)).includes(display),
    );
    return posts.map((post) => {
      const puts = connector.calls.filter((c) => isPut(c) && c.activityId === post.activityId);
      return cardText(cardOf(puts.at(-1) ?? post));
    });
  };
  /** What a message says of one callback: the card's status, or the digest's line about it. */
  const shownStatus = (text: string, display: string) => {
    const line = text.split('\n').find((l) => l.includes(display) && l.includes('·'));
    return line ?? text;
  };

  it('coalesces a burst into a digest with counts, its buttons and hint; Assign to me on it takes the oldest; every callback is posted once', async () => {
    connector.reset();
    const burst = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => fileCallback(`Burst ${n}`)));
    const displays = burst.map((b) => `${b.phone.slice(0, 3)}-${b.phone.slice(3, 7)}-${b.phone.slice(7)}`);
    await waitUntil(
      () => displays.every((d) => latestShowing(d).length > 0),
      30_000,
      'every burst callback posted',
    );
    for (const d of displays) expect(latestShowing(d)).toHaveLength(1);
    await waitUntil(
      async () =>
        (await Promise.all(burst.map((b) => app.store.callbackPosts.postIdsOf(b.id)))).every(
          (p) => p.length === 1,
        ),
      10_000,
      'each burst callback recorded in exactly one post',
    );
    const digestPost = connector.calls.find(
      (c) =>
        isPost(c) &&
        c.conversationId === CHANNEL.conversationId &&
        cardText(cardOf(c)).includes('new callbacks came in'),
    );
    expect(digestPost).toBeDefined();
    const digest = cardOf(digestPost!);
    expect(validateAdaptiveCard(digest)).toEqual([]);
    expect(cardText(digest)).toMatch(/Unassigned \d/);
    const actions = JSON.stringify(digest.actions);
    expect(actions).toContain('callback.digest.assignNext');
    expect(actions).toContain('"mode":"even"');
    expect(actions).toContain('"mode":"manual"');
    expect(cardText(digest)).toContain('callback list unassigned');
    expect(cardText(digest)).not.toContain('/callback');

    const digestId = digest.actions.find((a: any) => a.verb === 'callback.digest.assignNext').data.digestId;
    const taken = await press(PARK, 'callback.digest.assignNext', { digestId });
    expect(String(taken.body.value)).toContain('is now assigned to you');
    const refused = await press(CHOI, 'callback.digest.assignNext', { digestId });
    expect(String(refused.body.value)).toMatch(/permission/i);
    const list = await press(ADMIN, 'callback.digest.unassignedList', { digestId });
    expect(cardText(list.card)).toContain('Unassigned list');
    const agentList = await press(PARK, 'callback.digest.unassignedList', { digestId });
    expect(agentList.body.type).toBe('application/vnd.microsoft.activity.message');
    // The digest is edited in place to show the one taken.
    await connector.waitForCall(
      (c) => isPut(c) && c.activityId === digestPost!.activityId && cardText(cardOf(c)).includes('Assigned'),
      20_000,
    );
  });

  it('429 with Retry-After during a burst of callbacks and changes: nothing posted twice, nothing lost, every card ends showing the latest state, no call inside Retry-After', async () => {
    connector.reset();
    connector.throttle({ retryAfterSeconds: 1, forMs: 2500 });
    const filed: { id: string; phone: string }[] = [];
    for (const n of ['P', 'Q', 'R', 'S']) filed.push(await fileCallback(`Throttle ${n}`));
    const displays = filed.map((b) => `${b.phone.slice(0, 3)}-${b.phone.slice(3, 7)}-${b.phone.slice(7)}`);
    // Changes while Teams says wait: two taken by Park, one cancelled by the admin's use case.
    const parkTurn = async (id: string) => press(PARK, 'callback.assignToMe', { callbackId: id });
    await parkTurn(filed[0]!.id);
    await parkTurn(filed[2]!.id);
    await waitUntil(
      () => displays.every((d) => latestShowing(d).length > 0),
      40_000,
      'every throttled callback posted',
    );
    const expected = (i: number) => (i === 0 || i === 2 ? 'Assigned' : 'Unassigned');
    await waitUntil(
      () =>
        displays.every((d, i) => {
          const shown = latestShowing(d);
          return shown.length === 1 && shownStatus(shown[0]!, d).includes(expected(i));
        }),
      40_000,
      'every card showing the latest state',
    );
    expect(connector.calls.some((c) => c.status === 429)).toBe(true);
    for (const d of displays) expect(latestShowing(d)).toHaveLength(1);
    await waitUntil(
      async () =>
        (await Promise.all(filed.map((b) => app.store.callbackPosts.postIdsOf(b.id)))).every(
          (p) => p.length === 1,
        ),
      10_000,
      'each callback recorded in exactly one post',
    );
  });
});

describe('Slack and Teams: one service, a card in each, kept in sync', () => {
  const SLACK_CHANNEL = 'C0SYNC';
  const SLACK_PARK = 'U0002';
  const SYNC_CHANNEL = teamsChannel('sync');
  let app: TestApp;
  let connector: FakeBotConnector;
  let slack: FakeSlackWebApi;
  let apiKey: string;
  let phoneNo = 0;

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const fileCallback = async (name: string) => {
    phoneNo += 1;
    const phone = `0108888${String(phoneNo).padStart(4, '0')}`;
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone, name, source: 'web' }),
    });
    expect(response.status).toBe(201);
    return {
      id: ((await response.json()) as { id: string }).id,
      display: `010-8888-${String(phoneNo).padStart(4, '0')}`,
    };
  };
  const slackText = (c: RecordedSlackCall) =>
    `${String(c.args.text ?? '')} ${JSON.stringify(c.args.blocks ?? [])}`;
  const bothCards = async (display: string) => {
    const slackCard = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === SLACK_CHANNEL && c.response.ok === true && slackText(c).includes(display),
      20_000,
    );
    const teamsCard = await connector.waitForCall(
      (c) =>
        isPost(c) &&
        c.conversationId === SYNC_CHANNEL.conversationId &&
        cardText(cardOf(c)).includes(display),
      20_000,
    );
    return { slackTs: String(slackCard.response.ts), teamsActivityId: teamsCard.activityId! };
  };

  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    connector.addConversation(SYNC_CHANNEL.conversationId);
    slack = await FakeSlackWebApi.start({ channels: [{ id: SLACK_CHANNEL, botIsMember: true }] });
    slack.setUser({ id: SLACK_PARK, realName: 'Slack Park', locale: 'en-US' });
    app = await startTestApp({
      env: {
        TEAMS_EMULATOR: 'true',
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
      },
    });
    const setup = await app.usecases.services.setupService({
      name: 'Sync Co',
      place: `teams:${SYNC_CHANNEL.conversationId}`,
      person: {
        identity: `teams:${TENANT}:${ADMIN.aad}`,
        displayName: ADMIN.name,
        surface: 'teams',
        locale: 'en-US',
      },
    });
    if (!setup.ok) throw new Error(JSON.stringify(setup.problem));
    const serviceId = setup.value.service._id;
    await cli('settings', 'set', '--service', serviceId, `slackCallbackChannelId=${SLACK_CHANNEL}`);
    await cli(
      'member',
      'add',
      '--service',
      serviceId,
      '--name',
      'Slack Park',
      '--slack',
      `T0001:${SLACK_PARK}`,
      '--permissions',
      'phone',
    );
    apiKey = String((await cli('apikey', 'create', '--service', serviceId, '--name', 'web')).key);
    await postActivity(app.url, teamsMessage(connector.serviceUrl, ADMIN, SYNC_CHANNEL, 'help'));
    connector.reset();
  });
  afterAll(async () => {
    await app?.close();
    await connector?.stop();
    await slack?.stop();
  });
  afterEach(() => connector.assertNoViolations());

  it('Assign to me on the Teams card updates the Slack copy (chat.update); Assign to me on the Slack copy updates the Teams card (PUT)', async () => {
    const first = await fileCallback('Sync One');
    const one = await bothCards(first.display);
    const pressed = await postActivity(
      app.url,
      teamsCardAction(
        connector.serviceUrl,
        ADMIN,
        SYNC_CHANNEL,
        'callback.assignToMe',
        { callbackId: first.id },
        { replyToId: one.teamsActivityId },
      ),
    );
    expect(validateAdaptiveCard(cardOfInvoke(pressed.body))).toEqual([]);
    expect(cardText(cardOfInvoke(pressed.body))).toContain(ADMIN.name);
    await slack.waitForCall(
      'chat.update',
      (c) => c.args.ts === one.slackTs && c.response.ok === true && slackText(c).includes(ADMIN.name),
      20_000,
    );
    await connector.waitForCall(
      (c) => isPut(c) && c.activityId === one.teamsActivityId && cardText(cardOf(c)).includes(ADMIN.name),
      20_000,
    );

    const second = await fileCallback('Sync Two');
    const two = await bothCards(second.display);
    const payload = blockActionsPayload({
      actionId: 'callback.assign_to_me',
      userId: SLACK_PARK,
      channelId: SLACK_CHANNEL,
      messageTs: two.slackTs,
      responseUrl: slack.responseUrl('sync-1'),
      value: second.id,
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload))).status).toBe(200);
    const put = await connector.waitForCall(
      (c) => isPut(c) && c.activityId === two.teamsActivityId && cardText(cardOf(c)).includes('Slack Park'),
      20_000,
    );
    expect(validateAdaptiveCard(cardOf(put))).toEqual([]);
    expect(cardText(cardOf(put))).toContain('Assigned');
    // One card per callback and place.
    expect(
      slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === SLACK_CHANNEL && slackText(c).includes(second.display)),
    ).toHaveLength(1);
    expect(
      connector.calls.filter((c) => isPost(c) && cardText(cardOf(c)).includes(second.display)),
    ).toHaveLength(1);
  });
});
