import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  defaultServiceSettings,
  serviceSettingsSchema,
  type ServiceSettings,
} from '../../src/domain/service-settings.js';
import type { Actor } from '../../src/usecases/actor.js';
import { updateServiceSettings } from '../../src/usecases/settings.js';
import type { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from '../support/slack-requests.js';

/**
 * "Save A, B is unchanged" on every path that saves settings. A save used to write every other setting back to its
 * default (zod 4 fills defaults even under `.partial()`), and the old tests could not see it: they saved every field
 * at once, or started from a new service that held nothing but defaults.
 */

const OPERATOR: Actor = { kind: 'operator', name: 'settings-test' };

// Every setting away from its default, and a second value for each that differs from both. Webhook hosts are
// public address literals: a save checks where a webhook points, and this machine has no DNS.
const FIRST: ServiceSettings = {
  callbacksEnabled: false,
  smsEnabled: true,
  locale: 'en',
  timeZone: 'Europe/Berlin',
  dayStart: '06:30',
  slackCallbackChannelId: 'C0CALLBACKS',
  teamsCallbackConversationId: '19:callbacks@thread.tacv2',
  wallboardIntervalSeconds: 30,
  serviceLevelThresholdSeconds: 25,
  serviceLevelTargetPercent: 90,
  longWaitWarningSeconds: 120,
  shortAbandonCutoffSeconds: 5,
  abandonedToCallbackSeconds: 30,
  outboundTicketAutoCreate: true,
  clickToDialWebhookUrl: 'https://93.184.215.14/dial',
  ticketWebhookUrl: 'https://93.184.215.14/tickets',
  unassignedReminderMinutes: 15,
  assignedReminderMinutes: 60,
  smsSenderNumbers: ['0212345678'],
  smsAdNightConsent: true,
  smsOptOutNumber: '0801234567',
};
const SECOND: ServiceSettings = {
  callbacksEnabled: true,
  smsEnabled: false,
  locale: 'ko',
  timeZone: 'Asia/Tokyo',
  dayStart: '07:00',
  slackCallbackChannelId: 'C0OTHER',
  teamsCallbackConversationId: null,
  wallboardIntervalSeconds: 20,
  serviceLevelThresholdSeconds: 15,
  serviceLevelTargetPercent: 70,
  longWaitWarningSeconds: 90,
  shortAbandonCutoffSeconds: 8,
  abandonedToCallbackSeconds: 45,
  outboundTicketAutoCreate: false,
  clickToDialWebhookUrl: 'https://93.184.215.15/dial',
  ticketWebhookUrl: 'https://93.184.215.15/tickets',
  unassignedReminderMinutes: 25,
  assignedReminderMinutes: 90,
  smsSenderNumbers: ['0311234567', '0212345678'],
  smsAdNightConsent: false,
  smsOptOutNumber: '08012345678',
};
const KEYS = Object.keys(serviceSettingsSchema.shape) as (keyof ServiceSettings)[];

describe('saving one setting keeps every other', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;

  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp());
  });
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => slack.assertNoViolations());

  it('the fixtures differ from the defaults and from each other in every key', () => {
    const defaults = defaultServiceSettings();
    expect(Object.keys(FIRST).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      expect([key, FIRST[key]]).not.toEqual([key, defaults[key]]);
      expect([key, SECOND[key]]).not.toEqual([key, FIRST[key]]);
    }
  });

  it.each(KEYS)('the use case: saving %s alone leaves the other settings as they were', async (key) => {
    const service = await app.store.services.create(`keep-${key}`, defaultServiceSettings());
    const first = await updateServiceSettings(app.store, OPERATOR, service._id, FIRST);
    expect(first.ok).toBe(true);
    const saved = await updateServiceSettings(app.store, OPERATOR, service._id, { [key]: SECOND[key] });
    expect(saved.ok).toBe(true);
    expect((await app.store.services.get(service._id))!.settings).toEqual({ ...FIRST, [key]: SECOND[key] });
  });

  it('two saves of different settings at once both land', async () => {
    const service = await app.store.services.create('concurrent', defaultServiceSettings());
    await Promise.all([
      updateServiceSettings(app.store, OPERATOR, service._id, { timeZone: 'Europe/Berlin' }),
      updateServiceSettings(app.store, OPERATOR, service._id, { longWaitWarningSeconds: 90 }),
      updateServiceSettings(app.store, OPERATOR, service._id, { callbacksEnabled: false }),
    ]);
    expect((await app.store.services.get(service._id))!.settings).toMatchObject({
      timeZone: 'Europe/Berlin',
      longWaitWarningSeconds: 90,
      callbacksEnabled: false,
    });
  });

  it('the CLI: `settings set` of one key keeps the keys an earlier `settings set` saved', async () => {
    const service = await app.store.services.create('cli', defaultServiceSettings());
    await updateServiceSettings(app.store, OPERATOR, service._id, {
      slackCallbackChannelId: FIRST.slackCallbackChannelId,
      clickToDialWebhookUrl: FIRST.clickToDialWebhookUrl,
    });
    const first = await runCli(app.dbName, [
      'settings',
      'set',
      '--service',
      service._id,
      'timeZone=Europe/Berlin',
      'callbacksEnabled=false',
      'abandonedToCallbackSeconds=30',
    ]);
    expect(first).toMatchObject({ code: 0 });
    const second = await runCli(app.dbName, [
      'settings',
      'set',
      '--service',
      service._id,
      'longWaitWarningSeconds=90',
      '--json',
    ]);
    expect(second).toMatchObject({ code: 0 });
    const expected = {
      timeZone: 'Europe/Berlin',
      callbacksEnabled: false,
      abandonedToCallbackSeconds: 30,
      longWaitWarningSeconds: 90,
      slackCallbackChannelId: FIRST.slackCallbackChannelId,
      clickToDialWebhookUrl: FIRST.clickToDialWebhookUrl,
    };
    expect((JSON.parse(second.stdout) as { settings: ServiceSettings }).settings).toMatchObject(expected);
    expect((await app.store.services.get(service._id))!.settings).toMatchObject(expected);
  }, 30_000);

  it('the CLI: SMS switched on with sender numbers and the opt-out number as people write them', async () => {
    const service = await app.store.services.create('cli-sms', defaultServiceSettings());
    const saved = await runCli(app.dbName, [
      'settings',
      'set',
      '--service',
      service._id,
      'smsEnabled=true',
      'smsSenderNumbers=0215441234,0215445678',
      'smsOptOutNumber=080-123-4567',
      '--json',
    ]);
    expect(saved).toMatchObject({ code: 0 });
    const expected = {
      smsEnabled: true,
      smsSenderNumbers: ['0215441234', '0215445678'],
      smsOptOutNumber: '0801234567',
    };
    expect((JSON.parse(saved.stdout) as { settings: ServiceSettings }).settings).toMatchObject(expected);
    expect((await app.store.services.get(service._id))!.settings).toMatchObject(expected);

    // All digits stays text (the leading 0 is kept); a number that is not a free 080 one is refused by name.
    const digits = await runCli(app.dbName, [
      'settings',
      'set',
      '--service',
      service._id,
      'smsOptOutNumber=08012345678',
    ]);
    expect(digits).toMatchObject({ code: 0 });
    expect((await app.store.services.get(service._id))!.settings.smsOptOutNumber).toBe('08012345678');
    const refused = await runCli(app.dbName, [
      'settings',
      'set',
      '--service',
      service._id,
      'smsOptOutNumber=02-123-4567',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'error: smsOptOutNumber: Invalid opt-out number: 02-123-4567 (a free number of 10-11 digits starting with 080, e.g. 080-123-4567)\n',
    );
    expect((await app.store.services.get(service._id))!.settings.smsOptOutNumber).toBe('08012345678');
  }, 30_000);

  it('the Slack settings modal: a save writes only the fields the admin edited', async () => {
    const ADMIN = 'U0SETADMIN';
    const CHANNEL = 'C0SETTINGS';
    slack.setUser({ id: ADMIN, realName: 'Kim Minji', locale: 'en-US' });
    const command = async (text: string) => {
      slack.reset();
      const response = await sendToSlackEndpoint(
        app.url,
        SIGNING_SECRET,
        slashCommandBody({
          command: '/switchboard',
          text,
          channelId: CHANNEL,
          userId: ADMIN,
          responseUrl: slack.responseUrl(),
        }),
      );
      expect(response.status).toBe(200);
    };
    await command('setup Modal Keepers');
    await slack.waitForCall('response_url');
    const service = (await app.store.services.list()).find((s) => s.name === 'Modal Keepers')!;
    await updateServiceSettings(app.store, OPERATOR, service._id, FIRST);

    await command('settings');
    const view = (await slack.waitForCall('views.open')).args.view as {
      callback_id: string;
      private_metadata: string;
    };
    // Someone else saves a setting while the modal is open; the admin then edits one field and submits the rest
    // exactly as the modal showed them (what Slack sends back for untouched inputs).
    await updateServiceSettings(app.store, OPERATOR, service._id, { timeZone: 'Asia/Tokyo' });
    const shown = {
      set_switches: {
        value: {
          type: 'checkboxes',
          selected_options: [
            { value: 'smsEnabled' },
            { value: 'outboundTicketAutoCreate' },
            { value: 'smsAdNightConsent' },
          ],
        },
      },
      set_slackCallbackChannelId: {
        value: { type: 'conversations_select', selected_conversation: FIRST.slackCallbackChannelId },
      },
      set_locale: { value: { type: 'static_select', selected_option: { value: 'en' } } },
      set_timeZone: { value: { type: 'static_select', selected_option: { value: 'Europe/Berlin' } } },
      set_dayStart: { value: { type: 'plain_text_input', value: '06:30' } },
      set_wallboardIntervalSeconds: { value: { type: 'number_input', value: '30' } },
      set_serviceLevelThresholdSeconds: { value: { type: 'number_input', value: '25' } },
      set_serviceLevelTargetPercent: { value: { type: 'number_input', value: '90' } },
      set_longWaitWarningSeconds: { value: { type: 'number_input', value: '45' } }, // the one edit
      set_shortAbandonCutoffSeconds: { value: { type: 'number_input', value: '5' } },
      set_abandonedToCallbackSeconds: { value: { type: 'number_input', value: '30' } },
      set_unassignedReminderMinutes: { value: { type: 'number_input', value: '15' } },
      set_assignedReminderMinutes: { value: { type: 'number_input', value: '60' } },
      set_clickToDialWebhookUrl: { value: { type: 'url_text_input', value: FIRST.clickToDialWebhookUrl } },
      set_ticketWebhookUrl: { value: { type: 'url_text_input', value: FIRST.ticketWebhookUrl } },
      set_smsSenderNumbers: { value: { type: 'plain_text_input', value: '02-1234-5678' } },
    };
    const response = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        viewSubmissionPayload({
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          userId: ADMIN,
          values: shown as never,
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    expect((await app.store.services.get(service._id))!.settings).toEqual({
      ...FIRST,
      timeZone: 'Asia/Tokyo',
      longWaitWarningSeconds: 45,
    });
  });
});
