import { parseRangeWord } from '../../domain/callback-ranges.js';
import { defaultStatsRange, STATS_GRANULARITIES, type StatsGranularity } from '../../domain/stats-periods.js';
import { LIST_SCOPES, type ListScope } from '../callbacks.js';

/** What `/callback …` (Slack) or `callback …` (Teams) asked for, read from its words (pure: the time zone and clock come in). */
export type CallbackCommand =
  | { kind: 'list'; scope: ListScope; fromDay?: string; toDay?: string; q?: string }
  | { kind: 'new' | 'assign' | 'unassign' | 'help' }
  | { kind: 'stats'; granularity: StatsGranularity; fromDay: string; toDay: string }
  | { kind: 'unknown'; word: string }
  | { kind: 'badRange'; error: string }
  | { kind: 'statsUsage'; word: string }
  | { kind: 'history'; phone: string }
  | { kind: 'historyUsage' };

/** Rows per page of a callback list in chat (Slack and Teams). */
export const LIST_PAGE_SIZE = 10;

/** What a list message shows; carried in its paging buttons so Prev/Next repeat the same query. */
export interface ListQuery {
  serviceId: string;
  scope: ListScope;
  fromDay?: string;
  toDay?: string;
  /** A part of the phone number or the customer name. */
  q?: string;
  page: number;
}

const isScope = (word: string): word is ListScope => (LIST_SCOPES as readonly string[]).includes(word);

/** `dayStart`: the service's (HH:MM); the processing status's "today" and days start there. */
export function parseCallbackCommand(
  text: string,
  timeZone: string,
  now: Date,
  dayStart = '00:00',
): CallbackCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const verb = words[0]?.toLowerCase() ?? '';
  if (verb === 'new' || verb === 'assign' || verb === 'unassign' || verb === 'help') {
    if (words.length > 1) return { kind: 'unknown', word: words[1]! };
    return { kind: verb };
  }
  if (verb === 'stats') return parseStats(words.slice(1), timeZone, now, dayStart);
  // `/callback history 010-1234-5678` (a number typed with spaces is one number); the use case checks it.
  if (verb === 'history')
    return words.length > 1 ? { kind: 'history', phone: words.slice(1).join(' ') } : { kind: 'historyUsage' };
  // `/callback`, `/callback list …`, and the list words on their own (`/callback unassigned today`).
  return verb === 'list' ? parseList(words.slice(1), timeZone, now, true) : parseList(words, timeZone, now);
}

/**
 * A status word, a range word, and (after `list`) whatever else as the search: a part of the phone number or the
 * customer name (`/callback list all 5678`, `/callback list 김민수 7d`). Without `list`, an unknown word is more
 * likely a mistyped subcommand than a name, so it is answered as one.
 */
function parseList(words: string[], timeZone: string, now: Date, searchable = false): CallbackCommand {
  let scope: ListScope | undefined;
  let fromDay: string | undefined;
  let toDay: string | undefined;
  let ranged = false;
  const search: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (!scope && isScope(lower)) {
      scope = lower;
      continue;
    }
    const range = ranged ? undefined : parseRangeWord(lower, timeZone, now);
    if (!range && searchable) {
      search.push(word);
      continue;
    }
    if (!range) return { kind: 'unknown', word };
    if (!range.ok) return { kind: 'badRange', error: range.error };
    ({ fromDay, toDay } = range);
    ranged = true;
  }
  const q = search.join(' ');
  return { kind: 'list', scope: scope ?? 'open', fromDay, toDay, ...(q ? { q } : {}) };
}

const isGranularity = (word: string): word is StatsGranularity =>
  (STATS_GRANULARITIES as readonly string[]).includes(word);

function parseStats(words: string[], timeZone: string, now: Date, dayStart: string): CallbackCommand {
  let granularity: StatsGranularity | undefined;
  let range: ReturnType<typeof parseRangeWord>;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (!granularity && isGranularity(lower)) {
      granularity = lower;
      continue;
    }
    const parsed = range ? undefined : parseRangeWord(lower, timeZone, now, dayStart);
    if (!parsed) return { kind: 'statsUsage', word };
    if (!parsed.ok) return { kind: 'badRange', error: parsed.error };
    range = parsed;
  }
  // Without a range each granularity covers its own default: `month` is calendar months, not the last 7 days.
  range ??= defaultStatsRange(granularity ?? 'day', timeZone, now, dayStart);
  if (!range.ok || !range.fromDay || !range.toDay) return { kind: 'statsUsage', word: '' };
  return { kind: 'stats', granularity: granularity ?? 'day', fromDay: range.fromDay, toDay: range.toDay };
}
