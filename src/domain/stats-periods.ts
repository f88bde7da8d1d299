import { addDays, parseRangeWord, todayIn, type DayRange } from './callback-ranges.js';

/**
 * Periods of the processing status (처리 현황). A callback belongs to the business day of its request (the
 * service's time zone and day start, as on the wallboard); a week is Monday to Sunday of those days, a month the
 * calendar month they fall in. So with day start 06:00, a request at 05:30 on the 1st counts for the last day of the
 * month before.
 */
export const STATS_GRANULARITIES = ['day', 'week', 'month'] as const;
export type StatsGranularity = (typeof STATS_GRANULARITIES)[number];

/**
 * The figures of a processing-status row in the order every table and sheet shows them: the first four add up
 * (received = completed + cancelled + open), then assigned, the completion rate and the median minutes.
 */
export const STATS_FIGURES = [
  'received',
  'completed',
  'cancelled',
  'open',
  'assigned',
  'completionRate',
  'medianMinutesToComplete',
] as const;
export type StatsFigure = (typeof STATS_FIGURES)[number];

/** The key of the period a business day `YYYY-MM-DD` belongs to: the day, its week's Monday, or `YYYY-MM`. */
export function periodOf(day: string, granularity: StatsGranularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return day.slice(0, 7);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Every period key from the one holding `fromDay` to the one holding `toDay`, in order (empty ones included). */
export function periodsBetween(fromDay: string, toDay: string, granularity: StatsGranularity): string[] {
  const keys: string[] = [];
  const last = periodOf(toDay, granularity);
  let key = periodOf(fromDay, granularity);
  while (key <= last) {
    keys.push(key);
    key = granularity === 'day' ? addDays(key, 1) : granularity === 'week' ? addDays(key, 7) : nextMonth(key);
  }
  return keys;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The range `/callback stats` covers when none is given: the last 7 days by day, the last 4 weeks by week (from a
 * Monday), the last 3 calendar months by month (from the 1st); each up to today.
 */
export function defaultStatsRange(
  granularity: StatsGranularity,
  timeZone: string,
  now: Date,
  dayStart: string,
): DayRange {
  const today = todayIn(timeZone, now, dayStart);
  if (granularity === 'day') return parseRangeWord('7d', timeZone, now, dayStart)!;
  const from =
    granularity === 'week'
      ? periodOf(addDays(today, -21), 'week')
      : `${previousMonth(previousMonth(today.slice(0, 7)))}-01`;
  return parseRangeWord(`${from}..${today}`, timeZone, now, dayStart)!;
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
