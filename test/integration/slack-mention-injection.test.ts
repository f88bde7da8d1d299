import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { REMIND_CALLBACKS } from '../../src/jobs/notification-jobs.js';
import { slackIdentity } from '../../src/domain/members.js';
import { completeCallback, receiveCallback } from '../../src/usecases/callbacks.js';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { SIGNING_SECRET, startSlackTestApp } from '../support/slack-app.js';
import {
  appHomeOpenedBody,
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
} from '../support/slack-requests.js';

/**
 * Customer names and notes come from outside (an IVR, a web form, the public API). Slack reads a message's `text` and
 * every mrkdwn field as markup: `<!channel>` pings everyone in the channel, `<@U…>` a person, `<https://…|…>` is a
 * disguised link that unfurls. Every message the app posts about a callback must carry that input escaped (`&lt;`,
 * `&gt;`, `&amp;`): the card, its edits after assign and complete, the digest of a burst, the assignee's DM, the App
 * Home, the list, the reminders and the modals.
 */

const CHANNEL = 'C0HOSTILE';
const ADMIN = 'U0001';
const AGENT = 'U0002';

const HOSTILE_NAME = '<!channel> Kim & Co <https://evil.example|bank>';
const HOSTILE_NOTE = '<!here> call <@U0001> & <#C0HOSTILE> <mailto:x@evil.example|mail>';
const HOSTILE_COMPLETION = 'done <!everyone> & <https://evil.example/x>';
/** What must never reach Slack unescaped: every piece of markup in the input above, and its bare ampersands. */
const RAW_FRAGMENTS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0001>',
  '<#C0HOSTILE>',
  '<https://evil.example',
  '<mailto:',
  'Kim & Co',
  'call <',
  ' & <',
  'done <',
];
const ESCAPED_NAME = '&lt;!channel&gt; Kim &amp; Co &lt;https://evil.example|bank&gt;';

/** Every string Slack treats as markup in a call: the message `text` and every mrkdwn text object, at any depth. */
function markupOf(call: RecordedSlackCall): string[] {
  const found: string[] = [];
  if (typeof call.args.text === 'string') found.push(call.args.text);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (object.type === 'mrkdwn' && typeof object.text === 'string') found.push(object.text);
    Object.values(object).forEach(visit);
  };
  visit(call.args.blocks);
  visit(call.args.view);
  visit(call.args.attachments);
  return found;
}

describe('Slack: hostile customer names and notes are escaped in every message', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let responses = 0;

  const responseUrl = () => slack.responseUrl(`hostile-${++responses}`);
  const answerOn = (url: string) => slack.waitForCall('response_url', (c) => c.url === url, 10_000);
  const click = async (userId: string, actionId: string, value: string, messageTs?: string) => {
    const url = responseUrl();
    const sent = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        blockActionsPayload({ actionId, value, userId, channelId: CHANNEL, messageTs, responseUrl: url }),
      ),
    );
    expect(sent.status).toBe(200);
    return url;
  };
  const file = async (phone: string, minutesAgo: number) => {
    const result = await receiveCallback(app.callbacks, { kind: 'operator', name: 'ivr' }, serviceId, {
      phone,
      name: HOSTILE_NAME,
      note: HOSTILE_NOTE,
      requestedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    return result.value.callback._id;
  };
  const shows = (call: RecordedSlackCall, id: string) => JSON.stringify(call.args).includes(id);

  beforeAll(async () => {
    // The bot was invited to the callback channel, as in a real workspace.
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    slack.setUser({ id: ADMIN, realName: 'Admin Kim', locale: 'en-US' });
    slack.setUser({ id: AGENT, realName: 'Agent Park', locale: 'en-US' });
    serviceId = (
      await app.store.services.create(
        'Hostile Co',
        defaultServiceSettings({
          slackCallbackChannelId: CHANNEL,
          locale: 'en',
        }),
      )
    )._id;
    await app.store.members.create({
      serviceId,
      displayName: 'Admin Kim',
      role: 'admin',
      permissions: { phone: true, callbackAssign: true, sms: false },
      identities: [slackIdentity('T0001', ADMIN)],
      ctiAgentId: null,
    });
    await app.store.members.create({
      serviceId,
      displayName: 'Agent Park',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [slackIdentity('T0001', AGENT)],
      ctiAgentId: null,
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await slack?.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('card, card edits, digest, DM, App Home, list, reminders and modals carry no markup from the input', async () => {
    // One alone: a card. Then a burst: a digest.
    const single = await file('010-7000-0001', 45);
    const card = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith('Callback 010-7000-0001'),
      15_000,
    );
    const cardTs = String(card.response.ts);
    const burst = await Promise.all([
      file('010-7000-0002', 45),
      file('010-7000-0003', 45),
      file('010-7000-0004', 45),
    ]);
    const digest = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && String(c.args.text).includes('new callbacks'),
      15_000,
    );

    // The agent takes the single one from its card: the card is edited, the agent gets a DM and a new Home tab.
    await answerOn(await click(AGENT, 'callback.assign_to_me', single, cardTs));
    await slack.waitForCall(
      'chat.update',
      (c) => c.args.ts === cardTs && JSON.stringify(c.args).includes('Agent Park'),
      15_000,
    );
    await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === `D${AGENT}` && shows(c, single),
      15_000,
    );
    await slack.waitForCall('views.publish', (c) => c.args.user_id === AGENT && shows(c, single), 15_000);

    // The complete modal shows the callback too.
    await click(AGENT, 'callback.complete_open', single, cardTs);
    await slack.waitForCall('views.open', (c) => shows(c, single), 10_000);

    // One of the burst is taken from the digest: the digest is edited.
    await answerOn(await click(AGENT, 'callback.assign_to_me', burst[0]!, String(digest.response.ts)));
    await slack.waitForCall(
      'chat.update',
      (c) => c.args.ts === digest.response.ts && JSON.stringify(c.args).includes('Assigned 1'),
      15_000,
    );

    // Reminders (switched on only now, so they do not race the card): the agent's callback assigned 90 minutes ago,
    // the rest unassigned for 45.
    await app.store.services.updateSettings(serviceId, {
      unassignedReminderMinutes: 30,
      assignedReminderMinutes: 60,
    });
    await app.store.db
      .collection('callbacks')
      .updateOne({ _id: burst[0] as never }, { $set: { assignedAt: new Date(Date.now() - 90 * 60_000) } });
    await app.scheduler.agenda.now(REMIND_CALLBACKS);
    await slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.args.channel === CHANNEL && String(c.args.text).includes('unassigned for more than 30 minutes'),
      15_000,
    );
    await slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.args.channel === `D${AGENT}` && String(c.args.text).includes('still open more than 60 minutes'),
      15_000,
    );

    // The list, as the admin asks for it.
    const listUrl = responseUrl();
    const listed = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      slashCommandBody({
        command: '/callback',
        text: 'list all',
        userId: ADMIN,
        channelId: CHANNEL,
        responseUrl: listUrl,
      }),
    );
    expect(listed.status).toBe(200);
    await answerOn(listUrl);

    // The App Home opened by the agent.
    await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      appHomeOpenedBody({ teamId: 'T0001', userId: AGENT, eventId: 'Ev-hostile-home' }),
    );
    await slack.waitForCall(
      'views.publish',
      (c) => c.args.user_id === AGENT && shows(c, burst[0]!) && shows(c, single),
      15_000,
    );

    // Completed with a hostile note of its own: the card is edited once more.
    const done = await completeCallback(app.callbacks, { kind: 'operator', name: 'supervisor' }, single, {
      outcome: 'connected',
      note: HOSTILE_COMPLETION,
    });
    expect(done.ok).toBe(true);
    await slack.waitForCall(
      'chat.update',
      (c) => c.args.ts === cardTs && JSON.stringify(c.args).includes('Completed'),
      15_000,
    );

    // Every call that reached Slack: not one piece of the input's markup, in any text or mrkdwn field.
    const leaks = slack.calls.flatMap((call) =>
      markupOf(call)
        .filter((text) => RAW_FRAGMENTS.some((fragment) => text.includes(fragment)))
        .map(
          (text) =>
            `${call.method} ${String(call.args.channel ?? call.args.user_id ?? call.url ?? '')}: ${text}`,
        ),
    );
    expect(leaks).toEqual([]);

    // And the check looked at each kind of message: each shows the name, escaped, in its markup.
    const escapedIn = (predicate: (c: RecordedSlackCall) => boolean) =>
      slack.calls.filter(predicate).some((c) => markupOf(c).some((text) => text.includes(ESCAPED_NAME)));
    const kinds: Record<string, (c: RecordedSlackCall) => boolean> = {
      'card post': (c) => c === card,
      'card notification text': (c) => c === card && String(c.args.text).includes(ESCAPED_NAME),
      'card edits': (c) => c.method === 'chat.update' && c.args.ts === cardTs,
      digest: (c) => c === digest,
      'digest edit': (c) => c.method === 'chat.update' && c.args.ts === digest.response.ts,
      'assignee DM': (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === `D${AGENT}` &&
        String(c.args.text).includes('assigned to you'),
      'App Home': (c) => c.method === 'views.publish',
      modal: (c) => c.method === 'views.open',
      list: (c) => c.url === listUrl,
      'channel reminder': (c) =>
        c.method === 'chat.postMessage' && String(c.args.text).includes('unassigned for more than'),
      'DM reminder': (c) =>
        c.method === 'chat.postMessage' && String(c.args.text).includes('still open more than'),
    };
    for (const [kind, predicate] of Object.entries(kinds))
      expect([kind, escapedIn(predicate)]).toEqual([kind, true]);
    expect(
      slack.calls.some(
        (c) =>
          c.method === 'chat.update' && markupOf(c).some((t) => t.includes('done &lt;!everyone&gt; &amp;')),
      ),
    ).toBe(true);
  }, 120_000);
});
