// Teams JSON (invoke answers, cards) is read field by field.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { dateTimeParts } from '../../src/i18n/dates.js';
import type { Actor } from '../../src/usecases/actor.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import {
  cardOfInvoke,
  cardText,
  personalChat,
  postActivity,
  teamsCardAction,
  teamsDialog,
  teamsMessage,
  type TeamsUser,
  memberAddArgs,
} from '../support/teams-requests.js';

const ADMIN: TeamsUser = { aad: 'aad-sms-admin', name: '관리자 김' };
/** A member with the `sms` permission. */
const SENDER: TeamsUser = { aad: 'aad-sms-sender', name: '상담원 박' };
/** A member with `phone` only. */
const AGENT: TeamsUser = { aad: 'aad-sms-agent', name: 'Agent Lee' };
const SENDERS = ['0215441234', '0215445678'];
/** The fake carrier fails this number with 3006 (수신 거부). */
const REFUSING = '01000000009';
const OPERATOR: Actor = { kind: 'operator', name: 'teams-sms-test' };
const ZONE = 'Asia/Seoul';

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The date and time inputs for `inMs` from now, in the service's time zone. */
function scheduleInputs(inMs: number): { sendDate: string; sendTime: string } {
  const p = dateTimeParts(new Date(Date.now() + inMs), ZONE);
  return { sendDate: `${p.year}-${p.month}-${p.day}`, sendTime: `${p.hour}:${p.minute}` };
}

/** Every Input's id → the error TextBlock(s) right after it (until the next input). */
function errorsUnder(card: any): Record<string, string> {
  const flat: any[] = [];
  const walk = (items: any[]) => {
    for (const item of items) {
      flat.push(item);
      if (item.type === 'ColumnSet') for (const column of item.columns) walk(column.items);
    }
  };
  walk(card.body);
  const errors: Record<string, string> = {};
  let field = '';
  for (const item of flat) {
    if (String(item.type).startsWith('Input.')) field = item.id;
    else if (item.type === 'TextBlock' && item.color === 'Attention' && field) errors[field] = item.text;
  }
  return errors;
}

/**
 * SMS in Teams end to end: activities into `POST /api/messages` (real server, Agents SDK, use cases, Agenda,
 * FerretDB), the Bot connector and NHN Cloud faked at their HTTP edges. What a person reads is asserted, and every
 * card — posted or answered to an invoke — passes Microsoft's validator.
 */
describe('Teams: sms (문자) — send dialog, history, templates', () => {
  let app: TestApp;
  let connector: FakeBotConnector;
  let nhn: FakeNhn;
  let serviceId: string;
  const templateIds: Record<string, string> = {};

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  /** A text command; the activity the bot posted in answer. */
  const say = async (user: TeamsUser, text: string, locale = 'ko-KR'): Promise<any> => {
    const before = connector.activitiesSent().length;
    const response = await postActivity(
      app.url,
      teamsMessage(connector.serviceUrl, user, personalChat(user), text, locale),
    );
    expect(response.status).toBeLessThan(300);
    await eventually(
      async () => connector.activitiesSent().length,
      (n) => n > before,
      10_000,
    );
    return connector.activitiesSent()[before];
  };
  const postedCard = (activity: any) => activity.attachments?.[0]?.content;

  /** A dialog opened or submitted; its answer (a card is checked by the validator). */
  const dialog = async (
    user: TeamsUser,
    name: 'task/fetch' | 'task/submit',
    data: Record<string, unknown>,
    locale = 'ko-KR',
  ): Promise<{ card?: any; message?: string }> => {
    const response = await postActivity(
      app.url,
      teamsDialog(connector.serviceUrl, user, personalChat(user), name, data, locale),
    );
    expect(response.status).toBe(200);
    const card = cardOfInvoke(response.body);
    if (card) {
      expect(validateAdaptiveCard(card)).toEqual([]);
      return { card };
    }
    expect(response.body?.task?.type).toBe('message');
    return { message: String(response.body.task.value) };
  };

  /** A card button (Universal Actions); its answer. */
  const press = async (
    user: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
    locale = 'ko-KR',
  ): Promise<{ card?: any; message?: string }> => {
    const response = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, user, personalChat(user), verb, data, { locale }),
    );
    expect(response.status).toBe(200);
    const card = cardOfInvoke(response.body);
    if (card) {
      expect(validateAdaptiveCard(card)).toEqual([]);
      return { card };
    }
    expect(response.body?.type).toBe('application/vnd.microsoft.activity.message');
    return { message: String(response.body.value) };
  };

  /** The data of a button in a card, by its title. */
  const buttonData = (card: any, title: string): Record<string, unknown> => {
    const found: any[] = [];
    const walk = (node: any) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      if (String(node.type).startsWith('Action.') && node.title === title) found.push(node);
      for (const [key, value] of Object.entries(node)) if (key !== 'fallback') walk(value);
    };
    walk(card);
    expect(found.length).toBeGreaterThan(0);
    return found[0].data;
  };
  const send = (user: TeamsUser, form: Record<string, unknown>, locale = 'ko-KR') =>
    dialog(
      user,
      'task/submit',
      {
        dialog: 'sms.send',
        serviceId,
        draftKey: `k-${Math.random()}`,
        op: 'send',
        ...form,
      },
      locale,
    );
  const requestsWith = async (body: string) => {
    const page = await app.usecases.sms.listSmsRequests(OPERATOR, serviceId, { pageSize: 100 });
    return page.ok ? page.value.items.filter((i) => i.body === body) : [];
  };

  beforeAll(async () => {
    nhn = await FakeNhn.start({ senderNumbers: SENDERS, failNumbers: [REFUSING] });
    connector = await FakeBotConnector.start();
    for (const user of [ADMIN, SENDER, AGENT]) connector.addConversation(personalChat(user).conversationId);
    app = await startTestApp({ env: { TEAMS_EMULATOR: 'true', ...nhn.env() } });
    serviceId = String((await cli('service', 'create', '--name', '문자 서비스')).id);
    for (const [user, extra] of [
      [ADMIN, ['--role', 'admin']],
      [SENDER, ['--permissions', 'sms,phone']],
      [AGENT, ['--permissions', 'phone']],
    ] as const)
      await cli(...memberAddArgs(serviceId, user, ...extra));
    await app.store.services.updateSettings(serviceId, {
      smsEnabled: true,
      smsSenderNumbers: SENDERS,
      smsOptOutNumber: '0801234567',
    });
    const sms = app.usecases.sms;
    const category = async (name: string, parentId: string | null) => {
      const saved = await sms.saveSmsCategory(OPERATOR, serviceId, { name, parentId, enabled: true });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problem));
      return saved.value._id;
    };
    const booking = await category('예약', await category('안내', null));
    for (const [name, body, editable] of [
      ['예약 안내', '[문자서비스] 예약이 확정되었습니다.', true],
      ['고정 안내', '[문자서비스] 상담 요청을 받았습니다.', false],
    ] as const) {
      const saved = await sms.saveSmsTemplate(OPERATOR, serviceId, {
        categoryId: booking,
        type: 'SMS',
        enabled: true,
        editable,
        name,
        sendNo: SENDERS[1]!,
        body,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problem));
      templateIds[name] = saved.value._id;
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await connector?.stop();
    await nhn?.close();
  });
  afterEach(() => connector.assertNoViolations());

  it('문자 answers with a card whose buttons open the send and template dialogs and the history', async () => {
    const card = postedCard(await say(SENDER, '문자'));
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('문자 서비스');
    expect(text).toContain('문자 발송…');
    expect(text).toContain('템플릿 관리…');
    expect(text).toContain('발송 내역');
    expect(buttonData(card, '문자 발송…')).toMatchObject({
      dialog: 'sms.send',
      serviceId,
      msteams: { type: 'task/fetch' },
    });
    expect(buttonData(card, '발송 내역')).toMatchObject({ serviceId, page: 1 });
    // Slack's command words: an unknown one is told, with the help.
    const unknown = await say(SENDER, 'sms bogus');
    expect(unknown.text).toContain('`bogus`: 알 수 없는 항목입니다.');
  }, 30_000);

  it('sends with a template: the pick fills the body and counts its bytes; the send is queued and reaches NHN', async () => {
    const opened = await dialog(SENDER, 'task/fetch', { dialog: 'sms.send', serviceId });
    const text = cardText(opened.card);
    expect(text).toContain('안내 / 예약 · 예약 안내');
    expect(text).toContain('02-1544-1234');
    expect(text).toContain('Slack의 문자 발송 화면이나 HTTP API');
    expect(text).toContain('0 / 90바이트');
    const draftKey = buttonData(opened.card, '발송').draftKey;

    const applied = await dialog(SENDER, 'task/submit', {
      dialog: 'sms.send',
      serviceId,
      draftKey,
      op: 'apply',
      templateId: templateIds['예약 안내'],
      type: 'SMS',
      body: '',
      recipients: '010-1111-2222, 01033334444',
    });
    const body = applied.card.body.find((e: any) => e.id === 'body');
    expect(body.value).toBe('[문자서비스] 예약이 확정되었습니다.');
    expect(cardText(applied.card)).toContain('현재 내용: 35 / 90바이트');
    expect(applied.card.body.find((e: any) => e.id === 'sendNo').value).toBe(SENDERS[1]);
    expect(applied.card.body.find((e: any) => e.id === 'recipients').value).toBe(
      '010-1111-2222, 01033334444',
    );

    const sent = await dialog(SENDER, 'task/submit', {
      ...buttonData(applied.card, '발송'),
      templateId: templateIds['예약 안내'],
      type: 'SMS',
      body: body.value,
      recipients: '010-1111-2222, 01033334444',
      sendNo: SENDERS[1],
      advertisement: 'false',
    });
    expect(sent.message).toBe('문자 발송 요청: 수신자 2명, 즉시 발송 (SMS, 35바이트)');
    const reached = await eventually(
      async () => nhn.sendCalls().filter((c) => JSON.stringify(c).includes('예약이 확정되었습니다')).length,
      (n) => n > 0,
    );
    expect(reached).toBe(1);
  }, 60_000);

  it('shows every broken rule under its field and sends nothing: bytes, bad recipients, a schedule outside the window', async () => {
    const sendsBefore = nhn.sendCalls().length;
    const long = await send(SENDER, {
      type: 'SMS',
      body: '가'.repeat(50),
      recipients: '0101234, 01055556666, abc',
      sendNo: SENDERS[0],
      ...scheduleInputs(10 * 60_000),
    });
    const errors = errorsUnder(long.card);
    expect(errors.body).toContain('100 / 90바이트 — MMS로 보내세요.');
    expect(errors.recipients).toContain('올바르지 않은 수신번호 2건: 0101234, abc');
    expect(errors.sendTime).toContain('예약시간이 너무 이릅니다.');
    expect(cardText(long.card)).toContain('보내지 않았습니다. 아래 표시된 항목을 고쳐 주세요.');
    // What was typed stays, with its count.
    expect(long.card.body.find((e: any) => e.id === 'body').value).toBe('가'.repeat(50));
    expect(cardText(long.card)).toContain('현재 내용: 100 / 90바이트');

    const late = await send(SENDER, {
      type: 'SMS',
      body: '늦은 예약',
      recipients: '01055556666',
      sendNo: SENDERS[0],
      ...scheduleInputs(30 * 60 * 60_000),
    });
    expect(errorsUnder(late.card).sendTime).toContain('예약시간이 너무 늦습니다');
    const half = await send(SENDER, {
      type: 'SMS',
      body: '반쪽',
      recipients: '01055556666',
      sendDate: '2030-01-01',
    });
    expect(errorsUnder(half.card).sendTime).toBe('⚠️ 예약하려면 날짜와 시각을 모두 입력하세요.');

    expect(await requestsWith('가'.repeat(50))).toEqual([]);
    expect(await requestsWith('늦은 예약')).toEqual([]);
    expect(nhn.sendCalls().length).toBe(sendsBefore);
  }, 60_000);

  it('prefills the callback customer from a callback card, and refuses a member without the sms permission in words', async () => {
    const opened = await dialog(SENDER, 'task/fetch', {
      dialog: 'sms.send',
      serviceId,
      phone: '01098765432',
    });
    expect(cardText(opened.card)).toContain('콜백 010-9876-5432 고객에게 보냅니다.');
    expect(opened.card.body.find((e: any) => e.id === 'recipients').value).toBe('01098765432');
    expect(buttonData(opened.card, '발송').phone).toBe('01098765432');

    const refused = await dialog(AGENT, 'task/fetch', { dialog: 'sms.send', serviceId }, 'en-US');
    expect(refused.message).toContain('This needs the sms permission');
    const submitted = await send(AGENT, { type: 'SMS', body: 'x', recipients: '01012345678' }, 'en-US');
    expect(submitted.message).toContain('the sms permission');
    const templates = await dialog(AGENT, 'task/fetch', { dialog: 'sms.templates', serviceId }, 'en-US');
    expect(templates.message).toBe('Only a service admin can do this.');
    const history = await press(AGENT, 'sms.history', { serviceId, page: 1 }, 'en-US');
    expect(history.message).toContain('the sms permission');
  }, 30_000);

  it('schedules a send, lists it in the history, and cancels it after asking; a second cancel is refused in words', async () => {
    const at = scheduleInputs(2 * 60 * 60_000);
    const sent = await send(SENDER, {
      type: 'SMS',
      body: '예약 안내 문자',
      recipients: '01066667777',
      sendNo: SENDERS[0],
      ...at,
    });
    expect(sent.message).toBe(
      `문자 발송 요청: 수신자 1명, 예약 ${at.sendDate.slice(5)} ${at.sendTime} (SMS, 14바이트)`,
    );
    const [request] = await requestsWith('예약 안내 문자');
    expect(request?.status).toBe('scheduled');

    const posted = postedCard(await say(SENDER, 'sms history today'));
    expect(validateAdaptiveCard(posted)).toEqual([]);
    const history = cardText(posted);
    expect(history).toContain('발송 내역');
    expect(history).toContain(`예약 ${at.sendDate.slice(5)} ${at.sendTime}`);
    expect(history).toContain('02-1544-1234');
    expect(history).toContain('내가 보낸 요청만 표시합니다.');
    expect(history).toContain('시간대 Asia/Seoul');
    const cancelData = buttonData(posted, '예약 취소');
    expect(cancelData.id).toBe(request!.id);

    const asked = await press(SENDER, 'sms.cancel', cancelData);
    expect(cardText(asked.card)).toContain(
      `${at.sendDate.slice(5)} ${at.sendTime} 예약 발송(1건)을 취소할까요?`,
    );
    const confirmed = buttonData(asked.card, '예약 취소');
    expect(confirmed.confirmed).toBe(true);
    const done = await press(SENDER, 'sms.cancel', confirmed);
    expect(cardText(done.card)).toContain(`취소됨: ${at.sendDate.slice(5)} ${at.sendTime} 예약 발송(1건)`);
    expect(cardText(done.card)).toContain('취소됨');
    const after = await app.usecases.sms.getSmsRequest(OPERATOR, serviceId, request!.id);
    expect(after.ok && after.value.status).toBe('cancelled');

    const again = await press(SENDER, 'sms.cancel', confirmed);
    expect(again.message).toContain('이미');
  }, 60_000);

  it('shows per-recipient results in the details: phone, status, code and its meaning', async () => {
    const sent = await send(SENDER, {
      type: 'SMS',
      body: '결과 확인용',
      recipients: `01044445555\n${REFUSING}`,
      sendNo: SENDERS[0],
    });
    expect(sent.message).toContain('수신자 2명');
    const settled = await eventually(
      async () => (await requestsWith('결과 확인용'))[0],
      (r) => r?.counts.pending === 0,
      40_000,
    );
    expect(settled?.counts).toMatchObject({ success: 1, failed: 1 });
    const history = await press(SENDER, 'sms.history', { serviceId, page: 1 });
    expect(cardText(history.card)).toContain('성공 1 · 실패 1 · 대기 0 · 일부 실패');
    const detail = await press(SENDER, 'sms.detail', { serviceId, page: 1, id: settled!.id });
    const text = cardText(detail.card);
    expect(text).toContain('010-4444-5555 · 성공 · 1000 성공');
    expect(text).toContain('010-0000-0009 · 실패 · 3006 수신 거부');
    expect(text).toContain('수신번호 2건: 성공 1 · 실패 1 · 대기 0 · 취소 0');
    expect(buttonData(detail.card, '발송 내역으로')).toMatchObject({ serviceId, page: 1 });
  }, 60_000);

  it('lets an admin manage templates: add a category and sub-category, a template, disable, move, delete with counts', async () => {
    const tree = await dialog(ADMIN, 'task/fetch', { dialog: 'sms.templates', serviceId });
    expect(cardText(tree.card)).toContain('고정 안내');
    const base = { dialog: 'sms.templates', serviceId };

    const form = await dialog(ADMIN, 'task/submit', { ...base, op: 'newCategory' });
    expect(cardText(form.card)).toContain('분류명');
    const empty = await dialog(ADMIN, 'task/submit', {
      ...base,
      op: 'saveCategory',
      parentId: 'none',
      name: ' ',
      enabled: 'true',
    });
    expect(errorsUnder(empty.card).name).toBeDefined();

    const saved = await dialog(ADMIN, 'task/submit', {
      ...base,
      op: 'saveCategory',
      parentId: 'none',
      name: '공지',
      enabled: 'true',
    });
    expect(cardText(saved.card)).toContain('"공지" 분류를 저장했습니다.');
    const parent = saved.card.body.find((e: any) => e.id === 'item').value as string;
    const sub = await dialog(ADMIN, 'task/submit', {
      ...base,
      op: 'saveCategory',
      parentId: parent.slice(2),
      name: '휴무',
      enabled: 'true',
    });
    expect(cardText(sub.card)).toContain('"휴무" 분류를 저장했습니다.');
    const subId = (sub.card.body.find((e: any) => e.id === 'item').value as string).slice(2);

    const templateForm = await dialog(ADMIN, 'task/submit', { ...base, op: 'newTemplate' });
    expect(cardText(templateForm.card)).toContain('템플릿 명');
    const bad = await dialog(ADMIN, 'task/submit', {
      ...base,
      op: 'saveTemplate',
      categoryId: subId,
      name: '휴무 안내',
      type: 'SMS',
      sendNo: SENDERS[0],
      body: '가'.repeat(60),
      enabled: 'true',
      editable: 'true',
    });
    expect(errorsUnder(bad.card).body).toContain('120 / 90바이트');
    const template = await dialog(ADMIN, 'task/submit', {
      ...base,
      op: 'saveTemplate',
      categoryId: subId,
      name: '휴무 안내',
      type: 'SMS',
      sendNo: SENDERS[0],
      body: '오늘은 휴무입니다.',
      enabled: 'true',
      editable: 'true',
    });
    expect(cardText(template.card)).toContain('"휴무 안내" 템플릿을 저장했습니다.');
    const templateItem = template.card.body.find((e: any) => e.id === 'item').value as string;

    const disabled = await dialog(ADMIN, 'task/submit', { ...base, op: 'toggle', item: templateItem });
    expect(cardText(disabled.card)).toContain('"휴무 안내" 템플릿을 미사용으로 바꿨습니다.');
    const sendable = await app.usecases.sms.sendableSmsTemplates(OPERATOR, serviceId);
    expect(JSON.stringify(sendable)).not.toContain('휴무 안내');

    const moved = await dialog(ADMIN, 'task/submit', { ...base, op: 'up', item: parent });
    const firstLine = moved.card.body.find((e: any) => e.type === 'TextBlock' && e.separator);
    expect(firstLine.text).toContain('**공지**');

    const noItem = await dialog(ADMIN, 'task/submit', { ...base, op: 'delete' });
    expect(cardText(noItem.card)).toContain('먼저 분류나 템플릿을 고르세요.');
    const ask = await dialog(ADMIN, 'task/submit', { ...base, op: 'delete', item: parent });
    expect(cardText(ask.card)).toContain(
      '"공지" 분류를 삭제할까요? 하위 분류 1개와 템플릿 1개도 함께 삭제됩니다.',
    );
    const deleted = await dialog(ADMIN, 'task/submit', buttonData(ask.card, '삭제'));
    expect(cardText(deleted.card)).toContain('"공지" 분류를 삭제했습니다');
    expect(cardText(deleted.card)).not.toContain('휴무 안내');
  }, 60_000);

  it('sends a locked template as it is stored: its body is no input', async () => {
    const applied = await dialog(SENDER, 'task/submit', {
      dialog: 'sms.send',
      serviceId,
      draftKey: 'locked-1',
      op: 'apply',
      templateId: templateIds['고정 안내'],
      recipients: '01077778888',
    });
    expect(applied.card.body.find((e: any) => e.id === 'body')).toBeUndefined();
    expect(cardText(applied.card)).toContain('[문자서비스] 상담 요청을 받았습니다.');
    const sent = await dialog(SENDER, 'task/submit', {
      ...buttonData(applied.card, '발송'),
      templateId: templateIds['고정 안내'],
      type: 'SMS',
      recipients: '01077778888',
      sendNo: SENDERS[1],
    });
    expect(sent.message).toContain('문자 발송 요청: 수신자 1명, 즉시 발송');
    expect((await requestsWith('[문자서비스] 상담 요청을 받았습니다.')).length).toBe(1);
  }, 30_000);

  it("pages the history for an admin (everyone's requests), in English for an English Teams client", async () => {
    for (let i = 0; i < 10; i++) {
      const sent = await app.usecases.sms.sendSms(OPERATOR, serviceId, {
        body: `page ${i}`,
        recipients: '01012340000',
      });
      expect(sent.ok).toBe(true);
    }
    const first = postedCard(await say(ADMIN, 'sms history', 'en-US'));
    expect(validateAdaptiveCard(first)).toEqual([]);
    const text = cardText(first);
    expect(text).toContain('Sending history');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).not.toContain('Only your own requests');
    const next = await press(ADMIN, 'sms.history', buttonData(first, 'Next'), 'en-US');
    expect(cardText(next.card)).toMatch(/Page 2 of \d+/);
    expect(buttonData(next.card, 'Previous')).toMatchObject({ page: 1 });
    const bad = await say(ADMIN, 'sms history lately', 'en-US');
    expect(bad.text).toContain('lately');
  }, 60_000);

  it('says SMS is off, in words, when the service does not use it', async () => {
    await app.store.services.updateSettings(serviceId, { smsEnabled: false });
    try {
      const answer = await say(SENDER, 'sms');
      expect(answer.text).toContain('이 서비스는 SMS 발송을 사용하지 않습니다.');
      const opened = await dialog(SENDER, 'task/fetch', { dialog: 'sms.send', serviceId });
      expect(opened.message).toContain('이 서비스는 SMS 발송을 사용하지 않습니다.');
      const templates = await dialog(ADMIN, 'task/fetch', { dialog: 'sms.templates', serviceId });
      expect(templates.message).toContain('SMS 발송을 사용하지 않습니다');
      const refused = await app.usecases.sms.sendSms(OPERATOR, serviceId, {
        body: 'x',
        recipients: '01012345678',
      });
      expect(!refused.ok && refused.problem.code).toBe('feature_disabled');
    } finally {
      await app.store.services.updateSettings(serviceId, { smsEnabled: true });
    }
  }, 30_000);
});
