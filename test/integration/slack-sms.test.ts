import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Actor } from '../../src/usecases/actor.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { FakeSlackWebApi, issueTriggerId, type RecordedSlackCall } from '../fakes/slack-web-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { checkSlackPayload } from '../support/block-kit-limits.js';
import { runCli } from '../support/cli.js';
import { jpegOf } from '../support/jpeg.js';
import { pngOf } from '../support/png.js';
import { SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from '../support/slack-requests.js';

const TEAM = 'T0001';
const ADMIN = 'U0001';
/** A member with the `sms` permission. */
const SENDER = 'U0002';
/** A member with `phone` only: works callbacks, sends no SMS. */
const AGENT = 'U0003';
const CHANNEL = 'C0SMS';
const SENDERS = ['0215441234', '0215445678'];
/** The fake carrier fails this number with 3006 (수신 거부). */
const REFUSING = '01000000009';
const OPERATOR: Actor = { kind: 'operator', name: 'slack-sms-test' };

type Values = Record<string, Record<string, Record<string, unknown>>>;
interface Answer {
  response_action?: string;
  errors?: Record<string, string>;
  view?: Record<string, unknown>;
}
interface View {
  id: string;
  hash: string;
  callback_id: string;
  private_metadata: string;
  blocks: Record<string, unknown>[];
}

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `/sms` end to end: signed slash commands, block actions and view submissions into the real app (Bolt, use cases,
 * Agenda, FerretDB); Slack's Web API and NHN Cloud faked at their HTTP edges. What a person sees is asserted: the
 * modal's labels and options, the inline error next to the field, the confirmation, the history rows.
 */
describe('Slack: /sms send modal, Send SMS on a callback card, /sms history', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let nhn: FakeNhn;
  let serviceId: string;
  let apiKey: string;
  let responseNo = 0;
  /** The SMS rules' clock runs this far from the wall clock (an ad at 22:00 KST). */
  let clockOffsetMs = 0;
  const templateIds: Record<string, string> = {};

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const nhnSends = () => nhn.sendCalls().length;

  /** A slash command; its private answer (response_url) or the modal it opened. */
  const command = async (text: string, userId: string) => {
    responseNo += 1;
    const responseId = `sms${responseNo}`;
    const triggerId = issueTriggerId();
    const body = slashCommandBody({
      command: '/sms',
      text,
      userId,
      channelId: CHANNEL,
      triggerId,
      responseUrl: slack.responseUrl(responseId),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
    return { responseId, triggerId };
  };
  const answerOn = (responseId: string) =>
    slack.waitForCall('response_url', (c) => c.url?.endsWith(`/response/${responseId}`) === true, 10_000);
  const ask = async (text: string, userId: string) => {
    const { responseId } = await command(text, userId);
    const call = await answerOn(responseId);
    return { text: String(call.args.text), all: JSON.stringify(call.args), args: call.args };
  };
  /** A view as the fake Slack holds it after views.open / views.update (with its id and hash). */
  const viewIn = (call: RecordedSlackCall): View => {
    const stored = (call.response as { view?: { id: string; hash: string } }).view;
    return { ...(call.args.view as Omit<View, 'id' | 'hash'>), id: stored!.id, hash: stored!.hash };
  };
  const viewOpened = async (triggerId: string): Promise<View> =>
    viewIn(await slack.waitForCall('views.open', (c) => c.args.trigger_id === triggerId, 10_000));
  /** A select or radio in the modal, as Slack sends it (the view's state with it); the view it was redrawn to. */
  const pickInModal = async (
    view: View,
    actionId: string,
    blockId: string,
    value: string,
    values: Values,
  ) => {
    const payload = blockActionsPayload({
      actionId,
      blockId,
      userId: SENDER,
      selectedOption: { value },
      view: { ...view, state: { values } },
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload))).status).toBe(200);
    return viewIn(
      await slack.waitForCall(
        'views.update',
        (c) => c.args.view_id === view.id && c.response.ok === true && c.args.hash === view.hash,
      ),
    );
  };
  const openSendModal = async (userId = SENDER) => viewOpened((await command('', userId)).triggerId);

  /** Clicks a button of a message (a card, the history list) as `userId`. */
  const click = async (userId: string, actionId: string, value: string) => {
    responseNo += 1;
    const responseId = `click${responseNo}`;
    const triggerId = issueTriggerId();
    const payload = blockActionsPayload({
      actionId,
      value,
      userId,
      channelId: CHANNEL,
      triggerId,
      responseUrl: slack.responseUrl(responseId),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload))).status).toBe(200);
    return { responseId, triggerId };
  };

  const submit = async (userId: string, view: View, values: Values): Promise<Answer | undefined> => {
    const payload = viewSubmissionPayload({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      userId,
      values,
    });
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(response.status).toBe(200);
    // Slack waits 3 s for the answer.
    expect(response.ms).toBeLessThan(3000);
    const answer = response.body ? (JSON.parse(response.body) as Answer) : undefined;
    if (answer?.view) expect(checkSlackPayload('views.update', { view: answer.view })).toEqual([]);
    // Inline errors must name blocks of the submitted view, or Slack shows nothing.
    if (answer?.response_action === 'errors')
      for (const key of Object.keys(answer.errors ?? {})) expect(Object.keys(values)).toContain(key);
    return answer;
  };

  /** The send modal's state as Slack submits it. */
  const sendValues = (input: {
    type?: 'SMS' | 'MMS';
    title?: string;
    body?: string;
    recipients: string;
    sendNo?: string;
    sendAt?: Date;
    ad?: boolean;
    files?: unknown[];
    template?: string;
    rev?: number;
    locked?: boolean;
  }): Values => {
    const r = (id: string) => (input.rev ? `${id}_${input.rev}` : id);
    const values: Values = {
      [r('sms_type')]: {
        'sms.type_pick': { type: 'radio_buttons', selected_option: { value: input.type ?? 'SMS' } },
      },
      sms_recipients: { value: { type: 'plain_text_input', value: input.recipients } },
      [r('sms_send_no')]: {
        value: { type: 'static_select', selected_option: { value: input.sendNo ?? SENDERS[0] } },
      },
      sms_send_at: {
        value: {
          type: 'datetimepicker',
          selected_date_time: input.sendAt ? Math.floor(input.sendAt.getTime() / 1000) : null,
        },
      },
      [r('sms_ad')]: {
        value: { type: 'checkboxes', selected_options: input.ad ? [{ value: 'advertisement' }] : [] },
      },
    };
    if (!input.locked)
      values[r('sms_body')] = { value: { type: 'plain_text_input', value: input.body ?? '' } };
    if (input.template)
      values.sms_template = {
        'sms.template_pick': { type: 'static_select', selected_option: { value: input.template } },
      };
    if (input.type === 'MMS') {
      values[r('sms_title')] = { value: { type: 'plain_text_input', value: input.title ?? '' } };
      values.sms_image = { value: { type: 'file_input', files: input.files ?? [] } };
    }
    return values;
  };

  const textOf = (call: RecordedSlackCall) => JSON.stringify(call.args);
  const blockIds = (view: View) => view.blocks.map((b) => String(b.block_id ?? ''));
  const templateOptions = (view: View) => {
    const select = view.blocks.find((b) => b.block_id === 'sms_template')?.element as
      | { option_groups: { label: { text: string }; options: { text: { text: string }; value: string }[] }[] }
      | undefined;
    return (select?.option_groups ?? []).flatMap((g) =>
      g.options.map((o) => ({ group: g.label.text, name: o.text.text, id: o.value })),
    );
  };

  beforeAll(async () => {
    nhn = await FakeNhn.start({ senderNumbers: SENDERS, failNumbers: [REFUSING] });
    slack = await FakeSlackWebApi.start({ channels: [{ id: CHANNEL, botIsMember: true }] });
    app = await startTestApp({
      env: {
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        ...nhn.env(),
      },
      smsNow: () => new Date(Date.now() + clockOffsetMs),
    });
    slack.setUser({ id: ADMIN, realName: '관리자 김', locale: 'ko-KR' });
    slack.setUser({ id: SENDER, realName: '상담원 박', locale: 'ko-KR' });
    slack.setUser({ id: AGENT, realName: 'Agent Lee', locale: 'en-US' });

    serviceId = String((await cli('service', 'create', '--name', '문자 서비스')).id);
    for (const [user, name, extra] of [
      [ADMIN, '관리자 김', ['--role', 'admin']],
      [SENDER, '상담원 박', ['--permissions', 'sms,phone']],
      [AGENT, 'Agent Lee', ['--permissions', 'phone']],
    ] as const)
      await cli(
        'member',
        'add',
        '--service',
        serviceId,
        '--name',
        name,
        '--slack',
        `${TEAM}:${user}`,
        ...extra,
      );
    await app.store.services.updateSettings(serviceId, {
      smsEnabled: true,
      smsSenderNumbers: SENDERS,
      smsOptOutNumber: '0801234567',
      slackCallbackChannelId: CHANNEL,
    });
    apiKey = String((await cli('apikey', 'create', '--service', serviceId, '--name', 'ivr')).key);

    // Templates: 안내 › 예약 (open) holds an editable and a locked one; 이벤트 (first level, disabled) › 12월 holds one.
    const sms = app.usecases.sms;
    const category = async (name: string, parentId: string | null, enabled = true) => {
      const saved = await sms.saveSmsCategory(OPERATOR, serviceId, { name, parentId, enabled });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problem));
      return saved.value._id;
    };
    const template = async (categoryId: string, name: string, body: string, editable: boolean) => {
      const saved = await sms.saveSmsTemplate(OPERATOR, serviceId, {
        categoryId,
        type: 'SMS',
        enabled: true,
        editable,
        name,
        sendNo: SENDERS[1]!,
        body,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problem));
      templateIds[name] = saved.value._id;
    };
    const guide = await category('안내', null);
    const booking = await category('예약', guide);
    await template(booking, '예약 안내', '[문자서비스] 예약이 확정되었습니다.', true);
    await template(booking, '고정 안내', '[문자서비스] 상담 요청을 받았습니다. 곧 연락드리겠습니다.', false);
    const events = await category('이벤트', null);
    await template(await category('12월', events), '이벤트 안내', '(광고) 12월 이벤트', true);
    const off = await sms.setSmsCategoryEnabled(OPERATOR, serviceId, events, false);
    expect(off.ok).toBe(true);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await slack?.stop();
    await nhn?.close();
  });

  afterEach(() => {
    clockOffsetMs = 0;
    // Every message and view that reached the fake Slack is within Block Kit's limits.
    expect(slack.violations).toEqual([]);
  });

  it('refuses privately: no sms permission, SMS off, no sender number; nothing opens', async () => {
    const refused = await ask('', AGENT);
    expect(refused.text).toBe(':warning: This needs the `sms` permission. Ask a service admin to grant it.');
    expect(refused.args.response_type).toBe('ephemeral');

    await app.store.services.updateSettings(serviceId, { smsEnabled: false });
    expect((await ask('', SENDER)).text).toContain('이 서비스는 문자 발송을 사용하지 않습니다');
    expect((await ask('history', SENDER)).text).toContain('이 서비스는 문자 발송을 사용하지 않습니다');
    await app.store.services.updateSettings(serviceId, { smsEnabled: true, smsSenderNumbers: [] });
    expect((await ask('', SENDER)).text).toContain('등록된 발신번호가 없습니다');
    await app.store.services.updateSettings(serviceId, { smsSenderNumbers: SENDERS });

    expect(slack.callsTo('views.open')).toHaveLength(0);
    const help = await ask('help', SENDER);
    expect(help.text).toContain('/sms history');
    expect((await ask('blast', SENDER)).text).toContain('`blast`: 알 수 없는 항목입니다.');
  });

  it('opens the send modal in the guide’s words, with only the templates that may be sent, grouped', async () => {
    const view = await openSendModal();
    const shown = JSON.stringify(view);
    for (const label of [
      '문자 발송',
      '템플릿명',
      '발송 유형',
      '내용',
      '수신번호',
      '발신번호',
      '예약 발송',
      '광고',
    ])
      expect(shown).toContain(label);
    expect(shown).toContain('02-1544-1234');
    expect(shown).toContain('02-1544-5678');
    expect(shown).toContain('Asia/Seoul');
    // The disabled first-level category hides its templates, though they are enabled themselves.
    expect(templateOptions(view)).toEqual([
      { group: '안내 / 예약', name: '예약 안내', id: templateIds['예약 안내'] },
      { group: '안내 / 예약', name: '고정 안내', id: templateIds['고정 안내'] },
    ]);
    expect(shown).not.toContain('이벤트 안내');
    // SMS first: no title, no image.
    expect(blockIds(view)).not.toContain('sms_title');
    expect(blockIds(view)).not.toContain('sms_image');
  });

  describe('every rule is an inline error on its field, and nothing reaches NHN', () => {
    const now = () => new Date(Date.now() + clockOffsetMs);
    const cases: [
      string,
      () => Parameters<typeof sendValues>[0] | Promise<Parameters<typeof sendValues>[0]>,
      string,
      RegExp,
    ][] = [
      [
        'a 91-byte SMS',
        () => ({ body: 'a'.repeat(91), recipients: '01012345678' }),
        'sms_body',
        /91 \/ 90바이트 — MMS로 보내세요/,
      ],
      [
        'a 2,001-byte MMS',
        () => ({ type: 'MMS', title: '안내', body: '가'.repeat(1000) + 'a', recipients: '01012345678' }),
        'sms_body',
        /2,001 \/ 2,000바이트/,
      ],
      [
        'a 41-byte title',
        () => ({ type: 'MMS', title: 'a'.repeat(41), body: '본문', recipients: '01012345678' }),
        'sms_title',
        /41 \/ 40바이트/,
      ],
      [
        '9- and 14-digit recipients',
        () => ({ body: '안내', recipients: '010-1234-5678, 012345678, 01234567890123' }),
        'sms_recipients',
        /올바르지 않은 수신번호 2건: 012345678, 01234567890123/,
      ],
      [
        'a schedule 29 minutes ahead',
        () => ({ body: '안내', recipients: '01012345678', sendAt: new Date(now().getTime() + 29 * 60_000) }),
        'sms_send_at',
        /예약시간이 너무 이릅니다/,
      ],
      [
        'a schedule 25 hours ahead',
        () => ({
          body: '안내',
          recipients: '01012345678',
          sendAt: new Date(now().getTime() + 25 * 3_600_000),
        }),
        'sms_send_at',
        /예약시간이 너무 늦습니다/,
      ],
      [
        'an advertisement without (광고)',
        () => ({ body: '12월 이벤트\n무료수신거부 080-123-4567', recipients: '01012345678', ad: true }),
        'sms_ad',
        /\(광고\)/,
      ],
      [
        'an advertisement at 22:00 KST',
        () => {
          // Today 22:00 in Seoul is 13:00 UTC.
          const night = new Date();
          night.setUTCHours(13, 0, 0, 0);
          clockOffsetMs = night.getTime() - Date.now();
          return {
            body: '(광고) 12월 이벤트\n무료수신거부 080-123-4567',
            recipients: '01012345678',
            ad: true,
          };
        },
        'sms_ad',
        /21/,
      ],
      [
        'a PNG image',
        () => ({
          type: 'MMS',
          title: '안내',
          body: '사진을 보내드립니다',
          recipients: '01012345678',
          files: [
            slack.hostFile({ name: 'photo.png', data: pngOf(), filetype: 'png', mimetype: 'image/png' }),
          ],
        }),
        'sms_image',
        /JPG/,
      ],
    ];

    it.each(cases)('%s', async (_name, input, block, message) => {
      const view = await openSendModal();
      const before = nhnSends();
      const answer = await submit(SENDER, view, sendValues(await input()));
      expect(answer?.response_action).toBe('errors');
      expect(answer?.errors?.[block]).toMatch(message);
      // Give a job that should not exist a moment to run, then count.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(nhnSends()).toBe(before);
    });
  });

  it('a valid send closes the modal, confirms in the sender’s words and reaches NHN once', async () => {
    const view = await openSendModal();
    const answer = await submit(
      SENDER,
      view,
      sendValues({
        body: '[문자서비스] 내일 오전 10시 방문 예정입니다.',
        recipients: '010-1234-5678, 01012345678,010 2222 3333',
      }),
    );
    expect(answer).toEqual({ response_action: 'clear' });
    const confirmation = await slack.waitForCall(
      'chat.postEphemeral',
      (c) => c.args.user === SENDER && String(c.args.text).includes('문자 발송 요청'),
    );
    expect(confirmation.args.text).toContain('문자 발송 요청: 수신자 2명, 즉시 발송');
    const sent = await eventually(
      async () => nhnSends(),
      (n) => n > 0,
    );
    expect(sent).toBeGreaterThan(0);
    expect(nhn.deliveryCount('01012345678', '[문자서비스] 내일 오전 10시 방문 예정입니다.')).toBe(1);
    expect(nhn.deliveryCount('01022223333', '[문자서비스] 내일 오전 10시 방문 예정입니다.')).toBe(1);
  });

  it('a JPG goes with an MMS, fetched from Slack with the bot token', async () => {
    const view = await openSendModal();
    const before = nhn.calls.filter((c) => c.path.startsWith('/attachfile')).length;
    const answer = await submit(
      SENDER,
      view,
      sendValues({
        type: 'MMS',
        title: '약도',
        body: '매장 약도입니다.',
        recipients: '01033334444',
        files: [slack.hostFile({ name: 'map.jpg', data: jpegOf({ bytes: 20_000 }), filetype: 'jpg' })],
      }),
    );
    expect(answer).toEqual({ response_action: 'clear' });
    await eventually(
      async () => nhn.deliveryCount('01033334444', '매장 약도입니다.'),
      (n) => n === 1,
    );
    expect(nhn.deliveryCount('01033334444', '매장 약도입니다.')).toBe(1);
    expect(nhn.calls.filter((c) => c.path.startsWith('/attachfile')).length).toBe(before + 1);
  });

  it('a template fills type and body; a locked template shows its text and is sent unchanged', async () => {
    const view = await openSendModal();
    let current = view;
    const pick = async (templateId: string) => {
      current = await pickInModal(
        current,
        'sms.template_pick',
        'sms_template',
        templateId,
        sendValues({ recipients: '01055556666', template: templateId }),
      );
      return current;
    };

    const editable = await pick(templateIds['예약 안내']!);
    const body = editable.blocks.find((b) => b.block_id === 'sms_body_1') as {
      element: { initial_value: string };
      hint: { text: string };
    };
    expect(body.element.initial_value).toBe('[문자서비스] 예약이 확정되었습니다.');
    // 34 bytes: 5 Hangul in brackets (2 each) and the rest.
    expect(body.hint.text).toMatch(/\d+ \/ 90바이트/);
    const sender = editable.blocks.find((b) => b.block_id === 'sms_send_no_1') as {
      element: { initial_option: { value: string } };
    };
    expect(sender.element.initial_option.value).toBe(SENDERS[1]);

    const locked = await pick(templateIds['고정 안내']!);
    expect(blockIds(locked)).not.toContain('sms_body_2');
    expect(blockIds(locked).some((id) => id.startsWith('sms_body_') && /\d$/.test(id))).toBe(false);
    expect(JSON.stringify(locked.blocks.find((b) => b.block_id === 'sms_body_locked'))).toContain(
      '상담 요청을 받았습니다',
    );
    // Even a crafted submission with a body of its own sends the template's text.
    const metadata = locked.private_metadata;
    const rev = (JSON.parse(metadata) as { rev: number }).rev;
    const values = sendValues({
      recipients: '01077778888',
      template: templateIds['고정 안내'],
      rev,
      sendNo: SENDERS[1],
      locked: true,
    });
    values[`sms_body_${rev}`] = { value: { type: 'plain_text_input', value: '바꾼 문구' } };
    const answer = await submit(SENDER, locked, values);
    expect(answer).toEqual({ response_action: 'clear' });
    const lockedBody = '[문자서비스] 상담 요청을 받았습니다. 곧 연락드리겠습니다.';
    await eventually(
      async () => nhn.deliveryCount('01077778888', lockedBody),
      (n) => n === 1,
    );
    expect(nhn.deliveryCount('01077778888', lockedBody)).toBe(1);
    expect(nhn.deliveryCount('01077778888', '바꾼 문구')).toBe(0);
  });

  it('a template hidden after the modal opened is refused on the template select; nothing is sent', async () => {
    const sms = app.usecases.sms;
    const first = await sms.saveSmsCategory(OPERATOR, serviceId, {
      name: '임시',
      parentId: null,
      enabled: true,
    });
    if (!first.ok) throw new Error(JSON.stringify(first.problem));
    const second = await sms.saveSmsCategory(OPERATOR, serviceId, {
      name: '곧 숨김',
      parentId: first.value._id,
      enabled: true,
    });
    if (!second.ok) throw new Error(JSON.stringify(second.problem));
    const template = await sms.saveSmsTemplate(OPERATOR, serviceId, {
      categoryId: second.value._id,
      type: 'SMS',
      enabled: true,
      editable: true,
      name: '곧 숨길 안내',
      sendNo: SENDERS[0]!,
      body: '곧 숨길 안내 문구',
    });
    if (!template.ok) throw new Error(JSON.stringify(template.problem));
    const view = await openSendModal();
    expect(templateOptions(view).map((o) => o.name)).toContain('곧 숨길 안내');
    expect((await sms.setSmsCategoryEnabled(OPERATOR, serviceId, first.value._id, false)).ok).toBe(true);

    const before = nhnSends();
    const answer = await submit(
      SENDER,
      view,
      sendValues({ template: template.value._id, body: '곧 숨길 안내 문구', recipients: '01045454545' }),
    );
    expect(answer?.response_action).toBe('errors');
    expect(answer?.errors).toEqual({
      sms_template:
        '템플릿을 찾을 수 없거나 사용할 수 없습니다(미사용 템플릿이거나 미사용 분류에 속해 있습니다).',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(nhnSends()).toBe(before);
    expect(nhn.deliveryCount('01045454545')).toBe(0);
  });

  it('switching to MMS shows the title and the jpg-only image input, keeping what was typed', async () => {
    const view = await openSendModal();
    const updated = await pickInModal(
      view,
      'sms.type_pick',
      'sms_type',
      'MMS',
      sendValues({ body: '사진 안내', recipients: '01012345678' }),
    );
    expect(blockIds(updated)).toEqual(expect.arrayContaining(['sms_title', 'sms_body', 'sms_image']));
    const image = updated.blocks.find((b) => b.block_id === 'sms_image') as {
      element: Record<string, unknown>;
    };
    expect(image.element).toMatchObject({ type: 'file_input', filetypes: ['jpg', 'jpeg'], max_files: 1 });
    expect(JSON.stringify(updated)).toContain('9 / 2,000바이트');
  });

  it('Send SMS on a callback card opens the modal with the number filled in and the callback recorded', async () => {
    const filed = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '01098765432', name: '고객', source: 'ivr' }),
    });
    expect(filed.status).toBe(201);
    const callbackId = ((await filed.json()) as { id: string }).id;
    const card = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && c.response.ok === true && textOf(c).includes(callbackId),
      15_000,
    );
    const button = (
      card.args.blocks as { elements?: { action_id: string; value: string; text: { text: string } }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'sms.send_from_callback');
    expect(button?.text.text).toBe('문자 발송');

    // A member without the sms permission is told so, privately; nothing opens.
    const refused = await click(AGENT, 'sms.send_from_callback', button!.value);
    expect(String((await answerOn(refused.responseId)).args.text)).toContain('`sms` permission');

    const { triggerId } = await click(SENDER, 'sms.send_from_callback', button!.value);
    const view = await viewOpened(triggerId);
    const recipients = view.blocks.find((b) => b.block_id === 'sms_recipients') as {
      element: { initial_value: string };
    };
    expect(recipients.element.initial_value).toBe('01098765432');
    expect(JSON.stringify(view)).toContain('010-9876-5432');
    expect(JSON.parse(view.private_metadata)).toMatchObject({ callbackId });

    const answer = await submit(
      SENDER,
      view,
      sendValues({ body: '요청하신 콜백 안내입니다.', recipients: '01098765432' }),
    );
    expect(answer).toEqual({ response_action: 'clear' });
    const listed = await app.usecases.sms.listSmsRequests(OPERATOR, serviceId, { pageSize: 100 });
    expect(listed.ok).toBe(true);
    const request = listed.ok
      ? listed.value.items.find((i) => i.body === '요청하신 콜백 안내입니다.')
      : undefined;
    expect(request).toBeDefined();
    const stored = await app.store.smsRequests.get(request!.id);
    expect(stored?.callbackId).toBe(callbackId);
  });

  it('Cancel inside the detail modal redraws it cancelled; paging past the end says there is nothing', async () => {
    const view = await openSendModal();
    const at = new Date(Date.now() + 2 * 60 * 60_000);
    expect(
      await submit(
        SENDER,
        view,
        sendValues({ body: '모달에서 취소', recipients: '01023232323', sendAt: at }),
      ),
    ).toEqual({ response_action: 'clear' });
    const list = await app.usecases.sms.listSmsRequests(OPERATOR, serviceId, { status: 'scheduled' });
    const request = list.ok ? list.value.items.find((i) => i.body === '모달에서 취소') : undefined;
    expect(request).toBeDefined();
    const value = `${serviceId}:${request!.id}`;
    const detail = await viewOpened((await click(SENDER, 'sms.detail_open', value)).triggerId);
    expect(JSON.stringify(detail)).toContain('예약 취소');
    expect(JSON.stringify(detail)).toContain('*010-2323-2323* · 대기');

    const payload = blockActionsPayload({
      actionId: 'sms.cancel',
      value,
      userId: SENDER,
      view: { ...detail },
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload))).status).toBe(200);
    const redrawn = await slack.waitForCall(
      'views.update',
      (c) => c.args.view_id === detail.id && c.response.ok === true,
    );
    const shown = JSON.stringify(redrawn.args.view);
    expect(shown).toContain('취소됨');
    expect(shown).toContain('*010-2323-2323* · 취소');
    expect(shown).not.toContain('"action_id":"sms.cancel"');

    const next = await click(SENDER, 'sms.history_next', JSON.stringify({ serviceId, page: 50 }));
    const page = await answerOn(next.responseId);
    expect(page.args.replace_original).toBe(true);
    expect(JSON.stringify(page.args)).toContain('조건에 맞는 발송 내역이 없습니다.');
  });

  it('a history button whose value does not decode says it is no longer valid and changes nothing', async () => {
    const view = await openSendModal();
    const at = new Date(Date.now() + 2 * 60 * 60_000);
    expect(
      await submit(SENDER, view, sendValues({ body: '변조 버튼', recipients: '01034343434', sendAt: at })),
    ).toEqual({ response_action: 'clear' });
    const list = await app.usecases.sms.listSmsRequests(OPERATOR, serviceId, { status: 'scheduled' });
    const request = list.ok ? list.value.items.find((i) => i.body === '변조 버튼') : undefined;
    expect(request).toBeDefined();
    const opens = slack.callsTo('views.open').length;
    const dms = slack.callsTo('conversations.open').length;

    // Stale or tampered values: an extra part, no request id, not JSON, JSON of the wrong shape.
    for (const [actionId, value] of [
      ['sms.cancel', `${serviceId}:${request!.id}:x`],
      ['sms.detail_open', serviceId],
      ['sms.history_next', '{"serviceId":'],
      ['sms.export_history', JSON.stringify({ page: 1 })],
    ] as const) {
      const clicked = await click(SENDER, actionId, value);
      const answer = await answerOn(clicked.responseId);
      expect([actionId, answer.args.text]).toEqual([
        actionId,
        ':warning: 이 버튼은 더 이상 유효하지 않습니다. `/sms history`를 다시 실행하세요.',
      ]);
      expect(answer.args.response_type).toBe('ephemeral');
    }

    // Nothing changed: still scheduled, no modal, no export sent to a DM.
    const after = await app.usecases.sms.getSmsRequest(OPERATOR, serviceId, request!.id);
    expect(after.ok && after.value.status).toBe('scheduled');
    expect(slack.callsTo('views.open')).toHaveLength(opens);
    expect(slack.callsTo('conversations.open')).toHaveLength(dms);
    expect(await app.usecases.sms.cancelSmsRequest(OPERATOR, serviceId, request!.id)).toMatchObject({
      ok: true,
    });
  });

  it('history lists requests with counts; detail shows result meanings; Cancel cancels a scheduled send', async () => {
    // Someone else's request (the operator's); one send with a refusing number, delivered; one scheduled an hour ahead.
    const byOperator = await app.usecases.sms.sendSms(OPERATOR, serviceId, {
      body: '운영자 발송',
      recipients: '01088889999',
    });
    expect(byOperator.ok).toBe(true);
    const view = await openSendModal();
    expect(
      await submit(SENDER, view, sendValues({ body: '결과 확인용', recipients: `01044445555, ${REFUSING}` })),
    ).toEqual({ response_action: 'clear' });
    const scheduledView = await openSendModal();
    const at = new Date(Date.now() + 60 * 60_000);
    expect(
      await submit(
        SENDER,
        scheduledView,
        sendValues({ body: '예약 안내 문자', recipients: '01066667777', sendAt: at }),
      ),
    ).toEqual({ response_action: 'clear' });
    const scheduledNote = await slack.waitForCall('chat.postEphemeral', (c) =>
      String(c.args.text).includes('예약 '),
    );
    expect(String(scheduledNote.args.text)).toMatch(/수신자 1명, 예약 \d{2}-\d{2} \d{2}:\d{2}/);

    // Results arrive by polling NHN.
    const delivered = async () => {
      const page = await app.usecases.sms.listSmsRequests(OPERATOR, serviceId, { pageSize: 100 });
      return page.ok ? page.value.items.find((i) => i.body === '결과 확인용') : undefined;
    };
    const settled = await eventually(delivered, (r) => r?.counts.pending === 0, 30_000);
    expect(settled?.counts).toMatchObject({ success: 1, failed: 1, pending: 0 });

    const history = await ask('history today', SENDER);
    expect(history.all).toContain('발송 내역');
    expect(history.all).toContain('성공 1 · 실패 1 · 대기 0');
    expect(history.all).toContain('일부 실패');
    expect(history.all).toContain('02-1544-1234');
    expect(history.all).toContain('내가 보낸 요청만');
    expect(history.all).toMatch(/예약 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // Members see their own: not what the operator sent.
    expect(history.all).not.toContain('운영자 발송');
    // The scheduled one offers Cancel, behind a confirm dialog.
    expect(history.all).toContain('"action_id":"sms.cancel"');
    expect(history.all).toContain('예약 발송 취소');

    // Detail: per recipient, status, code and meaning.
    const detailValue = `${serviceId}:${settled!.id}`;
    const { triggerId } = await click(SENDER, 'sms.detail_open', detailValue);
    const detail = JSON.stringify(await viewOpened(triggerId));
    expect(detail).toContain('010-4444-5555');
    expect(detail).toContain('성공 · 1000 성공');
    expect(detail).toContain('010-0000-0009');
    expect(detail).toContain('실패 · 3006 수신 거부');

    // Cancel the scheduled one: "취소됨", and its recipient is cancelled, nothing sent.
    const list = await app.usecases.sms.listSmsRequests(OPERATOR, serviceId, { status: 'scheduled' });
    const pending = list.ok ? list.value.items.find((i) => i.body === '예약 안내 문자') : undefined;
    expect(pending).toBeDefined();
    const cancel = await click(SENDER, 'sms.cancel', `${serviceId}:${pending!.id}`);
    expect(String((await answerOn(cancel.responseId)).args.text)).toContain('취소됨');
    const after = await app.usecases.sms.getSmsRequest(OPERATOR, serviceId, pending!.id);
    expect(after.ok && after.value.status).toBe('cancelled');
    // A second click: the conflict, in words.
    const again = await click(SENDER, 'sms.cancel', `${serviceId}:${pending!.id}`);
    expect(String((await answerOn(again.responseId)).args.text)).toContain(':warning:');
    expect(nhn.deliveryCount('01066667777')).toBe(0);

    // Status filter: cancelled only.
    const cancelled = await ask('history today cancelled', SENDER);
    expect(cancelled.all).toContain('상태: 취소됨');
    expect(cancelled.all).toContain('예약 안내 문자');
    expect(cancelled.all).not.toContain('결과 확인용');
    // The admin sees everyone's; an unknown status is named.
    const all = await ask('history 7d', ADMIN);
    expect(all.all).not.toContain('내가 보낸 요청만');
    expect(all.all).toContain('운영자 발송');
    expect((await ask('history sometime', SENDER)).text).toContain('`sometime`');

    // Export: the listed rows (the whole filter) as an Excel file in the person's DM.
    const exportButton = JSON.parse(cancelled.all) as {
      blocks: { elements?: { action_id: string; value: string }[] }[];
    };
    const exportValue = exportButton.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'sms.export_history')!.value;
    const exporting = await click(SENDER, 'sms.export_history', exportValue);
    expect(String((await answerOn(exporting.responseId)).args.text)).toContain('엑셀 파일을 만들고 있습니다');
    const completed = await slack.waitForCall(
      'files.completeUploadExternal',
      (c) => c.response.ok === true,
      15_000,
    );
    const dm = await slack.waitForCall('conversations.open', (c) => c.args.users === SENDER);
    expect(completed.args.channel_id).toBe((dm.response.channel as { id: string }).id);
    // Every cancelled request of today, each with its one recipient.
    const listedCancelled = await app.usecases.sms.listSmsRequests(OPERATOR, serviceId, {
      status: 'cancelled',
    });
    const cancelledCount = listedCancelled.ok ? listedCancelled.value.total : -1;
    expect(String(completed.args.initial_comment)).toContain(
      `요청 ${cancelledCount}건, 수신번호 ${cancelledCount}건`,
    );
    const file = (completed.response.files as { id: string; name: string }[])[0]!;
    expect(file.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(slack.uploads.get(file.id)! as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('발송 내역')!;
    expect(rows.rowCount).toBe(1 + cancelledCount);
    const sheetText = JSON.stringify(rows.getSheetValues());
    expect(sheetText).toContain('예약 안내 문자');
    expect(sheetText).not.toContain('결과 확인용');
  });
});

/**
 * The long way of a submission (the app told to answer at once, as if the database were slow): the modal shows
 * progress, then the confirmation in place; the send still reaches NHN once.
 */
describe('Slack: an /sms submission answered late', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let nhn: FakeNhn;

  beforeAll(async () => {
    nhn = await FakeNhn.start({ senderNumbers: SENDERS });
    slack = await FakeSlackWebApi.start({ channels: [{ id: CHANNEL, botIsMember: true }] });
    app = await startTestApp({
      env: {
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        ...nhn.env(),
      },
      modalAnswerWithinMs: 0,
    });
    slack.setUser({ id: SENDER, realName: '상담원 박', locale: 'ko-KR' });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await slack?.stop();
    await nhn?.close();
  });

  it('shows progress, then the confirmation in the same modal', async () => {
    const cli = await runCli(app.dbName, ['service', 'create', '--name', '느린 서비스', '--json']);
    const serviceId = String((JSON.parse(cli.stdout) as { id: string }).id);
    expect(
      (
        await runCli(app.dbName, [
          'member',
          'add',
          '--service',
          serviceId,
          '--name',
          '상담원 박',
          '--slack',
          `${TEAM}:${SENDER}`,
          '--permissions',
          'sms',
        ])
      ).code,
    ).toBe(0);
    await app.store.services.updateSettings(serviceId, { smsEnabled: true, smsSenderNumbers: SENDERS });
    const payload = viewSubmissionPayload({
      callbackId: 'sms.send',
      privateMetadata: JSON.stringify({ serviceId, teamId: TEAM, channelId: CHANNEL, rev: 0 }),
      userId: SENDER,
      viewId: 'VLATE1',
      values: {
        sms_type: { 'sms.type_pick': { type: 'radio_buttons', selected_option: { value: 'SMS' } } },
        sms_body: { value: { type: 'plain_text_input', value: '늦은 응답 테스트' } },
        sms_recipients: { value: { type: 'plain_text_input', value: '01012121212' } },
        sms_send_no: { value: { type: 'static_select', selected_option: { value: SENDERS[0] } } },
      },
    });
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(response.ms).toBeLessThan(3000);
    const working = JSON.parse(response.body) as { response_action: string; view: unknown };
    expect(working.response_action).toBe('update');
    expect(JSON.stringify(working.view)).toContain('문자 발송');
    const done = await slack.waitForCall('views.update', (c) => c.args.view_id === 'VLATE1', 10_000);
    expect(JSON.stringify(done.args.view)).toContain('문자 발송 요청: 수신자 1명, 즉시 발송');
    await eventually(
      async () => nhn.deliveryCount('01012121212', '늦은 응답 테스트'),
      (n) => n === 1,
    );
    expect(nhn.deliveryCount('01012121212', '늦은 응답 테스트')).toBe(1);
    expect(slack.violations).toEqual([]);
  });
});
