import { formatKoreanPhone, type CallbackDoc } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';

/**
 * A callback as one line in a picker (Slack's select option, a Teams choice): number, name and when it was asked
 * for (`MM-DD HH:MM` in the service's time zone), then `extra` (its assignee, say).
 */
export function callbackChoiceLabel(
  locale: Locale,
  callback: Pick<CallbackDoc, 'phone' | 'name' | 'requestedAt'>,
  timeZone: string,
  extra?: string,
): string {
  return [
    formatKoreanPhone(callback.phone),
    callback.name ?? '',
    formatDateTime(callback.requestedAt, timeZone, locale).slice(5),
    extra ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}
