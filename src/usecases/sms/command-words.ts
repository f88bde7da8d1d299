import { addDays, dayRangeIn, parseRangeWord, todayIn } from '../../domain/callback-ranges.js';
import { SMS_REQUEST_STATUSES, type SmsRequestStatus } from '../../domain/sms.js';
import type { SmsHistoryQuery } from './types.js';

/** What `/sms …` asked for, read from its words (pure: the time zone and clock come in). */
export type SmsCommand =
  | { kind: 'send' | 'templates' | 'help' }
  | { kind: 'history'; fromDay?: string; toDay?: string; status?: SmsRequestStatus }
  | { kind: 'unknown'; word: string }
  | { kind: 'badRange'; error: string }
  | { kind: 'badStatus'; word: string };

const isStatus = (word: string): word is SmsRequestStatus =>
  (SMS_REQUEST_STATUSES as readonly string[]).includes(word);

export function parseSmsCommand(text: string, timeZone: string, now: Date): SmsCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const verb = words[0]?.toLowerCase() ?? '';
  if (verb === '' || verb === 'send') return words.length > 1 ? unknown(words[1]!) : { kind: 'send' };
  if (verb === 'templates' || verb === 'help') return words.length > 1 ? unknown(words[1]!) : { kind: verb };
  if (verb === 'history') return parseHistory(words.slice(1), timeZone, now);
  return unknown(words[0]!);
}

const unknown = (word: string): SmsCommand => ({ kind: 'unknown', word });

/** `[range] [status]` in either order: the callback commands' range words plus `yesterday`; one status. */
function parseHistory(words: string[], timeZone: string, now: Date): SmsCommand {
  let status: SmsRequestStatus | undefined;
  let fromDay: string | undefined;
  let toDay: string | undefined;
  let ranged = false;
  for (const word of words) {
    // `partially-failed` reads as `partially_failed`; dates keep their hyphens (they are no status anyway).
    const lower = word.toLowerCase().replace(/-/g, '_');
    if (!status && isStatus(lower)) {
      status = lower;
      continue;
    }
    if (!ranged) {
      const range = rangeWord(word.toLowerCase(), timeZone, now);
      if (range && !range.ok) return { kind: 'badRange', error: range.error };
      if (range?.ok) {
        ({ fromDay, toDay } = range);
        ranged = true;
        continue;
      }
    }
    return /^[a-z_]+$/.test(lower) && !status ? { kind: 'badStatus', word } : unknown(word);
  }
  return { kind: 'history', fromDay, toDay, status };
}

function rangeWord(word: string, timeZone: string, now: Date) {
  if (word === 'yesterday') {
    const day = addDays(todayIn(timeZone, now), -1);
    return dayRangeIn(timeZone, day, day);
  }
  return parseRangeWord(word, timeZone, now);
}

/** The history's days (as the command words or a history screen's buttons carry them), page and status. */
export interface SmsHistoryFilter {
  fromDay?: string;
  toDay?: string;
  status?: SmsRequestStatus;
  page: number;
}

/** The use case's query for a history filter: its days as instants in the service's time zone. */
export function smsHistoryQueryOf(
  filter: SmsHistoryFilter,
  timeZone: string,
  pageSize: number,
): SmsHistoryQuery {
  const range = dayRangeIn(timeZone, filter.fromDay, filter.toDay);
  return {
    ...(range.ok && range.from ? { from: range.from } : {}),
    ...(range.ok && range.to ? { to: range.to } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    page: filter.page,
    pageSize,
  };
}
