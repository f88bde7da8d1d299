import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { slackIdentity, type MemberDoc } from '../../src/domain/members.js';
import type { Actor } from '../../src/usecases/actor.js';
import type { CallbackChange } from '../../src/usecases/callback-events.js';
import { callbackStats } from '../../src/usecases/callback-stats.js';
import {
  assignCallbacks,
  assignToMe,
  cancelCallback,
  completeCallback,
  listCallbacks,
  receiveCallback,
  recordCallOutcome,
  registerHistory,
  startCall,
  unassignCallbacks,
} from '../../src/usecases/callbacks.js';
import type { Result } from '../../src/usecases/result.js';
import { startTestApp, type TestApp } from '../support/app.js';

const none = { phone: false, callbackAssign: false, sms: false };
const ROLES = {
  admin: { role: 'admin', permissions: none },
  phone: { role: 'member', permissions: { ...none, phone: true } },
  callbackAssign: { role: 'member', permissions: { ...none, callbackAssign: true } },
  sms: { role: 'member', permissions: { ...none, sms: true } },
  plainMember: { role: 'member', permissions: none },
} as const;
type Who = keyof typeof ROLES | 'otherService';

/**
 * The callback use cases against the real server's database and live CTI state: the role × action matrix of
 * docs/permissions.md, the even distribution, racing supervisors, calls (CTI login, click-to-dial), history.
 */
describe('callback use cases', () => {
  let app: TestApp;
  let serviceId: string;
  const members = {} as Record<Who, MemberDoc>;
  const actor = (who: Who): Actor => ({ kind: 'member', member: members[who], surface: 'slack' });
  const published: CallbackChange[] = [];
  let dialServer: FastifyInstance;
  const dialed: unknown[] = [];
  let dialUrl: string;
  let seq = 0;

  const newCallback = async (phone?: string) => {
    const result = await receiveCallback(app.callbacks, { kind: 'operator', name: 'test' }, serviceId, {
      phone: phone ?? `0105555${String(1000 + seq++).padStart(4, '0')}`,
      requestedAt: new Date(Date.now() - 60_000 + seq).toISOString(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    return result.value.callback;
  };
  const postCti = async (events: unknown[]) => {
    const key = (await app.store.apiKeys.create({ serviceId, name: 'cti', allowedIps: [], createdBy: 't' }))
      .key;
    const response = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(202);
  };
  const expectRefused = (result: Result<unknown>, code: string) => {
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe(code);
  };

  beforeAll(async () => {
    // The app as it runs: on FerretDB its read-then-write commands take turns within the process
    // (src/store/serialized-writes.ts), on MongoDB each conditional update is atomic by itself.
    // The click-to-dial and ticket servers of these tests listen on loopback, which webhooks may reach only when
    // the operator allows it (test/integration/webhook-targets.test.ts proves the refusal without it).
    app = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1' } });
    app.callbacks.events.subscribe(async (changes) => void published.push(...changes));
    const service = await app.store.services.create('콜백 유스케이스', defaultServiceSettings());
    serviceId = service._id;
    for (const [who, shape] of Object.entries(ROLES))
      members[who as Who] = await app.store.members.create({
        serviceId,
        displayName: `${who} 상담원`,
        role: shape.role,
        permissions: shape.permissions,
        identities: [slackIdentity('T1', `U_${who}`)],
        ctiAgentId: `ag-${who}`,
      });
    const other = await app.store.services.create('다른 서비스', defaultServiceSettings());
    members.otherService = await app.store.members.create({
      serviceId: other._id,
      displayName: '남의 관리자',
      role: 'admin',
      permissions: none,
      identities: [slackIdentity('T1', 'U_other')],
      ctiAgentId: null,
    });
    // Closes keep-alive sockets on close: the app's webhook client reuses connections.
    dialServer = Fastify({ forceCloseConnections: true });
    dialServer.post('/dial', async (request, reply) => {
      dialed.push(request.body);
      const phone = (request.body as { phone: string }).phone;
      if (phone.endsWith('0500')) return reply.status(500).send('down');
      if (phone.endsWith('0408')) await new Promise((r) => setTimeout(r, 6000));
      return { ok: true };
    });
    await dialServer.listen({ port: 0, host: '127.0.0.1' });
    const address = dialServer.server.address();
    dialUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/dial`;
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await dialServer.close();
  });

  describe('role × action (docs/permissions.md)', () => {
    // Each row: the action, who may, and how to run it against a fresh callback assigned to the phone agent.
    type Run = (who: Who, ids: { assigned: string; unassigned: string }) => Promise<Result<unknown>>;
    const rows: [string, Who[], Run][] = [
      [
        'see the callback list',
        ['admin', 'phone'],
        (who) => listCallbacks(app.callbacks, actor(who), serviceId, { scope: 'all', page: 1, pageSize: 5 }),
      ],
      [
        'assign to me',
        ['admin', 'phone'],
        (who, ids) => assignToMe(app.callbacks, actor(who), ids.unassigned),
      ],
      [
        'assign callbacks',
        ['admin', 'callbackAssign'],
        (who, ids) =>
          assignCallbacks(app.callbacks, actor(who), serviceId, {
            callbackIds: [ids.unassigned],
            agentIds: [members.phone._id],
            mode: 'manual',
          }),
      ],
      [
        'unassign callbacks',
        ['admin', 'callbackAssign'],
        (who, ids) => unassignCallbacks(app.callbacks, actor(who), serviceId, [ids.assigned]),
      ],
      [
        'complete (its assignee and admins)',
        ['admin', 'phone'],
        (who, ids) => completeCallback(app.callbacks, actor(who), ids.assigned, { outcome: 'connected' }),
      ],
      [
        'call (its assignee and admins, logged in to CTI)',
        ['admin', 'phone'],
        (who, ids) => startCall(app.callbacks, actor(who), ids.assigned),
      ],
      [
        'register history',
        ['admin', 'phone'],
        (who) =>
          registerHistory(app.callbacks, actor(who), serviceId, { summary: '배송 문의', channel: 'phone' }),
      ],
      [
        'processing status',
        ['admin'],
        (who) => callbackStats(app.callbacks, actor(who), serviceId, { granularity: 'day' }),
      ],
      [
        'cancel',
        ['admin'],
        (who, ids) => cancelCallback(app.callbacks, actor(who), ids.unassigned, '고객 요청 취소'),
      ],
    ];
    const everyone: Who[] = ['admin', 'phone', 'callbackAssign', 'sms', 'plainMember', 'otherService'];
    const cases = rows.flatMap(([name, allowed, run]) =>
      everyone.map((who) => [name, who, allowed.includes(who), run] as const),
    );

    beforeAll(async () => {
      // Everyone is logged in to CTI, so Call is decided by the permission table alone.
      const at = new Date().toISOString();
      await postCti(
        Object.keys(ROLES).map((who) => ({
          id: `matrix-login-${who}`,
          type: 'agent.login',
          agent: `ag-${who}`,
          at,
          service: 's',
        })),
      );
    });

    it.each(cases)('%s by %s → allowed: %s', async (_name, who, allowed, run) => {
      const assigned = await newCallback();
      await assignCallbacks(app.callbacks, actor('admin'), serviceId, {
        callbackIds: [assigned._id],
        agentIds: [members.phone._id],
        mode: 'manual',
      });
      const unassigned = await newCallback();
      const before = await Promise.all(
        [assigned._id, unassigned._id].map((id) => app.store.callbacks.get(id)),
      );
      const interactionsBefore = await app.store.db.collection('interactions').countDocuments();
      const result = await run(who, { assigned: assigned._id, unassigned: unassigned._id });
      if (allowed) {
        expect(result).toMatchObject({ ok: true });
        return;
      }
      expect(result.ok).toBe(false);
      if (result.ok) return;
      // Refusals say why in words: the missing permission, admins only, or not a member.
      expect(['forbidden', 'not_member']).toContain(result.problem.code);
      expect(result.problem.message).toMatch(
        /^refusal\.|^callbacks\.notYours$|^callbacks\.cancel\.adminOnly$/,
      );
      // …and change nothing.
      const after = await Promise.all(
        [assigned._id, unassigned._id].map((id) => app.store.callbacks.get(id)),
      );
      expect(after).toEqual(before);
      expect(await app.store.db.collection('interactions').countDocuments()).toBe(interactionsBefore);
    });

    it('an agent sees only their own callbacks; an admin sees all', async () => {
      const mine = await newCallback();
      await assignToMe(app.callbacks, actor('phone'), mine._id);
      const agent = await listCallbacks(app.callbacks, actor('phone'), serviceId, {
        scope: 'all',
        page: 1,
        pageSize: 500,
      });
      const admin = await listCallbacks(app.callbacks, actor('admin'), serviceId, {
        scope: 'all',
        page: 1,
        pageSize: 500,
      });
      if (!agent.ok || !admin.ok) throw new Error('list refused');
      expect(agent.value.ownOnly).toBe(true);
      expect(agent.value.items.every((c) => c.assigneeId === members.phone._id)).toBe(true);
      expect(agent.value.items.map((c) => c._id)).toContain(mine._id);
      expect(admin.value.ownOnly).toBe(false);
      expect(admin.value.total).toBeGreaterThan(agent.value.total);
    });

    it('Call and Complete are for the assignee: another phone agent is told whose it is', async () => {
      const colleague = await app.store.members.create({
        serviceId,
        displayName: '동료',
        role: 'member',
        permissions: { ...none, phone: true },
        identities: [slackIdentity('T1', 'U_colleague')],
        ctiAgentId: 'ag-colleague',
      });
      const callback = await newCallback();
      await assignToMe(app.callbacks, actor('phone'), callback._id);
      const as: Actor = { kind: 'member', member: colleague, surface: 'slack' };
      for (const result of [
        await completeCallback(app.callbacks, as, callback._id, {}),
        await startCall(app.callbacks, as, callback._id),
      ]) {
        expectRefused(result, 'forbidden');
        if (!result.ok) expect(result.problem).toMatchObject({ message: 'callbacks.notYours' });
      }
      expect((await app.store.callbacks.get(callback._id))?.status).toBe('assigned');
    });

    it('with callbacks switched off, every entry point says so', async () => {
      const callback = await newCallback();
      await app.store.services.updateSettings(serviceId, { callbacksEnabled: false });
      try {
        const attempts: Result<unknown>[] = [
          await receiveCallback(app.callbacks, actor('admin'), serviceId, { phone: '01012341234' }),
          await listCallbacks(app.callbacks, actor('admin'), serviceId, {
            scope: 'all',
            page: 1,
            pageSize: 5,
          }),
          await assignToMe(app.callbacks, actor('admin'), callback._id),
          await assignCallbacks(app.callbacks, actor('admin'), serviceId, {
            callbackIds: [callback._id],
            agentIds: [members.phone._id],
            mode: 'manual',
          }),
          await unassignCallbacks(app.callbacks, actor('admin'), serviceId, [callback._id]),
          await startCall(app.callbacks, actor('admin'), callback._id),
          await completeCallback(app.callbacks, actor('admin'), callback._id, {}),
          await registerHistory(app.callbacks, actor('admin'), serviceId, { summary: 'x' }),
          await cancelCallback(app.callbacks, actor('admin'), callback._id, 'x'),
          await callbackStats(app.callbacks, actor('admin'), serviceId, { granularity: 'day' }),
        ];
        for (const result of attempts) {
          expectRefused(result, 'feature_disabled');
          if (!result.ok) expect(result.problem.message).toBe('callbacks.disabled');
        }
        expect((await app.store.callbacks.get(callback._id))?.status).toBe('unassigned');
      } finally {
        await app.store.services.updateSettings(serviceId, { callbacksEnabled: true });
      }
    });
  });

  describe('assigning', () => {
    it('distribute evenly over agents with open loads 5/0/2: shares differ by at most one, least loaded first', async () => {
      const service = await app.store.services.create('균등 배분', defaultServiceSettings());
      const agents = await Promise.all(
        ['가나다', '라마바', '사아자'].map((name, i) =>
          app.store.members.create({
            serviceId: service._id,
            displayName: name,
            role: 'member',
            permissions: { ...none, phone: true },
            identities: [slackIdentity('T2', `U_even${i}`)],
            ctiAgentId: null,
          }),
        ),
      );
      const operator: Actor = { kind: 'operator', name: 'test' };
      const make = async (n: number) => {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) {
          const r = await receiveCallback(app.callbacks, operator, service._id, {
            phone: `0107000${String(seq++).padStart(4, '0')}`,
            requestedAt: new Date(Date.now() - 100_000 + seq * 10).toISOString(),
          });
          if (r.ok) ids.push(r.value.callback._id);
        }
        return ids;
      };
      // Open loads before the batch: 5, 0, 2.
      for (const [agent, n] of [
        [agents[0]!, 5],
        [agents[2]!, 2],
      ] as const)
        await assignCallbacks(app.callbacks, operator, service._id, {
          callbackIds: await make(n),
          agentIds: [agent._id],
          mode: 'manual',
        });
      const batch = await make(7);
      const result = await assignCallbacks(app.callbacks, operator, service._id, {
        callbackIds: batch,
        agentIds: agents.map((a) => a._id),
        mode: 'even',
      });
      if (!result.ok) throw new Error(JSON.stringify(result.problem));
      const shares = new Map(result.value.assigned.map((a) => [a.name, a.callbackIds.length]));
      // Least loaded first: 라마바 (0), 사아자 (2), 가나다 (5); 7 = 3 + 2 + 2.
      expect(result.value.assigned.map((a) => a.name)).toEqual(['라마바', '사아자', '가나다']);
      expect(Object.fromEntries(shares)).toEqual({ 라마바: 3, 사아자: 2, 가나다: 2 });
      expect(result.value.taken).toEqual([]);
      // Oldest first, round-robin: the oldest goes to the least loaded.
      const stored = await app.store.callbacks.getMany(service._id, batch);
      const byId = new Map(stored.map((c) => [c._id, c]));
      expect(byId.get(batch[0]!)?.assigneeId).toBe(agents[1]!._id);
      expect(byId.get(batch[1]!)?.assigneeId).toBe(agents[2]!._id);
      expect(byId.get(batch[2]!)?.assigneeId).toBe(agents[0]!._id);
      expect(stored.every((c) => c.status === 'assigned' && c.history.at(-1)?.action === 'assigned')).toBe(
        true,
      );
    });

    it('assign manually takes exactly one agent: two is a field error and changes nothing', async () => {
      const callback = await newCallback();
      const result = await assignCallbacks(app.callbacks, actor('admin'), serviceId, {
        callbackIds: [callback._id],
        agentIds: [members.phone._id, members.admin._id],
        mode: 'manual',
      });
      expectRefused(result, 'invalid_input');
      if (!result.ok) expect(result.problem.fields?.agents?.message).toBe('callbacks.assign.manualOneAgent');
      expect((await app.store.callbacks.get(callback._id))?.status).toBe('unassigned');
    });

    it('only members who take callbacks can be picked', async () => {
      const callback = await newCallback();
      const result = await assignCallbacks(app.callbacks, actor('admin'), serviceId, {
        callbackIds: [callback._id],
        agentIds: [members.sms._id],
        mode: 'manual',
      });
      expectRefused(result, 'invalid_input');
      if (!result.ok) expect(result.problem.params).toEqual({ name: 'sms 상담원' });
    });

    it('two supervisors racing over overlapping callbacks: each assigned once, the later one told which were taken', async () => {
      const ids = await Promise.all(Array.from({ length: 12 }, () => newCallback())).then((cs) =>
        cs.map((c) => c._id),
      );
      const [a, b] = await Promise.all([
        assignCallbacks(app.callbacks, actor('admin'), serviceId, {
          callbackIds: ids.slice(0, 8),
          agentIds: [members.phone._id],
          mode: 'manual',
        }),
        assignCallbacks(app.callbacks, actor('callbackAssign'), serviceId, {
          callbackIds: ids.slice(4),
          agentIds: [members.admin._id],
          mode: 'manual',
        }),
      ]);
      if (!a.ok || !b.ok) throw new Error('refused');
      const gotA = a.value.assigned.flatMap((x) => x.callbackIds);
      const gotB = b.value.assigned.flatMap((x) => x.callbackIds);
      expect(gotA.filter((id) => gotB.includes(id))).toEqual([]);
      expect([...gotA, ...gotB].sort()).toEqual([...ids].sort());
      // Whatever one got of the overlap, the other lists as taken, with who has it.
      const overlap = ids.slice(4, 8);
      const takenA = a.value.taken.map((t) => t.callbackId);
      const takenB = b.value.taken.map((t) => t.callbackId);
      expect([...takenA, ...takenB].sort()).toEqual([...overlap].sort());
      for (const t of [...a.value.taken, ...b.value.taken]) expect(t.assigneeName).toMatch(/상담원$/);
      const stored = await app.store.callbacks.getMany(serviceId, ids);
      for (const c of stored) expect(c.history.filter((h) => h.action === 'assigned')).toHaveLength(1);
    });

    it('"oldest N" assigns the N oldest unassigned, and unassign returns them to the pool', async () => {
      const service = await app.store.services.create('오래된 순', defaultServiceSettings());
      const agent = await app.store.members.create({
        serviceId: service._id,
        displayName: '상담원',
        role: 'member',
        permissions: { ...none, phone: true },
        identities: [],
        ctiAgentId: null,
      });
      const operator: Actor = { kind: 'operator', name: 'test' };
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await receiveCallback(app.callbacks, operator, service._id, {
          phone: `0108000${String(i).padStart(4, '0')}`,
          requestedAt: new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString(),
        });
        if (r.ok) made.push(r.value.callback._id);
      }
      const result = await assignCallbacks(app.callbacks, operator, service._id, {
        oldest: 3,
        agentIds: [agent._id],
        mode: 'manual',
      });
      if (!result.ok) throw new Error('refused');
      expect(result.value.assigned[0]!.callbackIds).toEqual(made.slice(0, 3));
      published.length = 0;
      const back = await unassignCallbacks(app.callbacks, operator, service._id, [made[0]!, made[4]!]);
      if (!back.ok) throw new Error('refused');
      expect(back.value.unassigned.map((c) => c._id)).toEqual([made[0]]);
      expect(back.value.skipped).toEqual([made[4]]);
      expect(published).toMatchObject([{ kind: 'unassigned', previousAssigneeId: agent._id }]);
      const stored = await app.store.callbacks.get(made[0]!);
      expect(stored).toMatchObject({ status: 'unassigned', assigneeId: null });
      expect(stored?.history.map((h) => h.action)).toEqual(['created', 'assigned', 'unassigned']);
    });
  });

  describe('calling, completing, history', () => {
    it('Call needs the caller logged in to CTI; then dials through the webhook and logs an attempt', async () => {
      const callback = await newCallback('010-3030-4040');
      await assignToMe(app.callbacks, actor('phone'), callback._id);
      await postCti([
        {
          id: `logout-${seq++}`,
          type: 'agent.logout',
          agent: 'ag-phone',
          at: new Date().toISOString(),
          service: 's',
        },
      ]);
      const offline = await startCall(app.callbacks, actor('phone'), callback._id);
      expectRefused(offline, 'conflict');
      if (!offline.ok) expect(offline.problem.message).toBe('callbacks.call.notLoggedIn');

      await postCti([
        {
          id: `login-${seq++}`,
          type: 'agent.login',
          agent: 'ag-phone',
          at: new Date(Date.now() + 5).toISOString(),
          service: 's',
        },
      ]);
      const tel = await startCall(app.callbacks, actor('phone'), callback._id);
      if (!tel.ok) throw new Error(JSON.stringify(tel.problem));
      expect(tel.value.dial).toEqual({ kind: 'tel', uri: 'tel:01030304040' });
      expect(tel.value.callback.attempts).toHaveLength(1);

      await app.store.services.updateSettings(serviceId, {
        clickToDialWebhookUrl: dialUrl,
        outboundTicketAutoCreate: true,
      });
      try {
        dialed.length = 0;
        const viaCti = await startCall(app.callbacks, actor('phone'), callback._id);
        if (!viaCti.ok) throw new Error(JSON.stringify(viaCti.problem));
        expect(viaCti.value.dial).toEqual({ kind: 'webhook' });
        expect(dialed).toEqual([
          {
            callbackId: callback._id,
            phone: '01030304040',
            member: { id: members.phone._id, name: 'phone 상담원' },
            ctiAgentId: 'ag-phone',
          },
        ]);
        expect(viaCti.value.interaction).toMatchObject({ kind: 'outbound_call', callbackId: callback._id });
        const outcome = await recordCallOutcome(
          app.callbacks,
          actor('phone'),
          callback._id,
          viaCti.value.attemptId,
          'no_answer',
        );
        if (!outcome.ok) throw new Error('outcome refused');
        expect(outcome.value.attempts.at(-1)).toMatchObject({ outcome: 'no_answer', by: members.phone._id });
        expectRefused(
          await recordCallOutcome(
            app.callbacks,
            actor('phone'),
            callback._id,
            viaCti.value.attemptId,
            'maybe',
          ),
          'invalid_input',
        );
      } finally {
        await app.store.services.updateSettings(serviceId, {
          clickToDialWebhookUrl: null,
          outboundTicketAutoCreate: false,
        });
      }
    });

    it('a click-to-dial server that fails or times out is reported, and no attempt is logged', async () => {
      await postCti([
        {
          id: `login-${seq++}`,
          type: 'agent.login',
          agent: 'ag-admin',
          at: new Date().toISOString(),
          service: 's',
        },
      ]);
      await app.store.services.updateSettings(serviceId, { clickToDialWebhookUrl: dialUrl });
      try {
        // An HTTP 500 and a timeout read the same to the person: how it failed is for the server log only.
        for (const phone of ['010-1111-0500', '010-1111-0408']) {
          const callback = await newCallback(phone);
          await assignToMe(app.callbacks, actor('admin'), callback._id);
          const result = await startCall(app.callbacks, actor('admin'), callback._id);
          expectRefused(result, 'conflict');
          if (!result.ok)
            expect(result.problem).toEqual({ code: 'conflict', message: 'callbacks.call.dialFailed' });
          expect((await app.store.callbacks.get(callback._id))?.attempts).toEqual([]);
        }
      } finally {
        await app.store.services.updateSettings(serviceId, { clickToDialWebhookUrl: null });
      }
    }, 20_000);

    it('complete is final: a second complete, an unassign or an assign is refused with the reason', async () => {
      const callback = await newCallback();
      await assignToMe(app.callbacks, actor('phone'), callback._id);
      const done = await completeCallback(app.callbacks, actor('phone'), callback._id, {
        outcome: 'connected',
        note: '환불 안내 완료',
      });
      if (!done.ok) throw new Error('refused');
      expect(done.value).toMatchObject({
        status: 'completed',
        outcome: 'connected',
        completionNote: '환불 안내 완료',
      });
      const again = await completeCallback(app.callbacks, actor('phone'), callback._id, {});
      expectRefused(again, 'conflict');
      if (!again.ok)
        expect(again.problem).toMatchObject({ message: 'callbacks.closed', params: { status: 'completed' } });
      expectRefused(await assignToMe(app.callbacks, actor('phone'), callback._id), 'conflict');
      const un = await unassignCallbacks(app.callbacks, actor('admin'), serviceId, [callback._id]);
      expect(un).toMatchObject({ ok: true, value: { unassigned: [], skipped: [callback._id] } });
      // A new request for the same phone now makes a new callback instead of folding into the closed one.
      const next = await receiveCallback(app.callbacks, actor('admin'), serviceId, { phone: callback.phone });
      expect(next).toMatchObject({ ok: true, value: { outcome: 'created' } });
    });

    it('register history validates inline and forwards to the ticket webhook with retries', async () => {
      const empty = await registerHistory(app.callbacks, actor('phone'), serviceId, {
        summary: '  ',
        phone: 'abc',
      });
      expectRefused(empty, 'invalid_input');
      if (!empty.ok) expect(Object.keys(empty.problem.fields ?? {}).sort()).toEqual(['phone', 'summary']);

      const received: unknown[] = [];
      let failures = 1;
      const tickets = Fastify({ forceCloseConnections: true });
      tickets.post('/tickets', async (request, reply) => {
        if (failures-- > 0) return reply.status(503).send();
        received.push(request.body);
        return { ok: true };
      });
      await tickets.listen({ port: 0, host: '127.0.0.1' });
      const address = tickets.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      await app.store.services.updateSettings(serviceId, {
        ticketWebhookUrl: `http://127.0.0.1:${port}/tickets`,
      });
      try {
        const result = await registerHistory(app.callbacks, actor('phone'), serviceId, {
          summary: '주소 변경',
          note: '서울시 강남구',
          phone: '010-9999-0000',
          channel: 'phone',
        });
        if (!result.ok) throw new Error(JSON.stringify(result.problem));
        // The job records the outcome after the ticket system has answered: wait for the record, not the request.
        let stored = await app.store.interactions.get(result.value._id);
        for (let i = 0; i < 100 && stored?.forward.status !== 'sent'; i++) {
          await new Promise((r) => setTimeout(r, 100));
          stored = await app.store.interactions.get(result.value._id);
        }
        expect(received).toMatchObject([
          { id: result.value._id, summary: '주소 변경', phone: '01099990000' },
        ]);
        expect(stored?.forward).toMatchObject({ status: 'sent', attempts: 2 });
      } finally {
        await app.store.services.updateSettings(serviceId, { ticketWebhookUrl: null });
        await tickets.close();
      }
    }, 20_000);
  });
});
