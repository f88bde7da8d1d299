import { businessDayOf, businessDayStart } from './wallboard/business-day.js';

/**
 * Date ranges of callback lists, statistics and exports, in the service's time zone: days from the service's day
 * start to the next (a Seoul supervisor's "today" is Seoul's today, whatever the server's clock says). Lists and
 * list exports pass no day start (local midnight); the processing status passes the service's, so its days are the
 * wallboard's business days.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === day;
}

/** The instant a day starts in `timeZone` (at `dayStart`, HH:MM local; local midnight by default). */
export function startOfDay(day: string, timeZone: string, dayStart = '00:00'): Date {
  // Noon UTC of that day plus the day start lands within a day of the wanted business day for every zone; step
  // half days until it is inside it (a business day is 23 to 25 hours long), then find where that day began.
  const [hours, minutes] = dayStart.split(':').map(Number) as [number, number];
  let at = Date.parse(`${day}T12:00:00Z`) + (hours * 60 + minutes) * 60_000;
  for (let step = 0; step < 8; step++) {
    const local = businessDayOf(new Date(at), timeZone, dayStart);
    if (local === day) break;
    at += local < day ? 43_200_000 : -43_200_000;
  }
  return businessDayStart(new Date(at), timeZone, dayStart);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function todayIn(timeZone: string, now: Date, dayStart = '00:00'): string {
  return businessDayOf(now, timeZone, dayStart);
}

export type DayRange =
  { ok: true; from?: Date; to?: Date; fromDay?: string; toDay?: string } | { ok: false; error: string };

/** `from`..`to` inclusive days (either may be open) as instants [from, to), days starting at `dayStart`. */
export function dayRangeIn(timeZone: string, fromDay?: string, toDay?: string, dayStart = '00:00'): DayRange {
  for (const day of [fromDay, toDay])
    if (day !== undefined && !isRealDay(day))
      return { ok: false, error: `${day} is not a date (YYYY-MM-DD)` };
  if (fromDay && toDay && fromDay > toDay) return { ok: false, error: `${fromDay} is after ${toDay}` };
  return {
    ok: true,
    fromDay,
    toDay,
    from: fromDay ? startOfDay(fromDay, timeZone, dayStart) : undefined,
    to: toDay ? startOfDay(addDays(toDay, 1), timeZone, dayStart) : undefined,
  };
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** The first and last day of a calendar month `YYYY-MM`; undefined for no such month. */
export function monthDays(month: string): { first: string; last: string } | undefined {
  const m = MONTH.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).toISOString().slice(0, 10);
  return { first: `${month}-01`, last };
}

/**
 * The range words of `/callback list` and `/callback stats`: `today`, `7d`, `30d` (ending today), a day
 * `YYYY-MM-DD`, `YYYY-MM-DD..YYYY-MM-DD`, a calendar month `YYYY-MM` or months `YYYY-MM..YYYY-MM` (up to today
 * when the last month is the current one). Undefined when the word is not a range. "Today" is the day `now` falls
 * in, days starting at `dayStart`.
 */
export function parseRangeWord(
  word: string,
  timeZone: string,
  now: Date,
  dayStart = '00:00',
): DayRange | undefined {
  const today = todayIn(timeZone, now, dayStart);
  const w = word.trim().toLowerCase();
  const range = (fromDay: string, toDay: string) => dayRangeIn(timeZone, fromDay, toDay, dayStart);
  if (w === 'today') return range(today, today);
  const days = /^(\d{1,3})d$/.exec(w);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > 366) return { ok: false, error: `${word}: 1d to 366d` };
    return range(addDays(today, 1 - n), today);
  }
  if (DAY.test(w)) return range(w, w);
  const span = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(w);
  if (span) return range(span[1]!, span[2]!);
  const months = /^(\d{4}-\d{2})(?:\.\.(\d{4}-\d{2}))?$/.exec(w);
  if (months) {
    const first = monthDays(months[1]!);
    const last = monthDays(months[2] ?? months[1]!);
    if (!first || !last) return { ok: false, error: `${word} is not a month (YYYY-MM)` };
    if (first.first > last.first) return { ok: false, error: `${months[1]} is after ${months[2]}` };
    if (first.first > today) return { ok: false, error: `${months[1]} has not begun` };
    // A month still under way ends today: its remaining days have nothing to count yet.
    return range(first.first, last.last < today ? last.last : today);
  }
  return undefined;
}
