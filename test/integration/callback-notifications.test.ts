import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { slackIdentity, type MemberDoc } from '../../src/domain/members.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import {
  NOTIFY_ASSIGNEE,
  REFRESH_CALLBACK_POSTS,
  REFRESH_PINNED_WALLBOARD,
  REMIND_CALLBACKS,
} from '../../src/jobs/notification-jobs.js';
import { assignCallbacks, receiveCallback } from '../../src/usecases/callbacks.js';
import { FakeChatPort } from '../fakes/chat-port.js';
import { startTestApp, type TestApp } from '../support/app.js';

const operator = { kind: 'operator', name: 'test' } as const;

async function waitUntil(done: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The callback notification pipeline (src/usecases/notifications/) against an in-memory chat port, with the real
 * Agenda and database and no Slack: the queue, the digest rule, refresh after each transition, assignee DMs,
 * reminders, the pinned wallboard, and pacing per place. What is proven here holds for every surface; the Slack
 * tests prove the Slack rendering and Slack's own pacing.
 */
describe('callback notifications through a chat port', () => {
  let app: TestApp;
  const chat = new FakeChatPort('slack');
  const scheduled = new Map<string, number>();
  let seq = 0;

  beforeAll(async () => {
    app = await startTestApp({ chatPorts: [chat] });
    const schedule = app.scheduler.schedule.bind(app.scheduler);
    app.scheduler.schedule = (when, name, data) => {
      scheduled.set(name, (scheduled.get(name) ?? 0) + 1);
      return schedule(when, name, data);
    };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const newService = (channelId: string, overrides: Parameters<typeof defaultServiceSettings>[0] = {}) =>
    app.store.services.create(
      `svc ${channelId}`,
      defaultServiceSettings({ slackCallbackChannelId: channelId, locale: 'en', ...overrides }),
    );
  const newAgent = (serviceId: string, userId: string): Promise<MemberDoc> =>
    app.store.members.create({
      serviceId,
      displayName: `Agent ${userId}`,
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [slackIdentity('T0001', userId)],
      ctiAgentId: null,
    });
  const file = async (serviceId: string, minutesAgo = 1) => {
    const result = await receiveCallback(app.callbacks, operator, serviceId, {
      phone: `0107777${String(1000 + seq++).padStart(4, '0')}`,
      requestedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    return result.value.callback;
  };
  const postsTo = (place: string) => chat.posts.filter((p) => p.place === place);
  const shownIds = (place: string) => postsTo(place).flatMap((p) => chat.callbackIdsOf(p));

  it('posts one new callback as a card view (fields and the actions its state allows, no Block Kit)', async () => {
    const service = await newService('C0ONE');
    const callback = await file(service._id);
    await waitUntil(() => postsTo('slack::C0ONE').length === 1, 15_000, 'the card');
    const [post] = postsTo('slack::C0ONE');
    expect(post!.message).toMatchObject({
      kind: 'callback_card',
      locale: 'en',
      timeZone: 'Asia/Seoul',
      assigneeName: null,
      callback: {
        _id: callback._id,
        status: 'unassigned',
        actions: ['assign_to_me', 'assign', 'register_history', 'cancel'],
      },
    });
    expect(JSON.stringify(post!.message)).not.toContain('"blocks"');
  }, 30_000);

  it('a burst becomes a few digests; every callback is posted exactly once (nothing lost, nothing twice)', async () => {
    const service = await newService('C0BURST');
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch++)
      ids.push(...(await Promise.all(Array.from({ length: 10 }, () => file(service._id)))).map((c) => c._id));
    await waitUntil(() => shownIds('slack::C0BURST').length >= ids.length, 30_000, 'all 60 posted');
    await waitUntil(
      async () => ((await app.store.callbackPosts.getQueue(service._id))?.pending.length ?? 0) === 0,
      10_000,
      'an empty queue',
    );
    const shown = shownIds('slack::C0BURST');
    expect(shown.sort()).toEqual([...ids].sort());
    const posts = postsTo('slack::C0BURST');
    expect(posts.length).toBeLessThanOrEqual(10);
    expect(posts.some((p) => p.message.kind === 'callback_digest')).toBe(true);
    const digest = posts.find((p) => p.message.kind === 'callback_digest')!.message;
    if (digest.kind !== 'callback_digest') throw new Error('not a digest');
    expect(digest.counts).toEqual([{ status: 'unassigned', count: digest.callbacks.length }]);
  }, 60_000);

  it('paces posts per place: one channel shared by two services keeps its gap, another channel is not held back', async () => {
    const a = await newService('C0SHARED');
    const b = await newService('C0SHARED');
    const other = await newService('C0OTHER');
    for (let round = 0; round < 3; round++) {
      await Promise.all([file(a._id), file(b._id), file(other._id)]);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await waitUntil(
      () => shownIds('slack::C0SHARED').length === 6,
      30_000,
      'six callbacks in the shared channel',
    );
    await waitUntil(() => shownIds('slack::C0OTHER').length === 3, 30_000, 'three in the other channel');
    const shared = postsTo('slack::C0SHARED').map((p) => p.at);
    for (let i = 1; i < shared.length; i++)
      expect(shared[i]! - shared[i - 1]!).toBeGreaterThanOrEqual(chat.pacing.placeGapMs - 20);
    // The other channel's first message did not wait for the shared channel's.
    expect(postsTo('slack::C0OTHER')[0]!.at - postsTo('slack::C0SHARED')[0]!.at).toBeLessThan(
      chat.pacing.placeGapMs * 4,
    );
  }, 60_000);

  it('refreshes every posted card after a transition, in batched jobs, and DMs the assignee once', async () => {
    const service = await newService('C0ASSIGN');
    const agent = await newAgent(service._id, 'U0ASSIGN');
    const callbacks = [];
    for (let i = 0; i < 12; i++) callbacks.push(await file(service._id));
    const ids = callbacks.map((c) => c._id);
    await waitUntil(() => shownIds('slack::C0ASSIGN').length === ids.length, 30_000, 'all posted');
    const postIds = new Set(postsTo('slack::C0ASSIGN').map((p) => p.id));
    const refreshJobs = scheduled.get(REFRESH_CALLBACK_POSTS) ?? 0;
    const dmJobs = scheduled.get(NOTIFY_ASSIGNEE) ?? 0;

    const result = await assignCallbacks(app.callbacks, operator, service._id, {
      callbackIds: ids,
      agentIds: [agent._id],
      mode: 'manual',
    });
    expect(result.ok).toBe(true);
    const assignedView = (id: string) =>
      chat.updates.some(
        (u) =>
          postIds.has(u.ref.id) &&
          ((u.message.kind === 'callback_card' &&
            u.message.callback._id === id &&
            u.message.callback.status === 'assigned' &&
            u.message.assigneeName === 'Agent U0ASSIGN' &&
            u.message.callback.actions.includes('call')) ||
            (u.message.kind === 'callback_digest' &&
              u.message.callbacks.some((c) => c._id === id && c.status === 'assigned'))),
      );
    await waitUntil(() => ids.every(assignedView), 30_000, 'every card showing the assignment');
    // All changed posts were claimed and scheduled together: fewer jobs than posts (one per place and time), and
    // one job when the burst was posted as a single digest.
    const refreshJobsNow = (scheduled.get(REFRESH_CALLBACK_POSTS) ?? 0) - refreshJobs;
    expect(refreshJobsNow).toBeGreaterThanOrEqual(1);
    expect(refreshJobsNow).toBeLessThan(Math.max(2, postIds.size));
    expect((scheduled.get(NOTIFY_ASSIGNEE) ?? 0) - dmJobs).toBe(1);
    await waitUntil(() => chat.dms.some((d) => d.identity === 'slack:T0001:U0ASSIGN'), 15_000, 'the DM');
    const dm = chat.dms.find((d) => d.identity === 'slack:T0001:U0ASSIGN')!.message;
    expect(dm).toMatchObject({ kind: 'assignee_dm', change: 'assigned', total: 12 });
    // Editing never posts again.
    expect(shownIds('slack::C0ASSIGN')).toHaveLength(ids.length);
  }, 60_000);

  it('a rate-limited edit waits for Retry-After and converges on the latest state', async () => {
    const service = await newService('C0LIMIT');
    const agent = await newAgent(service._id, 'U0LIMIT');
    const callback = await file(service._id);
    await waitUntil(() => postsTo('slack::C0LIMIT').length === 1, 15_000, 'the card');
    const postId = postsTo('slack::C0LIMIT')[0]!.id;
    chat.rateLimit('update', 1500);
    await assignCallbacks(app.callbacks, operator, service._id, {
      callbackIds: [callback._id],
      agentIds: [agent._id],
      mode: 'manual',
    });
    await waitUntil(() => chat.refused.some((r) => r.call === 'update'), 15_000, 'a 429');
    const refusal = chat.refused.find((r) => r.call === 'update')!;
    // The wait asked for is what is left of the limit when the edit was refused (less than 1.5 s under load).
    const retryAfterMs = refusal.result.kind === 'rate_limited' ? refusal.result.retryAfterMs : 0;
    await waitUntil(
      () =>
        chat.updates.some(
          (u) =>
            u.ref.id === postId &&
            u.message.kind === 'callback_card' &&
            u.message.callback.status === 'assigned',
        ),
      20_000,
      'the edit after Retry-After',
    );
    const edit = chat.updates.find((u) => u.ref.id === postId)!;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(edit.at).toBeGreaterThanOrEqual(refusal.at + retryAfterMs);
    expect(postsTo('slack::C0LIMIT')).toHaveLength(1);
  }, 60_000);

  it('reminds the place of old unassigned callbacks and the assignee of overdue ones, once each', async () => {
    const service = await newService('C0REMIND', {
      unassignedReminderMinutes: 30,
      assignedReminderMinutes: 60,
    });
    const agent = await newAgent(service._id, 'U0REMIND');
    const old = await file(service._id, 45);
    const overdue = await file(service._id, 200);
    await assignCallbacks(app.callbacks, operator, service._id, {
      callbackIds: [overdue._id],
      agentIds: [agent._id],
      mode: 'manual',
    });
    await app.store.db
      .collection('callbacks')
      .updateOne({ _id: overdue._id as never }, { $set: { assignedAt: new Date(Date.now() - 90 * 60_000) } });
    const reminders = () => [
      ...chat.posts.filter((p) => p.message.kind === 'callback_reminder' && p.place === 'slack::C0REMIND'),
      ...chat.dms.filter(
        (d) => d.message.kind === 'callback_reminder' && d.identity === 'slack:T0001:U0REMIND',
      ),
    ];
    await app.scheduler.agenda.now(REMIND_CALLBACKS);
    await waitUntil(() => reminders().length === 2, 15_000, 'both reminders');
    const [channel, dm] = reminders();
    expect(channel!.message).toMatchObject({
      reminder: 'unassigned',
      minutes: 30,
      callbacks: [{ _id: old._id }],
    });
    expect(dm!.message).toMatchObject({
      reminder: 'assigned',
      minutes: 60,
      callbacks: [{ _id: overdue._id }],
    });
    await app.scheduler.agenda.now(REMIND_CALLBACKS);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(reminders()).toHaveLength(2);
  }, 60_000);

  it('a post stored before places (Slack channel and ts) is still edited in place', async () => {
    const service = await newService('C0LEGACY');
    const agent = await newAgent(service._id, 'U0LEGACY');
    const callback = await file(service._id);
    await waitUntil(() => postsTo('slack::C0LEGACY').length === 1, 15_000, 'the card');
    // Written the way the Slack-only pipeline stored its posts.
    await app.store.db.collection('callbackPosts').insertOne({
      _id: 'cbp_legacy' as never,
      serviceId: service._id,
      channelId: 'C0LEGACY',
      ts: '999.000',
      callbackIds: [callback._id],
      kind: 'card',
      postedAt: new Date(),
      wakeAt: null,
      notBefore: null,
      lastUpdatedAt: null,
      gone: false,
    });
    await app.store.db
      .collection('callbackPostRefs')
      .updateOne({ _id: callback._id as never }, { $addToSet: { postIds: 'cbp_legacy' } });
    await assignCallbacks(app.callbacks, operator, service._id, {
      callbackIds: [callback._id],
      agentIds: [agent._id],
      mode: 'manual',
    });
    await waitUntil(
      () => chat.updates.some((u) => u.ref.id === '999.000' && u.ref.place === 'slack::C0LEGACY'),
      15_000,
      'the legacy post edited',
    );
  }, 60_000);

  it('edits a pinned wallboard card through the port, and stops it once the message is gone', async () => {
    const service = await newService('C0BOARD');
    const pin = await app.store.wallboardPins.create({
      serviceId: service._id,
      teamId: 'T0001',
      channelId: 'C0BOARD',
      ts: '111.222',
      view: 'services',
      locale: 'en',
      pinnedBy: 'test',
    });
    await app.scheduler.agenda.now(REFRESH_PINNED_WALLBOARD, { pinId: pin._id });
    await waitUntil(
      () => chat.updates.some((u) => u.ref.id === '111.222' && u.message.kind === 'wallboard'),
      15_000,
      'the wallboard edit',
    );
    expect(chat.updates.find((u) => u.ref.id === '111.222')!.ref.place).toBe('slack:T0001:C0BOARD');
    chat.markGone('111.222');
    await app.scheduler.agenda.now(REFRESH_PINNED_WALLBOARD, { pinId: pin._id });
    await waitUntil(
      async () => (await app.store.wallboardPins.get(pin._id))?.active === false,
      15_000,
      'unpinned',
    );
  }, 60_000);
});
