import type { Locale } from '../domain/service-settings.js';

/** `2026-11-22 14:05` in the service's time zone: what contact-center staff read on cards and exports. */
export function formatDateTime(date: Date, timeZone: string, _locale: Locale): string {
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
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
