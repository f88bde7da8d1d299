// Teams JSON (activities, cards) is read field by field.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { REFRESH_PINNED_WALLBOARD } from '../../src/jobs/notification-jobs.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { FakeBotConnector, type RecordedConnectorCall } from '../fakes/bot-connector.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { startTestApp, type TestApp } from '../support/app.js';
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
  type TeamsPlace,
  type TeamsUser,
} from '../support/teams-requests.js';

const ADMIN: TeamsUser = { aad: 'aad-admin', name: 'Admin Kim' };
const AGENT: TeamsUser = { aad: 'aad-agent', name: 'Agent Park' };
const CHANNEL = teamsChannel('wall');
const OTHER_CHANNEL = teamsChannel('wall-two');

/** Label → value of every figure tile of a wallboard card (a small label over a large number). */
function figuresOf(card: any): Record<string, string> {
  const figures: Record<string, string> = {};
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Column' && node.items?.length === 2 && node.items[0].type === 'TextBlock')
      figures[node.items[0].text] = node.items[1].text;
    for (const value of Object.values(node)) walk(value);
  };
  walk(card.body);
  return figures;
}

const cardOf = (call: RecordedConnectorCall): any => call.body?.attachments?.[0]?.content;
const isCardIn = (place: TeamsPlace) => (c: RecordedConnectorCall) =>
  c.conversationId === place.conversationId && c.body?.attachments?.[0] !== undefined;

describe('Teams: the wallboard (figures, a live card kept current within Teams’ limits, signed links)', () => {
  let app: TestApp;
  let connector: FakeBotConnector;
  let key: string;
  let serviceId: string;
  let eventNo = 0;
  let callNo = 0;

  const say = async (user: TeamsUser, place: TeamsPlace, text: string, locale = 'en-US') => {
    const response = await postActivity(
      app.url,
      teamsMessage(connector.serviceUrl, user, place, text, locale),
    );
    expect(response.status).toBeLessThan(300);
  };
  /** The next reply in a conversation (after `from` calls), card or text. */
  const replyIn = (place: TeamsPlace, after = 0) =>
    connector.waitForCall(
      (c) =>
        c.method === 'POST' &&
        c.conversationId === place.conversationId &&
        c.status === 200 &&
        connector.calls.indexOf(c) >= after,
      10_000,
    );
  const cti = async (events: Record<string, unknown>[]) => {
    const response = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: events.map((e) => ({ id: `t${++eventNo}`, at: Date.now(), service: 'support', ...e })),
      }),
    });
    expect(response.status).toBe(202);
  };
  const enqueue = (count: number) =>
    cti(Array.from({ length: count }, () => ({ type: 'call.enqueued', callId: `call${++callNo}` })));
  const expectValid = (card: any) => expect(validateAdaptiveCard(card)).toEqual([]);
  const localUrl = (url: string) => url.replace(/^https?:\/\/[^/]+/, app.url);

  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    for (const place of [CHANNEL, OTHER_CHANNEL, personalChat(ADMIN), personalChat(AGENT)])
      connector.addConversation(place.conversationId);
    app = await startTestApp({ env: { TEAMS_EMULATOR: 'true' } });
    const service = await app.store.services.create(
      'Wall Co',
      defaultServiceSettings({ locale: 'en', timeZone: 'Asia/Seoul' }),
    );
    serviceId = service._id;
    await app.store.services.updateSettings(serviceId, { wallboardIntervalSeconds: 5 });
    await app.store.members.create({
      serviceId,
      displayName: 'Admin Kim',
      role: 'admin',
      permissions: { phone: true, callbackAssign: true, sms: true },
      identities: [`teams:${TENANT}:${ADMIN.aad}`],
      ctiAgentId: null,
    });
    await app.store.members.create({
      serviceId,
      displayName: 'Agent Park',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [`teams:${TENANT}:${AGENT.aad}`],
      ctiAgentId: 'a100',
    });
    for (const place of [CHANNEL, OTHER_CHANNEL])
      await app.store.chatLinks.linkIfFree(`teams:${place.conversationId}`, serviceId, 'test');
    ({ key } = await app.store.apiKeys.create({ serviceId, name: 'pbx', allowedIps: [], createdBy: 'test' }));
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });
  afterEach(() => connector.assertNoViolations());

  it('`wallboard` shows the figures a person expects, in English and in Korean, with the time in the service’s zone', async () => {
    // Three calls: one answered after 4 s by Agent Park, one abandoned after 30 s, one still waiting.
    await enqueue(3);
    await cti([
      { type: 'agent.login', agent: 'a100' },
      { type: 'agent.state', agent: 'a100', state: 'ready' },
      { type: 'call.answered', callId: 'call1', agent: 'a100', waitSeconds: 4 },
      { type: 'call.abandoned', callId: 'call2', waitSeconds: 30 },
    ]);
    connector.reset();
    await say(AGENT, personalChat(AGENT), 'wallboard');
    const card = cardOf(await replyIn(personalChat(AGENT)));
    expectValid(card);
    expect(cardText(card)).toContain('Wall Co wallboard');
    expect(figuresOf(card)).toMatchObject({
      Waiting: '1',
      Inbound: '3',
      Answered: '1',
      Abandoned: '1',
      'Answer rate': '33.3%',
      'Service level (20 s)': '33.3%',
      'Avg. speed of answer': '0:04',
    });
    expect(figuresOf(card)['Longest wait']).toMatch(/^0:\d\d$/);
    // "as of HH:MM:SS" in Asia/Seoul (UTC+9), the service's business day before it.
    const seoul = new Date(Date.now() + 9 * 3_600_000).toISOString();
    const updated = /(\d{4}-\d\d-\d\d) · as of (\d\d):(\d\d):(\d\d)/.exec(cardText(card));
    expect(updated?.[1]).toBe(seoul.slice(0, 10));
    expect(updated?.[2]).toBe(seoul.slice(11, 13));
    // Buttons switch views; the card that is not live says nothing about pinning.
    expect(card.actions.map((a: any) => a.title)).toEqual(['By service', 'By agent']);
    expect(cardText(card)).not.toContain('pin this message');

    connector.reset();
    await say(AGENT, personalChat(AGENT), '전광판', 'ko-KR');
    const korean = cardOf(await replyIn(personalChat(AGENT)));
    expectValid(korean);
    expect(cardText(korean)).toContain('Wall Co 전광판');
    expect(figuresOf(korean)).toMatchObject({
      '대기 고객': '1',
      인입: '3',
      응대: '1',
      포기: '1',
      응대율: '33.3%',
      '서비스 레벨 (20초)': '33.3%',
      '평균 응답 대기': '0:04',
    });
    expect(cardText(korean)).toMatch(/\d{4}-\d\d-\d\d · \d\d:\d\d:\d\d 기준/);
  });

  it('`wallboard agents` (and the By agent button) shows agents by state with the guide’s words', async () => {
    connector.reset();
    await say(AGENT, personalChat(AGENT), '전광판 상담원별', 'ko-KR');
    const card = cardOf(await replyIn(personalChat(AGENT)));
    expectValid(card);
    expect(figuresOf(card)).toMatchObject({
      '대기 고객': '1',
      로그인: '1',
      대기중: '0',
      상담중: '1',
      'O/B': '0',
      '휴식/업무처리': '0',
    });
    const agents = card.body.find((e: any) => e.type === 'FactSet');
    expect(agents.facts[0].title).toBe('Agent Park');
    expect(agents.facts[0].value).toMatch(/^통화중 0:\d\d · 응대 1$/);

    // The By agent button of an English card: the answer (the presser's own card) is the by-agent view.
    const pressed = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, AGENT, personalChat(AGENT), 'wallboard.view', {
        view: 'agents',
        serviceId,
      }),
    );
    const answer = cardOfInvoke(pressed.body);
    expectValid(answer);
    expect(figuresOf(answer)).toMatchObject({ Waiting: '1', 'Logged in': '1', 'In conversation': '1' });
  });

  it('`wallboard pin` is for admins: a member is told so in words and nothing is posted', async () => {
    connector.reset();
    await say(AGENT, CHANNEL, 'wallboard pin');
    const reply = await replyIn(CHANNEL);
    expect(reply.body.text).toContain('Only a service admin');
    expect(connector.calls.filter(isCardIn(CHANNEL))).toHaveLength(0);
    // In a personal chat there is no conversation to keep a live card in for others.
    connector.reset();
    await say(ADMIN, personalChat(ADMIN), 'wallboard pin');
    expect((await replyIn(personalChat(ADMIN))).body.text).toContain('channel or group chat');
  });

  it('pins a live card: posted once, then updated in place (PUT, same id) when figures change, not when only the clock does, never twice within 2 s', async () => {
    connector.reset();
    await say(ADMIN, CHANNEL, 'wallboard pin');
    const posted = await connector.waitForCall(isCardIn(CHANNEL), 10_000);
    expect(posted.method).toBe('POST');
    const id = posted.activityId!;
    const live = cardOf(posted);
    expectValid(live);
    expect(figuresOf(live).Inbound).toBe('3');
    expect(cardText(live)).toContain('pin this message from its ⋯ menu');
    const told = await connector.waitForCall(
      (c) => c.conversationId === CHANNEL.conversationId && typeof c.body?.text === 'string',
    );
    expect(told.body.text).toContain('Teams does not let bots pin messages');
    expect(told.body.text).toContain('at most every 5 s');

    await enqueue(2);
    const update = await connector.waitForCall(
      (c) => c.method === 'PUT' && figuresOf(cardOf(c)).Inbound === '5',
      12_000,
    );
    expect(update.activityId).toBe(id);
    expect(update.conversationId).toBe(CHANNEL.conversationId);

    // Nobody waits any more (the longest wait would tick): only the clock changes now, and nothing is sent.
    await cti([
      { type: 'call.abandoned', callId: 'call3', waitSeconds: 40 },
      { type: 'call.abandoned', callId: 'call4', waitSeconds: 1 },
      { type: 'call.abandoned', callId: 'call5', waitSeconds: 1 },
    ]);
    const settled = await connector.waitForCall(
      (c) => c.method === 'PUT' && figuresOf(cardOf(c)).Waiting === '0',
      12_000,
    );
    const putsBefore = connector.calls.filter((c) => c.method === 'PUT').length;
    await new Promise((r) => setTimeout(r, 11_000));
    expect(connector.calls.filter((c) => c.method === 'PUT')).toHaveLength(putsBefore);
    expect(settled.activityId).toBe(id);

    const puts = connector.calls.filter(
      (c) => c.method === 'PUT' && c.conversationId === CHANNEL.conversationId,
    );
    for (let i = 1; i < puts.length; i++) expect(puts[i]!.at - puts[i - 1]!.at).toBeGreaterThanOrEqual(2000);
    expect(connector.calls.filter((c) => c.method === 'POST' && isCardIn(CHANNEL)(c))).toHaveLength(1);
  }, 60_000);

  it('a burst of 429s (Retry-After longer than the interval) converges on the latest figures, with no second post', async () => {
    connector.reset();
    connector.throttle({ retryAfterSeconds: 6, forMs: 9000 });
    await enqueue(1);
    await connector.waitForCall((c) => c.method === 'PUT' && c.status === 429, 12_000);
    await enqueue(3);
    const converged = await connector.waitForCall(
      (c) => c.method === 'PUT' && c.status === 200 && figuresOf(cardOf(c)).Inbound === '9',
      25_000,
    );
    expect(figuresOf(cardOf(converged)).Waiting).toBe('4');
    expect(connector.calls.filter((c) => c.method === 'POST' && isCardIn(CHANNEL)(c))).toHaveLength(0);
    const puts = connector.calls.filter((c) => c.method === 'PUT');
    for (let i = 1; i < puts.length; i++) expect(puts[i]!.at - puts[i - 1]!.at).toBeGreaterThanOrEqual(2000);
    // assertNoViolations (afterEach): no call inside Retry-After, every card valid.
  }, 60_000);

  it('an extra refresh right after an update (a late run, a retried job) waits out the 2 s per conversation', async () => {
    const pin = (await app.store.wallboardPins.findActive(serviceId, CHANNEL.conversationId))!;
    connector.reset();
    await enqueue(1);
    const first = await connector.waitForCall((c) => c.method === 'PUT' && c.status === 200, 12_000);
    // Figures change again at once and a second run comes right away: it may not update the card yet.
    await enqueue(1);
    await app.scheduler.agenda.now(REFRESH_PINNED_WALLBOARD, { pinId: pin._id });
    const second = await connector.waitForCall(
      (c) => c.method === 'PUT' && c.status === 200 && c !== first,
      12_000,
    );
    expect(second.at - first.at).toBeGreaterThanOrEqual(2000);
    expect(figuresOf(cardOf(second)).Inbound).toBe('11');
  }, 40_000);

  it('By agent on the live card: the presser sees it at once, everyone at the next update; a second pin is refused; unpin stops it', async () => {
    const pin = (await app.store.wallboardPins.findActive(serviceId, CHANNEL.conversationId))!;
    connector.reset();
    const pressed = await postActivity(
      app.url,
      teamsCardAction(
        connector.serviceUrl,
        AGENT,
        CHANNEL,
        'wallboard.view',
        { view: 'agents', serviceId },
        { replyToId: pin.ts },
      ),
    );
    const mine = cardOfInvoke(pressed.body);
    expectValid(mine);
    expect(figuresOf(mine)).toHaveProperty('In conversation');
    const everyone = await connector.waitForCall((c) => c.method === 'PUT', 12_000);
    expect(everyone.activityId).toBe(pin.ts);
    expect(figuresOf(cardOf(everyone))).toHaveProperty('In conversation');

    // A client without Universal Actions (Action.Submit): its answer would be everyone's card, an update outside
    // the card's pacing; the refresh job switches the view instead, and the presser is told when.
    connector.reset();
    await postActivity(
      app.url,
      teamsSubmit(
        connector.serviceUrl,
        AGENT,
        CHANNEL,
        { verb: 'wallboard.view', view: 'services', serviceId },
        { replyToId: pin.ts },
      ),
    );
    expect((await replyIn(CHANNEL)).body.text).toContain('switches to this view at its next update');
    const back = await connector.waitForCall((c) => c.method === 'PUT', 12_000);
    expect(figuresOf(cardOf(back))).toHaveProperty('Inbound');
    expect(back.activityId).toBe(pin.ts);

    connector.reset();
    await say(ADMIN, CHANNEL, 'wallboard pin');
    expect((await replyIn(CHANNEL)).body.text).toContain('already has a live wallboard');

    connector.reset();
    await say(ADMIN, CHANNEL, 'wallboard unpin');
    expect((await replyIn(CHANNEL)).body.text).toContain('Stopped the live wallboard');
    expect(await app.store.wallboardPins.findActive(serviceId, CHANNEL.conversationId)).toBeUndefined();
    await enqueue(1);
    await new Promise((r) => setTimeout(r, 6000));
    expect(connector.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  }, 60_000);

  it('`wallboard link` in a personal chat: a card with an Open button whose link opens the wall page', async () => {
    connector.reset();
    await say(AGENT, personalChat(AGENT), 'wallboard link');
    const card = cardOf(await replyIn(personalChat(AGENT)));
    expectValid(card);
    expect(cardText(card)).toContain('Your personal link, valid until');
    const open = card.actions.find((a: any) => a.type === 'Action.OpenUrl');
    expect(open.title).toBe('Open wallboard');
    expect(open.url).toMatch(/\/wallboard\?token=/);
    expect((await fetch(localUrl(open.url))).status).toBe(200);

    // Wall-screen links are for admins; the refusal is in words.
    connector.reset();
    await say(AGENT, personalChat(AGENT), 'wallboard link screen Lobby TV');
    expect((await replyIn(personalChat(AGENT))).body.text).toContain('Only a service admin');
    connector.reset();
    await say(ADMIN, personalChat(ADMIN), 'wallboard link screen Lobby TV');
    const screen = cardOf(await replyIn(personalChat(ADMIN)));
    expectValid(screen);
    expect(cardText(screen)).toContain('Lobby TV');
    const linkId = /\(id (\S+)\)/.exec(cardText(screen))?.[1];
    expect(linkId).toBeDefined();
    connector.reset();
    await say(ADMIN, personalChat(ADMIN), 'wallboard link list');
    const list = cardOf(await replyIn(personalChat(ADMIN)));
    expectValid(list);
    expect(cardText(list)).toContain(linkId!);
    connector.reset();
    await say(ADMIN, personalChat(ADMIN), `wallboard link revoke ${linkId}`);
    expect((await replyIn(personalChat(ADMIN))).body.text).toContain(`Revoked link`);
  });

  it('`wallboard link` in a channel posts no link: a button shows each presser their own, to them alone', async () => {
    connector.reset();
    await say(AGENT, OTHER_CHANNEL, 'wallboard link');
    const offer = cardOf(await replyIn(OTHER_CHANNEL));
    expectValid(offer);
    expect(JSON.stringify(offer)).not.toContain('token=');
    const button = offer.actions[0];
    expect(button.title).toBe('Show my link');
    const pressed = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, AGENT, OTHER_CHANNEL, button.verb, button.data),
    );
    const mine = cardOfInvoke(pressed.body);
    expectValid(mine);
    const open = mine.actions.find((a: any) => a.type === 'Action.OpenUrl');
    expect((await fetch(localUrl(open.url))).status).toBe(200);
  });

  it('unknown words get the usage, in words', async () => {
    connector.reset();
    await say(AGENT, personalChat(AGENT), 'wallboard dance');
    expect((await replyIn(personalChat(AGENT))).body.text).toContain('Usage: `wallboard`');
  });
});
