import { addDays, dayRangeIn } from '../domain/callback-ranges.js';
import { median, type CallbackDoc, type StatsRow } from '../domain/callbacks.js';
import { periodOf, periodsBetween, type StatsGranularity } from '../domain/stats-periods.js';
import { businessDayOf } from '../domain/wallboard/business-day.js';
import type { Locale } from '../domain/service-settings.js';
import { renderStatsChart, type StatsChart } from '../exports/stats-chart.js';
import type { Actor } from './actor.js';
import { openService, type CallbackDeps } from './callbacks/common.js';
import { fail, ok, type Result } from './result.js';

export type { StatsRow };

/**
 * The processing status (처리 현황) as surfaces show it and charts draw it. In every row
 * `received = completed + cancelled + open`; `assigned` counts the received callbacks that have an assignee, so the
 * unassigned row's is 0; the agent rows (the unassigned one included) add up to `total`, and so do the periods.
 */
export interface CallbackStats {
  granularity: StatsGranularity;
  /** The business days asked for, inclusive (undefined: open-ended). */
  fromDay?: string;
  toDay?: string;
  timeZone: string;
  /** HH:MM: when the service's day starts, so when a request counts for the next day. */
  dayStart: string;
  /** Every period of the range in order, empty ones as zero rows (a chart's x axis); keys as `periodOf` makes. */
  periods: StatsRow[];
  /** Agents with callbacks in the range by name, then the unassigned row (`key` null) if there is one. */
  agents: StatsRow[];
  total: StatsRow;
}

export interface StatsQuery {
  granularity: StatsGranularity;
  /** Business days `YYYY-MM-DD` in the service's time zone and day start, inclusive; either may be open. */
  fromDay?: string;
  toDay?: string;
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
    // Completed and cancelled callbacks keep their assignee; one returned to the pool has none.
    if (c.assigneeId !== null) this.assigned++;
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
      cancelled: this.cancelled,
      open: this.open,
      completionRate: this.received ? this.completed / this.received : null,
      medianMinutesToComplete: m === undefined ? null : Math.round(m / 6000) / 10,
    };
  }
}

/**
 * `/callback stats` (admin): per period and per agent — received, completed, cancelled, open, assigned, completion
 * rate and median time to complete — for callbacks requested on the business days asked for. One pass over a
 * cursor; computed here, not in an aggregation pipeline, so it runs the same on FerretDB v1.
 */
export async function callbackStats(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: StatsQuery,
): Promise<Result<CallbackStats>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.stats');
  if (!opened.ok) return opened;
  const { timeZone, dayStart } = opened.value.settings;
  const range = dayRangeIn(timeZone, query.fromDay, query.toDay, dayStart);
  if (!range.ok)
    return fail({
      code: 'invalid_input',
      message: 'callbackStats.invalidRange',
      params: { problem: range.error },
    });

  const periods = new Map<string, Tally>();
  const agents = new Map<string | null, Tally>();
  const total = new Tally();
  let firstDay: string | undefined;
  let lastDay: string | undefined;
  for await (const c of deps.store.callbacks.stream({ serviceId, from: range.from, to: range.to })) {
    const day = businessDayOf(c.requestedAt, timeZone, dayStart);
    if (!firstDay || day < firstDay) firstDay = day;
    if (!lastDay || day > lastDay) lastDay = day;
    tallyFor(periods, periodOf(day, query.granularity)).add(c);
    tallyFor(agents, c.assigneeId).add(c);
    total.add(c);
  }
  const from = query.fromDay ?? firstDay;
  const to = query.toDay ?? lastDay;
  const keys = from && to ? periodsBetween(from, to, query.granularity) : [];
  const members = await deps.store.members.listByService(serviceId);
  const names = new Map(members.map((m) => [m._id, m.displayName]));
  return ok({
    granularity: query.granularity,
    fromDay: query.fromDay,
    toDay: query.toDay,
    timeZone,
    dayStart,
    periods: keys.map((key) =>
      (periods.get(key) ?? new Tally()).row(key, periodLabel(key, query.granularity)),
    ),
    agents: [...agents]
      .map(([key, t]) => t.row(key, key === null ? '' : (names.get(key) ?? key)))
      .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label, 'ko'))),
    total: total.row('total', ''),
  });
}

/** `2026-11-23`, `2026-11-23~11-29` (Monday to Sunday) or `2026-11`. */
function periodLabel(key: string, granularity: StatsGranularity): string {
  return granularity === 'week' ? `${key}~${addDays(key, 6).slice(5)}` : key;
}

function tallyFor<K>(map: Map<K, Tally>, key: K): Tally {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = new Tally()));
  return tally;
}

/**
 * The processing status as a chart (Chart.js, drawn in Korean or English), or undefined when fewer than two periods
 * have callbacks: empty periods are zero rows, and a chart of one bar says nothing the table does not.
 */
export async function chartOfStats(
  stats: CallbackStats,
  query: { granularity: StatsGranularity; fromDay: string; toDay: string },
  locale: Locale,
): Promise<StatsChart | undefined> {
  if (stats.periods.filter((p) => p.received > 0).length < 2) return undefined;
  return renderStatsChart({
    locale,
    granularity: query.granularity,
    fromDay: query.fromDay,
    toDay: query.toDay,
    timeZone: stats.timeZone,
    periods: stats.periods.map((p) => ({
      period: p.key ?? '',
      received: p.received,
      completed: p.completed,
      cancelled: p.cancelled,
    })),
  });
}
