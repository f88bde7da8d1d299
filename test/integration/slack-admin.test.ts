import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { hashApiKey } from '../../src/domain/api-keys.js';
import { slackIdentity } from '../../src/domain/members.js';
import type { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { checkSlackPayload } from '../support/block-kit-limits.js';
import type { TestApp } from '../support/app.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
  appHomeOpenedBody,
} from '../support/slack-requests.js';

const ADMIN = 'U0001';
const AGENT = 'U0002';
const CHANNEL = 'C0001';

describe('Slack administration: members, settings and API keys', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;

  const command = async (text: string, userId = ADMIN) => {
    slack.reset();
    const body = slashCommandBody({
      command: '/switchboard',
      text,
      channelId: CHANNEL,
      userId,
      responseUrl: slack.responseUrl(),
    });
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, body);
    expect(response.status).toBe(200);
    return response;
  };
  const submit = async (payload: Record<string, unknown>) => {
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(response.status).toBe(200);
    const answer = response.body ? (JSON.parse(response.body) as Record<string, unknown>) : undefined;
    // A view returned in the ack never reaches the fake Web API: check it against Slack's limits here.
    if (answer?.view)
      expect(checkSlackPayload('views.update', { view: answer.view as Record<string, unknown> })).toEqual([]);
    // Inline errors must name blocks that exist in the submitted view, or Slack shows nothing.
    if (answer?.response_action === 'errors') {
      const blockIds = Object.keys(
        (payload.view as { state: { values: Record<string, unknown> } }).state.values,
      );
      for (const key of Object.keys(answer.errors as Record<string, string>)) expect(blockIds).toContain(key);
    }
    return answer;
  };
  const openedView = async () => {
    const call = await slack.waitForCall('views.open');
    return call.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string }[];
    };
  };

  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp());
    slack.setUser({ id: ADMIN, realName: 'Kim Minji', locale: 'en-US' });
    slack.setUser({ id: AGENT, realName: '박서준', locale: 'ko-KR' });
    slack.setUser({ id: 'UBOTX', realName: 'Some Bot', isBot: true });
    await command('setup Acme Support');
    await slack.waitForCall('response_url');
    serviceId = (await app.store.services.list())[0]!._id;
  });
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('adds a member from the members modal and keeps the modal open with a note', async () => {
    await command('members');
    const view = await openedView();
    expect(view.callback_id).toBe('switchboard_members');
    const answer = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: {
          member_user: { value: { type: 'users_select', selected_user: AGENT } },
          member_role: { value: { type: 'radio_buttons', selected_option: { value: 'member' } } },
          member_permissions: {
            value: { type: 'checkboxes', selected_options: [{ value: 'phone' }, { value: 'sms' }] },
          },
          member_cti: { value: { type: 'plain_text_input', value: 'SIP/8007' } },
        },
      }),
    );
    expect(answer?.response_action).toBe('update');
    expect(JSON.stringify(answer)).toContain('Saved 박서준 as Member');
    const agent = await app.store.members.findByIdentity(serviceId, slackIdentity('T0001', AGENT));
    expect(agent).toMatchObject({
      role: 'member',
      ctiAgentId: 'SIP/8007',
      permissions: { phone: true, sms: true, callbackAssign: false },
    });
  });

  it('shows inline errors for a taken CTI agent id and for a bot user, and saves nothing', async () => {
    await command('members');
    const view = await openedView();
    const taken = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: {
          member_user: { value: { type: 'users_select', selected_user: ADMIN } },
          member_role: { value: { type: 'radio_buttons', selected_option: { value: 'admin' } } },
          member_cti: { value: { type: 'plain_text_input', value: 'SIP/8007' } },
        },
      }),
    );
    expect(taken).toEqual({
      response_action: 'errors',
      errors: { member_cti: 'CTI agent id `SIP/8007` already belongs to 박서준.' },
    });
    const bot = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: { member_user: { value: { type: 'users_select', selected_user: 'UBOTX' } } },
      }),
    );
    expect(bot).toMatchObject({
      response_action: 'errors',
      errors: { member_user: 'A bot cannot be a member.' },
    });
    expect(
      await app.store.members.findByIdentity(serviceId, slackIdentity('T0001', 'UBOTX')),
    ).toBeUndefined();
  });

  it('refuses a non-admin member in their own language and opens nothing', async () => {
    await command('settings', AGENT);
    const answer = await slack.waitForCall('response_url');
    expect(String(answer.args.text)).toContain('서비스 관리자만');
    expect(slack.callsTo('views.open')).toHaveLength(0);
  });

  it('saves valid settings and answers bad ones inline, field by field', async () => {
    await command('settings');
    const view = await openedView();
    const values = (overrides: Record<string, unknown>) => ({
      set_switches: {
        value: {
          type: 'checkboxes',
          selected_options: [{ value: 'callbacksEnabled' }, { value: 'smsEnabled' }],
        },
      },
      set_locale: { value: { type: 'static_select', selected_option: { value: 'en' } } },
      set_timeZone: { value: { type: 'static_select', selected_option: { value: 'Asia/Seoul' } } },
      set_dayStart: { value: { type: 'plain_text_input', value: '06:00' } },
      set_wallboardIntervalSeconds: { value: { type: 'number_input', value: '15' } },
      set_serviceLevelThresholdSeconds: { value: { type: 'number_input', value: '30' } },
      set_serviceLevelTargetPercent: { value: { type: 'number_input', value: '80' } },
      set_longWaitWarningSeconds: { value: { type: 'number_input', value: '60' } },
      set_smsSenderNumbers: { value: { type: 'plain_text_input', value: '02-1234-5678, 0311234567' } },
      ...overrides,
    });
    const bad = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: values({
          set_dayStart: { value: { type: 'plain_text_input', value: '25:00' } },
          set_wallboardIntervalSeconds: { value: { type: 'number_input', value: '1' } },
          set_clickToDialWebhookUrl: { value: { type: 'url_text_input', value: 'ftp://pbx' } },
          set_smsOptOutNumber: { value: { type: 'plain_text_input', value: '02-123-4567' } },
        }) as never,
      }),
    );
    expect(bad).toEqual({
      response_action: 'errors',
      errors: {
        set_dayStart: 'Use HH:MM (00:00-23:59).',
        set_wallboardIntervalSeconds: 'Enter a whole number from 5 to 3600.',
        set_clickToDialWebhookUrl: 'Enter a URL starting with http(s)://.',
        set_smsOptOutNumber:
          'Invalid opt-out number: 02-123-4567 (a free number of 10-11 digits starting with 080, e.g. 080-123-4567)',
      },
    });
    expect((await app.store.services.get(serviceId))!.settings.dayStart).toBe('00:00');

    const good = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: values({
          set_smsOptOutNumber: { value: { type: 'plain_text_input', value: '080-123-4567' } },
        }) as never,
      }),
    );
    expect(good).toBeUndefined();
    const settings = (await app.store.services.get(serviceId))!.settings;
    expect(settings).toMatchObject({
      smsEnabled: true,
      dayStart: '06:00',
      wallboardIntervalSeconds: 15,
      serviceLevelThresholdSeconds: 30,
      locale: 'en',
      smsSenderNumbers: ['0212345678', '0311234567'],
      smsOptOutNumber: '0801234567',
      shortAbandonCutoffSeconds: null,
    });
    const confirmation = await slack.waitForCall('chat.postEphemeral');
    expect(confirmation.args).toMatchObject({ channel: CHANNEL, user: ADMIN, text: 'Settings saved.' });
  });

  it('refuses webhook URLs into the own host or network of the server inline, in any spelling', async () => {
    await command('settings');
    const view = await openedView();
    const answer = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: {
          set_locale: { value: { type: 'static_select', selected_option: { value: 'en' } } },
          set_timeZone: { value: { type: 'static_select', selected_option: { value: 'Asia/Seoul' } } },
          set_dayStart: { value: { type: 'plain_text_input', value: '06:00' } },
          set_clickToDialWebhookUrl: {
            value: { type: 'url_text_input', value: 'http://0x7f000001:8080/dial' },
          },
          set_ticketWebhookUrl: {
            value: { type: 'url_text_input', value: 'http://169.254.169.254/latest/meta-data/' },
          },
        } as never,
      }),
    );
    expect(answer).toEqual({
      response_action: 'errors',
      errors: {
        set_clickToDialWebhookUrl: expect.stringMatching(/^127\.0\.0\.1 is not a public address/),
        set_ticketWebhookUrl: expect.stringMatching(/^169\.254\.169\.254 is not a public address/),
      },
    });
    expect((await app.store.services.get(serviceId))!.settings).toMatchObject({
      clickToDialWebhookUrl: null,
      ticketWebhookUrl: null,
    });
  });

  it('creates an API key from the modal (shown once, stored hashed) and revokes it from the list', async () => {
    await command('apikey');
    const list = await slack.waitForCall('response_url');
    expect(JSON.stringify(list.args.blocks)).toContain('apikey_create');

    slack.reset();
    await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        blockActionsPayload({
          actionId: 'apikey_create',
          userId: ADMIN,
          channelId: CHANNEL,
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    const view = await openedView();
    const created = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: {
          apikey_name: { value: { type: 'plain_text_input', value: 'IVR' } },
          apikey_ips: { value: { type: 'plain_text_input', value: '10.0.0.0/8, 192.168.1.7' } },
        },
      }),
    );
    expect(created?.response_action).toBe('update');
    const key = /sbk_[A-Za-z0-9_-]{43}/.exec(JSON.stringify(created))?.[0];
    expect(key).toBeDefined();
    const stored = await app.store.db.collection('apiKeys').findOne({ serviceId, name: 'IVR' });
    expect(stored).toMatchObject({ hash: hashApiKey(key!), allowedIps: ['10.0.0.0/8', '192.168.1.7'] });
    expect(JSON.stringify(stored)).not.toContain(key!);

    const invalid = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: { apikey_ips: { value: { type: 'plain_text_input', value: '10.0.0.0/33, example.com' } } },
      }),
    );
    expect(invalid).toEqual({
      response_action: 'errors',
      errors: { apikey_ips: 'Not an IP address or CIDR range: 10.0.0.0/33, example.com' },
    });

    slack.reset();
    await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        blockActionsPayload({
          actionId: 'apikey_revoke',
          value: String(stored!._id),
          userId: ADMIN,
          channelId: CHANNEL,
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    const updated = await slack.waitForCall('response_url');
    expect(updated.args.replace_original).toBe(true);
    expect(await app.store.apiKeys.findActiveByKey(key!)).toBeUndefined();
  });

  it('refuses a member clicking Revoke and leaves the key alone', async () => {
    const { key, doc } = await app.store.apiKeys.create({
      serviceId,
      name: 'kept',
      allowedIps: [],
      createdBy: 'test',
    });
    slack.reset();
    const response = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        blockActionsPayload({
          actionId: 'apikey_revoke',
          value: doc._id,
          userId: AGENT,
          channelId: CHANNEL,
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    expect(response.status).toBe(200);
    const answer = await slack.waitForCall('response_url');
    expect(String(answer.args.text)).toContain('서비스 관리자만');
    expect(await app.store.apiKeys.findActiveByKey(key)).toBeDefined();
  });

  it('acknowledges a button click within 3 s even when Slack is slow to answer users.info', async () => {
    slack.reset();
    slack.setUser({ id: 'U0555', realName: 'Slow Click', locale: 'en-US' });
    slack.setDelay('users.info', 4000);
    const response = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        blockActionsPayload({
          actionId: 'apikey_revoke',
          value: 'key_none',
          userId: 'U0555',
          channelId: CHANNEL,
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(response.ms).toBeLessThan(3000);
    await slack.waitForCall('response_url', undefined, 10_000);
    slack.setDelay('users.info', 0);
  });

  it('creates and revokes keys from the command line of /switchboard apikey', async () => {
    await command('apikey create Web form 203.0.113.0/24');
    const created = await slack.waitForCall('response_url');
    expect(String(created.args.text)).toMatch(/sbk_/);
    const doc = (await app.store.apiKeys.listByService(serviceId)).find((k) => k.name === 'Web form');
    expect(doc?.allowedIps).toEqual(['203.0.113.0/24']);
    await command(`apikey revoke ${doc!._id}`);
    const revoked = await slack.waitForCall('response_url');
    expect(String(revoked.args.text)).toContain('Revoked API key *Web form*');
  });

  it('answers with a reference when something breaks after the ack (Slack refusing views.open)', async () => {
    slack.reset();
    slack.failNext('views.open', 'internal_error');
    await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      slashCommandBody({
        command: '/switchboard',
        text: 'settings',
        channelId: CHANNEL,
        userId: ADMIN,
        responseUrl: slack.responseUrl(),
      }),
    );
    const answer = await slack.waitForCall('response_url');
    expect(String(answer.args.text)).toMatch(/Something went wrong on our side.*\(ref: [0-9a-f]{8}\)/s);
    expect(String(answer.args.text)).toContain('예기치 못한 오류');
  });

  it('decodes Slack-escaped characters in command text', async () => {
    slack.reset();
    const body = slashCommandBody({
      command: '/switchboard',
      text: 'setup AT&amp;T &lt;Support&gt;',
      channelId: 'C0042',
      userId: 'U0003',
      responseUrl: slack.responseUrl(),
    });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, body);
    await slack.waitForCall('response_url');
    expect((await app.store.services.list()).map((s) => s.name)).toContain('AT&T <Support>');
  });

  it('publishes the Home tab in the person’s language', async () => {
    slack.reset();
    const event = appHomeOpenedBody({ teamId: 'T0001', userId: AGENT, eventId: 'Ev0001' });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, event, { contentType: 'json' });
    const published = await slack.waitForCall('views.publish');
    expect(published.args.user_id).toBe(AGENT);
    expect(JSON.stringify(published.args.view)).toContain('콜백');
  });
});
