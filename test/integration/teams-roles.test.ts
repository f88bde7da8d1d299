// Teams JSON (activities, invoke answers, cards) is read field by field.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { decide, type Action } from '../../src/domain/access.js';
import { formatKoreanPhone } from '../../src/domain/callbacks.js';
import { teamsIdentity, type MemberDoc } from '../../src/domain/members.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { translate, type MessageKey, type MessageParams } from '../../src/i18n/index.js';
import type { Actor } from '../../src/usecases/actor.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  cardOfInvoke,
  cardText,
  personalChat,
  postActivity,
  teamsCardAction,
  teamsChannel,
  teamsDialog,
  teamsMessage,
  TENANT,
  type TeamsPlace,
  type TeamsUser,
} from '../support/teams-requests.js';

/**
 * The role × action matrix of docs/permissions.md through Teams' own entry points (issue 14): text commands, card
 * buttons (`adaptiveCard/action`) and dialogs (`task/submit`) into `POST /api/messages`, as a Teams client sends
 * them, for every role — and for a member of another service and a stranger. An allowed cell changes what it should
 * and answers with success; a refused cell changes nothing and says why, in the person's language.
 * The same matrix on the use cases: test/integration/callback-usecases.test.ts.
 */

const none = { phone: false, callbackAssign: false, sms: false };
const ROLES = {
  admin: { role: 'admin', permissions: none },
  phone: { role: 'member', permissions: { ...none, phone: true } },
  callbackAssign: { role: 'member', permissions: { ...none, callbackAssign: true } },
  sms: { role: 'member', permissions: { ...none, sms: true } },
  plainMember: { role: 'member', permissions: none },
} as const;
type Role = keyof typeof ROLES;
/** `otherService`: an admin of ANOTHER service; `stranger`: a member of none. */
type Who = Role | 'otherService' | 'stranger';
const EVERYONE: Who[] = [
  'admin',
  'phone',
  'callbackAssign',
  'sms',
  'plainMember',
  'otherService',
  'stranger',
];
const USERS = Object.fromEntries(
  EVERYONE.map((who) => [who, { aad: `aad-matrix-${who}`, name: `Matrix ${who}` }]),
) as Record<Who, TeamsUser>;
const SENDERS = ['0215441234'];
const OPERATOR: Actor = { kind: 'operator', name: 'teams-roles-test' };
/** The service's channel: text commands there act on the service for everyone who writes in it. */
const CHANNEL = teamsChannel('matrix-roles');
/** Collections a refused action must leave alone (besides the callbacks and the service themselves). */
const WATCHED = [
  'interactions',
  'smsRequests',
  'smsCategories',
  'smsTemplates',
  'wallboardPins',
  'wallboardLinks',
  'chatLinks',
  'members',
];

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
/**
 * What a person reads, without markdown marks and Slack's slash (Teams names its commands without one; the admin
 * screens only Slack has are marked "(Slack)": src/teams/cards/card.ts).
 */
const plain = (text: string) =>
  text
    .replace(/`|\*|\\/g, '')
    .replace(/ \(Slack\)/g, '')
    .replace(/\/(callback|switchboard|wallboard|sms)\b/g, '$1')
    .replace(/\s+/g, ' ');

interface Answer {
  /** Everything the person reads in the answer: texts and card texts. */
  text: string;
  /** The card the answer shows (a Universal Actions card, a dialog card, a posted card), if any. */
  card?: any;
}
interface Ids {
  /** A fresh callback assigned to the phone agent. */
  assigned: string;
  /** A fresh unassigned callback. */
  unassigned: string;
  /** A fresh channel (Teams conversation) of this cell. */
  place: TeamsPlace;
}
interface Row {
  name: string;
  allowed: Who[];
  /** The `ACTIONS` key the table decides by (the refusal a person gets follows from it). */
  action: Action;
  /** The words of a refusal where the surface or use case says it more precisely than the table's. */
  refusal?: Partial<Record<'notMember' | 'adminOnly', (ids: Ids) => string>>;
  callbacks?: boolean;
  /** A dialog's row: the data of the button that opens it (`task/fetch`), asked before the form is shown. */
  open?(ids: Ids): Record<string, unknown>;
  run(who: Who, ids: Ids): Promise<Answer>;
  /** An allowed cell: what must have changed, and the success the person reads. */
  done(who: Who, ids: Ids, answer: Answer): Promise<void>;
}

describe('Teams: role × action (docs/permissions.md)', () => {
  let app: TestApp;
  let connector: FakeBotConnector;
  let nhn: FakeNhn;
  let serviceId: string;
  let serviceName: string;
  const members = {} as Record<Role | 'otherService', MemberDoc>;
  const observed = new Map<string, Map<Who, string>>();
  let seq = 0;

  const collection = (name: string) => app.store.db.collection(name);

  /** A text command from `place`: the bot's answers to it (texts and cards), every card validated. */
  const say = async (who: Who, place: TeamsPlace, text: string): Promise<Answer> => {
    const activity = teamsMessage(connector.serviceUrl, USERS[who], place, text, 'en-US');
    const callsBefore = connector.calls.length;
    const response = await postActivity(app.url, activity);
    expect(response.status).toBeLessThan(300);
    // Answers for the person alone (a list, the processing status) typed in a channel go to their personal chat.
    const personal = personalChat(USERS[who]).conversationId;
    const privately = connector.calls
      .slice(callsBefore)
      .filter(
        (c) =>
          c.method === 'POST' &&
          c.status < 300 &&
          c.conversationId === personal &&
          place.conversationId !== personal,
      )
      .map((c) => c.body);
    const answers = [
      ...connector.activitiesSent().filter((a: any) => a.replyToId === activity.id),
      ...privately,
    ];
    expect(answers.length).toBeGreaterThan(0);
    const cards = answers.flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content));
    for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
    return {
      text: answers
        .map((a: any) =>
          [a.text ?? '', ...(a.attachments ?? []).map((x: any) => cardText(x.content))].join('\n'),
        )
        .join('\n'),
      card: cards[0],
    };
  };
  /** An invoke's answer: a card (validated) or a message. */
  const answerOf = (body: any): Answer => {
    const card = cardOfInvoke(body);
    if (card) {
      expect(validateAdaptiveCard(card)).toEqual([]);
      return { text: cardText(card), card };
    }
    if (body?.type === 'application/vnd.microsoft.activity.message') return { text: String(body.value) };
    expect(body?.task?.type).toBe('message');
    return { text: String(body.task.value) };
  };
  /** A card button (Universal Actions), pressed in `place` (the person's personal chat unless given). */
  const press = async (who: Who, verb: string, data: Record<string, unknown>, place?: TeamsPlace) => {
    const where = place ?? personalChat(USERS[who]);
    const response = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, USERS[who], where, verb, data),
    );
    expect(response.status).toBe(200);
    return answerOf(response.body);
  };
  /** A dialog opened (`task/fetch`) or its form sent (`task/submit`) from the person's personal chat. */
  const submit = async (
    who: Who,
    data: Record<string, unknown>,
    name: 'task/fetch' | 'task/submit' = 'task/submit',
  ) => {
    const response = await postActivity(
      app.url,
      teamsDialog(connector.serviceUrl, USERS[who], personalChat(USERS[who]), name, data, 'en-US'),
    );
    expect(response.status).toBe(200);
    return answerOf(response.body);
  };

  const newCallback = async () => {
    seq += 1;
    const made = await app.usecases.callbacks.receiveCallback(OPERATOR, serviceId, {
      phone: `0105555${String(seq).padStart(4, '0')}`,
      name: `Customer ${seq}`,
      requestedAt: new Date().toISOString(),
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problem));
    return made.value.callback;
  };
  const callback = async (id: string) => (await app.store.callbacks.get(id))!;
  const phoneOf = async (id: string) => formatKoreanPhone((await callback(id)).phone);

  /** What a refused action must not change. */
  const snapshot = async (ids: Ids, callbackIds: string[]) => ({
    callbacks: await Promise.all(callbackIds.map((id) => app.store.callbacks.get(id))),
    service: await app.store.services.get(serviceId),
    link: await app.store.chatLinks.get(`teams:${ids.place.conversationId}`),
    counts: Object.fromEntries(
      await Promise.all(WATCHED.map(async (c) => [c, await collection(c).countDocuments()] as const)),
    ),
  });

  /** The refusal a person reads, from the table (docs/permissions.md), in English. */
  const refusalFor = (row: Row, who: Who, ids: Ids): string => {
    const member = who === 'otherService' || who === 'stranger' ? undefined : ROLES[who];
    const decision = decide(member, row.action);
    if (decision.allowed) throw new Error(`${row.name} by ${who}: the table allows it`);
    switch (decision.reason) {
      case 'notMember':
        return row.refusal?.notMember?.(ids) ?? en('refusal.notMember');
      case 'adminOnly':
        return row.refusal?.adminOnly?.(ids) ?? en('refusal.adminOnly');
      case 'missingPermission':
        return en('refusal.missingPermission', { permission: decision.permission ?? '' });
    }
  };

  const rows: Row[] = [
    {
      name: 'see the callback list',
      allowed: ['admin', 'phone'],
      action: 'callbacks.view',
      callbacks: true,
      run: (who) => say(who, CHANNEL, 'callback list'),
      async done(who, ids, answer) {
        expect(answer.text).toContain(en('cbcmd.list.title', { scope: en('cbcmd.list.scope.open') }));
        // An admin sees every open callback; the agent their own.
        expect(answer.text).toContain(await phoneOf(who === 'admin' ? ids.unassigned : ids.assigned));
      },
    },
    {
      name: 'assign to me',
      allowed: ['admin', 'phone'],
      action: 'callbacks.work',
      callbacks: true,
      run: (who, ids) => press(who, 'callback.assignToMe', { callbackId: ids.unassigned }),
      async done(who, ids, answer) {
        expect(await callback(ids.unassigned)).toMatchObject({
          status: 'assigned',
          assigneeId: members[who as Role]._id,
        });
        expect(answer.card).toBeDefined();
        expect(answer.text).toContain(await phoneOf(ids.unassigned));
      },
    },
    {
      name: 'assign callbacks',
      allowed: ['admin', 'callbackAssign'],
      action: 'callbacks.assign',
      callbacks: true,
      open: (ids) => ({ dialog: 'callback.assign', serviceId, callbackId: ids.unassigned, mode: 'manual' }),
      run: (who, ids) =>
        submit(who, {
          dialog: 'callback.assign',
          serviceId,
          callbacks: ids.unassigned,
          agents: members.phone._id,
          mode: 'manual',
        }),
      async done(_who, ids, answer) {
        expect(await callback(ids.unassigned)).toMatchObject({
          status: 'assigned',
          assigneeId: members.phone._id,
        });
        expect(answer.text).toContain(en('teamsCb.assign.summary', { count: 1 }));
      },
    },
    {
      name: 'unassign',
      allowed: ['admin', 'callbackAssign'],
      action: 'callbacks.assign',
      callbacks: true,
      open: (ids) => ({ dialog: 'callback.unassign', serviceId, callbackId: ids.assigned }),
      run: (who, ids) => submit(who, { dialog: 'callback.unassign', serviceId, callbacks: ids.assigned }),
      async done(_who, ids, answer) {
        expect(await callback(ids.assigned)).toMatchObject({ status: 'unassigned', assigneeId: null });
        expect(answer.text).toContain(en('teamsCb.unassign.summary', { count: 1 }));
      },
    },
    {
      name: 'complete (its assignee and admins)',
      allowed: ['admin', 'phone'],
      action: 'callbacks.work',
      callbacks: true,
      open: (ids) => ({ dialog: 'callback.complete', callbackId: ids.assigned }),
      run: (who, ids) =>
        submit(who, {
          dialog: 'callback.complete',
          callbackId: ids.assigned,
          outcome: 'connected',
          note: '',
        }),
      async done(_who, ids, answer) {
        expect((await callback(ids.assigned)).status).toBe('completed');
        expect(answer.text).toBe(en('teamsCb.completed', { phone: await phoneOf(ids.assigned) }));
      },
    },
    {
      name: 'connect (its assignee and admins, logged in to CTI)',
      allowed: ['admin', 'phone'],
      action: 'callbacks.work',
      callbacks: true,
      run: (who, ids) => press(who, 'callback.connect', { callbackId: ids.assigned }),
      async done(_who, ids, answer) {
        expect((await callback(ids.assigned)).attempts).toHaveLength(1);
        expect(answer.card).toBeDefined();
        expect(answer.text).toContain(await phoneOf(ids.assigned));
        expect(answer.text).toContain(en('callbackCall.outcomePrompt'));
      },
    },
    {
      name: 'register history',
      allowed: ['admin', 'phone'],
      action: 'callbacks.registerHistory',
      open: () => ({ dialog: 'callback.history', serviceId }),
      run: (who) =>
        submit(who, {
          dialog: 'callback.history',
          serviceId,
          phone: '01012340000',
          customerName: '',
          channel: 'phone',
          summary: `matrix history by ${who}`,
          note: '',
        }),
      async done(who, _ids, answer) {
        expect(await collection('interactions').countDocuments({ summary: `matrix history by ${who}` })).toBe(
          1,
        );
        expect(answer.text).toBe(en('teamsCb.historyRegistered', { phone: '010-1234-0000' }));
      },
    },
    {
      name: 'processing status',
      allowed: ['admin'],
      action: 'callbacks.stats',
      run: (who) => say(who, CHANNEL, 'callback stats'),
      async done(_who, _ids, answer) {
        expect(answer.text).toContain(en('callbackStats.title'));
      },
    },
    {
      name: 'cancel',
      allowed: ['admin'],
      action: 'callbacks.cancel',
      refusal: { adminOnly: () => en('callbacks.cancel.adminOnly') },
      callbacks: true,
      open: (ids) => ({ dialog: 'callback.cancel', callbackId: ids.unassigned }),
      run: (who, ids) =>
        submit(who, { dialog: 'callback.cancel', callbackId: ids.unassigned, reason: '고객 요청 취소' }),
      async done(_who, ids, answer) {
        expect((await callback(ids.unassigned)).status).toBe('cancelled');
        expect(answer.text).toBe(en('teamsCb.cancelled', { phone: await phoneOf(ids.unassigned) }));
      },
    },
    {
      name: 'SMS send',
      allowed: ['admin', 'sms'],
      action: 'sms.send',
      open: () => ({ dialog: 'sms.send', serviceId }),
      run: (who) =>
        submit(who, {
          dialog: 'sms.send',
          serviceId,
          draftKey: randomUUID(),
          op: 'send',
          type: 'SMS',
          body: `matrix sms by ${who}`,
          recipients: '01012345678',
          sendNo: SENDERS[0],
          advertisement: 'false',
        }),
      async done(who, _ids, answer) {
        const requests = await collection('smsRequests').countDocuments({ body: `matrix sms by ${who}` });
        expect(requests).toBe(1);
        expect(answer.text).toContain('SMS requested: 1 recipient(s)');
      },
    },
    {
      name: 'SMS templates management',
      allowed: ['admin'],
      action: 'sms.manageTemplates',
      open: () => ({ dialog: 'sms.templates', serviceId }),
      run: (who) =>
        submit(who, {
          dialog: 'sms.templates',
          serviceId,
          op: 'saveCategory',
          parentId: 'none',
          name: `matrix ${who}`,
          enabled: 'true',
        }),
      async done(who, _ids, answer) {
        expect(await collection('smsCategories').countDocuments({ name: `matrix ${who}` })).toBe(1);
        expect(answer.text).toContain(en('smsTemplates.categorySaved', { name: `matrix ${who}` }));
      },
    },
    {
      name: 'wallboard pin',
      allowed: ['admin'],
      action: 'wallboard.pin',
      run: (who, ids) => say(who, ids.place, 'wallboard pin'),
      async done(_who, ids, answer) {
        const pin = await collection('wallboardPins').findOne({ channelId: ids.place.conversationId });
        expect(pin).toMatchObject({ serviceId });
        const seconds = (await app.store.services.get(serviceId))!.settings.wallboardIntervalSeconds;
        expect(answer.text).toContain(en('teamsWallboard.pinned', { seconds }));
      },
    },
    {
      name: 'wallboard link (own)',
      allowed: ['admin', 'phone', 'callbackAssign', 'sms', 'plainMember'],
      action: 'wallboard.view',
      run: (who) => press(who, 'wallboard.link', { serviceId, screen: false }),
      async done(_who, _ids, answer) {
        const open = (answer.card?.actions ?? []).find((a: any) => a.type === 'Action.OpenUrl');
        expect(open?.url).toContain('/wallboard?token=');
        // The link opens the wall page.
        const page = await fetch(String(open.url).replace(/^https?:\/\/[^/]+/, app.url));
        expect(page.status).toBe(200);
        expect(answer.text).toContain('Your personal link, valid until');
      },
    },
    {
      name: 'wallboard screen link',
      allowed: ['admin'],
      action: 'wallboard.pin',
      run: (who) => press(who, 'wallboard.link', { serviceId, screen: true, label: `Lobby ${who}` }),
      async done(who, _ids, answer) {
        expect(await collection('wallboardLinks').countDocuments({ label: `Lobby ${who}` })).toBe(1);
        // The label in bold, as the person sees it (not `***label***`), with the id to revoke it by.
        expect(answer.text).toMatch(new RegExp(`^Wall-screen link \\*\\*Lobby ${who}\\*\\* \\(id wbl_`, 'm'));
      },
    },
    {
      name: 'link a channel to the service',
      allowed: ['admin'],
      action: 'service.configure',
      refusal: { notMember: () => en('teamsLink.notMember', { name: serviceName }) },
      run: (who, ids) => press(who, 'service.link', { serviceId }, ids.place),
      async done(_who, ids, answer) {
        expect(await app.store.chatLinks.get(`teams:${ids.place.conversationId}`)).toMatchObject({
          serviceId,
        });
        expect(answer.text).toBe(en('teamsLink.linkedAnnouncing', { name: serviceName }));
        // The service announced callbacks nowhere, so it does here now: back to nowhere for the next cells.
        await app.store.services.updateSettings(serviceId, { teamsCallbackConversationId: null });
      },
    },
  ];

  const cases = rows.flatMap((row) =>
    EVERYONE.map((who) => [row.name, who, row.allowed.includes(who) ? 'allowed' : 'refused', row] as const),
  );

  beforeAll(async () => {
    nhn = await FakeNhn.start({ senderNumbers: SENDERS });
    connector = await FakeBotConnector.start();
    app = await startTestApp({ env: { TEAMS_EMULATOR: 'true', ...nhn.env() } });
    serviceName = 'Matrix Co';
    serviceId = (
      await app.store.services.create(
        serviceName,
        defaultServiceSettings({ locale: 'en', timeZone: 'Asia/Seoul' }),
      )
    )._id;
    await app.store.services.updateSettings(serviceId, {
      smsEnabled: true,
      smsSenderNumbers: SENDERS,
      smsOptOutNumber: '0801234567',
    });
    for (const [who, shape] of Object.entries(ROLES))
      members[who as Role] = await app.store.members.create({
        serviceId,
        displayName: USERS[who as Role].name,
        role: shape.role,
        permissions: shape.permissions,
        identities: [teamsIdentity(TENANT, USERS[who as Role].aad)],
        ctiAgentId: `ag-${who}`,
      });
    const other = await app.store.services.create('Other Co', defaultServiceSettings({ locale: 'en' }));
    members.otherService = await app.store.members.create({
      serviceId: other._id,
      displayName: USERS.otherService.name,
      role: 'admin',
      permissions: none,
      identities: [teamsIdentity(TENANT, USERS.otherService.aad)],
      ctiAgentId: 'ag-other',
    });
    await app.store.chatLinks.linkIfFree(`teams:${CHANNEL.conversationId}`, serviceId, 'test');
    connector.addConversation(CHANNEL.conversationId);
    // Everyone writes to the bot once from their personal chat: the bot can then write to them.
    for (const who of EVERYONE) {
      connector.addConversation(personalChat(USERS[who]).conversationId);
      await say(who, personalChat(USERS[who]), 'help');
    }
    // Everyone is logged in to CTI, so Connect is decided by the table and the assignee alone.
    const { key } = await app.store.apiKeys.create({
      serviceId,
      name: 'cti',
      allowedIps: [],
      createdBy: 'test',
    });
    const at = new Date().toISOString();
    const response = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: Object.keys(ROLES).map((who) => ({
          id: `matrix-login-${who}`,
          type: 'agent.login',
          agent: `ag-${who}`,
          at,
          service: 's',
        })),
      }),
    });
    expect(response.status).toBe(202);
  }, 120_000);

  afterAll(async () => {
    const header = ['', ...EVERYONE].join(' | ');
    const lines = rows.map((row) =>
      [row.name, ...EVERYONE.map((who) => observed.get(row.name)?.get(who) ?? '?')].join(' | '),
    );
    console.log(`Teams role × action, as observed:\n${header}\n${lines.join('\n')}`);
    await app?.close();
    await connector?.stop();
    await nhn?.close();
  });
  afterEach(() => connector.assertNoViolations());

  it.each(cases)('%s by %s → %s', async (name, who, expected, row) => {
    let ids: Ids = { assigned: '', unassigned: '', place: teamsChannel(`matrix-${randomUUID()}`) };
    if (row.callbacks) {
      const assigned = await newCallback();
      const assignedNow = await app.usecases.callbacks.assignCallbacks(OPERATOR, serviceId, {
        callbackIds: [assigned._id],
        agentIds: [members.phone._id],
        mode: 'manual',
      });
      expect(assignedNow.ok).toBe(true);
      ids = { ...ids, assigned: assigned._id, unassigned: (await newCallback())._id };
    }
    connector.addConversation(ids.place.conversationId);
    if (row.name === 'wallboard pin')
      await app.store.chatLinks.linkIfFree(`teams:${ids.place.conversationId}`, serviceId, 'test');
    const callbackIds = row.callbacks ? [ids.assigned, ids.unassigned] : [];
    const before = await snapshot(ids, callbackIds);

    // A dialog first opens: the form for who may act, the refusal at once for who may not.
    const opened = row.open ? await submit(who, row.open(ids), 'task/fetch') : undefined;
    const answer = await row.run(who, ids);

    if (expected === 'allowed') {
      if (opened) expect(opened.card).toBeDefined();
      expect(plain(answer.text)).not.toContain('⚠️');
      await row.done(who, ids, answer);
    } else {
      const refusal = plain(refusalFor(row, who, ids));
      if (opened) expect(plain(opened.text)).toContain(refusal);
      expect(plain(answer.text)).toContain(refusal);
      expect(await snapshot(ids, callbackIds)).toEqual(before);
    }
    if (!observed.has(name)) observed.set(name, new Map());
    observed.get(name)!.set(who, expected);
  });
});
