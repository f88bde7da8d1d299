import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { REMIND_CALLBACKS } from '../../src/jobs/notification-jobs.js';
import { receiveCallback } from '../../src/usecases/callbacks.js';
import { FakeBotConnector, type RecordedConnectorCall } from '../fakes/bot-connector.js';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { startSlackTestApp } from '../support/slack-app.js';
import { postActivity, teamsChannel, teamsMessage, type TeamsUser } from '../support/teams-requests.js';

const SLACK_CHANNEL = 'C0BOTHREM';
const TEAMS_CHANNEL = teamsChannel('both-reminders');
const ADMIN: TeamsUser = { aad: 'aad-both-admin', name: 'Admin Both' };

const slackText = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? [])}`;
const teamsText = (call: RecordedConnectorCall) => JSON.stringify(call.body ?? {});
const isTeamsPost = (c: RecordedConnectorCall) =>
  c.method === 'POST' &&
  c.status < 300 &&
  /\/activities$/.test(c.path) &&
  c.conversationId === TEAMS_CHANNEL.conversationId;

/**
 * A service announcing callbacks in a Slack channel AND a Teams channel: the unassigned reminder reaches both,
 * each through its own surface, and a Teams channel answering 429 gets it after its Retry-After, not before.
 */
describe('Callback reminders reach every callback place', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let connector: FakeBotConnector;

  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    connector.addConversation(TEAMS_CHANNEL.conversationId);
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: SLACK_CHANNEL, botIsMember: true }] },
      env: { TEAMS_EMULATOR: 'true' },
    }));
    // The bot hears from the Teams channel once, so it knows where to post there.
    await postActivity(app.url, teamsMessage(connector.serviceUrl, ADMIN, TEAMS_CHANNEL, 'help'));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await slack.stop();
    await connector.stop();
  });

  const fileOld = async (serviceId: string, phone: string) => {
    const r = await receiveCallback(app.callbacks, { kind: 'operator', name: 'test' }, serviceId, {
      phone,
      requestedAt: new Date(Date.now() - 45 * 60_000).toISOString(),
    });
    if (!r.ok) throw new Error('intake refused');
  };

  const serviceWithBothPlaces = (name: string) =>
    app.store.services.create(
      name,
      defaultServiceSettings({
        slackCallbackChannelId: SLACK_CHANNEL,
        teamsCallbackConversationId: TEAMS_CHANNEL.conversationId,
        unassignedReminderMinutes: 30,
        locale: 'en',
      }),
    );

  it('posts the unassigned reminder to the Slack channel and to the Teams channel', async () => {
    const service = await serviceWithBothPlaces('Both places');
    await fileOld(service._id, '010-3000-0001');
    await app.scheduler.agenda.now(REMIND_CALLBACKS);

    const inSlack = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === SLACK_CHANNEL && slackText(c).includes('unassigned for more than 30 minutes'),
      20_000,
    );
    expect(slackText(inSlack)).toContain('010-3000-0001');
    const inTeams = await connector.waitForCall(
      (c) => isTeamsPost(c) && teamsText(c).includes('30 minutes'),
      20_000,
    );
    expect(teamsText(inTeams)).toContain('010-3000-0001');
    connector.assertNoViolations();
    slack.assertNoViolations();
  }, 60_000);

  it('waits out a 429 from Teams and then reminds the Teams channel', async () => {
    const service = await serviceWithBothPlaces('Both places, throttled');
    await fileOld(service._id, '010-3000-0002');
    connector.reset();
    connector.throttle({ retryAfterSeconds: 2, forMs: 1500 });
    await app.scheduler.agenda.now(REMIND_CALLBACKS);

    const inSlack = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === SLACK_CHANNEL && slackText(c).includes('010-3000-0002'),
      20_000,
    );
    expect(slackText(inSlack)).toContain('unassigned for more than 30 minutes');
    const inTeams = await connector.waitForCall(
      (c) => isTeamsPost(c) && teamsText(c).includes('010-3000-0002'),
      30_000,
    );
    expect(teamsText(inTeams)).toContain('30 minutes');
    expect(connector.calls.some((c) => c.status === 429)).toBe(true);
    // The fake records a retry before Retry-After as a violation.
    connector.assertNoViolations();
    slack.assertNoViolations();
  }, 60_000);
});
