import { median, type StatsRow } from '../domain/callbacks.js';
import { businessDayOf } from '../domain/wallboard/business-day.js';
import type { CallbackDoc } from '../domain/callbacks.js';
import type { Actor } from './actor.js';
import { openService, type CallbackDeps } from './callbacks/common.js';
import { ok, type Result } from './result.js';

export type { StatsRow };

export interface CallbackStats {
  granularity: 'day' | 'month';
  from: Date;
  to: Date;
  timeZone: string;
  periods: StatsRow[];
  agents: StatsRow[];
  total: StatsRow;
}

export interface StatsQuery {
  granularity: 'day' | 'month';
  /** Requested at or after / before (instants; the surfaces turn words like `30d` into them). */
  from: Date;
  to: Date;
}

class Tally {
  received = 0;
  assigned = 0;
  completed = 0;
  open = 0;
  cancelled = 0;
  private readonly durations: number[] = [];

  add(c: CallbackDoc): void {
    this.received++;
    if (c.history.some((h) => h.action === 'assigned')) this.assigned++;
    if (c.status === 'completed') {
      this.completed++;
      if (c.completedAt) this.durations.push(c.completedAt.getTime() - c.requestedAt.getTime());
    } else if (c.status === 'cancelled') this.cancelled++;
    else this.open++;
  }

  row(key: string | null, label: string): StatsRow {
    const m = median(this.durations);
    return {
      key,
      label,
      received: this.received,
      assigned: this.assigned,
      completed: this.completed,
      open: this.open,
      cancelled: this.cancelled,
      completionRate: this.received ? this.completed / this.received : null,
      medianMinutesToComplete: m === undefined ? null : Math.round(m / 6000) / 10,
    };
  }
}

/**
 * `/callback stats` (admin): per period and per agent — received, assigned, completed, open, completion rate and
 * median time to complete — for callbacks requested in [from, to). One pass over a cursor; computed here, not in
 * an aggregation pipeline, so it runs the same on FerretDB v1.
 */
export async function callbackStats(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: StatsQuery,
): Promise<Result<CallbackStats>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.stats');
  if (!opened.ok) return opened;
  const service = opened.value;
  const timeZone = service.settings.timeZone;

  const periods = new Map<string, Tally>();
  const agents = new Map<string | null, Tally>();
  const total = new Tally();
  for await (const c of deps.store.callbacks.stream({ serviceId, from: query.from, to: query.to })) {
    const day = businessDayOf(c.requestedAt, timeZone, '00:00');
    const period = query.granularity === 'day' ? day : day.slice(0, 7);
    tallyFor(periods, period).add(c);
    // Completed and cancelled callbacks keep their assignee; one returned to the pool counts for nobody.
    tallyFor(agents, c.assigneeId).add(c);
    total.add(c);
  }
  const members = await deps.store.members.listByService(serviceId);
  const names = new Map(members.map((m) => [m._id, m.displayName]));
  return ok({
    granularity: query.granularity,
    from: query.from,
    to: query.to,
    timeZone,
    periods: [...periods].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => t.row(key, key)),
    agents: [...agents]
      .map(([key, t]) => t.row(key, key === null ? '' : (names.get(key) ?? key)))
      .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label, 'ko'))),
    total: total.row('total', ''),
  });
}

function tallyFor<K>(map: Map<K, Tally>, key: K): Tally {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = new Tally()));
  return tally;
}
