import type { Locale } from '../domain/service-settings.js';
import { wallClockParts } from '../domain/wall-clock.js';

/**
 * The wall-clock fields of `date` in `timeZone`, two digits each (the year four), on a 24-hour clock. Built on the
 * wallboard's `wallClockParts`, whose formatter per zone is made once (cards and exports format many dates).
 */
export function dateTimeParts(
  date: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const { year, month, day, hour, minute } = wallClockParts(date, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(year).padStart(4, '0'),
    month: two(month),
    day: two(day),
    hour: two(hour),
    minute: two(minute),
  };
}

/** `2026-11-22 14:05` in the service's time zone: what contact-center staff read on cards and exports. */
export function formatDateTime(date: Date, timeZone: string, _locale: Locale): string {
  const { year, month, day, hour, minute } = dateTimeParts(date, timeZone);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}

/** `14:05:09` in the service's time zone, on a 24-hour clock: a live card's "as of" time. */
export function formatTimeOfDay(date: Date, timeZone: string): string {
  const { hour, minute, second } = wallClockParts(date, timeZone);
  return [hour, minute, second].map((n) => String(n).padStart(2, '0')).join(':');
}
