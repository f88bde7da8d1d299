import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import { cancelCallback, unassignCallbacks } from '../../src/usecases/callbacks.js';
import type { TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  viewSubmissionPayload,
} from '../support/slack-requests.js';

/**
 * Callback cards in the callback channel: posted when a callback comes in (coalesced into digests in a burst),
 * edited in place on every change, DMs to the assignee, and the card buttons with their refusals and modals.
 * Everything goes through the real app (HTTP API, Bolt, Agenda, database) and a fake Slack Web API that checks
 * every payload against Slack's Block Kit limits.
 */

const CHANNEL = 'C0CALLBACKS';
const ADMIN = 'U0001';
const PARK = 'U0002'; // phone, CTI agent a2 (logged in)
const LEE = 'U0003'; // phone, CTI agent a3 (never logged in)
const CHOI = 'U0004'; // member without the phone permission

const text = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? [])}`;

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Slack: callback cards in the callback channel', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let apiKey: string;
  let phoneNo = 0;
  let responseNo = 0;

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  /** A new callback through the public API, as an IVR would file it; a fresh phone number each time. */
  const fileCallback = async (name = 'Customer') => {
    phoneNo += 1;
    const phone = `0105555${String(phoneNo).padStart(4, '0')}`;
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone, name, source: 'ivr' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    return { id: body.id, phone, shown: `010-5555-${String(phoneNo).padStart(4, '0')}` };
  };

  /** Messages posted (not edited) in the callback channel that show this callback. */
  const channelPostsOf = (callbackId: string) =>
    slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === CHANNEL && text(c).includes(callbackId));

  const cardPosted = (callbackId: string) =>
    slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && c.response.ok === true && text(c).includes(callbackId),
      15_000,
    );

  /** Clicks a button (or picks an option) as `userId`; returns the response_url id the app answers on. */
  const click = async (
    userId: string,
    actionId: string,
    value: string,
    where: { messageTs?: string; channelId?: string; selected?: boolean } = {},
  ) => {
    responseNo += 1;
    const responseId = `r${responseNo}`;
    const payload = blockActionsPayload({
      actionId,
      userId,
      channelId: where.channelId ?? CHANNEL,
      messageTs: where.messageTs,
      responseUrl: slack.responseUrl(responseId),
      ...(where.selected ? { selectedOption: { value } } : { value }),
    });
    const sent = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(sent.status).toBe(200);
    return responseId;
  };
  const answerOn = (responseId: string) =>
    slack.waitForCall('response_url', (c) => c.url?.endsWith(`/response/${responseId}`) === true, 10_000);

  const submitView = async (
    userId: string,
    callbackId: string,
    privateMetadata: string,
    values: Record<string, Record<string, Record<string, unknown>>>,
  ) => {
    const payload = viewSubmissionPayload({ callbackId, userId, privateMetadata, values });
    return sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
  };

  const cardUpdate = (ts: string, predicate: (t: string) => boolean, timeoutMs = 15_000) =>
    slack.waitForCall(
      'chat.update',
      (c) => c.args.ts === ts && c.args.channel === CHANNEL && c.response.ok === true && predicate(text(c)),
      timeoutMs,
    );

  beforeAll(async () => {
    // The callback channel is where the admin invited the bot.
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    for (const [id, realName] of [
      [ADMIN, 'Admin Kim'],
      [PARK, 'Agent Park'],
      [LEE, 'Agent Lee'],
      [CHOI, 'Clerk Choi'],
    ] as const)
      slack.setUser({ id, realName, locale: 'en-US' });

    serviceId = String((await cli('service', 'create', '--name', 'Callback Co')).id);
    await Promise.all([
      cli(
        'member',
        'add',
        '--service',
        serviceId,
        '--name',
        'Admin Kim',
        '--slack',
        `T0001:${ADMIN}`,
        '--role',
        'admin',
      ),
      cli(
        'member',
        'add',
        '--service',
        serviceId,
        '--name',
        'Agent Park',
        '--slack',
        `T0001:${PARK}`,
        '--permissions',
        'phone',
        '--cti',
        'a2',
      ),
      cli(
        'member',
        'add',
        '--service',
        serviceId,
        '--name',
        'Agent Lee',
        '--slack',
        `T0001:${LEE}`,
        '--permissions',
        'phone',
        '--cti',
        'a3',
      ),
      cli('member', 'add', '--service', serviceId, '--name', 'Clerk Choi', '--slack', `T0001:${CHOI}`),
      cli('settings', 'set', '--service', serviceId, `slackCallbackChannelId=${CHANNEL}`, 'locale=en'),
    ]);
    apiKey = String((await cli('apikey', 'create', '--service', serviceId, '--name', 'ivr')).key);

    // Agent Park logs in to CTI and is ready; Agent Lee never logs in.
    const cti = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { id: 'park-login', type: 'agent.login', at: Date.now(), service: 'support', agent: 'a2' },
          {
            id: 'park-ready',
            type: 'agent.state',
            at: Date.now(),
            service: 'support',
            agent: 'a2',
            state: 'ready',
          },
        ],
      }),
    });
    expect(cti.status).toBe(202);
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await slack?.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('a callback filed through the API appears as a card in the callback channel', async () => {
    const callback = await fileCallback('홍길동');
    const card = await cardPosted(callback.id);
    const shown = text(card);
    expect(shown).toContain(callback.shown);
    expect(shown).toContain('홍길동');
    expect(shown).toContain('IVR');
    expect(shown).toContain('Unassigned');
    expect(shown).toContain('Assign to me');
    expect(shown).toContain('Assign…');
    expect(shown).toContain('Register history');
    expect(shown).not.toContain('"Connect"');
    // One card per callback: never posted twice.
    expect(slack.callsTo('chat.postMessage').filter((c) => text(c).includes(callback.id))).toHaveLength(1);
  });

  it('a private callback channel the bot was not invited to: admins are told once to invite it', async () => {
    const refusedPost = (callbackId: string) =>
      slack.waitForCall(
        'chat.postMessage',
        (c) =>
          c.args.channel === CHANNEL && c.response.error === 'not_in_channel' && text(c).includes(callbackId),
        15_000,
      );
    const inviteNotices = () =>
      slack
        .callsTo('chat.postMessage')
        .filter((c) => c.response.ok === true && text(c).includes('/invite @switchboard'));
    slack.addChannel({ id: CHANNEL, isPrivate: true, botIsMember: false });
    try {
      await refusedPost((await fileCallback('Refused One')).id);
      const notice = await slack.waitForCall(
        'chat.postMessage',
        (c) => c.response.ok === true && text(c).includes('/invite @switchboard'),
        15_000,
      );
      expect(notice.response.channel).toBe(`D${ADMIN}`);
      expect(text(notice)).toContain(`<#${CHANNEL}>`);
      expect(text(notice)).toContain('/callback list');

      // Another refused card does not repeat the notice.
      await refusedPost((await fileCallback('Refused Two')).id);
      expect(inviteNotices()).toHaveLength(1);
    } finally {
      slack.addChannel({ id: CHANNEL, isPrivate: false, botIsMember: true });
    }
  });

  it('a card with the longest name and note the API accepts stays within Block Kit limits', async () => {
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: '02-987-6543',
        name: '김'.repeat(100),
        note: '<b>&'.repeat(250),
        preferredAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const card = await cardPosted(id);
    expect(text(card)).toContain('02-987-6543');
    expect(text(card)).toContain('&lt;b&gt;&amp;');
    // afterEach: the fake found no Block Kit violation in anything we sent.
  });

  it('assign, call and complete through the buttons edit the same card in place and DM the assignee', async () => {
    const callback = await fileCallback('Lee Mina');
    const ts = String((await cardPosted(callback.id)).response.ts);

    const took = await click(PARK, 'callback.assign_to_me', callback.id, { messageTs: ts });
    expect(String((await answerOn(took)).args.text)).toContain(`You took callback ${callback.shown}`);
    const assigned = await cardUpdate(ts, (t) => t.includes('Assigned') && t.includes('Agent Park'));
    expect(text(assigned)).toContain('"Connect"');
    expect(text(assigned)).not.toContain('Assign to me');
    await slack.waitForCall('conversations.open', (c) => c.args.users === PARK);
    const dm = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === `D${PARK}` && text(c).includes(callback.id),
    );
    expect(String(dm.args.text)).toContain(`A callback was assigned to you: ${callback.shown}`);

    // Call: no click-to-dial webhook is set, so the number comes as a tel: link with the outcome select.
    const called = await click(PARK, 'callback.call', callback.id, { messageTs: ts });
    const prompt = await answerOn(called);
    expect(prompt.args.response_type).toBe('ephemeral');
    expect(text(prompt)).toContain(`tel:${callback.phone}`);
    const noAnswer = /"value":"([^"]+:no_answer)"/.exec(text(prompt))?.[1];
    expect(noAnswer).toBeDefined();
    await cardUpdate(ts, (t) => t.includes('Call attempts') && t.includes('outcome not recorded'));

    const picked = await click(PARK, 'callback.outcome', noAnswer!, { messageTs: ts, selected: true });
    const recorded = await answerOn(picked);
    expect(recorded.args.replace_original).toBe(true);
    expect(String(recorded.args.text)).toContain('No answer');
    await cardUpdate(ts, (t) => t.includes('last: No answer'));

    // Complete: the modal, then its submission.
    await click(PARK, 'callback.complete_open', callback.id, { messageTs: ts });
    const modal = await slack.waitForCall('views.open', (c) =>
      JSON.stringify(c.args.view).includes(callback.id),
    );
    const view = modal.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('callback.complete');
    const submitted = await submitView(PARK, 'callback.complete', view.private_metadata, {
      complete_outcome: {
        value: { type: 'static_select', selected_option: { value: 'connected' } },
      },
      complete_note: { value: { type: 'plain_text_input', value: 'Called back; sorted out the invoice' } },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe('');
    const completed = await cardUpdate(ts, (t) => t.includes('Completed') && t.includes('Connected'));
    expect(completed.args.blocks as unknown[]).not.toContainEqual(
      expect.objectContaining({ type: 'actions' }),
    );
    expect((await app.store.callbacks.get(callback.id))?.status).toBe('completed');

    // Every edit went to the one card; nothing was posted for it again.
    expect(channelPostsOf(callback.id)).toHaveLength(1);
    expect(
      slack.callsTo('chat.update').every((c) => !text(c).includes(callback.id) || c.args.ts === ts),
    ).toBe(true);
  }, 60_000);

  it('unassign, a folded repeat request and a cancel edit the card too, and the agent hears of the unassign', async () => {
    const callback = await fileCallback('Unassign Me');
    const ts = String((await cardPosted(callback.id)).response.ts);
    await answerOn(await click(PARK, 'callback.assign_to_me', callback.id, { messageTs: ts }));
    await cardUpdate(ts, (t) => t.includes('Agent Park'));

    const operator = { kind: 'operator', name: 'supervisor' } as const;
    const back = await unassignCallbacks(app.callbacks, operator, serviceId, [callback.id]);
    expect(back).toMatchObject({ ok: true, value: { skipped: [] } });
    const unassigned = await cardUpdate(ts, (t) => t.includes('Unassigned') && t.includes('Assign to me'));
    expect(text(unassigned)).not.toContain('Agent Park');
    const dm = await slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.args.channel === `D${PARK}` && text(c).includes(callback.id) && /unassign|taken off/i.test(text(c)),
    );
    expect(dm).toBeDefined();

    // The customer asks again while it is open: the same card shows two requests.
    const again = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: callback.phone, source: 'web' }),
    });
    expect(again.status).toBe(200);
    await cardUpdate(ts, (t) => /Requests\*\\n2/.test(t) && t.includes('Unassigned'));

    const cancelled = await cancelCallback(
      app.callbacks,
      operator,
      callback.id,
      'duplicate of another request',
    );
    expect(cancelled.ok).toBe(true);
    const final = await cardUpdate(ts, (t) => t.includes('Cancelled'));
    expect(final.args.blocks as unknown[]).not.toContainEqual(expect.objectContaining({ type: 'actions' }));
    expect(channelPostsOf(callback.id)).toHaveLength(1);
  }, 60_000);

  it('Cancel… is for admins: an agent is refused, an admin gives a reason and every card shows it cancelled', async () => {
    const callback = await fileCallback('Cancel Me');
    const ts = String((await cardPosted(callback.id)).response.ts);
    const card = slack.messageAt(CHANNEL, ts);
    expect(JSON.stringify(card?.blocks)).toContain('callback.cancel_open');

    const refused = await answerOn(await click(PARK, 'callback.cancel_open', callback.id, { messageTs: ts }));
    expect(String(refused.args.text)).toMatch(/admin/i);
    expect((await app.store.callbacks.get(callback.id))?.status).toBe('unassigned');

    await click(ADMIN, 'callback.cancel_open', callback.id, { messageTs: ts });
    const modal = await slack.waitForCall(
      'views.open',
      (c) =>
        JSON.stringify(c.args.view).includes('callback.cancel') &&
        JSON.stringify(c.args.view).includes(callback.shown),
    );
    const view = modal.args.view as { private_metadata: string };
    const empty = await submitView(ADMIN, 'callback.cancel', view.private_metadata, {
      cancel_reason: { value: { type: 'plain_text_input', value: '   ' } },
    });
    expect(JSON.parse(empty.body)).toMatchObject({
      response_action: 'errors',
      errors: { cancel_reason: expect.any(String) },
    });
    const done = await submitView(ADMIN, 'callback.cancel', view.private_metadata, {
      cancel_reason: {
        value: { type: 'plain_text_input', value: 'Customer called in again and was helped' },
      },
    });
    expect(done.status).toBe(200);
    expect(done.body).toBe('');
    const final = await cardUpdate(ts, (t) => t.includes('Cancelled'));
    expect(final.args.blocks as unknown[]).not.toContainEqual(expect.objectContaining({ type: 'actions' }));
    expect(await app.store.callbacks.get(callback.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Customer called in again and was helped',
    });
  }, 30_000);

  it('a digest that holds a callback is edited in place when that callback changes', async () => {
    slack.reset();
    // Three at once: the channel gets at most one card and then a digest (Slack allows ~1 message/s/channel).
    const burst = await Promise.all([fileCallback('A'), fileCallback('B'), fileCallback('C')]);
    const digest = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && String(c.args.text).includes('new callbacks'),
      15_000,
    );
    const ts = String(digest.response.ts);
    const inDigest = burst.find((b) => text(digest).includes(b.shown));
    expect(inDigest).toBeDefined();
    // The hint names each role's part; the admins' one is the list of them all.
    expect(text(digest)).toContain('Admins: *Unassigned list* (`/callback list unassigned`)');

    const took = await click(PARK, 'callback.assign_to_me', inDigest!.id, { messageTs: ts });
    await answerOn(took);
    const edited = await cardUpdate(ts, (t) => t.includes('Assigned 1'));
    expect(text(edited)).toContain(inDigest!.shown);
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
    expect(posts.length).toBeLessThanOrEqual(2);
  }, 30_000);

  it('a refused click is answered privately with the reason and changes nothing', async () => {
    const callback = await fileCallback('Refusals');
    const ts = String((await cardPosted(callback.id)).response.ts);
    const before = await app.store.callbacks.get(callback.id);

    // A member without the phone permission cannot take callbacks.
    const byChoi = await click(CHOI, 'callback.assign_to_me', callback.id, { messageTs: ts });
    const choiAnswer = await answerOn(byChoi);
    expect(choiAnswer.args.response_type).toBe('ephemeral');
    expect(choiAnswer.args.replace_original).toBe(false);
    expect(String(choiAnswer.args.text)).toContain('This needs the `phone` permission');
    expect((await app.store.callbacks.get(callback.id))?.history).toEqual(before?.history);

    // Lee takes it; then Park (not the assignee) presses Call.
    await answerOn(await click(LEE, 'callback.assign_to_me', callback.id, { messageTs: ts }));
    const byPark = await click(PARK, 'callback.call', callback.id, { messageTs: ts });
    expect(String((await answerOn(byPark)).args.text)).toContain('This callback is assigned to Agent Lee');

    // Lee presses Call but has never logged in to CTI.
    const byLee = await click(LEE, 'callback.call', callback.id, { messageTs: ts });
    expect(String((await answerOn(byLee)).args.text)).toContain('You are not logged in to CTI (agent a3)');

    // Park presses Complete on Lee's callback: told at once, no modal.
    const completeByPark = await click(PARK, 'callback.complete_open', callback.id, { messageTs: ts });
    expect(String((await answerOn(completeByPark)).args.text)).toContain('assigned to Agent Lee');
    expect(
      slack.callsTo('views.open').filter((c) => JSON.stringify(c.args.view).includes(callback.id)),
    ).toHaveLength(0);

    // Taking an already-taken callback names who has it.
    const again = await click(PARK, 'callback.assign_to_me', callback.id, { messageTs: ts });
    expect(String((await answerOn(again)).args.text)).toContain('already assigned to Agent Lee');

    const after = await app.store.callbacks.get(callback.id);
    expect(after?.attempts).toEqual([]);
    expect(after?.status).toBe('assigned');
    expect(after?.assigneeId).not.toBeNull();
  }, 60_000);

  it('the Complete and Register history modals show validation errors inline', async () => {
    const callback = await fileCallback('Modal');
    const ts = String((await cardPosted(callback.id)).response.ts);
    await answerOn(await click(PARK, 'callback.assign_to_me', callback.id, { messageTs: ts }));

    await click(PARK, 'callback.complete_open', callback.id, { messageTs: ts });
    const modal = await slack.waitForCall(
      'views.open',
      (c) =>
        JSON.stringify(c.args.view).includes(callback.id) &&
        JSON.stringify(c.args.view).includes('callback.complete'),
    );
    const metadata = (modal.args.view as { private_metadata: string }).private_metadata;
    const tooLong = await submitView(PARK, 'callback.complete', metadata, {
      complete_note: { value: { type: 'plain_text_input', value: 'x'.repeat(2001) } },
    });
    expect(tooLong.status).toBe(200);
    const answer = JSON.parse(tooLong.body) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.complete_note).toContain('at most 2000 characters');
    expect((await app.store.callbacks.get(callback.id))?.status).toBe('assigned');

    // Register history from the card: a summary is required.
    await click(PARK, 'callback.history_open', callback.id, { messageTs: ts });
    const history = await slack.waitForCall(
      'views.open',
      (c) =>
        JSON.stringify(c.args.view).includes('callback.history') &&
        JSON.stringify(c.args.view).includes(callback.id),
    );
    const historyMetadata = (history.args.view as { private_metadata: string }).private_metadata;
    expect(JSON.stringify(history.args.view)).not.toContain('history_phone');
    const empty = await submitView(PARK, 'callback.history', historyMetadata, {
      history_channel: { value: { type: 'static_select', selected_option: { value: 'phone' } } },
      history_summary: { value: { type: 'plain_text_input', value: '' } },
    });
    const emptyAnswer = JSON.parse(empty.body) as { response_action: string; errors: Record<string, string> };
    expect(emptyAnswer.response_action).toBe('errors');
    expect(Object.keys(emptyAnswer.errors)).toEqual(['history_summary']);
    const saved = await submitView(PARK, 'callback.history', historyMetadata, {
      history_channel: { value: { type: 'static_select', selected_option: { value: 'phone' } } },
      history_summary: { value: { type: 'plain_text_input', value: 'Asked about delivery' } },
    });
    expect(saved.body).toBe('');
    const confirmed = await slack.waitForCall(
      'chat.postEphemeral',
      (c) => c.args.user === PARK && String(c.args.text).includes('History registered'),
    );
    expect(confirmed.args.channel).toBe(CHANNEL);
  }, 60_000);

  it('converges after Slack answers 429 to chat.update, without posting the card again', async () => {
    const callback = await fileCallback('Rate limit');
    const ts = String((await cardPosted(callback.id)).response.ts);
    slack.rateLimit('chat.update', { retryAfterSeconds: 1, forMs: 4000 });
    await answerOn(await click(PARK, 'callback.assign_to_me', callback.id, { messageTs: ts }));
    await slack.waitForCall('chat.update', (c) => c.args.ts === ts && c.response.ok === false);
    // A second change while Slack still says wait: the card ends up showing the latest state.
    const called = await answerOn(await click(PARK, 'callback.call', callback.id, { messageTs: ts }));
    const busy = /"value":"([^"]+:busy)"/.exec(text(called))?.[1];
    await answerOn(await click(PARK, 'callback.outcome', busy!, { messageTs: ts, selected: true }));
    await cardUpdate(ts, (t) => t.includes('Agent Park') && t.includes('last: Busy'), 20_000);
    expect(JSON.stringify(slack.messageAt(CHANNEL, ts)?.blocks)).toContain('last: Busy');
    expect(channelPostsOf(callback.id)).toHaveLength(1);
  }, 60_000);

  it('100 callbacks within 10 s make at most 10 channel messages, and all 100 are in the list', async () => {
    // Let the channel's pacing from earlier tests run out, then count only this burst's messages.
    await waitUntil(
      async () => ((await app.store.callbackPosts.getQueue(serviceId))?.pending.length ?? 0) === 0,
      20_000,
      'an idle posting queue',
    );
    slack.reset();
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++)
      ids.push(
        ...(await Promise.all(Array.from({ length: 10 }, () => fileCallback('Burst')))).map((c) => c.id),
      );

    await waitUntil(
      async () => {
        const queue = await app.store.callbackPosts.getQueue(serviceId);
        if ((queue?.pending.length ?? 0) > 0) return false;
        for (const id of ids) if ((await app.store.callbackPosts.postIdsOf(id)).length === 0) return false;
        return true;
      },
      60_000,
      'all 100 callbacks posted',
    );
    const messages = slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === CHANNEL && c.response.ok === true);
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(messages.length).toBeLessThanOrEqual(10);
    expect(messages.some((m) => String(m.args.text).includes('new callbacks'))).toBe(true);

    const list = await fetch(`${app.url}/api/v1/callbacks?status=all&pageSize=500`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const listed = new Set(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id));
    expect(ids.every((id) => listed.has(id))).toBe(true);
  }, 120_000);
});
