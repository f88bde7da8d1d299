import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { slackIdentity } from '../../src/domain/members.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
} from '../support/slack-requests.js';

/**
 * Receipt notifications (접수 알림, issue 13): after `/switchboard setup` new callbacks reach people from the first
 * minute — in the channel setup ran in, or, for a service without a callback channel, in the DMs of admins and
 * agents with the phone permission — and a digest of a burst carries the actions its readers may take, with a
 * hint that is true for each of them. Everything goes through signed Slack requests, the HTTP API and the fake
 * Slack Web API.
 */

const CHANNEL = 'C0BETA';
const ADMIN = 'U0101';
const AGENT = 'U0102'; // phone
const CLERK = 'U0103'; // no permission
const SOLO_ADMIN = 'U0201';
const SOLO_AGENT = 'U0202'; // phone, reads Korean
const SOLO_CLERK = 'U0203';

const text = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? [])}`;
const buttonsOf = (call: RecordedSlackCall): { action_id: string; value?: string; label: string }[] =>
  ((call.args.blocks ?? []) as { type: string; elements?: Record<string, unknown>[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({
      action_id: String(e.action_id),
      value: e.value as string | undefined,
      label: String((e.text as { text: string }).text),
    }));

describe('Slack: receipt notifications reach the right people from the first minute', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let phoneNo = 0;
  let responseNo = 0;

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const addMember = (serviceId: string, name: string, userId: string, ...extra: string[]) =>
    cli('member', 'add', '--service', serviceId, '--name', name, '--slack', `T0001:${userId}`, ...extra);

  /** A new callback through the public API; a fresh phone number each time. */
  const fileCallback = async (apiKey: string) => {
    phoneNo += 1;
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: `0106666${String(phoneNo).padStart(4, '0')}`, source: 'ivr' }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  /** Clicks a button as `userId`; returns the response_url id the app answers on. */
  const press = async (userId: string, actionId: string, value: string, channelId: string) => {
    responseNo += 1;
    const responseId = `receipt${responseNo}`;
    const payload = blockActionsPayload({
      actionId,
      userId,
      value,
      channelId,
      responseUrl: slack.responseUrl(responseId),
    });
    const sent = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(sent.status).toBe(200);
    return responseId;
  };
  /** Clicks a button and waits for the private answer. */
  const click = async (userId: string, actionId: string, value: string, channelId: string) => {
    const responseId = await press(userId, actionId, value, channelId);
    return slack.waitForCall(
      'response_url',
      (c) => c.url?.endsWith(`/response/${responseId}`) === true,
      10_000,
    );
  };

  /** The first digest posted to `channel` (a message with digest buttons). */
  const digestIn = (channel: string) =>
    slack.waitForCall(
      'chat.postMessage',
      (c) =>
        c.args.channel === channel &&
        c.response.ok === true &&
        buttonsOf(c).some((b) => b.action_id.startsWith('callback.digest_')),
      20_000,
    );

  beforeAll(async () => {
    // The admin invited the bot to the channel, then typed `/switchboard setup Beta` there.
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    for (const [id, realName, locale] of [
      [ADMIN, 'Admin Han', 'en-US'],
      [AGENT, 'Agent Yoon', 'en-US'],
      [CLERK, 'Clerk Seo', 'en-US'],
      [SOLO_ADMIN, 'Admin Jung', 'en-US'],
      [SOLO_AGENT, 'Agent Kang', 'ko-KR'],
      [SOLO_CLERK, 'Clerk Baek', 'en-US'],
    ] as const)
      slack.setUser({ id, teamId: 'T0001', realName, locale });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await slack?.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  describe('a service set up in a channel', () => {
    let serviceId: string;
    let apiKey: string;

    let setupAnswer: string;

    beforeAll(async () => {
      const setup = slashCommandBody({
        command: '/switchboard',
        text: 'setup Beta',
        channelId: CHANNEL,
        userId: ADMIN,
        responseUrl: slack.responseUrl('setup-beta'),
      });
      expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, setup)).status).toBe(200);
      const answer = await slack.waitForCall('response_url', (c) => c.url?.endsWith('/setup-beta') === true);
      setupAnswer = String(answer.args.text);
      serviceId = String((await app.store.services.list()).find((s) => s.name === 'Beta')!._id);
      const [, , key] = await Promise.all([
        addMember(serviceId, 'Agent Yoon', AGENT, '--permissions', 'phone'),
        addMember(serviceId, 'Clerk Seo', CLERK),
        cli('apikey', 'create', '--service', serviceId, '--name', 'ivr'),
      ]);
      apiKey = String(key.key);
    }, 120_000);

    it('setup makes the channel the callback channel and says so, with how to change it', () => {
      expect(setupAnswer).toContain('Created service *Beta*');
      expect(setupAnswer).toContain(`New callbacks are announced in <#${CHANNEL}>`);
      expect(setupAnswer).toContain('`/switchboard settings`');
    });

    it('the first callback filed through the API is posted in that channel', async () => {
      const id = await fileCallback(apiKey);
      const card = await slack.waitForCall(
        'chat.postMessage',
        (c) => c.args.channel === CHANNEL && c.response.ok === true && text(c).includes(id),
        15_000,
      );
      expect(text(card)).toContain('010-6666-');
    }, 30_000);

    it('eleven callbacks in a few seconds make a digest with every action and a hint for each role', async () => {
      slack.reset();
      const ids = await Promise.all(Array.from({ length: 11 }, () => fileCallback(apiKey)));
      const digest = await digestIn(CHANNEL);
      const buttons = buttonsOf(digest);
      // A shared channel has readers of every role: every action is there.
      expect(buttons.map((b) => b.label)).toEqual([
        'Assign to me',
        'Distribute evenly…',
        'Assign manually…',
        'Unassigned list',
      ]);
      const shown = text(digest);
      expect(shown).toContain('Agents (phone permission): *Assign to me*');
      expect(shown).toContain('Admins: *Unassigned list* (`/callback list unassigned`)');
      expect(shown).not.toContain('Use `/callback list` to see them all');
      const digestId = buttons[0]!.value!;

      // A phone agent cannot see the unassigned list: told why, not shown "0 callbacks".
      const refused = await click(AGENT, 'callback.digest_list_unassigned', digestId, CHANNEL);
      expect(String(refused.args.text)).toContain('Only a service admin can do this.');

      // ...but takes the oldest of the digest with Assign to me.
      const took = await click(AGENT, 'callback.digest_assign_next_to_me', digestId, CHANNEL);
      expect(String(took.args.text)).toMatch(/You took callback 010-6666-\d{4}/);
      const agent = (await app.store.members.listByService(serviceId)).find(
        (m) => m.displayName === 'Agent Yoon',
      )!;
      const mine = (await app.store.callbacks.getMany(serviceId, ids)).filter(
        (c) => c.assigneeId === agent._id,
      );
      expect(mine).toHaveLength(1);

      // A member without the phone permission is told what they lack.
      const clerk = await click(CLERK, 'callback.digest_assign_next_to_me', digestId, CHANNEL);
      expect(String(clerk.args.text)).toContain('`phone` permission');

      // The admin sees the unassigned list...
      const list = await click(ADMIN, 'callback.digest_list_unassigned', digestId, CHANNEL);
      expect(JSON.stringify(list.args)).toContain('Callbacks — Unassigned');
      expect(JSON.stringify(list.args)).toContain('010-6666-');

      // ...and Distribute evenly… opens the assign modal with the digest's unassigned callbacks picked.
      await press(ADMIN, 'callback.digest_distribute_evenly', digestId, CHANNEL);
      const modal = await slack.waitForCall('views.open', (c) => c.response.ok === true, 10_000);
      const digestIds = (await app.store.callbackPosts.getPost(digestId))!.callbackIds;
      const stillUnassigned = (await app.store.callbacks.getMany(serviceId, digestIds))
        .filter((c) => c.status === 'unassigned')
        .map((c) => c._id);
      const blocks = (
        modal.args.view as {
          blocks: {
            block_id?: string;
            element?: { initial_options?: { value: string }[]; initial_option?: { value: string } };
          }[];
        }
      ).blocks;
      const picked = blocks.find((b) => b.block_id === 'cb_assign_callbacks')?.element?.initial_options ?? [];
      expect(picked.map((o) => o.value).sort()).toEqual([...stillUnassigned].sort());
      expect(stillUnassigned.length).toBeGreaterThan(1);
      expect(blocks.find((b) => b.block_id === 'cb_assign_mode')?.element?.initial_option?.value).toBe(
        'even',
      );
    }, 60_000);
  });

  describe('a service without a callback channel', () => {
    let apiKey: string;

    beforeAll(async () => {
      // Made as the CLI makes it: a service with no chat link, so no callback channel.
      const service = await app.store.services.create('Solo', defaultServiceSettings({ locale: 'en' }));
      const member = (displayName: string, userId: string, role: 'admin' | 'member', phone: boolean) =>
        app.store.members.create({
          serviceId: service._id,
          displayName,
          role,
          permissions: { phone, callbackAssign: false, sms: false },
          identities: [slackIdentity('T0001', userId)],
          ctiAgentId: null,
        });
      await member('Admin Jung', SOLO_ADMIN, 'admin', true);
      const agent = await member('Agent Kang', SOLO_AGENT, 'member', true);
      // Agent Kang reads Korean; the service speaks English.
      await app.store.members.update(agent._id, { locale: 'ko' });
      await member('Clerk Baek', SOLO_CLERK, 'member', false);
      apiKey = (
        await app.store.apiKeys.create({
          serviceId: service._id,
          name: 'ivr',
          allowedIps: [],
          createdBy: 'test',
        })
      ).key;
    }, 60_000);

    it('DMs a new callback to admins and phone agents, and to nobody else', async () => {
      slack.reset();
      const id = await fileCallback(apiKey);
      for (const user of [SOLO_ADMIN, SOLO_AGENT])
        await slack.waitForCall(
          'chat.postMessage',
          (c) => c.args.channel === `D${user}` && c.response.ok === true && text(c).includes(id),
          15_000,
        );
      expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${SOLO_CLERK}`)).toEqual(
        [],
      );
    }, 30_000);

    it('a digest in a DM offers its reader only what they may do, in their language', async () => {
      slack.reset();
      const ids = await Promise.all(Array.from({ length: 11 }, () => fileCallback(apiKey)));
      const forAdmin = await digestIn(`D${SOLO_ADMIN}`);
      const forAgent = await digestIn(`D${SOLO_AGENT}`);
      expect(ids).toHaveLength(11);
      expect(text(forAgent)).toContain('새 콜백');
      expect(buttonsOf(forAdmin).map((b) => b.label)).toEqual([
        'Assign to me',
        'Distribute evenly…',
        'Assign manually…',
        'Unassigned list',
      ]);
      // The phone agent: Korean, only Assign to me, and a hint that is true for them.
      expect(buttonsOf(forAgent).map((b) => b.label)).toEqual(['나에게 할당']);
      expect(text(forAgent)).toContain('*나에게 할당*을 누르면 가장 오래된 콜백부터 한 건씩 맡습니다');
      expect(text(forAgent)).not.toContain('미할당 목록');
      expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${SOLO_CLERK}`)).toEqual(
        [],
      );
    }, 40_000);
  });
});
