import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { slackIdentity } from '../../src/domain/members.js';
import { REMIND_CALLBACKS } from '../../src/jobs/notification-jobs.js';
import { assignCallbacks, receiveCallback } from '../../src/usecases/callbacks.js';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { startSlackTestApp } from '../support/slack-app.js';

const CHANNEL = 'C0REMIND';
const text = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? [])}`;

/**
 * Reminders (off by default): unassigned longer than X minutes → one message in the callback channel; assigned and
 * still open Y minutes after assignment → one DM to the assignee. Each callback once per state.
 */
describe('Slack: callback reminders', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;

  beforeAll(async () => {
    // The bot is in the callback channel and the agent it reminds is a person of the workspace.
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }], users: [{ id: 'U0REMIND' }] },
    }));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => slack.assertNoViolations());

  const runReminders = () => app.scheduler.agenda.now(REMIND_CALLBACKS);
  /**
   * Runs the reminder job and resolves once that very run has finished (Agenda's `complete` event for its id), so
   * whatever it was going to send has reached the fake by then: "nothing was sent" is then a fact, not a guess
   * after a sleep.
   */
  const runRemindersToEnd = async () => {
    const finished: string[] = [];
    let wake = () => {};
    const onComplete = (job: { attrs: { _id?: unknown } }) => {
      finished.push(String(job.attrs._id));
      wake();
    };
    app.scheduler.agenda.on(`complete:${REMIND_CALLBACKS}`, onComplete);
    try {
      const id = String((await runReminders()).attrs._id);
      while (!finished.includes(id)) await new Promise<void>((resolve) => (wake = resolve));
    } finally {
      app.scheduler.agenda.off(`complete:${REMIND_CALLBACKS}`, onComplete);
    }
  };

  it('reminds the channel of old unassigned callbacks and the assignee of overdue ones, once each', async () => {
    const service = await app.store.services.create(
      '리마인더',
      defaultServiceSettings({
        slackCallbackChannelId: CHANNEL,
        unassignedReminderMinutes: 30,
        assignedReminderMinutes: 60,
        locale: 'en',
      }),
    );
    const agent = await app.store.members.create({
      serviceId: service._id,
      displayName: '박상담',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [slackIdentity('T0001', 'U0REMIND')],
      ctiAgentId: null,
    });
    const operator = { kind: 'operator', name: 'test' } as const;
    const file = async (phone: string, minutesAgo: number) => {
      const r = await receiveCallback(app.callbacks, operator, service._id, {
        phone,
        requestedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      });
      if (!r.ok) throw new Error('intake refused');
      return r.value.callback;
    };
    const old = await file('010-1000-0001', 45);
    const fresh = await file('010-1000-0002', 5);
    const overdue = await file('010-1000-0003', 200);
    await assignCallbacks(app.callbacks, operator, service._id, {
      callbackIds: [overdue._id],
      agentIds: [agent._id],
      mode: 'manual',
    });
    // Assigned 90 minutes ago (the clock of the DM reminder starts at assignment).
    await app.store.db
      .collection('callbacks')
      .updateOne({ _id: overdue._id as never }, { $set: { assignedAt: new Date(Date.now() - 90 * 60_000) } });

    await runReminders();
    const channel = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && text(c).includes('unassigned for more than 30 minutes'),
      15_000,
    );
    expect(text(channel)).toContain('010-1000-0001');
    expect(text(channel)).not.toContain('010-1000-0002');
    expect(text(channel)).toContain('1 callbacks');
    const open = await slack.waitForCall('conversations.open', (c) => c.args.users === 'U0REMIND', 15_000);
    expect(open).toBeDefined();
    const dm = await slack.waitForCall(
      'chat.postMessage',
      (c) => text(c).includes('more than 60 minutes after they were assigned'),
      15_000,
    );
    expect(text(dm)).toContain('010-1000-0003');

    // A second run finds nothing new to say.
    const posted = slack.callsTo('chat.postMessage').length;
    await runRemindersToEnd();
    const reminders = slack
      .callsTo('chat.postMessage')
      .slice(posted)
      .filter((c) => text(c).includes(':alarm_clock:'));
    expect(reminders).toEqual([]);
    const stored = await app.store.callbacks.get(old._id);
    expect(stored?.unassignedRemindedAt).toBeInstanceOf(Date);
    expect((await app.store.callbacks.get(fresh._id))?.unassignedRemindedAt).toBeNull();
  }, 30_000);
});
