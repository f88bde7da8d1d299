import { businessDayOf } from './business-day.js';
import { mayMoveFigures } from './event-window.js';
import { AGENT_STATES, EXIT_REASONS, type AgentState, type CtiEvent, type ExitReason } from './events.js';

export interface FigureSettings {
  timeZone: string;
  dayStart: string;
  serviceLevelThresholdSeconds: number;
  /** Abandons shorter than this are left out of the service-level denominator; null = count them all. */
  shortAbandonCutoffSeconds: number | null;
}

export interface AgentLive {
  id: string;
  state: AgentState;
  since: Date;
  answered: number;
  reason?: string;
  /** First-seen order: the agent list is in this order. */
  order: number;
}

export type AgentListEntry = ServiceFiguresSnapshot['agentList'][number];

export interface ServiceFiguresSnapshot {
  businessDay: string;
  waiting: number;
  inbound: number;
  answered: number;
  abandoned: number;
  exited: Record<ExitReason, number>;
  answerRate: number;
  serviceLevel: number;
  serviceLevelThresholdSeconds: number;
  averageSpeedOfAnswerSeconds: number;
  longestWaitSeconds: number;
  agents: { loggedIn: number; ready: number; inConversation: number; outbound: number; breakOrAcw: number };
  agentList: { id: string; name: string; state: AgentState; since: string; answered: number }[];
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const percent = (part: number, whole: number) => (whole > 0 ? oneDecimal((part / whole) * 100) : 0);
const zeroExits = (): Record<ExitReason, number> =>
  Object.fromEntries(EXIT_REASONS.map((r) => [r, 0])) as Record<ExitReason, number>;
const zeroStates = (): Record<AgentState, number> =>
  Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;

/**
 * Live figures of one service for its current business day (docs/wallboard.md).
 * Applying an event is O(1); a snapshot is O(agents). Counters start over at the day boundary; calls still
 * waiting and agent states carry over.
 */
export class ServiceFigures {
  businessDay: string;
  private inbound = 0;
  private answered = 0;
  private abandoned = 0;
  private shortAbandoned = 0;
  private exited = zeroExits();
  private answeredWithinThreshold = 0;
  private answeredWaitSum = 0;
  /** callId → enqueue time; Map keeps insertion order, so the first entry is the longest waiting call. */
  private readonly waitingCalls = new Map<string, Date>();
  private readonly agents = new Map<string, AgentLive>();
  private readonly stateCounts = zeroStates();

  constructor(
    private settings: FigureSettings,
    now: Date,
  ) {
    this.businessDay = businessDayOf(now, settings.timeZone, settings.dayStart);
  }

  /** The agent's current state, or undefined when no event has named them yet. */
  stateOf(agentId: string): AgentState | undefined {
    return this.agents.get(agentId)?.state;
  }

  /** Moves to the business day of `now` when it has changed; counters of the new day start at zero. */
  rollTo(now: Date): void {
    const day = businessDayOf(now, this.settings.timeZone, this.settings.dayStart);
    if (day <= this.businessDay) return;
    this.businessDay = day;
    this.inbound = this.answered = this.abandoned = this.shortAbandoned = 0;
    this.answeredWithinThreshold = this.answeredWaitSum = 0;
    this.exited = zeroExits();
    for (const agent of this.agents.values()) agent.answered = 0;
    this.listed = undefined;
  }

  /**
   * Applies one event; false when it was ignored. With `now` (the live state always gives it), an event dated past
   * the tolerated clock skew is ignored: rolling to its day would move the business day past today's, and every
   * event of the real today would then be "an earlier day" that no longer counts.
   */
  apply(event: CtiEvent, now?: Date): boolean {
    if (now && !mayMoveFigures(event.at, now)) return false;
    this.rollTo(event.at);
    // A late event of an earlier day still moves calls and agents, but does not count in today's figures.
    const counts =
      businessDayOf(event.at, this.settings.timeZone, this.settings.dayStart) === this.businessDay;
    switch (event.type) {
      case 'call.enqueued':
        if (!this.waitingCalls.has(event.callId)) this.waitingCalls.set(event.callId, event.at);
        if (counts) this.inbound++;
        return true;
      case 'call.answered': {
        this.waitingCalls.delete(event.callId);
        if (counts) {
          this.answered++;
          this.answeredWaitSum += event.waitSeconds;
          if (event.waitSeconds <= this.settings.serviceLevelThresholdSeconds) this.answeredWithinThreshold++;
        }
        const agent = this.agentFor(event.agent, event.at);
        if (counts) {
          agent.answered++;
          this.touched.add(agent);
        }
        this.setState(agent, 'talking', event.at);
        return true;
      }
      case 'call.abandoned':
        this.waitingCalls.delete(event.callId);
        if (counts) {
          this.abandoned++;
          const cutoff = this.settings.shortAbandonCutoffSeconds;
          if (cutoff !== null && event.waitSeconds < cutoff) this.shortAbandoned++;
        }
        return true;
      case 'call.exited':
        this.waitingCalls.delete(event.callId);
        if (counts) this.exited[event.reason]++;
        return true;
      case 'call.ended': {
        const agent = this.agentFor(event.agent, event.at);
        // Without device states (plain queue_log), the end of a call makes the agent ready again.
        if (agent.state === 'talking' || agent.state === 'ringing') this.setState(agent, 'ready', event.at);
        return true;
      }
      case 'agent.login': {
        const agent = this.agentFor(event.agent, event.at);
        if (agent.state === 'offline') this.setState(agent, 'ready', event.at);
        return true;
      }
      case 'agent.logout':
        this.setState(this.agentFor(event.agent, event.at), 'offline', event.at);
        return true;
      case 'agent.state': {
        const agent = this.agentFor(event.agent, event.at);
        this.setState(agent, event.state, event.at, event.reason);
        return true;
      }
    }
  }

  private agentFor(id: string, at: Date): AgentLive {
    let agent = this.agents.get(id);
    if (!agent) {
      agent = { id, state: 'offline', since: at, answered: 0, order: this.nextOrder++ };
      this.agents.set(id, agent);
      this.stateCounts.offline++;
    }
    return agent;
  }

  private setState(agent: AgentLive, state: AgentState, at: Date, reason?: string): void {
    // An older event arriving late must not undo a newer state.
    if (at < agent.since && agent.state !== 'offline') return;
    if (agent.state === state) {
      agent.reason = reason;
      return;
    }
    this.stateCounts[agent.state]--;
    this.stateCounts[state]++;
    agent.state = state;
    agent.since = at;
    agent.reason = reason;
    this.touched.add(agent);
  }

  /**
   * The agent list of the last snapshot (agents not offline, in first-seen order) and, side by side, each line's
   * `order`, kept between snapshots: a snapshot redraws, inserts or removes only the lines of agents touched
   * since (found by binary search on `order`), so it costs O(changes × log agents) plus a copy. Undefined means
   * "rebuild it" (first snapshot, a new day, other names).
   */
  private listed: { lines: AgentListEntry[]; orders: number[] } | undefined;
  private readonly touched = new Set<AgentLive>();
  private nextOrder = 0;
  /** The names the kept list was drawn with: a new map (members changed) redraws every line. */
  private namesSeen: ReadonlyMap<string, string> | undefined;

  private line(a: AgentLive, names: ReadonlyMap<string, string> | undefined): AgentListEntry {
    return {
      id: a.id,
      name: names?.get(a.id) ?? a.id,
      state: a.state,
      since: a.since.toISOString(),
      answered: a.answered,
    };
  }

  private agentList(names: ReadonlyMap<string, string> | undefined): AgentListEntry[] {
    if (names !== this.namesSeen) {
      this.namesSeen = names;
      this.listed = undefined;
    }
    if (!this.listed) {
      const lines: AgentListEntry[] = [];
      const orders: number[] = [];
      for (const a of this.agents.values())
        if (a.state !== 'offline') {
          lines.push(this.line(a, names));
          orders.push(a.order);
        }
      this.listed = { lines, orders };
    } else {
      const { lines, orders } = this.listed;
      for (const a of this.touched) {
        const at = lowerBound(orders, a.order);
        const present = orders[at] === a.order;
        if (a.state === 'offline') {
          if (present) {
            lines.splice(at, 1);
            orders.splice(at, 1);
          }
        } else if (present) lines[at] = this.line(a, names);
        else {
          lines.splice(at, 0, this.line(a, names));
          orders.splice(at, 0, a.order);
        }
      }
    }
    this.touched.clear();
    return this.listed.lines.slice();
  }

  /**
   * O(services + agents) at most; between snapshots only the lines of agents touched since are redrawn (the
   * pushes of a busy wall screen), so a snapshot after a few events costs little more than copying the list.
   */
  snapshot(now: Date, names?: ReadonlyMap<string, string>): ServiceFiguresSnapshot {
    this.rollTo(now);
    const agentList = this.agentList(names);
    const c = this.stateCounts;
    const first = this.waitingCalls.values().next();
    const denominator =
      this.inbound - (this.settings.shortAbandonCutoffSeconds !== null ? this.shortAbandoned : 0);
    return {
      businessDay: this.businessDay,
      waiting: this.waitingCalls.size,
      inbound: this.inbound,
      answered: this.answered,
      abandoned: this.abandoned,
      exited: { ...this.exited },
      answerRate: percent(this.answered, this.inbound),
      serviceLevel: percent(this.answeredWithinThreshold, denominator),
      serviceLevelThresholdSeconds: this.settings.serviceLevelThresholdSeconds,
      averageSpeedOfAnswerSeconds: this.answered > 0 ? oneDecimal(this.answeredWaitSum / this.answered) : 0,
      longestWaitSeconds: first.done
        ? 0
        : Math.max(0, Math.floor((now.getTime() - first.value.getTime()) / 1000)),
      agents: {
        loggedIn: this.agents.size - c.offline,
        ready: c.ready,
        inConversation: c.talking + c.ringing,
        outbound: c.outbound + c.dialing,
        breakOrAcw: c.break + c.acw,
      },
      agentList,
    };
  }
}

/** The first index whose value is not below `value` (`sorted` ascending). */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
