import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { imageSize } from 'image-size';
import { slackIdentity } from '../../src/domain/members.js';
import { receiveCallback } from '../../src/usecases/callbacks.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { checkSlackPayload } from '../support/block-kit-limits.js';
import { runCli } from '../support/cli.js';
import { SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
  appHomeOpenedBody,
} from '../support/slack-requests.js';

const TEAM = 'T0001';
const ADMIN = 'U0001';
const AGENT_A = 'U0002';
const AGENT_B = 'U0003';
const AGENT_C = 'U0004';
/** A supervisor with `callbackAssign` only: hands callbacks out, takes none. */
const SUPERVISOR = 'U0005';
const CHANNEL = 'C0CALLBACK';

type Values = Record<string, Record<string, Record<string, unknown>>>;
interface Answer {
  response_action?: string;
  errors?: Record<string, string>;
  view?: Record<string, unknown>;
}

/** `/switchboard setup` by the admin in the callback channel, as a person sets a service up; its id. */
async function setUpService(app: TestApp, slack: FakeSlackWebApi, name: string): Promise<string> {
  slack.reset();
  const setup = slashCommandBody({
    command: '/switchboard',
    text: `setup ${name}`,
    channelId: CHANNEL,
    userId: ADMIN,
    responseUrl: slack.responseUrl(),
  });
  await sendToSlackEndpoint(app.url, SIGNING_SECRET, setup);
  await slack.waitForCall('response_url');
  return (await app.store.services.list())[0]!._id;
}

/**
 * `/callback` end to end: signed slash commands and view submissions into the real app (Bolt, use cases, FerretDB),
 * Slack's Web API faked at the HTTP edge. The app runs with a single database connection so that two racing
 * assignments serialize on FerretDB v1, whose updates are query-then-write (docs/testing.md); on MongoDB the conditional
 * update alone is atomic.
 */
describe('Slack: /callback list, new, assign, unassign, stats and the Home tab', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let apiKey: string;
  const memberIds = new Map<string, string>();
  let phoneSeq = 0;

  const cli = async (args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const command = async (text: string, userId = ADMIN) => {
    slack.reset();
    const body = slashCommandBody({
      command: '/callback',
      text,
      channelId: CHANNEL,
      userId,
      responseUrl: slack.responseUrl(),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
  };
  /** The ephemeral answer of a command (posted to its response_url). */
  const ask = async (text: string, userId = ADMIN) => {
    await command(text, userId);
    const call = await slack.waitForCall('response_url');
    return { text: String(call.args.text), all: JSON.stringify(call.args), args: call.args };
  };
  /** The admin clicks a button of an ephemeral message in the channel. */
  const clickButton = async (actionId: string, value: string) => {
    const payload = blockActionsPayload({
      actionId,
      value,
      userId: ADMIN,
      channelId: CHANNEL,
      responseUrl: slack.responseUrl(),
    });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
  };
  const openedView = async () => {
    const call = await slack.waitForCall('views.open');
    return call.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Record<string, unknown>[];
    };
  };
  const submit = async (payload: Record<string, unknown>): Promise<Answer | undefined> => {
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(response.status).toBe(200);
    const answer = response.body ? (JSON.parse(response.body) as Answer) : undefined;
    // A view returned in the ack never reaches the fake Web API: check it against Slack's limits here.
    if (answer?.view) expect(checkSlackPayload('views.update', { view: answer.view })).toEqual([]);
    // Inline errors must name blocks of the submitted view, or Slack shows nothing.
    if (answer?.response_action === 'errors') {
      const blockIds = Object.keys((payload.view as { state: { values: Values } }).state.values);
      for (const key of Object.keys(answer.errors ?? {})) expect(blockIds).toContain(key);
    }
    return answer;
  };
  const metadata = () => JSON.stringify({ serviceId, teamId: TEAM, channelId: CHANNEL });
  const assignValues = (input: {
    callbacks?: string[];
    oldest?: number;
    agents: string[];
    mode: 'even' | 'manual';
  }): Values => ({
    cb_assign_callbacks: {
      value: {
        type: 'multi_static_select',
        selected_options: (input.callbacks ?? []).map((value) => ({ value })),
      },
    },
    cb_assign_oldest: { value: { type: 'number_input', value: input.oldest ? String(input.oldest) : null } },
    cb_assign_agents: {
      value: {
        type: 'multi_static_select',
        selected_options: input.agents.map((u) => ({ value: memberIds.get(u)! })),
      },
    },
    cb_assign_mode: { value: { type: 'radio_buttons', selected_option: { value: input.mode } } },
  });
  const submitAssignment = (userId: string, values: Values, privateMetadata = metadata()) =>
    submit(viewSubmissionPayload({ callbackId: 'callback.assign', privateMetadata, userId, values }));
  /** A callback through the public intake API, requested `minutesAgo` minutes ago. */
  const file = async (minutesAgo: number, name?: string) => {
    phoneSeq++;
    const phone = `0101234${String(phoneSeq).padStart(4, '0')}`;
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone,
        name,
        requestedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string };
    return { id: body.id, phone, shown: `010-1234-${String(phoneSeq).padStart(4, '0')}` };
  };
  const fileMany = async (count: number, fromMinutesAgo: number) => {
    const made = [];
    // Oldest first, one minute apart, so "oldest first" has one right answer.
    for (let i = 0; i < count; i++) made.push(await file(fromMinutesAgo - i));
    return made;
  };
  const stored = (id: string) => app.store.callbacks.get(id);

  beforeAll(async () => {
    // The bot was invited to the callback channel, as an admin does when setting it up.
    slack = await FakeSlackWebApi.start({ channels: [{ id: CHANNEL, botIsMember: true }] });
    app = await startTestApp({
      env: { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url },
    });
    slack.setUser({ id: ADMIN, realName: 'Kim Admin', locale: 'en-US' });
    slack.setUser({ id: AGENT_A, realName: 'Agent A', locale: 'en-US' });
    slack.setUser({ id: AGENT_B, realName: 'Agent B', locale: 'en-US' });
    slack.setUser({ id: AGENT_C, realName: 'Agent C', locale: 'en-US' });
    slack.setUser({ id: SUPERVISOR, realName: 'Sup Lee', locale: 'en-US' });
    serviceId = await setUpService(app, slack, 'Callback Co');
    for (const [user, name, permissions] of [
      [AGENT_A, 'Agent A', 'phone'],
      [AGENT_B, 'Agent B', 'phone'],
      [AGENT_C, 'Agent C', 'phone'],
      [SUPERVISOR, 'Sup Lee', 'callbackAssign'],
    ] as const) {
      const added = await cli([
        'member',
        'add',
        '--service',
        serviceId,
        '--name',
        name,
        '--slack',
        `${TEAM}:${user}`,
        '--permissions',
        permissions,
      ]);
      memberIds.set(user, String(added.id));
    }
    const admin = await app.store.members.findByIdentity(serviceId, slackIdentity(TEAM, ADMIN));
    memberIds.set(ADMIN, admin!._id);
    apiKey = String((await cli(['apikey', 'create', '--service', serviceId, '--name', 'IVR'])).key);
  }, 90_000);
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  beforeEach(async () => {
    // Each test starts from an empty pool, so open loads and counts are the test's own.
    await app.store.db.collection('callbacks').deleteMany({});
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('lists by scope; an agent sees only their own, and the header says so', async () => {
    // "today" is the service's (Seoul) day: the three callbacks must fall on one Seoul day whatever the hour the
    // suite runs at. Just after midnight they are filed before it and asked for by that day's date.
    const seoulNow = seoulClock(new Date());
    const justAfterMidnight = seoulNow.minutesSinceMidnight < 4;
    const [c1, c2, c3] = await fileMany(
      3,
      justAfterMidnight ? 30 : Math.min(30, seoulNow.minutesSinceMidnight - 1),
    );
    const day = justAfterMidnight ? seoulClock(new Date(Date.now() - 30 * 60_000)).day : 'today';
    expect(
      await submitAssignment(ADMIN, assignValues({ callbacks: [c1!.id], agents: [AGENT_A], mode: 'manual' })),
    ).toMatchObject({ response_action: 'update' });

    const all = await ask('list all');
    expect(all.all).toContain('Callbacks — All');
    expect(all.all).toContain('Everyone’s callbacks');
    for (const c of [c1!, c2!, c3!]) expect(all.all).toContain(c.shown);
    expect(all.all).toContain('Assignee Agent A');
    expect(all.all).toContain('callback.export_list');

    const unassigned = await ask(`list unassigned ${day}`);
    expect(unassigned.all).not.toContain(c1!.shown);
    expect(unassigned.all).toContain(c2!.shown);
    expect(unassigned.all).toContain(c3!.shown);

    const assigned = await ask('list assigned 7d');
    expect(assigned.all).toContain(c1!.shown);
    expect(assigned.all).not.toContain(c2!.shown);

    const mine = await ask('', AGENT_A);
    expect(mine.all).toContain('Showing only callbacks assigned to you');
    expect(mine.all).toContain(c1!.shown);
    expect(mine.all).not.toContain(c2!.shown);
    const nothing = await ask('list all', AGENT_B);
    expect(nothing.all).toContain('No callbacks match.');
    expect(nothing.all).not.toContain(c1!.shown);

    const unknown = await ask('someday');
    expect(unknown.text).toContain('`someday` is not a word `/callback` knows.');
    expect(unknown.text).toContain('How to use `/callback`');
    expect((await ask('help')).text).toContain('/callback assign');
  });

  it('pages ten at a time with Prev/Next', async () => {
    const made = await fileMany(21, 60);
    const first = await ask('list unassigned');
    expect(first.all).toContain('Page 1 of 3 · 21 in all');
    type Element = { action_id: string; value: string; text?: { text: string } };
    const buttonsOf = (args: Record<string, unknown>) =>
      (args.blocks as { type: string; elements?: Element[] }[]).flatMap((b) => b.elements ?? []);
    const next = buttonsOf(first.args).find((e) => e.action_id === 'callback.list_page');
    expect(next?.text?.text).toBe('Next ▶');
    expect(buttonsOf(first.args).some((e) => e.action_id === 'callback.list_page_prev')).toBe(false);
    slack.reset();
    await clickButton('callback.list_page', next!.value);
    const second = await slack.waitForCall('response_url');
    expect(second.args.replace_original).toBe(true);
    expect(JSON.stringify(second.args)).toContain('Page 2 of 3 · 21 in all');
    // A middle page offers both, each with its own action id (Slack refuses two equal ids in one block).
    const middle = buttonsOf(second.args);
    const prev = middle.find((e) => e.action_id === 'callback.list_page_prev');
    expect(prev?.text?.text).toBe('◀ Previous');
    expect(middle.some((e) => e.action_id === 'callback.list_page')).toBe(true);
    expect(checkSlackPayload('chat.postMessage', second.args)).toEqual([]);
    slack.reset();
    await clickButton('callback.list_page_prev', prev!.value);
    const back = await slack.waitForCall('response_url');
    expect(JSON.stringify(back.args)).toContain('Page 1 of 3 · 21 in all');
    // Newest first: the oldest is on the last page, the newest on the first.
    expect(JSON.stringify(back.args)).toContain(made[20]!.shown);
    expect(JSON.stringify(back.args)).not.toContain(made[0]!.shown);
  });

  it('/callback new shows a bad phone inline, then files a manual callback and folds a repeat', async () => {
    await command('new');
    const view = await openedView();
    expect(view.callback_id).toBe('callback.create');
    const values = (phone: string): Values => ({
      cb_new_phone: { value: { type: 'plain_text_input', value: phone } },
      cb_new_name: { value: { type: 'plain_text_input', value: '홍길동' } },
      cb_new_note: { value: { type: 'plain_text_input', value: null } },
      cb_new_preferred: { value: { type: 'datetimepicker', selected_date_time: null } },
    });
    const payload = (phone: string) =>
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: values(phone),
      });
    expect(await submit(payload('call me maybe'))).toEqual({
      response_action: 'errors',
      errors: {
        cb_new_phone: 'A phone number may only contain digits, spaces, hyphens, brackets and a leading +.',
      },
    });
    expect(await app.store.db.collection('callbacks').countDocuments()).toBe(0);

    expect(await submit(payload('010-5555-1234'))).toBeUndefined();
    const created = await slack.waitForCall('chat.postEphemeral');
    expect(created.args).toMatchObject({ channel: CHANNEL, user: ADMIN });
    expect(String(created.args.text)).toContain('Callback entered: *010-5555-1234* 홍길동');
    const doc = await app.store.db.collection('callbacks').findOne({ phone: '01055551234' });
    expect(doc).toMatchObject({ source: 'manual', status: 'unassigned', name: '홍길동', requestCount: 1 });

    slack.reset();
    expect(await submit(payload('01055551234'))).toBeUndefined();
    const folded = await slack.waitForCall('chat.postEphemeral');
    expect(String(folded.args.text)).toContain(
      'already had an open callback; this request was added to it (request 2)',
    );
  });

  it('distributes evenly over three agents with open loads 5/0/2, least loaded first', async () => {
    const forA = await fileMany(5, 200);
    const forC = await fileMany(2, 150);
    await submitAssignment(
      ADMIN,
      assignValues({ callbacks: forA.map((c) => c.id), agents: [AGENT_A], mode: 'manual' }),
    );
    await submitAssignment(
      ADMIN,
      assignValues({ callbacks: forC.map((c) => c.id), agents: [AGENT_C], mode: 'manual' }),
    );
    const pool = await fileMany(7, 100);

    await command('assign');
    const view = await openedView();
    expect(view.callback_id).toBe('callback.assign');
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('7 unassigned callbacks');
    expect(shown).toContain('Agent A (5 open)');
    expect(shown).toContain('Agent B (0 open)');
    expect(shown).toContain('Agent C (2 open)');
    expect(shown).not.toContain('Sup Lee'); // no phone permission: takes no callbacks

    const answer = await submit(
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: assignValues({
          callbacks: pool.map((c) => c.id),
          agents: [AGENT_A, AGENT_B, AGENT_C],
          mode: 'even',
        }),
      }),
    );
    expect(answer?.response_action).toBe('update');
    const summary = JSON.stringify(answer!.view);
    expect(summary).toContain('Agent B: 3');
    expect(summary).toContain('Agent C: 2');
    expect(summary).toContain('Agent A: 2');

    // Round-robin oldest first over B (0), C (2), A (5).
    const order = [AGENT_B, AGENT_C, AGENT_A];
    const shares = new Map<string, number>();
    for (const [i, c] of pool.entries()) {
      const doc = await stored(c.id);
      expect(doc).toMatchObject({ status: 'assigned', assigneeId: memberIds.get(order[i % 3]!) });
      shares.set(doc!.assigneeId!, (shares.get(doc!.assigneeId!) ?? 0) + 1);
    }
    expect(Math.max(...shares.values()) - Math.min(...shares.values())).toBeLessThanOrEqual(1);

    // The assignees' Home tabs are refreshed with their new callbacks.
    const home = await slack.waitForCall('views.publish', (c) => c.args.user_id === AGENT_B);
    expect(JSON.stringify(home.args.view)).toContain('My open callbacks');
    expect(JSON.stringify(home.args.view)).toContain(pool[0]!.shown);
  });

  it('Assign… on a list row opens the assign modal with that callback picked', async () => {
    const [c1] = await fileMany(2, 15);
    const list = await ask('list unassigned');
    const buttons = (list.args.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap(
      (b) => b.elements ?? [],
    );
    expect(buttons).toContainEqual(
      expect.objectContaining({ action_id: 'callback.assign_open', value: c1!.id }),
    );
    slack.reset();
    await clickButton('callback.assign_open', c1!.id);
    const view = await openedView();
    const pick = view.blocks.find((b) => b.block_id === 'cb_assign_callbacks') as {
      element: { initial_options?: { value: string }[] };
    };
    expect(pick.element.initial_options?.map((o) => o.value)).toEqual([c1!.id]);
  });

  it('refuses Assign manually with two agents inline, naming the rule, and assigns nothing', async () => {
    const [c1] = await fileMany(1, 10);
    const answer = await submitAssignment(
      ADMIN,
      assignValues({ callbacks: [c1!.id], agents: [AGENT_A, AGENT_B], mode: 'manual' }),
    );
    expect(answer).toEqual({
      response_action: 'errors',
      errors: {
        cb_assign_agents:
          'Assign manually takes exactly one agent (2 selected). To share among several, choose "Distribute evenly".',
      },
    });
    expect(await stored(c1!.id)).toMatchObject({ status: 'unassigned', assigneeId: null });

    const both = await submitAssignment(
      ADMIN,
      assignValues({ callbacks: [c1!.id], oldest: 3, agents: [AGENT_A], mode: 'manual' }),
    );
    expect(both?.errors).toEqual({ cb_assign_oldest: 'Pick callbacks or enter N, not both.' });
  });

  it('two supervisors assigning overlapping callbacks at once: each is assigned exactly once, the loser is told', async () => {
    const pool = await fileMany(6, 50);
    // The supervisor (callbackAssign only) opens the modal too: the whole pool is offered to them.
    await command('assign', SUPERVISOR);
    const supView = await openedView();
    for (const c of pool) expect(JSON.stringify(supView.blocks)).toContain(c.shown);

    const [byAdmin, bySupervisor] = await Promise.all([
      submitAssignment(
        ADMIN,
        assignValues({ callbacks: pool.slice(0, 4).map((c) => c.id), agents: [AGENT_A], mode: 'even' }),
      ),
      submitAssignment(
        SUPERVISOR,
        assignValues({ callbacks: pool.slice(2).map((c) => c.id), agents: [AGENT_B], mode: 'even' }),
        supView.private_metadata,
      ),
    ]);
    expect(byAdmin?.response_action).toBe('update');
    expect(bySupervisor?.response_action).toBe('update');
    const adminSummary = JSON.stringify(byAdmin!.view);
    const supervisorSummary = JSON.stringify(bySupervisor!.view);

    let aCount = 0;
    let bCount = 0;
    for (const c of pool) {
      const doc = await stored(c.id);
      expect(doc?.status).toBe('assigned');
      expect(doc!.history.filter((h) => h.action === 'assigned')).toHaveLength(1);
      if (doc!.assigneeId === memberIds.get(AGENT_A)) aCount++;
      else bCount++;
    }
    expect(adminSummary).toContain(`Agent A: ${aCount}`);
    expect(supervisorSummary).toContain(`Agent B: ${bCount}`);
    expect(aCount + bCount).toBe(6);
    // The overlap (3rd and 4th) went to one of them; the other's summary names each by number and holder.
    for (const c of pool.slice(2, 4)) {
      const holder = (await stored(c.id))!.assigneeId;
      const loser = holder === memberIds.get(AGENT_A) ? supervisorSummary : adminSummary;
      const winner = holder === memberIds.get(AGENT_A) ? 'Agent A' : 'Agent B';
      expect(loser).toContain(`${c.shown} — now with ${winner}`);
    }
    expect(`${adminSummary}${supervisorSummary}`).toContain('taken by someone else meanwhile');
  });

  it('unassign shows loads per agent and returns picked callbacks to the pool', async () => {
    const pool = await fileMany(3, 40);
    await submitAssignment(
      ADMIN,
      assignValues({ callbacks: pool.map((c) => c.id), agents: [AGENT_C], mode: 'manual' }),
    );

    await command('unassign');
    const view = await openedView();
    expect(view.callback_id).toBe('callback.unassign');
    expect(JSON.stringify(view.blocks)).toContain('Agent C: 3');
    expect(JSON.stringify(view.blocks)).toContain(`${pool[0]!.shown}`);
    const values = (ids: string[]): Values => ({
      cb_unassign_callbacks: {
        value: { type: 'multi_static_select', selected_options: ids.map((value) => ({ value })) },
      },
    });
    const payload = (ids: string[]) =>
      viewSubmissionPayload({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: ADMIN,
        values: values(ids),
      });
    const answer = await submit(payload([pool[0]!.id, pool[1]!.id]));
    expect(JSON.stringify(answer?.view)).toContain('Returned 2 to the unassigned pool');
    expect(await stored(pool[0]!.id)).toMatchObject({ status: 'unassigned', assigneeId: null });
    expect(await stored(pool[2]!.id)).toMatchObject({
      status: 'assigned',
      assigneeId: memberIds.get(AGENT_C),
    });

    const again = await submit(payload([pool[0]!.id]));
    expect(JSON.stringify(again?.view)).toContain('Skipped 1 that were no longer assigned');

    // Back in the pool, so they can be assigned again.
    expect(
      await submitAssignment(ADMIN, assignValues({ oldest: 2, agents: [AGENT_B], mode: 'manual' })),
    ).toMatchObject({ response_action: 'update' });
    expect(await stored(pool[0]!.id)).toMatchObject({
      status: 'assigned',
      assigneeId: memberIds.get(AGENT_B),
    });

    // Nothing picked: said on the field, nothing changes.
    const nothing = await submit(payload([]));
    expect(nothing).toMatchObject({
      response_action: 'errors',
      errors: { cb_unassign_callbacks: expect.any(String) },
    });

    // Every open callback of an agent, without picking them (large pools outgrow a 100-option select).
    await command('unassign');
    const byAgent = await openedView();
    expect(JSON.stringify(byAgent.blocks)).toContain('cb_unassign_agents');
    const all = await submit(
      viewSubmissionPayload({
        callbackId: byAgent.callback_id,
        privateMetadata: byAgent.private_metadata,
        userId: ADMIN,
        values: {
          cb_unassign_agents: {
            value: { type: 'multi_static_select', selected_options: [{ value: memberIds.get(AGENT_C)! }] },
          },
        },
      }),
    );
    expect(JSON.stringify(all?.view)).toContain('Returned 1 to the unassigned pool');
    expect(await stored(pool[2]!.id)).toMatchObject({ status: 'unassigned', assigneeId: null });
    expect(await stored(pool[0]!.id)).toMatchObject({
      status: 'assigned',
      assigneeId: memberIds.get(AGENT_B),
    });
  });

  it('refuses a non-admin the assign modal in words', async () => {
    const refused = await ask('assign', AGENT_A);
    expect(refused.text).toContain('This needs the `callbackAssign` permission');
    expect(slack.callsTo('views.open')).toHaveLength(0);
  });

  it('stats: refused for a non-admin, correct figures for an admin', async () => {
    expect((await ask('stats', AGENT_A)).text).toContain('Only a service admin can do this.');

    const [c1, c2] = await fileMany(3, 30);
    await submitAssignment(
      ADMIN,
      assignValues({ callbacks: [c1!.id, c2!.id], agents: [AGENT_A], mode: 'manual' }),
    );
    const doc = await stored(c1!.id);
    // Completed exactly 30 minutes after the request (the card engineer's Complete button is tested elsewhere).
    await app.store.callbacks.complete(
      c1!.id,
      undefined,
      { outcome: 'connected', note: null },
      { by: 'test', byName: null, surface: 'system' },
      new Date(doc!.requestedAt.getTime() + 30 * 60_000),
    );

    const stats = await ask('stats day 7d');
    expect(stats.all).toContain('Callback processing status');
    const tables = (stats.args.blocks as { text?: { text: string } }[])
      .map((b) => b.text?.text ?? '')
      .join('\n');
    // received = completed + cancelled + open, then assigned, completion rate, median minutes
    expect(tables).toMatch(/Total\s+3\s+1\s+0\s+2\s+2\s+33\.3%\s+30\n/);
    expect(tables).toMatch(/Agent A\s+2\s+1\s+0\s+1\s+2\s+50%\s+30\n/);
    expect(tables).toMatch(/\(Unassigned\)\s+1\s+0\s+0\s+1\s+0\s+0%\s+-\n/);
    expect(stats.all).toContain('callback.export_stats');

    const usage = await ask('stats weekly');
    expect(usage.text).toContain('Usage: `/callback stats');
  });

  it('stats over two days or more also send a chart to the admin’s DM', async () => {
    await file(26 * 60); // the day before in Seoul, whatever the hour now
    await file(1);
    slack.reset();
    const stats = await ask('stats day 7d');
    expect(stats.all).toContain('Callback processing status');
    const upload = await slack.waitForCall('files.completeUploadExternal', () => true, 10_000);
    expect(String(upload.args.initial_comment)).toContain('Callback processing status');
    // Screen readers get the figures: Slack's alt text names the chart and each day's counts.
    const [requested] = slack.callsTo('files.getUploadURLExternal');
    expect(String(requested!.args.alt_text)).toMatch(
      /^Callback processing status \(by day\) bar chart, .*: \d{4}-\d\d-\d\d received 1, completed 0, cancelled 0; \d{4}-\d\d-\d\d received 1, completed 0, cancelled 0$/,
    );
    const png = [...slack.uploads.values()].find((bytes) => bytes.subarray(1, 4).toString('ascii') === 'PNG');
    // The chart of test/unit/stats-chart.test.ts: 800 × 480 laid out, painted at twice the pixels.
    expect(imageSize(png!)).toMatchObject({ type: 'png', width: 1600, height: 960 });
    expect(slack.callsTo('conversations.open').map((c) => c.args.users)).toContain(ADMIN);
  });

  it('shows the viewer’s open callbacks on the Home tab', async () => {
    const [c1, c2] = await fileMany(2, 20);
    await submitAssignment(ADMIN, assignValues({ callbacks: [c1!.id], agents: [AGENT_A], mode: 'manual' }));
    slack.reset();
    const event = appHomeOpenedBody({ teamId: TEAM, userId: AGENT_A, eventId: 'EvHome1' });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, event, { contentType: 'json' });
    const published = await slack.waitForCall(
      'views.publish',
      (c) => c.args.user_id === AGENT_A && JSON.stringify(c.args.view).includes('My open callbacks'),
    );
    const home = JSON.stringify(published.args.view);
    expect(home).toContain(c1!.shown);
    expect(home).not.toContain(c2!.shown);
    expect(home).toContain('callback.call');
  });

  it('with callbacks switched off, every subcommand says so', async () => {
    await cli(['settings', 'set', '--service', serviceId, 'callbacksEnabled=false']);
    try {
      for (const text of ['', 'list all', 'new', 'assign', 'unassign', 'stats', 'help', 'nonsense']) {
        const answer = await ask(text);
        expect(answer.text).toContain('Callbacks are switched off for this service');
        expect(slack.callsTo('views.open')).toHaveLength(0);
      }
    } finally {
      await cli(['settings', 'set', '--service', serviceId, 'callbacksEnabled=true']);
    }
  });
});

/**
 * Slack waits 3 s for a modal submission's answer, and a distribution of thousands can take longer. Past the
 * window (0 ms here, so every submission takes this way) the modal says it is working and the result replaces it.
 */
describe('Slack: an assignment that outlasts the answer window', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  const agentId = new Map<string, string>();

  beforeAll(async () => {
    // The bot was invited to the callback channel, as an admin does when setting it up.
    slack = await FakeSlackWebApi.start({ channels: [{ id: CHANNEL, botIsMember: true }] });
    app = await startTestApp({
      env: { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url },
      modalAnswerWithinMs: 0,
    });
    slack.setUser({ id: ADMIN, realName: 'Kim Admin', locale: 'en-US' });
    serviceId = await setUpService(app, slack, 'Late Co');
    for (const [user, phone] of [
      [AGENT_A, true],
      [SUPERVISOR, false],
    ] as const) {
      const member = await app.store.members.create({
        serviceId,
        displayName: user === AGENT_A ? 'Agent A' : 'Sup Lee',
        role: 'member',
        permissions: { phone, callbackAssign: !phone, sms: false },
        identities: [slackIdentity(TEAM, user)],
        ctiAgentId: null,
      });
      agentId.set(user, member._id);
    }
    for (const phone of ['010-5555-0001', '010-5555-0002', '010-5555-0003']) {
      const filed = await receiveCallback(app.callbacks, { kind: 'operator', name: 'test' }, serviceId, {
        phone,
      });
      expect(filed.ok).toBe(true);
    }
  }, 90_000);
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  /** A submission answered late: its answer (the progress view) and the view `views.update` put in its place. */
  const submitLate = async (callbackId: string, values: Values, viewId: string) => {
    slack.reset();
    const payload = viewSubmissionPayload({
      callbackId,
      privateMetadata: JSON.stringify({ serviceId, teamId: TEAM, channelId: CHANNEL }),
      userId: ADMIN,
      viewId,
      values,
    });
    const response = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(response.status).toBe(200);
    const answer = JSON.parse(response.body) as Answer;
    expect(checkSlackPayload('views.update', { view: answer.view })).toEqual([]);
    const update = await slack.waitForCall('views.update', (c) => c.args.view_id === viewId);
    return { answer: JSON.stringify(answer), result: JSON.stringify(update.args.view) };
  };
  const countWith = async (status: 'assigned' | 'unassigned') =>
    (
      await app.store.callbacks.list(
        { serviceId, statuses: [status] },
        { skip: 0, limit: 1, order: 'oldest' },
      )
    ).total;
  const assignOldest3 = (agents: string[]): Values => ({
    cb_assign_oldest: { value: { type: 'number_input', value: '3' } },
    cb_assign_agents: {
      value: { type: 'multi_static_select', selected_options: agents.map((value) => ({ value })) },
    },
    cb_assign_mode: { value: { type: 'radio_buttons', selected_option: { value: 'even' } } },
  });

  it('answers with a progress view at once, then shows the summary in the same modal', async () => {
    const { answer, result } = await submitLate(
      'callback.assign',
      assignOldest3([agentId.get(AGENT_A)!]),
      'VLATE0001',
    );
    expect(answer).toContain('"response_action":"update"');
    expect(answer).toContain('Working on it…');
    expect(result).toContain('Agent A: 3');
    expect(await countWith('assigned')).toBe(3);
  });

  it("unassigning all of an agent's callbacks takes the same way", async () => {
    const values: Values = {
      cb_unassign_callbacks: { value: { type: 'multi_static_select', selected_options: [] } },
      cb_unassign_agents: {
        value: { type: 'multi_static_select', selected_options: [{ value: agentId.get(AGENT_A)! }] },
      },
    };
    const { answer, result } = await submitLate('callback.unassign', values, 'VLATE0002');
    expect(answer).toContain('Working on it…');
    expect(result).toContain('Returned 3 to the unassigned pool');
    expect(await countWith('unassigned')).toBe(3);
  });

  it('a refusal found after the progress view is shown in the modal, with its reason', async () => {
    const { result } = await submitLate(
      'callback.assign',
      assignOldest3([agentId.get(SUPERVISOR)!]),
      'VLATE0003',
    );
    expect(result).toContain('Not done');
    expect(result).toContain('Sup Lee');
  });
});

/** The Seoul calendar day (YYYY-MM-DD) of `at`, and how many minutes of that day have passed. */
function seoulClock(at: Date): { day: string; minutesSinceMidnight: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Seoul',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutesSinceMidnight: Number(parts.hour) * 60 + Number(parts.minute),
  };
}
