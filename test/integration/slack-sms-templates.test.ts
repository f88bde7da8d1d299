import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Actor } from '../../src/usecases/actor.js';
import type { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { checkSlackPayload } from '../support/block-kit-limits.js';
import { jpegOf } from '../support/jpeg.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from '../support/slack-requests.js';

const ADMIN = 'U0001';
const AGENT = 'U0002';
const CHANNEL = 'C0001';
const SENDERS = ['0215441234', '0215445678'];
const OPERATOR: Actor = { kind: 'operator', name: 'slack-sms-templates-test' };

interface SlackView {
  id: string;
  callback_id: string;
  private_metadata: string;
  blocks: Array<Record<string, unknown> & { block_id?: string }>;
}

/**
 * `/sms templates` in Slack, through the real HTTP receiver and Bolt with the fake Web API: an admin adds a
 * category, a sub-category and a template (a 91-byte SMS body is refused next to the body; a JPG attached in the
 * form is downloaded with the bot token), disables the category and sees what that hides, and deletes it after a
 * confirmation that counts what goes with it. Assertions are on what the person sees.
 */
describe('Slack: /sms templates', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;

  const viewText = (view: unknown) => JSON.stringify(view);
  /** The text a person reads in a view (mrkdwn and plain texts), one string. */
  const visibleText = (view: SlackView) => {
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (typeof record.text === 'string') texts.push(record.text);
        Object.values(record).forEach(walk);
      }
    };
    walk(view.blocks);
    return texts.join('\n');
  };
  const post = async (payload: Record<string, unknown>) => {
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(response.status).toBe(200);
    const answer = response.body ? (JSON.parse(response.body) as Record<string, unknown>) : undefined;
    if (answer?.view)
      expect(checkSlackPayload('views.update', { view: answer.view as Record<string, unknown> })).toEqual([]);
    if (answer?.response_action === 'errors') {
      const blockIds = Object.keys(
        (payload.view as { state: { values: Record<string, unknown> } }).state.values,
      );
      for (const key of Object.keys(answer.errors as Record<string, string>)) expect(blockIds).toContain(key);
    }
    return answer;
  };
  /** The view as the fake Slack now holds it, after the call that stored it. */
  const storedView = async (method: 'views.open' | 'views.push' | 'views.update', callbackId: string) => {
    const call = await slack.waitForCall(
      method,
      (c) => (c.args.view as { callback_id?: string } | undefined)?.callback_id === callbackId,
    );
    return call.response.view as SlackView;
  };
  const click = async (
    view: SlackView,
    actionId: string,
    value: string,
    userId = ADMIN,
    kind: 'button' | 'overflow' | 'static_select' = 'button',
  ) => {
    slack.reset();
    const payload = blockActionsPayload({
      actionId,
      userId,
      view: { id: view.id, private_metadata: view.private_metadata, callback_id: view.callback_id },
      ...(kind === 'button' ? { value } : { selectedOption: { value } }),
    });
    if (kind === 'overflow') (payload.actions as Array<Record<string, unknown>>)[0]!.type = 'overflow';
    await post(payload);
  };
  const submit = async (view: SlackView, values: Record<string, Record<string, unknown>>, userId = ADMIN) => {
    slack.reset();
    return post(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId,
        viewId: view.id,
        values: Object.fromEntries(
          Object.entries(values).map(([block, value]) => [block, { value }]),
        ) as never,
      }),
    );
  };
  /** `/sms templates` typed in the service's channel: the screen the app opens. */
  const command = async (text: string, userId = ADMIN) => {
    slack.reset();
    const body = slashCommandBody({
      command: '/sms',
      text,
      channelId: CHANNEL,
      userId,
      responseUrl: slack.responseUrl(),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
  };
  const openScreen = async (): Promise<SlackView> => {
    await command('templates');
    return storedView('views.open', 'sms_templates');
  };
  const buttonValue = (view: SlackView, actionId: string) => {
    for (const block of view.blocks)
      for (const element of (block.elements as Array<Record<string, unknown>> | undefined) ?? [])
        if (element.action_id === actionId) return String(element.value);
    throw new Error(`no ${actionId} button in ${viewText(view)}`);
  };

  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp());
    slack.setUser({ id: ADMIN, realName: '김민지', locale: 'ko-KR' });
    slack.setUser({ id: AGENT, realName: '박서준', locale: 'ko-KR' });
    const setup = slashCommandBody({
      command: '/switchboard',
      text: 'setup Acme',
      channelId: CHANNEL,
      userId: ADMIN,
      responseUrl: slack.responseUrl(),
    });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, setup);
    await slack.waitForCall('response_url');
    serviceId = (await app.store.services.list())[0]!._id;
    await app.store.services.updateSettings(serviceId, { smsEnabled: true, smsSenderNumbers: SENDERS });
    await app.store.members.create({
      serviceId,
      displayName: '박서준',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: true },
      identities: [`slack:T0001:${AGENT}`],
      ctiAgentId: null,
    });
  });
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('adds a category, a sub-category and a template, refusing a 91-byte SMS body next to the body', async () => {
    let screen = await openScreen();
    expect(visibleText(screen)).toContain('아직 분류가 없습니다');

    await click(screen, 'sms_templates.add_category', 'new');
    let form = await storedView('views.push', 'sms_templates.category');
    expect(visibleText(form)).toContain('분류명');
    expect(
      await submit(form, {
        smc_parent: { type: 'static_select', selected_option: { value: 'none' } },
        smc_name: { type: 'plain_text_input', value: '예약 안내' },
        smc_enabled: { type: 'checkboxes', selected_options: [{ value: 'enabled' }] },
      }),
    ).toBeUndefined();
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('"예약 안내" 분류를 저장했습니다.');
    expect(visibleText(screen)).toContain('*예약 안내* — 템플릿 0개');

    await click(
      screen,
      'sms_templates.add_sub_category',
      buttonValue(screen, 'sms_templates.add_sub_category'),
    );
    form = await storedView('views.push', 'sms_templates.category');
    expect(viewText(form)).toContain('"initial_option":{"text":{"type":"plain_text","text":"예약 안내"');
    const top = (await app.store.smsTemplates.listCategories(serviceId))[0]!;
    await submit(form, {
      smc_parent: { type: 'static_select', selected_option: { value: top._id } },
      smc_name: { type: 'plain_text_input', value: '확정' },
      smc_enabled: { type: 'checkboxes', selected_options: [{ value: 'enabled' }] },
    });
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('◦ 확정 — 템플릿 0개');
    expect(visibleText(screen)).toContain('*예약 안내 › 확정*');

    await click(screen, 'sms_templates.add_template', buttonValue(screen, 'sms_templates.add_template'));
    form = await storedView('views.push', 'sms_templates.template');
    const sendNoBlock = form.blocks.find((b) => b.block_id === 'smt_send_no')!;
    expect(
      (sendNoBlock.element as { options: Array<{ value: string }> }).options.map((o) => o.value),
    ).toEqual(SENDERS);
    expect(viewText(form)).toContain('"filetypes":["jpg","jpeg"]');

    const sub = (await app.store.smsTemplates.listCategories(serviceId)).find((c) => c.name === '확정')!;
    const values = (body: string, extra: Record<string, Record<string, unknown>> = {}) => ({
      smt_category: { type: 'static_select', selected_option: { value: sub._id } },
      smt_type: { type: 'radio_buttons', selected_option: { value: 'SMS' } },
      smt_options: { type: 'checkboxes', selected_options: [{ value: 'enabled' }] },
      smt_name: { type: 'plain_text_input', value: '예약 확정' },
      smt_description: { type: 'plain_text_input', value: null },
      smt_send_no: { type: 'static_select', selected_option: { value: SENDERS[1] } },
      smt_title: { type: 'plain_text_input', value: null },
      smt_body: { type: 'plain_text_input', value: body },
      smt_image: { type: 'file_input', files: [] },
      ...extra,
    });
    const tooLong = await submit(form, values('가'.repeat(45) + '!'));
    expect(tooLong?.response_action).toBe('errors');
    const errors = tooLong?.errors as Record<string, string>;
    expect(Object.keys(errors)).toEqual(['smt_body']);
    expect(errors.smt_body).toContain('91');
    expect(errors.smt_body).toContain('90');
    expect(await app.store.smsTemplates.listTemplates(serviceId)).toEqual([]);

    // MMS with a JPG attached in the form: downloaded from Slack with the bot token and kept with the template.
    const jpg = jpegOf({ width: 320, height: 240 });
    const file = slack.hostFile({ name: 'map.jpg', data: jpg });
    const saved = await submit(
      form,
      values('가'.repeat(45) + '!', {
        smt_type: { type: 'radio_buttons', selected_option: { value: 'MMS' } },
        smt_title: { type: 'plain_text_input', value: '예약 확정 안내' },
        smt_image: { type: 'file_input', files: [file] },
      }),
    );
    expect(saved).toBeUndefined();
    expect(slack.callsTo('file_download').map((c) => c.args.authorized)).toEqual([true]);
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('"예약 확정" 템플릿을 저장했습니다.');
    expect(visibleText(screen)).toContain('*예약 확정*  MMS · 사용 · 편집 불가');
    expect(visibleText(screen)).toContain('발신번호 0215445678 · 이미지 첨부');
    const [template] = await app.store.smsTemplates.listTemplates(serviceId);
    expect((await app.store.smsImages.get(template!.imageId!))?.data.equals(jpg)).toBe(true);
  });

  it('edits and disables a template from its menu; switching it to SMS drops the image', async () => {
    let screen = await openScreen();
    const [template] = await app.store.smsTemplates.listTemplates(serviceId);
    await click(screen, 'sms_templates.pick', template!.categoryId, ADMIN, 'static_select');
    screen = await storedView('views.update', 'sms_templates');

    await click(screen, 'sms_templates.template', `toggle:${template!._id}`, ADMIN, 'overflow');
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('"예약 확정" 템플릿을 미사용으로 바꿨습니다.');
    expect(visibleText(screen)).toContain('~예약 확정~  MMS · 미사용');

    await click(screen, 'sms_templates.template', `edit:${template!._id}`, ADMIN, 'overflow');
    const form = await storedView('views.push', 'sms_templates.template');
    expect(viewText(form)).toContain('"initial_value":"예약 확정 안내"');
    expect(visibleText(form)).toContain('이미지가 첨부되어 있습니다.');
    const saved = await submit(form, {
      smt_category: { type: 'static_select', selected_option: { value: template!.categoryId } },
      smt_type: { type: 'radio_buttons', selected_option: { value: 'SMS' } },
      smt_options: { type: 'checkboxes', selected_options: [{ value: 'enabled' }, { value: 'editable' }] },
      smt_name: { type: 'plain_text_input', value: '예약 확정' },
      smt_send_no: { type: 'static_select', selected_option: { value: SENDERS[0] } },
      smt_body: { type: 'plain_text_input', value: '예약이 확정되었습니다.' },
      smt_image: { type: 'file_input', files: [] },
    });
    expect(saved).toBeUndefined();
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('*예약 확정*  SMS · 사용 · 편집 가능');
    expect(visibleText(screen)).not.toContain('이미지 첨부');
    expect(await app.store.smsImages.get(template!.imageId!)).toBeUndefined();
    expect(await app.store.smsTemplates.getTemplate(serviceId, template!._id)).toMatchObject({
      type: 'SMS',
      title: null,
      imageId: null,
      sendNo: SENDERS[0],
    });
  });

  it('shows what disabling a first-level category hides, and asks before deleting it with the counts', async () => {
    let screen = await openScreen();
    const top = (await app.store.smsTemplates.listCategories(serviceId)).find((c) => c.parentId === null)!;
    await click(screen, 'sms_templates.pick', top._id, ADMIN, 'static_select');
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('*예약 안내*  (1단계 분류 · 사용)');

    await click(screen, 'sms_templates.toggle_category', top._id);
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain(
      '"예약 안내" 분류를 미사용으로 바꿨습니다 — 템플릿 1개가 발송 목록에서 숨겨집니다.',
    );
    expect(visibleText(screen)).toContain(
      '*예약 안내* — 템플릿 1개 · _미사용 — 템플릿 1개가 발송 목록에서 숨겨집니다_',
    );
    expect(visibleText(screen)).toContain('◦ 확정 — 템플릿 1개 · _상위 분류가 미사용이라 숨겨짐_');

    // A second sub-category, so the confirmation has two to count.
    await app.store.smsTemplates.createCategory({
      serviceId,
      parentId: top._id,
      name: '취소',
      enabled: true,
    });
    await click(screen, 'sms_templates.delete_category', top._id);
    const confirm = await storedView('views.push', 'sms_templates.delete');
    expect(visibleText(confirm)).toContain('"예약 안내" 분류를 삭제할까요?');
    expect(visibleText(confirm)).toContain('하위 분류 2개와 템플릿 1개가 함께 삭제됩니다.');
    expect(await app.store.smsTemplates.listCategories(serviceId)).toHaveLength(3);

    expect(await submit(confirm, {})).toBeUndefined();
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain(
      '"예약 안내" 분류를 삭제했습니다 (하위 분류 2개, 템플릿 1개 포함).',
    );
    expect(visibleText(screen)).toContain('아직 분류가 없습니다');
    expect(await app.store.smsTemplates.listCategories(serviceId)).toEqual([]);
    expect(await app.store.smsTemplates.listTemplates(serviceId)).toEqual([]);
  });

  it('answers a member who types /sms templates privately, and opens nothing', async () => {
    await command('templates', AGENT);
    const answer = await slack.waitForCall('response_url');
    expect(answer.args).toMatchObject({
      response_type: 'ephemeral',
      text: ':warning: 서비스 관리자만 할 수 있습니다.',
    });
    expect(slack.callsTo('views.open')).toHaveLength(0);
  });

  it("refuses the screen's buttons to someone who is not an admin (demoted while it was open), on the screen", async () => {
    const screen = await openScreen();
    await click(screen, 'sms_templates.add_category', 'new', AGENT);
    const redrawn = await storedView('views.update', 'sms_templates');
    expect(visibleText(redrawn)).toContain(':warning: 서비스 관리자만 할 수 있습니다.');
    expect(slack.callsTo('views.push')).toHaveLength(0);
  });

  it('deletes a template from its menu after a confirmation naming it; it leaves the screen and the send list', async () => {
    const sms = app.usecases.sms;
    const category = async (name: string, parentId: string | null) => {
      const saved = await sms.saveSmsCategory(OPERATOR, serviceId, { name, parentId, enabled: true });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problem));
      return saved.value._id;
    };
    const child = await category('일반', await category('공지', null));
    const template = async (name: string) => {
      const saved = await sms.saveSmsTemplate(OPERATOR, serviceId, {
        categoryId: child,
        type: 'SMS',
        enabled: true,
        editable: true,
        name,
        sendNo: SENDERS[0]!,
        body: `${name}입니다.`,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problem));
      return saved.value._id;
    };
    const closed = await template('휴무 안내');
    await template('영업 안내');
    const sendable = async () => {
      const listed = await sms.sendableSmsTemplates(OPERATOR, serviceId);
      return listed.ok ? listed.value.map((t) => t.name) : listed.problem;
    };
    expect(await sendable()).toEqual(['휴무 안내', '영업 안내']);

    let screen = await openScreen();
    await click(screen, 'sms_templates.pick', child, ADMIN, 'static_select');
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('*휴무 안내*  SMS · 사용 · 편집 가능');
    expect(visibleText(screen)).toContain('*영업 안내*  SMS · 사용 · 편집 가능');

    await click(screen, 'sms_templates.template', `delete:${closed}`, ADMIN, 'overflow');
    const confirm = await storedView('views.push', 'sms_templates.delete');
    expect(visibleText(confirm)).toContain('"휴무 안내" 템플릿을 삭제할까요? 되돌릴 수 없습니다.');
    // Asking deletes nothing.
    expect(await app.store.smsTemplates.getTemplate(serviceId, closed)).toBeTruthy();

    expect(await submit(confirm, {})).toBeUndefined();
    screen = await storedView('views.update', 'sms_templates');
    expect(visibleText(screen)).toContain('"휴무 안내" 템플릿을 삭제했습니다.');
    expect(visibleText(screen)).not.toContain('*휴무 안내*');
    expect(visibleText(screen)).toContain('*영업 안내*  SMS · 사용 · 편집 가능');
    expect(await app.store.smsTemplates.getTemplate(serviceId, closed)).toBeFalsy();
    expect((await app.store.smsTemplates.listTemplates(serviceId)).map((t) => t.name)).toEqual(['영업 안내']);
    expect(await sendable()).toEqual(['영업 안내']);
  });
});
