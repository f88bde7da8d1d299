// Teams JSON (invoke answers, cards) is read field by field in tests.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { teamsIdentity } from '../../src/domain/members.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  cardOfInvoke,
  cardText,
  personalChat,
  postActivity,
  teamsCardAction,
  teamsDialog,
  teamsMessage,
  TENANT,
  type TeamsUser,
} from '../support/teams-requests.js';

jest.setTimeout(60_000);

const ADMIN: TeamsUser = { aad: 'aad-admin', name: 'Admin Kim' };
const AGENT: TeamsUser = { aad: 'aad-agent', name: 'Agent Lee' };
const AGENT2: TeamsUser = { aad: 'aad-agent2', name: 'Agent Park' };
const PLAIN: TeamsUser = { aad: 'aad-plain', name: 'Plain Choi' };
const operator = { kind: 'operator', name: 'test' } as const;

/** Every element of a card, depth first. */
function elements(node: any, out: any[] = []): any[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === 'object') {
    if (typeof node.type === 'string') out.push(node);
    for (const [key, value] of Object.entries(node)) if (key !== 'fallback') elements(value, out);
  }
  return out;
}
const inputOf = (card: any, id: string) => elements(card).find((e) => e.id === id);
/** The inline error right after an input (same container), as the person sees it. */
function errorAfter(card: any, id: string): string | undefined {
  const body: any[] = card.body;
  const at = body.findIndex((e) => e.id === id);
  const next = body[at + 1];
  return next?.type === 'TextBlock' && next.color === 'Attention' ? next.text : undefined;
}

describe('Teams: callback dialogs and `callback` commands', () => {
  let app: TestApp;
  let connector: FakeBotConnector;
  let serviceId: string;
  const ids: Record<string, string> = {};
  const callbacks: Record<string, string> = {};

  const send = async (user: TeamsUser, text: string, locale = 'en-US') => {
    connector.reset();
    const activity = teamsMessage(connector.serviceUrl, user, personalChat(user), text, locale);
    const response = await postActivity(app.url, activity);
    expect(response.status).toBeLessThan(300);
    const sent = answersTo(activity.id);
    expect(connector.cardViolations).toEqual([]);
    return sent;
  };
  const lastCard = async (user: TeamsUser, text: string, locale = 'en-US') => {
    const sent = await send(user, text, locale);
    const card = sent.at(-1)?.attachments?.[0]?.content;
    expect(card).toBeDefined();
    expect(validateAdaptiveCard(card)).toEqual([]);
    return card;
  };
  const dialog = async (
    user: TeamsUser,
    name: 'task/fetch' | 'task/submit',
    data: Record<string, unknown>,
    locale = 'en-US',
  ) => {
    const response = await postActivity(
      app.url,
      teamsDialog(connector.serviceUrl, user, personalChat(user), name, data, locale),
    );
    expect(response.status).toBe(200);
    const card = cardOfInvoke(response.body);
    if (card) expect(validateAdaptiveCard(card)).toEqual([]);
    return {
      body: response.body,
      card,
      message: response.body?.task?.type === 'message' ? response.body.task.value : undefined,
    };
  };

  /** The bot's answers to one activity (not the notifications the pipeline may post meanwhile). */
  const answersTo = (activityId: string) =>
    connector.activitiesSent().filter((a: any) => a.replyToId === activityId);

  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    for (const user of [ADMIN, AGENT, AGENT2, PLAIN])
      connector.addConversation(personalChat(user).conversationId);
    app = await startTestApp({ env: { TEAMS_EMULATOR: 'true' } });
    serviceId = (await app.store.services.create('고객센터', defaultServiceSettings()))._id;
    const add = async (user: TeamsUser, role: 'admin' | 'member', phone: boolean) =>
      (
        await app.store.members.create({
          serviceId,
          displayName: user.name,
          role,
          permissions: { phone, callbackAssign: false, sms: false },
          identities: [teamsIdentity(TENANT, user.aad)],
          ctiAgentId: null,
        })
      )._id;
    ids.admin = await add(ADMIN, 'admin', true);
    ids.agent = await add(AGENT, 'member', true);
    ids.agent2 = await add(AGENT2, 'member', true);
    ids.plain = await add(PLAIN, 'member', false);
    const now = Date.now();
    const requests = [
      ['01012345678', '김민지', now - 2 * 86_400_000],
      ['0212345678', '이서준', now - 86_400_000],
      ['01099998888', 'Emily Park', now - 3_600_000],
    ] as const;
    for (const [phone, name, at] of requests) {
      const made = await app.usecases.callbacks.receiveCallback(operator, serviceId, {
        phone,
        name,
        requestedAt: new Date(at).toISOString(),
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problem));
      callbacks[phone] = made.value.callback._id;
    }
  });
  afterAll(async () => {
    await app?.close();
    await connector?.stop();
  });
  afterEach(() => connector.assertNoViolations());

  it('`callback` explains what can be done here; `callback assign` answers with a button that opens the dialog', async () => {
    const help = await lastCard(ADMIN, 'callback');
    expect(cardText(help)).toContain('callback list');
    expect(cardText(help)).toContain('callback stats');
    const ko = await lastCard(ADMIN, '콜백', 'ko-KR');
    expect(cardText(ko)).toContain('균등 할당');

    const open = await lastCard(ADMIN, 'callback assign');
    expect(open.actions[0]).toMatchObject({ type: 'Action.Submit', title: 'Assign callbacks' });
    expect(open.actions[0].data).toMatchObject({
      dialog: 'callback.assign',
      serviceId,
      msteams: { type: 'task/fetch' },
    });
  });

  it('`callback list`: rows with the buttons true to the reader, paging, and agents see only their own', async () => {
    const card = await lastCard(ADMIN, 'callback list');
    const text = cardText(card);
    expect(text).toContain('Callbacks — Open');
    expect(text).toContain('010-1234-5678');
    expect(text).toContain('Page 1 of 1 · 3 in all');
    const titles = elements(card)
      .filter((e) => e.type === 'Action.Submit' || e.type === 'Action.Execute')
      .map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Assign to me', 'Assign…', 'Register history', 'Cancel…', 'Export to Excel']),
    );
    const assignButton = elements(card).find((e) => e.title === 'Assign…');
    expect(assignButton.data).toMatchObject({ dialog: 'callback.assign' });

    const agent = await lastCard(AGENT, 'callback list');
    expect(cardText(agent)).toContain('Showing only callbacks assigned to you');
    expect(cardText(agent)).toContain('No callbacks match.');
    expect(elements(agent).filter((e) => e.type === 'ActionSet')).toEqual([]);
    const plain = await send(PLAIN, 'callback list');
    expect(plain.map((a) => a.text).join('\n')).toMatch(/⚠️/);

    const unknown = await send(ADMIN, 'callback frobnicate');
    expect(unknown[0].text).toContain('frobnicate is not a word callback knows.');
    expect(validateAdaptiveCard(unknown[1].attachments[0].content)).toEqual([]);
  });

  it('assign: no agent chosen → the form again with the error under Agents; then evenly, summarised', async () => {
    const opened = await dialog(ADMIN, 'task/fetch', { dialog: 'callback.assign' });
    expect(opened.body.task.value.title).toBe('Assign callbacks');
    expect(cardText(opened.card)).toContain('3 unassigned callbacks');
    const agentChoices = inputOf(opened.card, 'agents')
      .choices.map((c: any) => c.title)
      .join('\n');
    expect(agentChoices).toContain('Agent Lee (0 open)');
    expect(agentChoices).toContain('Agent Park (0 open)');
    const picked = [callbacks['01012345678'], callbacks['0212345678']].join(',');
    const noAgent = await dialog(ADMIN, 'task/submit', {
      dialog: 'callback.assign',
      serviceId,
      callbacks: picked,
      mode: 'even',
    });
    expect(errorAfter(noAgent.card, 'agents')).toContain('Pick at least one agent.');
    expect(inputOf(noAgent.card, 'callbacks').value).toBe(picked);

    const both = await dialog(ADMIN, 'task/submit', {
      dialog: 'callback.assign',
      serviceId,
      callbacks: picked,
      oldest: '2',
      agents: ids.agent,
      mode: 'even',
    });
    expect(errorAfter(both.card, 'oldest')).toContain('Pick callbacks or enter N, not both.');

    const done = await dialog(
      ADMIN,
      'task/submit',
      {
        dialog: 'callback.assign',
        serviceId,
        callbacks: picked,
        agents: `${ids.agent},${ids.agent2}`,
        mode: 'even',
      },
      'ko-KR',
    );
    expect(done.message).toContain('2건 할당했습니다.');
    expect(done.message).toContain('Agent Lee: 1건');
  });

  it('assign from a card and from a digest button; a member without the permission is refused at once', async () => {
    const fromCard = await dialog(ADMIN, 'task/fetch', {
      dialog: 'callback.assign',
      callbackId: callbacks['01099998888'],
    });
    expect(inputOf(fromCard.card, 'callbacks').value).toBe(callbacks['01099998888']);
    const refused = await dialog(PLAIN, 'task/fetch', { dialog: 'callback.assign' });
    expect(refused.card).toBeUndefined();
    expect(refused.message).toMatch(/⚠️/);
    const refusedSubmit = await dialog(PLAIN, 'task/submit', {
      dialog: 'callback.assign',
      serviceId,
      agents: ids.agent,
      oldest: '1',
    });
    expect(refusedSubmit.message ?? cardText(refusedSubmit.card)).toMatch(/admin|permission/i);
    const digest = await dialog(ADMIN, 'task/fetch', {
      dialog: 'callback.assign',
      digestId: 'dig_missing',
      mode: 'manual',
    });
    expect(digest.message).toMatch(/⚠️/);
  });

  it("complete: a note too long is shown under the note; then completed, in the person's words", async () => {
    const callbackId = callbacks['01012345678'];
    const assigneeOf = (await app.store.callbacks.get(callbackId!))!.assigneeId;
    const who = assigneeOf === ids.agent ? AGENT : AGENT2;
    const other = who === AGENT ? AGENT2 : AGENT;
    const opened = await dialog(who, 'task/fetch', { dialog: 'callback.complete', callbackId });
    expect(opened.body.task.value.title).toBe('Complete callback');
    expect(cardText(opened.card)).toContain('010-1234-5678');
    expect(cardText(opened.card)).toContain('김민지');
    // Not theirs: refused before the form opens.
    const notTheirs = await dialog(other, 'task/fetch', { dialog: 'callback.complete', callbackId });
    expect(notTheirs.message).toMatch(/⚠️/);

    const tooLong = await dialog(who, 'task/submit', {
      dialog: 'callback.complete',
      callbackId,
      outcome: 'connected',
      note: 'x'.repeat(2001),
    });
    expect(errorAfter(tooLong.card, 'note')).toBeDefined();
    expect(inputOf(tooLong.card, 'outcome').value).toBe('connected');
    const done = await dialog(who, 'task/submit', {
      dialog: 'callback.complete',
      callbackId,
      outcome: 'connected',
      note: '통화 완료',
    });
    expect(done.message).toBe('Callback 010-1234-5678 completed.');
    expect((await app.store.callbacks.get(callbackId!))!.status).toBe('completed');
  });

  it('cancel: admins only; an empty reason is shown under the reason', async () => {
    const callbackId = callbacks['01099998888'];
    const refused = await dialog(AGENT, 'task/fetch', { dialog: 'callback.cancel', callbackId });
    expect(refused.message).toMatch(/⚠️/);
    const opened = await dialog(ADMIN, 'task/fetch', { dialog: 'callback.cancel', callbackId }, 'ko-KR');
    expect(opened.body.task.value.title).toBe('콜백 취소');
    const empty = await dialog(
      ADMIN,
      'task/submit',
      { dialog: 'callback.cancel', callbackId, reason: '  ' },
      'ko-KR',
    );
    expect(errorAfter(empty.card, 'reason')).toBeDefined();
    const done = await dialog(
      ADMIN,
      'task/submit',
      { dialog: 'callback.cancel', callbackId, reason: '중복 요청' },
      'ko-KR',
    );
    expect(done.message).toBe('콜백 010-9999-8888 을(를) 취소했습니다.');
  });

  it('register history without a callback: the summary is required, under the summary', async () => {
    const opened = await dialog(AGENT, 'task/fetch', { dialog: 'callback.history' });
    expect(inputOf(opened.card, 'phone')).toBeDefined();
    const empty = await dialog(AGENT, 'task/submit', {
      dialog: 'callback.history',
      serviceId,
      phone: '010-5555-6666',
      channel: 'phone',
      summary: '',
    });
    expect(errorAfter(empty.card, 'summary')).toBeDefined();
    expect(inputOf(empty.card, 'phone').value).toBe('010-5555-6666');
    const done = await dialog(AGENT, 'task/submit', {
      dialog: 'callback.history',
      serviceId,
      phone: '010-5555-6666',
      channel: 'phone',
      summary: '배송 문의',
    });
    expect(done.message).toContain('callback history 010-5555-6666');
    const history = await lastCard(AGENT, 'callback history 010-5555-6666');
    expect(cardText(history)).toContain('배송 문의');
    const refused = await dialog(PLAIN, 'task/fetch', { dialog: 'callback.history' });
    expect(refused.message).toMatch(/⚠️/);
  });

  it('unassign: nothing picked → error under the list; then back to the pool', async () => {
    const opened = await dialog(ADMIN, 'task/fetch', { dialog: 'callback.unassign' });
    expect(cardText(opened.card)).toContain('Open callbacks per agent');
    const empty = await dialog(ADMIN, 'task/submit', { dialog: 'callback.unassign', serviceId });
    expect(errorAfter(empty.card, 'callbacks')).toBeDefined();
    const callbackId = callbacks['0212345678'];
    const done = await dialog(ADMIN, 'task/submit', {
      dialog: 'callback.unassign',
      serviceId,
      callbacks: callbackId,
    });
    expect(done.message).toBe('Unassigned 1; they are back in the unassigned pool.');
    const refused = await dialog(AGENT, 'task/fetch', { dialog: 'callback.unassign' });
    expect(refused.message).toMatch(/⚠️/);
  });

  it('`callback stats`: the processing status with its chart (alt text) and an export button; agents are refused', async () => {
    const card = await lastCard(ADMIN, 'callback stats');
    const text = cardText(card);
    expect(text).toContain('Callback processing status');
    expect(text).toContain('Received 3');
    const image = elements(card).find((e) => e.type === 'Image');
    expect(image).toBeDefined();
    expect(image.altText.length).toBeGreaterThan(10);
    if (!image.url.startsWith('data:')) {
      const png = await fetch(image.url.replace(app.config.publicUrl, app.url));
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect((await png.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(card.actions[0].verb).toBe('callback.export.stats');
    const refused = await send(AGENT, 'callback stats');
    expect(JSON.stringify(refused)).toMatch(/⚠️/);
  });

  it('list paging buttons answer with the next page', async () => {
    const response = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, ADMIN, personalChat(ADMIN), 'callback.list.page', {
        serviceId,
        scope: 'all',
        page: 1,
      }),
    );
    const card = cardOfInvoke(response.body);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Callbacks — All');
    const bad = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, ADMIN, personalChat(ADMIN), 'callback.list.page', {
        scope: 'nope',
      }),
    );
    expect(bad.body.value).toMatch(/⚠️/);
  });

  it('Assign to me on a list row answers with the list again, the row now assigned to the presser', async () => {
    const made = await app.usecases.callbacks.receiveCallback(operator, serviceId, {
      phone: '01055554444',
      name: '정하늘',
      requestedAt: new Date().toISOString(),
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problem));
    const list = await lastCard(ADMIN, 'callback list unassigned');
    const take = elements(list).find(
      (e) => e.title === 'Assign to me' && e.data?.callbackId === made.value.callback._id,
    );
    expect(take.data.list).toMatchObject({ serviceId, scope: 'unassigned', page: 1 });
    const response = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, ADMIN, personalChat(ADMIN), take.verb, take.data),
    );
    const card = cardOfInvoke(response.body);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Callbacks — Unassigned');
    // Assigned now, so no longer among the unassigned rows.
    expect(cardText(card)).not.toContain('010-5555-4444');
    expect((await app.store.callbacks.get(made.value.callback._id))?.assigneeId).toBe(ids.admin);
  });
});
