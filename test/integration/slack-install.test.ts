import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { slackIdentity } from '../../src/domain/members.js';
import { assignCallbacks, receiveCallback } from '../../src/usecases/callbacks.js';
import { issueTriggerId, type FakeSlackWebApi, type RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { SIGNING_SECRET, startSlackTestApp } from '../support/slack-app.js';
import {
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from '../support/slack-requests.js';

/**
 * The install path as a workspace admin meets it: the bot is in no channel after installing, and nothing may fail
 * silently for that; modals open however slow the lookups behind them; people are written to in their Slack
 * language; repeated buttons and charts are described for screen readers.
 */

const ADMIN = 'U0KOADMIN';
const AGENT = 'U0ENAGENT';
/** Where setup runs: a public channel the bot was never invited to (chat:write.public posts there, pins do not). */
const PUBLIC = 'C0PUBLIC';
/** A private channel nobody invited the bot to: Slack hides it from the bot. */
const SECRET = 'G0SECRET';
/** A private channel the bot was invited to. */
const INVITED = 'G0INVITED';

const textOf = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? [])}`;

type Block = { type: string; block_id?: string; element?: Record<string, unknown> };
type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** What Slack sends back for a modal nobody edited: each input block's initial value, as view state. */
function untouchedState(view: { blocks: Block[] }): StateValues {
  const values: StateValues = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const e = block.element;
    const actionId = String(e.action_id);
    const value: Record<string, unknown> = { type: e.type };
    if (e.type === 'static_select') value.selected_option = e.initial_option ?? null;
    if (e.type === 'checkboxes') value.selected_options = e.initial_options ?? [];
    if (e.type === 'plain_text_input') value.value = e.initial_value ?? null;
    if (e.type === 'conversations_select') value.selected_conversation = e.initial_conversation ?? null;
    values[block.block_id] = { [actionId]: value };
  }
  return values;
}

describe('Slack: the install path and the bot’s channel membership', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;

  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp({
      // Shorter than the server's own wait, so the slow-lookup test below has room on a loaded machine; the other
      // modals here may come either way (openedModal reads the modal as Slack shows it).
      modalLoadingAfterMs: 300,
      workspace: {
        channels: [
          { id: PUBLIC, name: 'support', isPrivate: false },
          { id: SECRET, name: 'secret', isPrivate: true },
          { id: INVITED, name: 'invited', isPrivate: true, botIsMember: true },
        ],
        users: [
          { id: ADMIN, realName: '김관리', locale: 'ko-KR' },
          { id: AGENT, realName: 'Alex Park', locale: 'en-US' },
        ],
      },
    }));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => slack.assertNoViolations());

  const command = async (
    name: string,
    text: string,
    options: { userId?: string; channelId?: string; triggerId?: string } = {},
  ) => {
    const responseUrl = slack.responseUrl();
    const response = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      slashCommandBody({
        command: name,
        text,
        userId: options.userId ?? ADMIN,
        channelId: options.channelId ?? PUBLIC,
        responseUrl,
        ...(options.triggerId ? { triggerId: options.triggerId } : {}),
      }),
    );
    expect(response.status).toBe(200);
    return responseUrl;
  };
  const answerAt = (responseUrl: string) =>
    slack.waitForCall('response_url', (c) => c.url === responseUrl, 10_000);
  const serviceId = async () => (await app.store.services.list())[0]!._id;
  type OpenedModal = { id: string; blocks: Block[]; private_metadata: string; callback_id: string };
  /** The modal a command opened, as the person sees it: directly, or put into a loading modal by views.update. */
  const openedModal = async (): Promise<OpenedModal> => {
    const opened = await slack.waitForCall('views.open', (c) => c.response.ok === true, 10_000);
    const view = opened.response.view as OpenedModal;
    if (view.callback_id !== 'switchboard_loading') return view;
    const filled = await slack.waitForCall('views.update', (c) => c.args.view_id === view.id, 10_000);
    return filled.response.view as OpenedModal;
  };
  /** The service's callback channel once a submission's work (which may finish after Slack's answer) is done. */
  const callbackChannelBecomes = async (expected: string) => {
    const deadline = Date.now() + 10_000;
    let seen: string | null | undefined;
    while (Date.now() < deadline) {
      seen = (await app.store.services.get(await serviceId()))?.settings.slackCallbackChannelId;
      if (seen === expected) return seen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return seen;
  };

  it('setup in a channel the bot is not in says, in the admin’s language, to /invite @switchboard there', async () => {
    const answer = await answerAt(await command('/switchboard', 'setup 고객센터'));
    expect(String(answer.args.text)).toContain('고객센터');
    expect(String(answer.args.text)).toContain('이 채널의 멤버가 아닙니다');
    expect(String(answer.args.text)).toContain('`/invite @switchboard`');
    expect(slack.callsTo('conversations.info').map((c) => c.args.channel)).toContain(PUBLIC);
  });

  it('settings refuse a private callback channel the bot was not invited to, on the field, and take it once invited', async () => {
    slack.reset();
    await command('/switchboard', 'settings');
    const view = await openedModal();
    const values = untouchedState(view);
    values.set_slackCallbackChannelId = {
      value: { type: 'conversations_select', selected_conversation: SECRET },
    };
    const submit = () =>
      sendToSlackEndpoint(
        app.url,
        SIGNING_SECRET,
        interactionBody(
          viewSubmissionPayload({
            callbackId: view.callback_id,
            values,
            privateMetadata: view.private_metadata,
            userId: ADMIN,
          }),
        ),
      );
    const refused = await submit();
    expect(refused.status).toBe(200);
    const body = JSON.parse(refused.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.set_slackCallbackChannelId).toContain('`/invite @switchboard`');
    expect(body.errors.set_slackCallbackChannelId).toContain('선택한 채널의 멤버가 아니어서');
    const service = await app.store.services.get(await serviceId());
    expect(service?.settings.slackCallbackChannelId).not.toBe(SECRET);

    slack.addChannel({ id: SECRET, botIsMember: true });
    const accepted = await submit();
    expect(accepted.status).toBe(200);
    expect(accepted.body === '' || !accepted.body.includes('errors')).toBe(true);
    expect(await callbackChannelBecomes(SECRET)).toBe(SECRET);
    slack.addChannel({ id: SECRET, botIsMember: false });
  });

  it('the settings confirmation reaches the admin by DM, saying why, when the bot is not in the channel the modal came from', async () => {
    slack.reset();
    // Typed in the private channel the bot is not in: the admin's only service answers.
    await command('/switchboard', 'settings', { channelId: SECRET });
    const view = await openedModal();
    const response = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        viewSubmissionPayload({
          callbackId: view.callback_id,
          values: untouchedState(view),
          privateMetadata: view.private_metadata,
          userId: ADMIN,
        }),
      ),
    );
    expect(response.status).toBe(200);
    const dm = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === ADMIN && c.response.ok === true,
      10_000,
    );
    expect(String(dm.args.text)).toContain('설정을 저장했습니다.');
    expect(String(dm.args.text)).toContain(`<#${SECRET}>`);
    expect(String(dm.args.text)).toContain('`/invite @switchboard`');
  });

  it('/wallboard show shows the wallboard, as the usage hint promises', async () => {
    const answer = await answerAt(await command('/wallboard', 'show'));
    expect(textOf(answer)).toContain('고객센터');
    expect(textOf(answer)).not.toContain('사용법');
  });

  it('a modal opens even when the lookups before it outlast the trigger_id: a loading view first, then the modal', async () => {
    slack.reset();
    // The command reached us 1.9 s after the admin pressed Enter, and Slack takes its time over users.info.
    slack.setUser({ id: 'U0SLOWADM', realName: '느린관리', locale: 'ko-KR' });
    await app.store.members.create({
      serviceId: await serviceId(),
      displayName: '느린관리',
      role: 'admin',
      permissions: { phone: true, callbackAssign: true, sms: true },
      identities: [slackIdentity('T0001', 'U0SLOWADM')],
      ctiAgentId: null,
    });
    slack.setDelay('users.info', 3000);
    try {
      await command('/switchboard', 'settings', {
        userId: 'U0SLOWADM',
        triggerId: issueTriggerId(Date.now() - 1900),
      });
      const loading = await slack.waitForCall('views.open', () => true, 10_000);
      expect(loading.response.ok).toBe(true);
      expect(JSON.stringify(loading.args.view)).toContain('Loading…');
      const filled = await slack.waitForCall('views.update', () => true, 10_000);
      expect(filled.response.ok).toBe(true);
      expect(filled.args.view_id).toBe((loading.response.view as { id: string }).id);
      expect((filled.args.view as { callback_id: string }).callback_id).toBe('switchboard_settings');
      expect(slack.callsTo('views.open')).toHaveLength(1);
    } finally {
      slack.setDelay('users.info', 0);
    }
  });

  it('an agent’s DMs are in their Slack language (users.info locale), not the service’s', async () => {
    slack.reset();
    const id = await serviceId();
    const agent = await app.store.members.create({
      serviceId: id,
      displayName: 'Alex Park',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [slackIdentity('T0001', AGENT)],
      ctiAgentId: null,
    });
    // The agent uses the app once; Slack says their client is in English.
    await answerAt(await command('/wallboard', '', { userId: AGENT }));
    const operator = { kind: 'operator', name: 'test' } as const;
    const received = await receiveCallback(app.callbacks, operator, id, { phone: '010-2000-0001' });
    if (!received.ok) throw new Error('intake refused');
    await assignCallbacks(app.callbacks, operator, id, {
      callbackIds: [received.value.callback._id],
      agentIds: [agent._id],
      mode: 'manual',
    });
    const open = await slack.waitForCall('conversations.open', (c) => c.args.users === AGENT, 15_000);
    const imId = (open.response.channel as { id: string }).id;
    const dm = await slack.waitForCall('chat.postMessage', (c) => c.args.channel === imId, 15_000);
    expect(textOf(dm)).toContain('assigned to you');
    expect(textOf(dm)).toContain('010-2000-0001');
  });

  it('a command that refuses instead of opening its modal puts the refusal in the loading modal, in the member’s language', async () => {
    slack.reset();
    // Sam is no admin, and new to this server's cache of people; his membership remembers his Slack language.
    slack.setUser({ id: 'U0SLOWSAM', realName: 'Sam Lee', locale: 'en-US' });
    await app.store.members.create({
      serviceId: await serviceId(),
      displayName: 'Sam Lee',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [slackIdentity('T0001', 'U0SLOWSAM')],
      ctiAgentId: null,
      locale: 'en-US',
    });
    slack.setDelay('users.info', 3000);
    try {
      // users.info is too slow to say his language this time.
      await command('/switchboard', 'settings', {
        userId: 'U0SLOWSAM',
        triggerId: issueTriggerId(Date.now() - 1900),
      });
      const loading = await slack.waitForCall('views.open', () => true, 10_000);
      expect(loading.response.ok).toBe(true);
      const answered = await slack.waitForCall('views.update', () => true, 10_000);
      expect(answered.args.view_id).toBe((loading.response.view as { id: string }).id);
      expect(JSON.stringify(answered.args.view)).toContain('Only a service admin can do this.');
    } finally {
      slack.setDelay('users.info', 0);
    }
  });

  it('repeated callback buttons name their callback for screen readers', async () => {
    const operator = { kind: 'operator', name: 'test' } as const;
    const id = await serviceId();
    for (const phone of ['010-3000-0001', '010-3000-0002']) {
      const r = await receiveCallback(app.callbacks, operator, id, { phone, name: '홍길동' });
      if (!r.ok) throw new Error('intake refused');
    }
    const answer = await answerAt(await command('/callback', 'list unassigned'));
    const buttons = (answer.args.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.type === 'button' && typeof e.value === 'string' && e.value.startsWith('cb_'));
    expect(buttons.length).toBeGreaterThan(2);
    const labels = buttons.map((b) => String(b.accessibility_label));
    expect(labels).toEqual(expect.arrayContaining([expect.stringContaining('010-3000-0001')]));
    expect(labels).toEqual(expect.arrayContaining([expect.stringContaining('010-3000-0002')]));
    for (const label of labels) {
      expect(label).toMatch(/콜백 010-\d{4}-\d{4}/);
      expect(label.length).toBeLessThanOrEqual(75);
    }
  });

  it('the processing-status chart uploaded to Slack carries alt text with its figures', async () => {
    slack.reset();
    // Callbacks on two days make two bars: a chart worth sending.
    const earlier = await receiveCallback(
      app.callbacks,
      { kind: 'operator', name: 'test' },
      await serviceId(),
      {
        phone: '010-4000-0001',
        requestedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      },
    );
    if (!earlier.ok) throw new Error('intake refused');
    await command('/callback', 'stats 7d');
    const upload = await slack.waitForCall('files.getUploadURLExternal', () => true, 15_000);
    expect(String(upload.args.alt_text)).toMatch(
      /콜백 처리 현황 \(일별\) 막대 차트, .*접수 \d+, 완료 \d+, 취소 \d+/,
    );
  });
});
