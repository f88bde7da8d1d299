import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  BOT,
  cardOfInvoke,
  cardText,
  personalChat,
  postActivity,
  teamsCardAction,
  teamsChannel,
  teamsIdentityOf,
  teamsMessage,
  teamsSubmit,
  TENANT,
  type TeamsPlace,
  type TeamsUser,
} from '../support/teams-requests.js';
import { FakeBotConnector, type RecordedConnectorCall } from '../fakes/bot-connector.js';

/**
 * Teams identity and places: `setup <name>` in a channel and in a personal chat, `link` (admins only), the help card
 * in both languages, unknown text → help, and the welcome when the app is added — through POST /api/messages.
 */

const minji: TeamsUser = { aad: 'aad-minji', name: 'Kim Minji' };
const jisoo: TeamsUser = { aad: 'aad-jisoo', name: 'Lee Jisoo' };
const stranger: TeamsUser = { aad: 'aad-stranger', name: 'Park Stranger' };

let app: TestApp;
let connector: FakeBotConnector;

beforeAll(async () => {
  connector = await FakeBotConnector.start();
  app = await startTestApp({ env: { TEAMS_EMULATOR: 'true' } });
});
afterAll(async () => {
  await app.close();
  await connector.stop();
});
afterEach(() => connector.assertNoViolations());

/** Sends a message and returns the bot's answer in that conversation (the next POST there). */
async function say(user: TeamsUser, place: TeamsPlace, text: string, locale = 'en-US') {
  connector.addConversation(place.conversationId);
  const before = connector.calls.length;
  const response = await postActivity(app.url, teamsMessage(connector.serviceUrl, user, place, text, locale));
  expect(response.status).toBeLessThan(300);
  return answerAfter(before, place);
}

async function answerAfter(before: number, place: TeamsPlace): Promise<RecordedConnectorCall['body']> {
  const call = await connector.waitForCall(
    (c) =>
      connector.calls.indexOf(c) >= before &&
      c.method === 'POST' &&
      c.conversationId === place.conversationId,
  );
  expect(call.status).toBe(200);
  for (const attachment of call.body.attachments ?? [])
    expect(validateAdaptiveCard(attachment.content)).toEqual([]);
  return call.body;
}

const cardOf = (body: RecordedConnectorCall['body']) => body.attachments?.[0]?.content;

describe('help', () => {
  it('"help" in English: what each command does in Teams, with the Korean words, and no Slack slash command', async () => {
    const text = cardText(cardOf(await say(minji, personalChat(minji), 'help')));
    for (const line of [
      '**callback** (콜백)',
      '**sms** (문자)',
      '**wallboard** (전광판)',
      '**setup <service name>**',
      '**link**',
      '**help** (도움말)',
      '@mention **@Switchboard**',
    ])
      expect(text).toContain(line);
    expect(text).not.toMatch(/\/switchboard|\/callback|\/sms|\/wallboard/);
    expect(text).not.toContain('I did not understand');
  });

  it('"도움말" from a Korean client: the same card in Korean', async () => {
    const text = cardText(cardOf(await say(minji, personalChat(minji), '도움말', 'ko-KR')));
    for (const line of [
      '**콜백** (callback)',
      '**문자** (sms)',
      '**전광판** (wallboard)',
      '**도움말** (help)',
      '**setup <서비스 이름>**',
    ])
      expect(text).toContain(line);
    expect(text).not.toMatch(/\/switchboard|\/callback/);
  });

  it('text that is no command gets the help card, saying what it did not understand (both languages)', async () => {
    const en = cardOf(await say(minji, teamsChannel('help-unknown'), 'make coffee please'));
    expect(en.body[0]).toMatchObject({
      text: 'I did not understand "make coffee please". These are the commands I know.',
    });
    expect(cardText(en)).toContain('**callback** (콜백)');
    // What people typed is shown as itself: it cannot become a link or bold in the bot's card.
    const sneaky = cardOf(
      await say(minji, teamsChannel('help-unknown'), '[pay here](https://evil.example) **now**'),
    );
    expect(sneaky.body[0].text).toBe(
      'I did not understand "\\[pay here\\]\\(https://evil.example\\) \\*\\*now\\*\\*". These are the commands I know.',
    );
    const ko = cardOf(await say(minji, teamsChannel('help-unknown'), '커피 주세요', 'ko-KR'));
    expect(ko.body[0].text).toBe(
      '"커피 주세요" 은(는) 알 수 없는 명령입니다. 다음 명령을 사용할 수 있습니다.',
    );
  });

  it('welcomes with the help card when the app is added to a team (membersAdded with the bot)', async () => {
    const place = teamsChannel('welcome');
    connector.addConversation(place.conversationId);
    const before = connector.calls.length;
    const base = teamsMessage(connector.serviceUrl, minji, place, '', 'ko-KR');
    const { status } = await postActivity(app.url, {
      ...base,
      type: 'conversationUpdate',
      text: undefined,
      entities: undefined,
      membersAdded: [BOT],
    });
    expect(status).toBeLessThan(300);
    const text = cardText(cardOf(await answerAfter(before, place)));
    expect(text).toContain('**전광판** (wallboard)');
    expect(text).not.toContain('알 수 없는 명령');
  });
});

describe('setup', () => {
  it('without a name says how to use it, and creates nothing', async () => {
    const before = (await app.store.members.listByIdentity(teamsIdentityOf(stranger))).length;
    const body = await say(stranger, teamsChannel('setup-usage'), 'setup');
    expect(body.text).toBe(
      'Add a service name: **@Switchboard setup Acme support**. To link this channel to a service that exists, type **@Switchboard link**.',
    );
    expect(await app.store.members.listByIdentity(teamsIdentityOf(stranger))).toHaveLength(before);
  });

  it('in a channel: a service with the caller as admin, linked to the channel, which becomes its callbacks place', async () => {
    const place = teamsChannel('acme-support');
    const body = await say(minji, place, 'setup Acme support');
    const [created, next] = String(body.text).split('\n\n');
    expect(created).toBe(
      'Created service **Acme support** and linked it to this channel. You are its admin. New callbacks are announced in this channel.',
    );
    const link = await app.store.chatLinks.get(`teams:${place.conversationId}`);
    expect(link).toBeDefined();
    const service = await app.store.services.get(link!.serviceId);
    expect(service).toMatchObject({ name: 'Acme support' });
    expect(service!.settings.teamsCallbackConversationId).toBe(place.conversationId);
    expect(next).toContain(`Service id: \`${service!._id}\``);
    const admin = await app.store.members.findByIdentity(service!._id, teamsIdentityOf(minji));
    expect(admin).toMatchObject({
      role: 'admin',
      displayName: 'Kim Minji',
      identities: [`teams:${TENANT}:aad-minji`],
    });
  });

  it("in a channel already linked: the use case's conflict in words, in Korean for a Korean client", async () => {
    const place = teamsChannel('acme-support');
    const before = (await app.store.services.list()).length;
    const body = await say(jisoo, place, 'setup Other', 'ko-KR');
    expect(body.text).toBe('⚠️ 이 채널은 이미 서비스 **Acme support** 에 연결되어 있습니다.');
    expect(await app.store.services.list()).toHaveLength(before);
  });

  it('in a personal chat: a service without a place (a personal chat announces nothing), in Korean', async () => {
    const place = personalChat(jisoo);
    const body = await say(jisoo, place, 'setup 고객센터', 'ko-KR');
    expect(String(body.text).split('\n\n')[0]).toBe(
      '서비스 **고객센터** 을(를) 만들었습니다. 당신이 관리자입니다. 새 콜백 접수 알림을 채널에 올리려면 그 채널에서 **@Switchboard link** 를 입력하세요.',
    );
    expect(await app.store.chatLinks.get(`teams:${place.conversationId}`)).toBeUndefined();
    const [membership] = await app.store.members.listByIdentity(teamsIdentityOf(jisoo));
    expect(membership).toMatchObject({ role: 'admin', locale: 'ko-KR' });
    const service = await app.store.services.get(membership!.serviceId);
    expect(service).toMatchObject({ name: '고객센터' });
    expect(service!.settings.teamsCallbackConversationId).toBeNull();
    expect(service!.settings.locale).toBe('ko');
  });

  it('an invalid name is refused in words, and nothing is created', async () => {
    const before = (await app.store.services.list()).length;
    const body = await say(stranger, teamsChannel('bad-name'), `setup ${'x'.repeat(300)}`);
    expect(body.text).toMatch(/^⚠️ The service name is not valid: /);
    expect(await app.store.services.list()).toHaveLength(before);
  });
});

describe('link', () => {
  it('in a channel lists the services the caller administers as buttons; pressing one links the channel', async () => {
    const place = teamsChannel('jisoo-team');
    const card = cardOf(await say(jisoo, place, 'link'));
    expect(cardText(card)).toContain(
      'Link this channel to which service? Only services you administer are listed.',
    );
    const buttons = card.body
      .filter((e: { type: string }) => e.type === 'ActionSet')
      .flatMap((s: { actions: unknown[] }) => s.actions);
    expect(buttons).toEqual([
      expect.objectContaining({ type: 'Action.Execute', title: '고객센터', verb: 'service.link' }),
    ]);
    const serviceId = (buttons[0] as { data: { serviceId: string } }).data.serviceId;

    const pressed = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, jisoo, place, 'service.link', { serviceId }),
    );
    expect(pressed.status).toBe(200);
    const answer = cardOfInvoke(pressed.body);
    expect(validateAdaptiveCard(answer)).toEqual([]);
    expect(cardText(answer)).toBe(
      'Linked this channel to service **고객센터**. New callbacks are announced in this channel.',
    );
    expect(await app.store.chatLinks.get(`teams:${place.conversationId}`)).toMatchObject({ serviceId });
    expect((await app.store.services.get(serviceId))!.settings.teamsCallbackConversationId).toBe(
      place.conversationId,
    );
  });

  it('a second channel is linked too, but callbacks stay announced where they were', async () => {
    const place = teamsChannel('jisoo-second');
    const [membership] = await app.store.members.listByIdentity(teamsIdentityOf(jisoo));
    // The Action.Submit fallback (a client without Universal Actions) reaches the same handler.
    connector.addConversation(place.conversationId);
    const before = connector.calls.length;
    await postActivity(
      app.url,
      teamsSubmit(connector.serviceUrl, jisoo, place, {
        verb: 'service.link',
        serviceId: membership!.serviceId,
      }),
    );
    const body = await answerAfter(before, place);
    expect(cardText(cardOf(body))).toBe(
      'Linked this channel to service **고객센터**. New callbacks are still announced where they were before.',
    );
    expect((await app.store.services.get(membership!.serviceId))!.settings.teamsCallbackConversationId).toBe(
      teamsChannel('jisoo-team').conversationId,
    );
  });

  it('refuses a member who is not an admin, and a stranger, in words; nothing is linked', async () => {
    const [membership] = await app.store.members.listByIdentity(teamsIdentityOf(jisoo));
    const serviceId = membership!.serviceId;
    await app.store.members.create({
      serviceId,
      displayName: 'Park Agent',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [teamsIdentityOf({ aad: 'aad-agent', name: 'Park Agent' })],
      ctiAgentId: null,
      locale: null,
    });
    const place = teamsChannel('not-yours');
    const agent = { aad: 'aad-agent', name: 'Park Agent' };

    // The agent administers nothing: no buttons, just how to create a service.
    expect((await say(agent, place, 'link')).text).toBe(
      'You administer no service. Create one with **@Switchboard setup <service name>**.',
    );
    // A button from someone else's card, pressed anyway.
    const member = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, agent, place, 'service.link', { serviceId }, { locale: 'ko-KR' }),
    );
    expect(member.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: '⚠️ 서비스 관리자만 할 수 있습니다.',
    });
    const outsider = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, stranger, place, 'service.link', { serviceId }),
    );
    expect(outsider.body.value).toBe(
      'You are not a member of service **고객센터**. Only its admins can link a channel to it.',
    );
    expect(await app.store.chatLinks.get(`teams:${place.conversationId}`)).toBeUndefined();
  });

  it('in a personal chat says where link works', async () => {
    expect((await say(jisoo, personalChat(jisoo), 'link')).text).toBe(
      '**link** connects a channel or group chat to a service. Type **@Switchboard link** in the channel to link.',
    );
  });

  it('a channel linked to another service: the conflict in words', async () => {
    const [membership] = await app.store.members.listByIdentity(teamsIdentityOf(jisoo));
    const place = teamsChannel('acme-support');
    const pressed = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, jisoo, place, 'service.link', {
        serviceId: membership!.serviceId,
      }),
    );
    expect(pressed.body.value).toBe('⚠️ This channel is already linked to service **Acme support**.');
  });
});

describe('the privacy and terms pages the Teams app package links to', () => {
  it.each([
    ['/privacy', 'en-US', 'Switchboard privacy statement', 'Entra object id'],
    ['/privacy', 'ko-KR,ko;q=0.9', 'Switchboard 개인정보 처리 안내', 'Entra 개체 ID'],
    ['/terms', 'en', 'Switchboard terms of use', 'provided as is'],
    ['/terms?lang=ko', 'en', 'Switchboard 이용 약관', '있는 그대로'],
  ])('%s for %s: an HTML page in that language', async (url, acceptLanguage, title, phrase) => {
    const response = await app.http.inject({
      method: 'GET',
      url,
      headers: { 'accept-language': acceptLanguage },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const lang = /[가-힣]/.test(title) ? 'ko' : 'en';
    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toContain(`<h1>${title}</h1>`);
    expect(response.body).toContain(phrase);
    // A link to the same page in the other language, and no placeholder left.
    const other = lang === 'ko' ? 'en' : 'ko';
    expect(response.body).toContain(`href="${url.split('?')[0]}?lang=${other}"`);
    expect(response.body).not.toMatch(/\{\{\w+\}\}/);
  });

  it('an unknown ?lang= falls back to the browser language instead of failing', async () => {
    const response = await app.http.inject({
      method: 'GET',
      url: '/privacy?lang=fr',
      headers: { 'accept-language': 'ko' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="ko">');
  });
});
