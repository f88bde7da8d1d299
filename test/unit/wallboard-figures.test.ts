import { describe, expect, it } from '@jest/globals';
import { businessDayOf, businessDayStart } from '../../src/domain/wallboard/business-day.js';
import type { CtiEvent } from '../../src/domain/wallboard/events.js';
import { ServiceFigures, type FigureSettings } from '../../src/domain/wallboard/service-figures.js';
import { parseCtiEvent } from '../../src/integrations/cti/event-schema.js';
import { parseQueueLog } from '../../src/integrations/cti/queue-log.js';

const SEOUL: FigureSettings = {
  timeZone: 'Asia/Seoul',
  dayStart: '00:00',
  serviceLevelThresholdSeconds: 20,
  shortAbandonCutoffSeconds: null,
};
/** 2026-11-22 09:00:00 KST */
const T0 = Date.UTC(2026, 10, 22, 0, 0, 0) / 1000;
const at = (s: number) => T0 + s;

/** One morning on the "support" queue, as Asterisk writes it. */
const QUEUE_LOG = [
  `${at(0)}|NONE|support|SIP/8001|ADDMEMBER|`,
  `${at(1)}|NONE|support|SIP/8002|ADDMEMBER|`,
  `${at(2)}|NONE|support|SIP/8003|ADDMEMBER|`,
  `${at(3)}|NONE|support|SIP/8003|PAUSE|lunch`,
  `${at(5)}|NONE|NONE|NONE|QUEUESTART|`,
  `${at(10)}|c1|support|NONE|ENTERQUEUE||01012345678|1`,
  `${at(20)}|c2|support|NONE|ENTERQUEUE||0212345678|2`,
  `${at(25)}|c1|support|SIP/8001|CONNECT|15|1700000025.1|3`,
  `${at(30)}|c3|support|NONE|ENTERQUEUE||01099998888|2`,
  `${at(35)}|c3|support|NONE|ABANDON|2|2|5`,
  `${at(40)}|c4|support|NONE|ENTERQUEUE||01077776666|2`,
  `${at(50)}|c2|support|SIP/8002|CONNECT|30|1700000050.2|4`,
  `${at(60)}|c5|support|NONE|ENTERQUEUE||01055554444|2`,
  `${at(100)}|c4|support|NONE|EXITWITHTIMEOUT|1|2|60`,
  `${at(110)}|c1|support|SIP/8001|COMPLETECALLER|15|85|1`,
].join('\n');

/** The same morning as our JSON events. */
const iso = (s: number) => new Date(at(s) * 1000).toISOString();
const JSON_EVENTS = [
  { id: 'e1', type: 'agent.login', at: iso(0), service: 'support', agent: 'SIP/8001' },
  { id: 'e2', type: 'agent.login', at: iso(1), service: 'support', agent: 'SIP/8002' },
  { id: 'e3', type: 'agent.login', at: iso(2), service: 'support', agent: 'SIP/8003' },
  {
    id: 'e4',
    type: 'agent.state',
    at: iso(3),
    service: 'support',
    agent: 'SIP/8003',
    state: 'break',
    reason: 'lunch',
  },
  { id: 'e5', type: 'call.enqueued', at: iso(10), service: 'support', callId: 'c1', caller: '01012345678' },
  { id: 'e6', type: 'call.enqueued', at: iso(20), service: 'support', callId: 'c2' },
  {
    id: 'e7',
    type: 'call.answered',
    at: at(25) * 1000,
    service: 'support',
    callId: 'c1',
    agent: 'SIP/8001',
    waitSeconds: 15,
  },
  { id: 'e8', type: 'call.enqueued', at: iso(30), service: 'support', callId: 'c3' },
  { id: 'e9', type: 'call.abandoned', at: iso(35), service: 'support', callId: 'c3', waitSeconds: 5 },
  { id: 'e10', type: 'call.enqueued', at: iso(40), service: 'support', callId: 'c4' },
  {
    id: 'e11',
    type: 'call.answered',
    at: iso(50),
    service: 'support',
    callId: 'c2',
    agent: 'SIP/8002',
    waitSeconds: 30,
  },
  { id: 'e12', type: 'call.enqueued', at: iso(60), service: 'support', callId: 'c5' },
  {
    id: 'e13',
    type: 'call.exited',
    at: iso(100),
    service: 'support',
    callId: 'c4',
    reason: 'timeout',
    waitSeconds: 60,
  },
  {
    id: 'e14',
    type: 'call.ended',
    at: iso(110),
    service: 'support',
    callId: 'c1',
    agent: 'SIP/8001',
    talkSeconds: 85,
  },
];

function figuresOf(events: CtiEvent[], settings = SEOUL) {
  const figures = new ServiceFigures(settings, new Date(at(0) * 1000));
  for (const event of events) figures.apply(event);
  const snapshot = figures.snapshot(new Date(at(130) * 1000));
  return { ...snapshot, agentList: snapshot.agentList.map((a) => ({ ...a, since: a.since })) };
}

const fromQueueLog = () => {
  const parsed = parseQueueLog(QUEUE_LOG);
  expect(parsed.rejected).toEqual([]);
  expect(parsed.ignored).toEqual({ QUEUESTART: 1 });
  return parsed.events.map((e) => e.event);
};
const fromJson = () =>
  JSON_EVENTS.map((raw) => {
    const parsed = parseCtiEvent(raw);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.event;
  });

describe('wallboard figures', () => {
  it('queue_log and JSON events of the same calls give identical figures', () => {
    expect(figuresOf(fromQueueLog())).toEqual(figuresOf(fromJson()));
  });

  it('equal the figures worked out by hand', () => {
    const figures = figuresOf(fromJson());
    expect(figures).toMatchObject({
      businessDay: '2026-11-22',
      inbound: 5, // c1…c5
      answered: 2, // c1 (15 s), c2 (30 s)
      abandoned: 1, // c3
      exited: { timeout: 1, empty: 0, key: 0, withdraw: 0 }, // c4
      waiting: 1, // c5, since 09:01:00
      longestWaitSeconds: 70, // 09:02:10 − 09:01:00
      answerRate: 40, // 2 / 5
      serviceLevel: 20, // only c1 within 20 s: 1 / 5
      averageSpeedOfAnswerSeconds: 22.5, // (15 + 30) / 2
      agents: { loggedIn: 3, ready: 1, inConversation: 1, outbound: 0, breakOrAcw: 1 },
    });
    expect(figures.agentList.map((a) => [a.id, a.state, a.answered])).toEqual([
      ['SIP/8001', 'ready', 1],
      ['SIP/8002', 'talking', 1],
      ['SIP/8003', 'break', 0],
    ]);
  });

  it('short abandons can be left out of the service-level denominator', () => {
    expect(figuresOf(fromJson(), { ...SEOUL, shortAbandonCutoffSeconds: 10 }).serviceLevel).toBe(25); // 1 / (5 − 1)
  });

  it('counts agent states as docs/wallboard.md groups them', () => {
    const figures = new ServiceFigures(SEOUL, new Date(at(0) * 1000));
    const states = ['ready', 'ringing', 'talking', 'dialing', 'outbound', 'acw', 'break', 'offline'] as const;
    states.forEach((state, i) =>
      figures.apply({
        id: `s${i}`,
        type: 'agent.state',
        at: new Date(at(i) * 1000),
        service: 'q',
        agent: `a${i}`,
        state,
      }),
    );
    expect(figures.snapshot(new Date(at(20) * 1000)).agents).toEqual({
      loggedIn: 7,
      ready: 1,
      inConversation: 2,
      outbound: 2,
      breakOrAcw: 2,
    });
  });

  it('ignores a late, older state change for an agent', () => {
    const figures = new ServiceFigures(SEOUL, new Date(at(0) * 1000));
    figures.apply({
      id: 'a',
      type: 'agent.state',
      at: new Date(at(10) * 1000),
      service: 'q',
      agent: 'x',
      state: 'talking',
    });
    figures.apply({
      id: 'b',
      type: 'agent.state',
      at: new Date(at(5) * 1000),
      service: 'q',
      agent: 'x',
      state: 'break',
    });
    expect(figures.snapshot(new Date(at(20) * 1000)).agentList[0]!.state).toBe('talking');
  });
});

describe('business day', () => {
  const kst = (h: number, m: number, s = 0, day = 22) => new Date(Date.UTC(2026, 10, day, h - 9, m, s));

  it('events straddling 00:00 Asia/Seoul land in the right day; waiting calls and agents carry over', () => {
    const figures = new ServiceFigures(SEOUL, kst(23, 0, 0, 21));
    figures.apply({ id: '1', type: 'agent.login', at: kst(23, 59, 0, 21), service: 'q', agent: 'a1' });
    figures.apply({ id: '2', type: 'call.enqueued', at: kst(23, 59, 40, 21), service: 'q', callId: 'late' });
    figures.apply({ id: '3', type: 'call.enqueued', at: kst(23, 59, 50, 21), service: 'q', callId: 'y1' });
    figures.apply({
      id: '4',
      type: 'call.answered',
      at: kst(23, 59, 55, 21),
      service: 'q',
      callId: 'y1',
      agent: 'a1',
      waitSeconds: 5,
    });
    expect(figures.snapshot(kst(23, 59, 59, 21))).toMatchObject({
      businessDay: '2026-11-21',
      inbound: 2,
      answered: 1,
      waiting: 1,
    });

    figures.apply({ id: '5', type: 'call.enqueued', at: kst(0, 0, 10), service: 'q', callId: 't1' });
    const today = figures.snapshot(kst(0, 0, 30));
    expect(today).toMatchObject({
      businessDay: '2026-11-22',
      inbound: 1,
      answered: 0,
      waiting: 2,
      longestWaitSeconds: 50,
    });
    expect(today.agents.loggedIn).toBe(1);
    expect(today.agentList[0]!.answered).toBe(0);
  });

  it('given the time now, an event dated past the tolerated clock skew moves nothing, not even the day', () => {
    const now = kst(15, 0);
    const figures = new ServiceFigures(SEOUL, now);
    const enqueue = (id: string, at: Date) =>
      figures.apply({ id, type: 'call.enqueued', at, service: 'q', callId: id }, now);
    expect(enqueue('far', new Date('2099-12-31T00:00:00Z'))).toBe(false);
    expect(enqueue('six-minutes', kst(15, 6))).toBe(false);
    expect(enqueue('invalid', new Date(Number.NaN))).toBe(false);
    expect(enqueue('four-minutes', kst(15, 4))).toBe(true);
    expect(enqueue('earlier', kst(14, 0))).toBe(true);
    expect(figures.snapshot(now)).toMatchObject({ businessDay: '2026-11-22', inbound: 2, waiting: 2 });
  });

  it('a service with day start 06:00 in New York rolls over at 06:00 local', () => {
    const ny: FigureSettings = { ...SEOUL, timeZone: 'America/New_York', dayStart: '06:00' };
    // 2026-11-22 05:59 EST = 10:59 UTC; 06:01 EST = 11:01 UTC
    expect(businessDayOf(new Date(Date.UTC(2026, 10, 22, 10, 59)), ny.timeZone, ny.dayStart)).toBe(
      '2026-11-21',
    );
    expect(businessDayOf(new Date(Date.UTC(2026, 10, 22, 11, 1)), ny.timeZone, ny.dayStart)).toBe(
      '2026-11-22',
    );
    expect(
      businessDayStart(new Date(Date.UTC(2026, 10, 22, 15, 0)), ny.timeZone, ny.dayStart).toISOString(),
    ).toBe('2026-11-22T11:00:00.000Z');
    const figures = new ServiceFigures(ny, new Date(Date.UTC(2026, 10, 22, 10, 0)));
    figures.apply({
      id: '1',
      type: 'call.enqueued',
      at: new Date(Date.UTC(2026, 10, 22, 10, 58)),
      service: 'q',
      callId: 'a',
    });
    figures.apply({
      id: '2',
      type: 'call.enqueued',
      at: new Date(Date.UTC(2026, 10, 22, 11, 2)),
      service: 'q',
      callId: 'b',
    });
    expect(figures.snapshot(new Date(Date.UTC(2026, 10, 22, 11, 5)))).toMatchObject({
      businessDay: '2026-11-22',
      inbound: 1,
      waiting: 2,
    });
  });
});

describe('queue_log parsing', () => {
  it('reports malformed lines by number and counts unknown verbs', () => {
    const parsed = parseQueueLog(
      [
        'garbage',
        `${at(1)}|c|q|NONE|ENTERQUEUE||1|1`,
        '',
        `abc|c|q|NONE|ENTERQUEUE`,
        `${at(2)}|c|q|NONE|ABANDON|1|1|x`,
        `${at(3)}|c|q|SIP/1|RINGNOANSWER|1000`,
      ].join('\n'),
    );
    expect(parsed.events).toHaveLength(1);
    expect(parsed.rejected).toEqual([
      { line: 1, error: 'expected epoch|callid|queue|agent|EVENT[|data…]' },
      { line: 4, error: '"abc" is not an epoch time in seconds' },
      { line: 5, error: 'ABANDON: waittime (data3) is not a number' },
    ]);
    expect(parsed.ignored).toEqual({ RINGNOANSWER: 1 });
  });

  it('gives the same line the same event id (a replayed file is a replay)', () => {
    const a = parseQueueLog(QUEUE_LOG).events.map((e) => e.event.id);
    const b = parseQueueLog(QUEUE_LOG).events.map((e) => e.event.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });
});

describe('agent list kept between snapshots', () => {
  it('equals a list drawn from scratch after any mix of logins, state changes, answers and logouts', () => {
    // A small deterministic generator, so a failure replays the same way.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const STATES = ['ready', 'talking', 'break', 'acw', 'outbound'] as const;
    const names = new Map(Array.from({ length: 40 }, (_, i) => [`A${i}`, `상담원 ${i}`]));
    const kept = new ServiceFigures(SEOUL, new Date(at(0) * 1000));
    const events: CtiEvent[] = [];
    for (let step = 1; step <= 2_000; step++) {
      const agent = `A${random(40)}`;
      const base = { id: `e${step}`, service: 'support', at: new Date(at(step) * 1000) };
      const kind = random(10);
      const event: CtiEvent =
        kind < 2
          ? { ...base, type: 'agent.login', agent }
          : kind < 3
            ? { ...base, type: 'agent.logout', agent }
            : kind < 5
              ? { ...base, type: 'call.answered', callId: `c${step}`, agent, waitSeconds: random(30) }
              : { ...base, type: 'agent.state', agent, state: STATES[random(STATES.length)]! };
      kept.apply(event);
      events.push(event);
      // Snapshots at uneven moments; every one must equal a fresh replay of the events so far.
      if (random(7) === 0 || step === 2_000) {
        const now = new Date(at(step) * 1000);
        const fresh = new ServiceFigures(SEOUL, new Date(at(0) * 1000));
        for (const e of events) fresh.apply(e);
        expect(kept.snapshot(now, names).agentList).toEqual(fresh.snapshot(now, names).agentList);
      }
    }
  });
});
