import { describe, expect, it } from '@jest/globals';
import type { AgentState, CtiEvent, ExitReason } from '../../src/domain/wallboard/events.js';
import { ServiceFigures, type FigureSettings } from '../../src/domain/wallboard/service-figures.js';

/**
 * The figure rules of docs/wallboard.md, one rule at a time, with the exact boundaries (a wait equal
 * to the threshold or the cutoff) that the morning scenario of wallboard-figures.test.ts does not reach.
 */
const SETTINGS: FigureSettings = {
  timeZone: 'Asia/Seoul',
  dayStart: '00:00',
  serviceLevelThresholdSeconds: 20,
  shortAbandonCutoffSeconds: null,
};
/** Seconds after 2026-11-22 09:00:00 KST. */
const t = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 0, 0, seconds));

let seq = 0;
const base = (at: number) => ({ id: `e${++seq}`, at: t(at), service: 'support' });
const enqueued = (at: number, callId: string): CtiEvent => ({ ...base(at), type: 'call.enqueued', callId });
const answered = (at: number, callId: string, waitSeconds: number, agent = 'A1'): CtiEvent => ({
  ...base(at),
  type: 'call.answered',
  callId,
  agent,
  waitSeconds,
});
const abandoned = (at: number, callId: string, waitSeconds: number): CtiEvent => ({
  ...base(at),
  type: 'call.abandoned',
  callId,
  waitSeconds,
});
const exited = (at: number, callId: string, reason: ExitReason): CtiEvent => ({
  ...base(at),
  type: 'call.exited',
  callId,
  reason,
  waitSeconds: 30,
});
const ended = (at: number, callId: string, agent: string): CtiEvent => ({
  ...base(at),
  type: 'call.ended',
  callId,
  agent,
  talkSeconds: 60,
});
const login = (at: number, agent: string): CtiEvent => ({ ...base(at), type: 'agent.login', agent });
const logout = (at: number, agent: string): CtiEvent => ({ ...base(at), type: 'agent.logout', agent });
const state = (at: number, agent: string, to: AgentState): CtiEvent => ({
  ...base(at),
  type: 'agent.state',
  agent,
  state: to,
});

function figures(events: CtiEvent[], settings: Partial<FigureSettings> = {}) {
  const f = new ServiceFigures({ ...SETTINGS, ...settings }, t(0));
  for (const event of events) f.apply(event);
  return f;
}
const snapshotAt = (seconds: number, events: CtiEvent[], settings: Partial<FigureSettings> = {}) =>
  figures(events, settings).snapshot(t(seconds));

/** `n` calls enqueued at 0 and answered after `waits[i]` seconds. */
const answeredAfter = (waits: number[]) =>
  waits.flatMap((wait, i) => [enqueued(0, `c${i}`), answered(wait, `c${i}`, wait)]);

describe('service level: answered within the threshold / inbound', () => {
  it('counts a call answered after exactly the threshold as within it', () => {
    expect(snapshotAt(100, answeredAfter([20])).serviceLevel).toBe(100);
    expect(snapshotAt(100, answeredAfter([20]), { serviceLevelThresholdSeconds: 19 }).serviceLevel).toBe(0);
  });

  it('does not count a call answered one second after the threshold', () => {
    expect(snapshotAt(100, answeredAfter([21])).serviceLevel).toBe(0);
    expect(snapshotAt(100, answeredAfter([21]), { serviceLevelThresholdSeconds: 21 }).serviceLevel).toBe(100);
  });

  it('divides by every inbound call, waiting and abandoned ones included, to one decimal', () => {
    // 3 inbound: one answered in time, one answered late, one still waiting → 1 / 3.
    const events = [...answeredAfter([5, 40]), enqueued(50, 'w')];
    const snapshot = snapshotAt(100, events);
    expect(snapshot.serviceLevel).toBe(33.3);
    expect(snapshot.serviceLevelThresholdSeconds).toBe(20);
  });

  it('is 0, not NaN, before the first call of the day', () => {
    expect(snapshotAt(100, [])).toMatchObject({
      serviceLevel: 0,
      answerRate: 0,
      averageSpeedOfAnswerSeconds: 0,
    });
  });
});

describe('short abandons (wait < cutoff) left out of the service-level denominator', () => {
  // 4 inbound: one answered in time, three abandoned after 4, 5 and 6 seconds.
  const events = [
    ...answeredAfter([10]),
    enqueued(0, 'a4'),
    abandoned(4, 'a4', 4),
    enqueued(0, 'a5'),
    abandoned(5, 'a5', 5),
    enqueued(0, 'a6'),
    abandoned(6, 'a6', 6),
  ];

  it('counts every abandon when no cutoff is set', () => {
    expect(snapshotAt(100, events).serviceLevel).toBe(25); // 1 / 4
  });

  it('keeps an abandon of exactly the cutoff in the denominator', () => {
    expect(snapshotAt(100, events, { shortAbandonCutoffSeconds: 5 }).serviceLevel).toBe(33.3); // 1 / (4 − 1)
    expect(snapshotAt(100, events, { shortAbandonCutoffSeconds: 4 }).serviceLevel).toBe(25); // 1 / 4
  });

  it('leaves out an abandon one second under the cutoff', () => {
    expect(snapshotAt(100, events, { shortAbandonCutoffSeconds: 6 }).serviceLevel).toBe(50); // 1 / (4 − 2)
    expect(snapshotAt(100, events, { shortAbandonCutoffSeconds: 7 }).serviceLevel).toBe(100); // 1 / (4 − 3)
  });

  it('still shows short abandons as abandoned, and in the answer rate', () => {
    const snapshot = snapshotAt(100, events, { shortAbandonCutoffSeconds: 10 });
    expect(snapshot).toMatchObject({
      inbound: 4,
      abandoned: 3,
      answered: 1,
      answerRate: 25,
      serviceLevel: 100,
    });
  });

  it('is 0 when every call of the day was a short abandon', () => {
    const snapshot = snapshotAt(100, [enqueued(0, 'x'), abandoned(2, 'x', 2)], {
      shortAbandonCutoffSeconds: 5,
    });
    expect(snapshot.serviceLevel).toBe(0);
  });
});

describe('counts of the day', () => {
  it('answer rate is answered / inbound to one decimal', () => {
    const events = [...answeredAfter([1, 2]), enqueued(0, 'x')];
    expect(snapshotAt(100, events).answerRate).toBe(66.7);
  });

  it('average speed of answer is the mean wait of answered calls, to one decimal', () => {
    expect(snapshotAt(100, answeredAfter([10, 20, 21])).averageSpeedOfAnswerSeconds).toBe(17);
    expect(snapshotAt(100, answeredAfter([1, 2, 2])).averageSpeedOfAnswerSeconds).toBe(1.7);
  });

  it('calls leaving by timeout, empty queue, key or withdrawal are shown apart, not as abandoned', () => {
    const reasons: ExitReason[] = ['timeout', 'key', 'key', 'withdraw', 'empty', 'key'];
    const events = reasons.flatMap((reason, i) => [enqueued(i, `x${i}`), exited(30 + i, `x${i}`, reason)]);
    expect(snapshotAt(100, events)).toMatchObject({
      inbound: 6,
      abandoned: 0,
      waiting: 0,
      exited: { timeout: 1, empty: 1, key: 3, withdraw: 1 },
    });
  });

  it('a snapshot is a value: later events do not change one already taken', () => {
    const f = figures([login(0, 'A1'), enqueued(1, 'x')]);
    const before = f.snapshot(t(10));
    f.apply(exited(20, 'x', 'timeout'));
    f.apply(logout(21, 'A1'));
    f.snapshot(t(30));
    expect(before.exited.timeout).toBe(0);
    expect(before.agentList.map((a) => a.id)).toEqual(['A1']);
  });
});

describe('waiting calls', () => {
  it('waiting now = enqueued and not yet answered, abandoned or exited', () => {
    const events = [
      enqueued(0, 'answered'),
      enqueued(1, 'abandoned'),
      enqueued(2, 'exited'),
      enqueued(3, 'waiting'),
      answered(10, 'answered', 10),
      abandoned(11, 'abandoned', 10),
      exited(12, 'exited', 'empty'),
    ];
    expect(snapshotAt(20, events)).toMatchObject({ waiting: 1, longestWaitSeconds: 17 });
  });

  it('the longest wait is from the earliest enqueue among those still waiting, in whole seconds', () => {
    const f = figures([enqueued(10, 'first'), enqueued(20, 'second')]);
    expect(f.snapshot(new Date(t(50).getTime() + 999)).longestWaitSeconds).toBe(40);
    f.apply(answered(55, 'first', 45));
    expect(f.snapshot(t(60)).longestWaitSeconds).toBe(40);
  });

  it('a repeated enqueue of a waiting call keeps its first wait start', () => {
    expect(snapshotAt(60, [enqueued(0, 'x'), enqueued(30, 'x')]).longestWaitSeconds).toBe(60);
  });

  it('the longest wait is 0 with nobody waiting, and never negative when the PBX clock runs ahead', () => {
    expect(snapshotAt(60, []).longestWaitSeconds).toBe(0);
    expect(snapshotAt(60, [enqueued(90, 'x')]).longestWaitSeconds).toBe(0);
  });
});

describe('agents', () => {
  const listed = (f: ServiceFigures, seconds: number, names?: ReadonlyMap<string, string>) =>
    f.snapshot(t(seconds), names).agentList.map((a) => [a.id, a.state]);

  it('a login makes an agent ready; a logout takes them off the list', () => {
    const f = figures([login(0, 'A1'), login(1, 'A2')]);
    expect(listed(f, 5)).toEqual([
      ['A1', 'ready'],
      ['A2', 'ready'],
    ]);
    f.apply(logout(6, 'A1'));
    expect(listed(f, 7)).toEqual([['A2', 'ready']]);
    expect(f.snapshot(t(7)).agents.loggedIn).toBe(1);
    expect(f.stateOf('A1')).toBe('offline');
  });

  it('a login does not end a break (queue_log ADDMEMBER may repeat for a paused agent)', () => {
    const f = figures([login(0, 'A1'), state(1, 'A1', 'break'), login(2, 'A1')]);
    expect(f.stateOf('A1')).toBe('break');
  });

  it('the end of a call makes a talking or ringing agent ready, and leaves any other state alone', () => {
    const f = figures([
      answered(1, 'c1', 1, 'talking'),
      state(1, 'ringing', 'ringing'),
      state(1, 'acw', 'acw'),
      state(1, 'outbound', 'outbound'),
    ]);
    for (const agent of ['talking', 'ringing', 'acw', 'outbound']) f.apply(ended(5, 'c1', agent));
    expect(['talking', 'ringing', 'acw', 'outbound'].map((a) => f.stateOf(a))).toEqual([
      'ready',
      'ready',
      'acw',
      'outbound',
    ]);
  });

  it('an answered call puts the agent in conversation and counts for them', () => {
    const f = figures([login(0, 'A1'), ...answeredAfter([3, 4])]);
    const snapshot = f.snapshot(t(10));
    expect(snapshot.agents).toMatchObject({ loggedIn: 1, inConversation: 1, ready: 0 });
    expect(snapshot.agentList).toEqual([
      // Still in conversation since the first answer: the second does not restart the clock.
      { id: 'A1', name: 'A1', state: 'talking', since: t(3).toISOString(), answered: 2 },
    ]);
  });

  it('a repeated state keeps the time the agent entered it', () => {
    const f = figures([login(0, 'A1'), state(5, 'A1', 'break'), state(9, 'A1', 'break')]);
    expect(f.snapshot(t(10)).agentList[0]!.since).toBe(t(5).toISOString());
  });

  it('an agent first seen by a later event still takes an older login that arrives late', () => {
    // The end of a call names the agent first (offline until then); the login, older, comes in the next batch.
    const f = figures([ended(10, 'c', 'A1'), login(5, 'A1')]);
    expect(f.stateOf('A1')).toBe('ready');
    expect(f.stateOf('nobody')).toBeUndefined();
  });

  it('shows names from the member list, the CTI id otherwise, and redraws when the names change', () => {
    const f = figures([login(0, 'A1'), login(1, 'A2')]);
    const names = new Map([['A1', '김상담']]);
    expect(f.snapshot(t(5), names).agentList.map((a) => a.name)).toEqual(['김상담', 'A2']);
    expect(f.snapshot(t(6), names).agentList.map((a) => a.name)).toEqual(['김상담', 'A2']);
    const renamed = new Map([
      ['A1', '김상담'],
      ['A2', '이상담'],
    ]);
    expect(f.snapshot(t(7), renamed).agentList.map((a) => a.name)).toEqual(['김상담', '이상담']);
    expect(f.snapshot(t(8)).agentList.map((a) => a.name)).toEqual(['A1', 'A2']);
  });

  it('keeps first-seen order when agents log out and back in between snapshots', () => {
    const f = figures([login(0, 'A1'), login(1, 'A2'), login(2, 'A3')]);
    expect(listed(f, 3).map(([id]) => id)).toEqual(['A1', 'A2', 'A3']);
    f.apply(logout(4, 'A2'));
    f.apply(logout(4, 'A1'));
    expect(listed(f, 5).map(([id]) => id)).toEqual(['A3']);
    f.apply(login(6, 'A2'));
    f.apply(login(6, 'A4'));
    f.apply(login(6, 'A1'));
    expect(listed(f, 7).map(([id]) => id)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });
});

describe('the business day', () => {
  /** KST wall-clock time on 2026-11-22 (day 22) or another day. */
  const kst = (h: number, m: number, day = 22) => new Date(Date.UTC(2026, 10, day, h - 9, m));

  it('starts over at the day start: counters and per-agent answers go to zero, waiting calls stay', () => {
    const f = new ServiceFigures(SETTINGS, kst(23, 0, 21));
    f.apply({ ...base(0), at: kst(23, 10, 21), type: 'call.enqueued', callId: 'c1' });
    f.apply({
      ...base(0),
      at: kst(23, 11, 21),
      type: 'call.answered',
      callId: 'c1',
      agent: 'A',
      waitSeconds: 1,
    });
    f.apply({
      ...base(0),
      at: kst(23, 12, 21),
      type: 'call.exited',
      callId: 'c2',
      reason: 'key',
      waitSeconds: 1,
    });
    f.apply({ ...base(0), at: kst(23, 13, 21), type: 'call.abandoned', callId: 'c3', waitSeconds: 1 });
    f.apply({ ...base(0), at: kst(23, 50, 21), type: 'call.enqueued', callId: 'waiting' });
    const yesterday = f.snapshot(kst(23, 55, 21));
    expect(yesterday).toMatchObject({
      inbound: 2,
      answered: 1,
      abandoned: 1,
      exited: { key: 1 },
      waiting: 1,
    });

    const today = f.snapshot(kst(0, 5));
    expect(today).toMatchObject({
      businessDay: '2026-11-22',
      inbound: 0,
      answered: 0,
      abandoned: 0,
      exited: { timeout: 0, empty: 0, key: 0, withdraw: 0 },
      answerRate: 0,
      serviceLevel: 0,
      averageSpeedOfAnswerSeconds: 0,
      waiting: 1,
      longestWaitSeconds: 15 * 60,
    });
    expect(today.agentList).toEqual([
      { id: 'A', name: 'A', state: 'talking', since: kst(23, 11, 21).toISOString(), answered: 0 },
    ]);
  });

  it("a late event of yesterday moves calls and agents but does not count in today's figures", () => {
    const f = new ServiceFigures(SETTINGS, kst(0, 1));
    f.apply({ ...base(0), at: kst(0, 2), type: 'call.enqueued', callId: 'today' });
    f.apply({ ...base(0), at: kst(0, 2), type: 'call.enqueued', callId: 'night' });
    const late = (event: object) => f.apply({ ...base(0), at: kst(23, 59, 21), ...event } as CtiEvent);
    late({ type: 'call.enqueued', callId: 'old' });
    late({ type: 'call.answered', callId: 'night', agent: 'A', waitSeconds: 1 });
    late({ type: 'call.abandoned', callId: 'x', waitSeconds: 1 });
    late({ type: 'call.exited', callId: 'y', reason: 'timeout', waitSeconds: 1 });
    const snapshot = f.snapshot(kst(0, 3));
    expect(snapshot).toMatchObject({
      businessDay: '2026-11-22',
      inbound: 2,
      answered: 0,
      abandoned: 0,
      exited: { timeout: 0 },
      waiting: 2, // today, old
    });
    expect(snapshot.agentList).toEqual([
      { id: 'A', name: 'A', state: 'talking', since: kst(23, 59, 21).toISOString(), answered: 0 },
    ]);
  });

  it('an old snapshot time does not move the day back', () => {
    const f = new ServiceFigures(SETTINGS, kst(10, 0));
    f.apply({ ...base(0), at: kst(10, 1), type: 'call.enqueued', callId: 'c' });
    expect(f.snapshot(kst(23, 0, 21))).toMatchObject({ businessDay: '2026-11-22', inbound: 1 });
  });
});
