import { businessDayOf, businessDayStart } from './wallboard/business-day.js';

/**
 * Date ranges of callback lists, statistics and exports, in the service's time zone: calendar days from local
 * midnight to local midnight (a Seoul supervisor's "today" is Seoul's today, whatever the server's clock says).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === day;
}

/** The instant a calendar day starts in `timeZone` (local midnight). */
export function startOfDay(day: string, timeZone: string): Date {
  // Noon UTC of that day is inside the local day for every zone within ±12 h; its day start is local midnight.
  const noon = new Date(`${day}T12:00:00Z`);
  const local = businessDayOf(noon, timeZone, '00:00');
  const shift = local === day ? 0 : local < day ? 86_400_000 : -86_400_000;
  return businessDayStart(new Date(noon.getTime() + shift), timeZone, '00:00');
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function todayIn(timeZone: string, now: Date): string {
  return businessDayOf(now, timeZone, '00:00');
}

export type DayRange =
  { ok: true; from?: Date; to?: Date; fromDay?: string; toDay?: string } | { ok: false; error: string };

/** `from`..`to` inclusive calendar days (either may be open) as instants [from, to). */
export function dayRangeIn(timeZone: string, fromDay?: string, toDay?: string): DayRange {
  for (const day of [fromDay, toDay])
    if (day !== undefined && !isRealDay(day))
      return { ok: false, error: `${day} is not a date (YYYY-MM-DD)` };
  if (fromDay && toDay && fromDay > toDay) return { ok: false, error: `${fromDay} is after ${toDay}` };
  return {
    ok: true,
    fromDay,
    toDay,
    from: fromDay ? startOfDay(fromDay, timeZone) : undefined,
    to: toDay ? startOfDay(addDays(toDay, 1), timeZone) : undefined,
  };
}

/**
 * The range words of `/callback list` and `/callback stats`: `today`, `7d`, `30d` (ending today), a day
 * `YYYY-MM-DD`, or `YYYY-MM-DD..YYYY-MM-DD`. Undefined when the word is not a range.
 */
export function parseRangeWord(word: string, timeZone: string, now: Date): DayRange | undefined {
  const today = todayIn(timeZone, now);
  const w = word.trim().toLowerCase();
  if (w === 'today') return dayRangeIn(timeZone, today, today);
  const days = /^(\d{1,3})d$/.exec(w);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > 366) return { ok: false, error: `${word}: 1d to 366d` };
    return dayRangeIn(timeZone, addDays(today, 1 - n), today);
  }
  if (DAY.test(w)) return dayRangeIn(timeZone, w, w);
  const span = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(w);
  if (span) return dayRangeIn(timeZone, span[1], span[2]);
  return undefined;
}
