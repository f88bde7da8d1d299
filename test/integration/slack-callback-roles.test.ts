import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  appHomeOpenedBody,
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
} from '../support/slack-requests.js';

/**
 * Buttons true to the role (issue 13, item 6): a message only one person sees (their DM, App Home, `/callback list`
 * answer) shows the actions that person may take; the shared card in the callback channel keeps every action and
 * refuses in words. The assignment list marks agents who could be handed callbacks but cannot Connect.
 * Signed Slack requests into the real app; Slack's Web API faked at the HTTP edge.
 */

const TEAM = 'T0001';
const CHANNEL = 'C0ROLES';
const ADMIN = 'U0001'; // admin, no CTI agent id
const PARK = 'U0002'; // phone, CTI agent a2

const CANCEL = 'callback.cancel_open';
const ASSIGN_OPEN = 'callback.assign_open';
const CALL = 'callback.call';
const COMPLETE = 'callback.complete_open';

const text = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? [])}`;

/** The action ids of the buttons in the blocks that belong to one callback (its row or card). */
function buttonsOf(blocks: unknown, callbackId: string): string[] {
  const ids: string[] = [];
  for (const block of (blocks ?? []) as {
    type: string;
    elements?: { action_id?: string; value?: string }[];
  }[])
    if (block.type === 'actions')
      for (const element of block.elements ?? [])
        if (element.value === callbackId && element.action_id) ids.push(element.action_id);
  return ids;
}

describe('Slack: callback buttons follow who sees them', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let apiKey: string;
  let phoneNo = 0;
  let responseNo = 0;

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const fileCallback = async (name: string) => {
    phoneNo += 1;
    const phone = `0107777${String(phoneNo).padStart(4, '0')}`;
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone, name, source: 'ivr' }),
    });
    expect(response.status).toBe(201);
    return { id: ((await response.json()) as { id: string }).id, shown: `010-7777-${phone.slice(-4)}` };
  };
  const cardPosted = (callbackId: string) =>
    slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && c.response.ok === true && text(c).includes(callbackId),
      15_000,
    );
  const click = async (userId: string, actionId: string, value: string, messageTs?: string) => {
    responseNo += 1;
    const responseId = `roles${responseNo}`;
    const payload = blockActionsPayload({
      actionId,
      userId,
      value,
      channelId: CHANNEL,
      messageTs,
      responseUrl: slack.responseUrl(responseId),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload))).status).toBe(200);
    return slack.waitForCall(
      'response_url',
      (c) => c.url?.endsWith(`/response/${responseId}`) === true,
      10_000,
    );
  };
  /** `/callback <words>` as `userId`: its ephemeral answer. */
  const ask = async (words: string, userId: string) => {
    responseNo += 1;
    const responseId = `roles${responseNo}`;
    const body = slashCommandBody({
      command: '/callback',
      text: words,
      teamId: TEAM,
      channelId: CHANNEL,
      userId,
      responseUrl: slack.responseUrl(responseId),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
    return slack.waitForCall('response_url', (c) => c.url?.endsWith(`/response/${responseId}`) === true);
  };

  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    slack.setUser({ id: ADMIN, realName: 'Admin Kim', locale: 'en-US' });
    slack.setUser({ id: PARK, realName: 'Agent Park', locale: 'en-US' });
    serviceId = String((await cli('service', 'create', '--name', 'Roles Co')).id);
    await cli(
      'member',
      'add',
      '--service',
      serviceId,
      '--name',
      'Admin Kim',
      '--slack',
      `${TEAM}:${ADMIN}`,
      '--role',
      'admin',
      '--permissions',
      'phone,callbackAssign,sms',
    );
    await cli(
      'member',
      'add',
      '--service',
      serviceId,
      '--name',
      'Agent Park',
      '--slack',
      `${TEAM}:${PARK}`,
      '--permissions',
      'phone',
      '--cti',
      'a2',
    );
    await cli('settings', 'set', '--service', serviceId, `slackCallbackChannelId=${CHANNEL}`, 'locale=en');
    apiKey = String((await cli('apikey', 'create', '--service', serviceId, '--name', 'ivr')).key);
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await slack?.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('an agent’s DM, App Home and list show Connect and Complete on their callback, never Cancel…; the channel card keeps every action and refuses in words', async () => {
    const mine = await fileCallback('Lee Mina');
    const ts = String((await cardPosted(mine.id)).response.ts);
    const waiting = await fileCallback('Jang Wait');
    await cardPosted(waiting.id);

    // The shared card: everyone in the channel sees every action of the state.
    expect(buttonsOf(slack.messageAt(CHANNEL, ts)?.blocks, mine.id)).toEqual([
      'callback.assign_to_me',
      ASSIGN_OPEN,
      'callback.history_open',
      CANCEL,
    ]);

    expect(String((await click(PARK, 'callback.assign_to_me', mine.id, ts)).args.text)).toContain(
      `You took callback ${mine.shown}`,
    );
    // The DM to the agent: their callback, with Connect and Complete; no Cancel… (admins only).
    const dm = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === `D${PARK}` && text(c).includes(mine.id),
      15_000,
    );
    expect(buttonsOf(dm.args.blocks, mine.id)).toEqual([CALL, COMPLETE, 'callback.history_open']);

    // The agent's App Home.
    const home = appHomeOpenedBody({ teamId: TEAM, userId: PARK, eventId: 'EvRolesHome' });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, home, { contentType: 'json' });
    const published = await slack.waitForCall(
      'views.publish',
      (c) => c.args.user_id === PARK && JSON.stringify(c.args.view).includes(mine.shown),
    );
    const homeBlocks = (published.args.view as { blocks: unknown }).blocks;
    expect(buttonsOf(homeBlocks, mine.id)).toEqual([CALL, COMPLETE, 'callback.history_open']);

    // The agent's `/callback list`: only their own, with their actions.
    const agentList = await ask('list all', PARK);
    expect(text(agentList)).toContain(mine.shown);
    expect(buttonsOf(agentList.args.blocks, mine.id)).toEqual([CALL, COMPLETE, 'callback.history_open']);
    expect(JSON.stringify(agentList.args.blocks)).not.toContain(CANCEL);

    // The admin's list: every action, Connect and Complete on others' callbacks too.
    const adminList = await ask('list all', ADMIN);
    expect(buttonsOf(adminList.args.blocks, mine.id)).toEqual([
      CALL,
      COMPLETE,
      'callback.history_open',
      CANCEL,
    ]);
    expect(buttonsOf(adminList.args.blocks, waiting.id)).toEqual([
      'callback.assign_to_me',
      ASSIGN_OPEN,
      'callback.history_open',
      CANCEL,
    ]);

    // The shared card still offers Cancel… to the agent, and says plainly why it is refused.
    const refused = await click(PARK, CANCEL, mine.id, ts);
    expect(String(refused.args.text)).toContain('Only a service admin can cancel a callback.');
    expect((await app.store.callbacks.get(mine.id))?.status).toBe('assigned');
  }, 60_000);

  it('the assignment list marks an admin without a CTI agent id, and Connect tells them what is missing', async () => {
    responseNo += 1;
    const body = slashCommandBody({
      command: '/callback',
      text: 'assign',
      teamId: TEAM,
      channelId: CHANNEL,
      userId: ADMIN,
      responseUrl: slack.responseUrl(`roles${responseNo}`),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
    const opened = await slack.waitForCall('views.open', (c) =>
      JSON.stringify(c.args.view).includes('cb_assign_agents'),
    );
    const agents = (
      opened.args.view as {
        blocks: {
          block_id?: string;
          hint?: { text: string };
          element?: { options?: { text: { text: string } }[] };
        }[];
      }
    ).blocks.find((b) => b.block_id === 'cb_assign_agents');
    expect(agents?.element?.options?.map((o) => o.text.text)).toEqual([
      'Admin Kim (0 open) · no CTI agent id',
      'Agent Park (1 open)',
    ]);
    expect(agents?.hint?.text).toContain('No CTI agent id — cannot Connect: Admin Kim.');

    const callback = await fileCallback('Oh Dial');
    const ts = String((await cardPosted(callback.id)).response.ts);
    await click(ADMIN, 'callback.assign_to_me', callback.id, ts);
    const refused = await click(ADMIN, CALL, callback.id, ts);
    expect(String(refused.args.text)).toContain(
      'Your CTI agent id is not set, so you cannot Connect. Enter your own CTI agent id in `/switchboard members`.',
    );
    expect((await app.store.callbacks.get(callback.id))?.attempts).toEqual([]);
  }, 60_000);
});
