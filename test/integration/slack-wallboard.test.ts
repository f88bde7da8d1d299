import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { REFRESH_PINNED_WALLBOARD } from '../../src/jobs/notification-jobs.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { connectDatabase } from '../../src/store/database.js';
import type { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { testMongoUrl } from '../support/database.js';
import type { TestApp } from '../support/app.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import { sendToSlackEndpoint, slashCommandBody } from '../support/slack-requests.js';

/** Agenda's stored jobs that keep a pinned card current (the job a pin schedules, by its data). */
async function refreshJobsOf(dbName: string, pinId: string): Promise<number> {
  const database = await connectDatabase(testMongoUrl(), { dbName });
  try {
    return await database.db
      .collection('jobs')
      .countDocuments({ name: REFRESH_PINNED_WALLBOARD, 'data.pinId': pinId });
  } finally {
    await database.close();
  }
}
const CHANNEL = 'C0WALL';

describe('Slack: /wallboard, and a pinned card kept current within Slack’s limits', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let key: string;
  let serviceId: string;
  let eventNo = 0;

  const command = async (text: string, userId = 'U0001') => {
    const body = slashCommandBody({
      command: '/wallboard',
      text,
      channelId: CHANNEL,
      userId,
      responseUrl: slack.responseUrl(),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
  };
  const enqueue = async (count: number) => {
    const events = Array.from({ length: count }, () => {
      eventNo++;
      return {
        id: `w${eventNo}`,
        type: 'call.enqueued',
        at: Date.now(),
        service: 'support',
        callId: `call${eventNo}`,
      };
    });
    const response = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(202);
  };
  const inboundShown = (blocks: unknown) => {
    const match = /\*(?:Inbound|인입)\*\\n(\d+)/.exec(JSON.stringify(blocks));
    return match ? Number(match[1]) : undefined;
  };

  beforeAll(async () => {
    // The admin invited the bot to the wallboard channel, as pinning takes a member of the channel.
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    slack.setUser({ id: 'U0001', realName: 'Admin Kim', locale: 'en-US' });
    slack.setUser({ id: 'U0002', realName: 'Agent Park', locale: 'en-US' });
    const setup = slashCommandBody({
      command: '/switchboard',
      text: 'setup Wall Co',
      channelId: CHANNEL,
      userId: 'U0001',
      responseUrl: slack.responseUrl(),
    });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, setup);
    await slack.waitForCall('response_url');
    serviceId = (await app.store.services.list())[0]!._id;
    await app.store.services.updateSettings(serviceId, { wallboardIntervalSeconds: 5, locale: 'en' });
    await app.store.members.create({
      serviceId,
      displayName: 'Agent Park',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: ['slack:T0001:U0002'],
      ctiAgentId: null,
    });
    ({ key } = await app.store.apiKeys.create({ serviceId, name: 'pbx', allowedIps: [], createdBy: 'test' }));
  });
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('/wallboard shows the current figures to the caller only', async () => {
    await enqueue(3);
    slack.reset();
    await command('', 'U0002');
    const answer = await slack.waitForCall('response_url');
    expect(answer.args.response_type).toBe('ephemeral');
    expect(inboundShown(answer.args.blocks)).toBe(3);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('/wallboard agents shows waiting customers and the service level beside the agent counts (the guide’s by-agent view)', async () => {
    slack.reset();
    await command('agents', 'U0002');
    const answer = await slack.waitForCall('response_url');
    const fields = (answer.args.blocks as { fields?: { text: string }[] }[]).flatMap(
      (block) => block.fields?.map((f) => f.text) ?? [],
    );
    expect(fields).toEqual([
      '*Waiting*\n*3*',
      '*Logged in*\n0',
      '*Ready*\n0',
      '*In conversation*\n0',
      '*Outbound*\n0',
      '*Break / ACW*\n0',
      '*Answer rate*\n0.0%',
      '*Service level (20 s)*\n0.0%',
    ]);
  });

  it('a personal link opens in the person’s language, and shows every service they are in, one row each', async () => {
    // A Korean service, an English Slack user, who is also in a second service.
    await app.store.services.updateSettings(serviceId, { locale: 'ko' });
    const second = await app.store.services.create('Second Desk', defaultServiceSettings({ locale: 'ko' }));
    const elsewhere = await app.store.members.create({
      serviceId: second._id,
      displayName: 'Agent Park',
      role: 'member',
      permissions: { phone: false, callbackAssign: false, sms: false },
      identities: ['slack:T0001:U0002'],
      ctiAgentId: null,
    });
    try {
      slack.reset();
      await command('link', 'U0002');
      const answer = String((await slack.waitForCall('response_url')).args.text);
      expect(answer).toContain('Your wallboard link');
      const url = /http:\/\/\S+\/wallboard\?token=\S+/.exec(answer)![0].replace(/^http:\/\/[^/]+/, app.url);
      const html = await (await fetch(url)).text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('My 2 services');
      expect(html).toContain('data-layout="table"');
      const data = (await (await fetch(url.replace('/wallboard?', '/wallboard/data?'))).json()) as {
        services: { name: string; inbound: number }[];
      };
      expect(data.services.map((s) => [s.name, s.inbound])).toEqual([
        ['Wall Co', 3],
        ['Second Desk', 0],
      ]);
      // A Korean Slack user of the same service, in it alone: the page in Korean, the figures as tiles.
      slack.setUser({ id: 'U0003', realName: '김민지', locale: 'ko-KR' });
      await app.store.members.create({
        serviceId,
        displayName: '김민지',
        role: 'member',
        permissions: { phone: false, callbackAssign: false, sms: false },
        identities: ['slack:T0001:U0003'],
        ctiAgentId: null,
      });
      slack.reset();
      await command('link', 'U0003');
      const own = String((await slack.waitForCall('response_url')).args.text);
      const ownUrl = /http:\/\/\S+\/wallboard\?token=\S+/.exec(own)![0].replace(/^http:\/\/[^/]+/, app.url);
      const ownHtml = await (await fetch(ownUrl)).text();
      expect(ownHtml).toContain('<html lang="ko">');
      expect(ownHtml).toContain('data-layout="tiles"');
    } finally {
      await app.store.db.collection('members').deleteOne({ _id: elsewhere._id as never });
      await app.store.services.updateSettings(serviceId, { locale: 'en' });
    }
  });

  it('/wallboard link gives a member a personal link that opens the wall page; screen links are for admins', async () => {
    slack.reset();
    await command('link', 'U0002');
    const answer = String((await slack.waitForCall('response_url')).args.text);
    const url = /http:\/\/\S+\/wallboard\?token=\S+/.exec(answer)?.[0];
    expect(url).toBeDefined();
    const page = await fetch(url!.replace(/^http:\/\/[^/]+/, app.url));
    expect(page.status).toBe(200);

    slack.reset();
    await command('link screen Lobby TV', 'U0002');
    expect(String((await slack.waitForCall('response_url')).args.text)).toContain('Only a service admin');
    slack.reset();
    await command('link screen Lobby TV');
    const screen = String((await slack.waitForCall('response_url')).args.text);
    const id = /`(\S+)`/.exec(screen)?.[1];
    expect(screen).toContain('Lobby TV');
    slack.reset();
    await command(`link revoke ${id}`);
    expect(String((await slack.waitForCall('response_url')).args.text)).toContain(`Revoked link \`${id}\``);
  });

  it('/wallboard pin is for admins: a member is told so and nothing is posted', async () => {
    slack.reset();
    await command('pin', 'U0002');
    const answer = await slack.waitForCall('response_url');
    expect(String(answer.args.text)).toContain('Only a service admin');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('pins a live card, edits it in place, and converges after Slack answers 429 for a while', async () => {
    slack.reset();
    await command('pin');
    const posted = await slack.waitForCall('chat.postMessage');
    await slack.waitForCall('pins.add');
    const ts = String(posted.response.ts);
    expect(inboundShown(posted.args.blocks)).toBe(3);

    await enqueue(2);
    const firstUpdate = await slack.waitForCall(
      'chat.update',
      (c) => inboundShown(c.args.blocks) === 5,
      8000,
    );
    expect(firstUpdate.args.ts).toBe(ts);

    // Slack rate-limits chat.update (Retry-After 2 s) for 7 s while calls keep arriving.
    slack.rateLimit('chat.update', { retryAfterSeconds: 2, forMs: 7000 });
    await enqueue(4);
    // The next edit is refused with 429; one more call arrives while Slack still says wait.
    await slack.waitForCall(
      'chat.update',
      (c) => c.response.ok === false && c.response.error === 'ratelimited',
      10_000,
    );
    await enqueue(1);
    const converged = await slack.waitForCall(
      'chat.update',
      (c) => c.response.ok === true && inboundShown(c.args.blocks) === 10,
      20_000,
    );
    expect(converged.args.ts).toBe(ts);
    expect(inboundShown(slack.messageAt(CHANNEL, ts)?.blocks)).toBe(10);

    // One card, edited in place: never a second message, and never more than one edit per interval.
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    const updates = slack
      .callsTo('chat.update')
      .filter((c) => c.args.ts === ts)
      .map((c) => c.at);
    for (let i = 1; i < updates.length; i++)
      expect(updates[i]! - updates[i - 1]!).toBeGreaterThanOrEqual(4500);
  }, 60_000);

  it('refuses a second pin in the same channel, and /wallboard unpin stops and unpins', async () => {
    slack.reset();
    await command('pin');
    expect(String((await slack.waitForCall('response_url')).args.text)).toContain(
      'already has a live wallboard',
    );
    const pin = (await app.store.wallboardPins.findActive(serviceId, CHANNEL))!;
    // The card is edited only by its repeating refresh job: one while pinned, none once unpinned.
    expect(await refreshJobsOf(app.dbName, pin._id)).toBe(1);
    slack.reset();
    await command('unpin');
    await slack.waitForCall('pins.remove');
    expect(String((await slack.waitForCall('response_url')).args.text)).toContain(
      'Stopped the live wallboard',
    );
    expect(await refreshJobsOf(app.dbName, pin._id)).toBe(0);
    expect(await app.store.wallboardPins.findActive(serviceId, CHANNEL)).toBeUndefined();
    slack.reset();
    await enqueue(1);
    expect(slack.callsTo('chat.update')).toHaveLength(0);
  }, 30_000);

  it('a pinned card whose channel removed the bot stops, and the admins get a DM saying to invite it and pin again', async () => {
    slack.reset();
    await command('pin');
    await slack.waitForCall('pins.add');
    let pin = await app.store.wallboardPins.findActive(serviceId, CHANNEL);
    // The pin is recorded once Slack has pinned the card.
    for (let i = 0; i < 100 && !pin; i++) {
      await new Promise((r) => setTimeout(r, 100));
      pin = await app.store.wallboardPins.findActive(serviceId, CHANNEL);
    }
    if (!pin) throw new Error('the pin was not recorded');
    const pinId = pin._id;
    // Someone removed the bot from the channel: Slack refuses every edit there.
    slack.failNext('chat.update', 'not_in_channel', 1000);
    try {
      await enqueue(1);
      const dm = await slack.waitForCall(
        'chat.postMessage',
        (c) => c.args.channel === 'DU0001' && String(c.args.text).includes('/invite @switchboard'),
        15_000,
      );
      expect(String(dm.args.text)).toContain('pinned wallboard');
      expect(String(dm.args.text)).toContain('/wallboard pin');
      // Only admins are told, and the pin has stopped: no refresh job keeps trying.
      expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DU0002')).toHaveLength(0);
      expect(await app.store.wallboardPins.findActive(serviceId, CHANNEL)).toBeUndefined();
      // Its repeating job notices the inactive pin at its next run and removes itself.
      for (let i = 0; i < 100 && (await refreshJobsOf(app.dbName, pinId)) > 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await refreshJobsOf(app.dbName, pinId)).toBe(0);
    } finally {
      slack.reset();
    }
  }, 30_000);

  it.each([
    ['a public channel (chat:write.public lets it post, but pinning takes a member)', { isPrivate: false }],
    ['a private channel (even posting is refused)', { isPrivate: true }],
  ])(
    '/wallboard pin where the bot was not invited, in %s: the admin is told to invite it, nothing is left behind',
    async (_label, kind) => {
      slack.addChannel({ id: CHANNEL, botIsMember: false, ...kind });
      try {
        slack.reset();
        await command('pin');
        const answer = await slack.waitForCall('response_url');
        expect(answer.args.response_type).toBe('ephemeral');
        expect(String(answer.args.text)).toContain('/invite @switchboard');
        // A card it could not pin is taken back, and no refresh job keeps editing it.
        for (const call of slack.callsTo('chat.postMessage').filter((c) => c.response.ok)) {
          expect(slack.messageAt(CHANNEL, String(call.response.ts))).toBeUndefined();
        }
        expect(slack.callsTo('pins.add').filter((c) => c.response.ok)).toHaveLength(0);
        expect(await app.store.wallboardPins.findActive(serviceId, CHANNEL)).toBeUndefined();
      } finally {
        slack.addChannel({ id: CHANNEL, botIsMember: true, isPrivate: false });
      }
    },
  );
});
