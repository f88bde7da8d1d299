import type { FastifyBaseLogger } from 'fastify';
import { businessDayStart } from '../domain/wallboard/business-day.js';
import type { AgentState } from '../domain/wallboard/events.js';
import { ServiceFigures, type ServiceFiguresSnapshot } from '../domain/wallboard/service-figures.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { eventFromDoc, type CtiEventDoc } from '../store/cti-events.js';
import type { Store } from '../store/index.js';
import type { ServiceDoc } from '../domain/services.js';

export interface ServiceSnapshot extends ServiceFiguresSnapshot {
  id: string;
  name: string;
}

/** How far back a follower re-reads, for events another instance stored with a slightly older `seq`. */
const FOLLOW_LAG_MS = 2000;
const FOLLOW_PAGE = 5000;
/** How often agent names (members' CTI ids) and figure settings are re-read, so changes reach every instance. */
const REFRESH_MS = 10_000;
/** How often this instance says it is alive in `instances`, so the others know to follow its events. */
const HEARTBEAT_MS = 5_000;
/** Instance records not refreshed for this long are removed (the instance stopped or crashed long ago). */
const INSTANCE_FORGET_MS = 3_600_000;

interface LiveService {
  service: ServiceDoc;
  figures: ServiceFigures;
  names: Map<string, string>;
  namesAt: number;
}

/**
 * The live figures of every service, in memory. Events this instance stores are applied at once; events other
 * instances store are picked up by following the `ctiEvents` collection in `seq` order (FerretDB v1 has no change
 * streams), so every instance shows the same figures. At start, each service's figures are rebuilt from its stored
 * events of the current business day (and the evening before, so calls still waiting and agent states carry over).
 */
export class WallboardLive {
  /** Written on the events this instance stores; its follower skips them (they were applied when stored). */
  readonly origin = randomBytes(6).toString('hex');
  private readonly services = new Map<string, LiveService>();
  private readonly applied = new Map<string, number>();
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private following: Promise<void> | undefined;
  private readonly listeners = new Set<(serviceId: string) => void>();
  private ready = false;
  private readonly startedAt = new Date();
  private heartbeatAt = 0;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    private readonly options: { followEveryMs?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Rebuilds today's figures from stored events, then starts following. Resolves before the app reports ready. */
  async start(): Promise<void> {
    // Said before anything is stored, so an instance already running follows this one's events from the first.
    await this.heartbeat();
    // Taken before the rebuild reads: events stored meanwhile are re-read by the first follow steps (and skipped
    // by id if the rebuild already had them).
    this.cursor = (Date.now() - FOLLOW_LAG_MS) * 1000;
    // One read for every service (on FerretDB each read of the event log is a scan of all of it): 36 hours covers
    // any service's business day plus the 12 hours before it.
    const since = new Date(this.now().getTime() - 36 * 3_600_000);
    const byService = new Map<string, CtiEventDoc[]>();
    for (const doc of await this.store.ctiEvents.listSince(since)) {
      const list = byService.get(doc.serviceId);
      if (list) list.push(doc);
      else byService.set(doc.serviceId, [doc]);
    }
    for (const [serviceId, docs] of byService) await this.rebuild(serviceId, docs);
    this.ready = true;
    this.timer = setInterval(() => {
      this.following ??= this.follow()
        .catch((error: unknown) =>
          this.log.warn({ err: error }, 'wallboard: following stored events failed; will retry'),
        )
        .finally(() => (this.following = undefined));
    }, this.options.followEveryMs ?? 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.following;
    this.listeners.clear();
  }

  subscribe(listener: (serviceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Replays one service's stored events (at start, and when settings that shape the figures change). `recent`:
   * the service's events of at least the last 36 hours in time order, when the caller has read them already.
   */
  async rebuild(serviceId: string, recent?: CtiEventDoc[]): Promise<void> {
    const service = await this.store.services.get(serviceId);
    if (!service) return;
    const now = this.now();
    const { timeZone, dayStart } = service.settings;
    const from = new Date(businessDayStart(now, timeZone, dayStart).getTime() - 12 * 3_600_000);
    const figures = new ServiceFigures(this.figureSettings(service), from);
    const docs = recent
      ? recent.filter((doc) => doc.at >= from)
      : await this.store.ctiEvents.listForService(serviceId, from);
    for (const doc of docs) {
      // An event stored with a date past today (by a version that took it, or a PBX clock years ahead) is
      // ignored rather than allowed to move the business day past today's on every restart.
      figures.apply(eventFromDoc(doc), now);
      this.applied.set(doc._id, doc.seq);
    }
    figures.rollTo(now);
    this.services.set(serviceId, {
      service,
      figures,
      names: await this.loadNames(serviceId),
      namesAt: Date.now(),
    });
    this.notify(serviceId);
  }

  private figureSettings(service: ServiceDoc) {
    const s = service.settings;
    return {
      timeZone: s.timeZone,
      dayStart: s.dayStart,
      serviceLevelThresholdSeconds: s.serviceLevelThresholdSeconds,
      shortAbandonCutoffSeconds: s.shortAbandonCutoffSeconds,
    };
  }

  private async loadNames(serviceId: string): Promise<Map<string, string>> {
    const members = await this.store.members.listByService(serviceId);
    return new Map(members.filter((m) => m.ctiAgentId).map((m) => [m.ctiAgentId!, m.displayName]));
  }

  private async ensure(serviceId: string): Promise<LiveService | undefined> {
    const live = this.services.get(serviceId);
    if (live) return live;
    await this.rebuild(serviceId);
    return this.services.get(serviceId);
  }

  /** Applies events this instance has just stored (and acknowledged). O(1) per event. */
  async applyStored(serviceId: string, docs: CtiEventDoc[]): Promise<void> {
    const live = await this.ensure(serviceId);
    if (!live) return;
    const now = this.now();
    let changed = false;
    for (const doc of docs) {
      if (this.applied.has(doc._id)) continue;
      this.applied.set(doc._id, doc.seq);
      if (live.figures.apply(eventFromDoc(doc), now)) changed = true;
    }
    if (changed) this.notify(serviceId);
  }

  private async heartbeat(): Promise<void> {
    this.heartbeatAt = Date.now();
    await this.store.instances.heartbeat(this.origin, {
      host: hostname(),
      pid: process.pid,
      startedAt: this.startedAt,
    });
  }

  /**
   * Whether another instance may have stored events the next read would return: it was seen recently enough that
   * its last events (stored soon after it was last seen; three heartbeats allow for a slow database) are not yet
   * behind the read window. Alone, an
   * instance has applied everything when it stored it, so it skips the read — on FerretDB that read is a scan of
   * the whole event log, which would otherwise compete with ingestion for the database.
   */
  private async othersMayHaveStored(): Promise<boolean> {
    if (Date.now() - this.heartbeatAt >= HEARTBEAT_MS) {
      await this.heartbeat();
      if (Math.random() < 0.01)
        await this.store.instances.purgeNotSeenSince(new Date(Date.now() - INSTANCE_FORGET_MS));
    }
    const windowStart = this.cursor / 1000 - FOLLOW_LAG_MS;
    const others = await this.store.instances.othersSeenSince(
      this.origin,
      new Date(windowStart - 3 * HEARTBEAT_MS),
    );
    return others.length > 0;
  }

  /** One follow step: events other instances stored since the cursor (re-reading a short lag window). */
  private async follow(): Promise<void> {
    let maxSeq = this.cursor;
    let from = this.cursor - FOLLOW_LAG_MS * 1000;
    // Page by seq: a burst larger than one page must not pin the follower to the same page for ever.
    for (let more = await this.othersMayHaveStored(); more;) {
      const docs = await this.store.ctiEvents.listAfter(from, FOLLOW_PAGE, this.origin);
      const byService = new Map<string, CtiEventDoc[]>();
      for (const doc of docs) {
        maxSeq = Math.max(maxSeq, doc.seq);
        if (this.applied.has(doc._id)) continue;
        const list = byService.get(doc.serviceId);
        if (list) list.push(doc);
        else byService.set(doc.serviceId, [doc]);
      }
      for (const [serviceId, list] of byService) await this.applyStored(serviceId, list);
      more = docs.length === FOLLOW_PAGE;
      if (more) from = docs[docs.length - 1]!.seq;
    }
    // Up to the newest event read, and never past the lag window; with nothing read, up to the lag window.
    if (maxSeq === this.cursor) maxSeq = Number.MAX_SAFE_INTEGER;
    this.cursor = Math.max(this.cursor, Math.min(maxSeq, (Date.now() - FOLLOW_LAG_MS) * 1000));
    // Forget ids older than the window: they can no longer come back through `listAfter`.
    const horizon = this.cursor - 2 * FOLLOW_LAG_MS * 1000;
    if (this.applied.size > 10_000)
      for (const [id, seq] of this.applied) if (seq < horizon) this.applied.delete(id);
    // Now and then: agent names (a member added later shows by name) and settings (a new threshold, day start or
    // time zone rebuilds the figures under the new rules, on every instance).
    for (const live of [...this.services.values()]) {
      if (Date.now() - live.namesAt <= REFRESH_MS) continue;
      live.namesAt = Date.now();
      const fresh = await this.store.services.get(live.service._id);
      if (fresh && fresh.updatedAt.getTime() !== live.service.updatedAt.getTime())
        await this.rebuild(fresh._id);
      else {
        // A new map only when a name changed: a new map makes the next snapshot redraw every agent's line.
        const names = await this.loadNames(live.service._id);
        if (!sameEntries(names, live.names)) live.names = names;
      }
    }
  }

  /** Settings changed (threshold, day start, time zone, name): rebuild so every figure uses the new rules. */
  async serviceChanged(serviceId: string): Promise<void> {
    if (this.services.has(serviceId)) await this.rebuild(serviceId);
  }

  /** An agent's last known CTI state (the Call button's "logged in" check); undefined when never seen. */
  async agentState(serviceId: string, ctiAgentId: string): Promise<AgentState | undefined> {
    const live = await this.ensure(serviceId);
    return live?.figures.stateOf(ctiAgentId);
  }

  snapshot(serviceId: string, service?: ServiceDoc): ServiceSnapshot | undefined {
    const live = this.services.get(serviceId);
    const doc = live?.service ?? service;
    if (!doc) return undefined;
    const figures = live?.figures ?? new ServiceFigures(this.figureSettings(doc), this.now());
    return {
      id: doc._id,
      name: doc.name,
      ...figures.snapshot(this.now(), live?.names),
    };
  }

  private notify(serviceId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(serviceId);
      } catch (error) {
        this.log.error({ err: error }, 'wallboard listener failed');
      }
    }
  }
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
