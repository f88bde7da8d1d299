import { wallClockParts } from '../wall-clock.js';

/**
 * The business day an instant belongs to, for a service whose day starts at `dayStart` (HH:MM) in `timeZone`.
 * With day start 06:00 in Asia/Seoul, 2026-11-22 05:59 KST still belongs to 2026-11-21.
 */
export function businessDayOf(at: Date, timeZone: string, dayStart: string): string {
  // Day starts are whole minutes, so every instant of one minute has the same business day; applying an event
  // then costs a Map lookup instead of an Intl formatting (the hot path of CTI ingestion).
  const minute = Math.floor(at.getTime() / 60_000);
  const key = `${timeZone}|${dayStart}`;
  const cached = lastDay.get(key);
  if (cached?.minute === minute) return cached.day;
  const day = computeBusinessDay(at, timeZone, dayStart);
  lastDay.set(key, { minute, day });
  return day;
}

const lastDay = new Map<string, { minute: number; day: string }>();

function computeBusinessDay(at: Date, timeZone: string, dayStart: string): string {
  const parts = wallClockParts(at, timeZone);
  const [startHour, startMinute] = dayStart.split(':').map(Number) as [number, number];
  const minutes = parts.hour * 60 + parts.minute;
  const local = Date.UTC(parts.year, parts.month - 1, parts.day);
  const day = minutes < startHour * 60 + startMinute ? new Date(local - 86_400_000) : new Date(local);
  return day.toISOString().slice(0, 10);
}

/** The instant the business day containing `at` started: used to find today's stored events after a restart. */
export function businessDayStart(at: Date, timeZone: string, dayStart: string): Date {
  // The start lies within the last 26 h (24 h plus room for DST shifts); bisect to the millisecond.
  const day = businessDayOf(at, timeZone, dayStart);
  let low = at.getTime() - 26 * 3_600_000;
  let high = at.getTime();
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (businessDayOf(new Date(mid), timeZone, dayStart) === day) high = mid;
    else low = mid;
  }
  return new Date(high);
}
