import type { Locale } from '../domain/service-settings.js';

/** The wall-clock fields of `date` in `timeZone`, two digits each (the year four), on a 24-hour clock. */
export function dateTimeParts(
  date: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** `2026-11-22 14:05` in the service's time zone: what contact-center staff read on cards and exports. */
export function formatDateTime(date: Date, timeZone: string, _locale: Locale): string {
  const { year, month, day, hour, minute } = dateTimeParts(date, timeZone);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}
