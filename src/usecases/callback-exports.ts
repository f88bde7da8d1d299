import { dayRangeIn } from '../domain/callback-ranges.js';
import type { Locale } from '../domain/service-settings.js';
import { writeCallbackStatsWorkbook } from '../exports/callback-workbooks.js';
import { inProcessListExports } from '../exports/list-exports.js';
import { translate } from '../i18n/index.js';
import type { Actor } from './actor.js';
import { callbackStats, type StatsQuery } from './callback-stats.js';
import {
  interactionEntry,
  interactionScope,
  streamCallbacks,
  type CallbackDeps,
  type InteractionEntry,
  type ListScope,
} from './callbacks.js';
import { fail, ok, type Result } from './result.js';

/** A workbook ready to hand over; the surface delivers it and then deletes `path` (`removeWorkbook`). */
export interface CallbackExport {
  path: string;
  /** What the person's download is called, in their language (`콜백목록_고객센터_2026-11-01~2026-11-30.xlsx`). */
  filename: string;
  /** Data rows (callbacks; for the processing status, period and agent rows). */
  rows: number;
  timeZone: string;
  /** The range as the person reads it (`2026-11-01 ~ 2026-11-30`, `all dates`). */
  rangeLabel: string;
  /** True when an agent's export was narrowed to their own callbacks (docs/permissions.md). */
  ownOnly: boolean;
}

export interface ListExportQuery {
  scope: ListScope;
  /** Calendar days in the service's time zone, inclusive; either may be open. */
  fromDay?: string;
  toDay?: string;
  assigneeId?: string;
  /** The list's search (`domain/callback-search.ts`). */
  q?: string;
}

/** The processing status's own query: business days, either open (see `callbackStats`). */
export type StatsExportQuery = StatsQuery;

/**
 * The callback list as `.xlsx`: whoever may see the list may export it, with the same rule — an agent gets only
 * the callbacks assigned to them (`streamCallbacks` applies it). Rows are streamed from the database into the
 * file, oldest request first.
 */
export async function exportCallbackList(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: ListExportQuery,
  locale: Locale,
): Promise<Result<CallbackExport>> {
  // The zone is needed to turn days into instants before the use case is asked; the use case still decides
  // permission first, so a refusal wins over a bad range.
  const timeZone = (await deps.store.services.get(serviceId))?.settings.timeZone ?? 'Asia/Seoul';
  const range = dayRangeIn(timeZone, query.fromDay, query.toDay);
  const streamed = await streamCallbacks(deps, actor, serviceId, {
    scope: query.scope,
    from: range.ok ? range.from : undefined,
    to: range.ok ? range.to : undefined,
    assigneeId: query.assigneeId,
    q: query.q,
  });
  if (!streamed.ok) return streamed;
  if (!range.ok)
    return fail({
      code: 'invalid_input',
      message: 'callbackExport.invalidRange',
      params: { problem: range.error },
    });
  const { service, filter, names, ownOnly } = streamed.value;
  const interactions = await interactionsOfWindow(deps, actor, serviceId, range.from, range.to);
  const exports = deps.listExports ?? inProcessListExports(deps.store.callbacks);
  const written = await exports.write(filter, {
    locale,
    timeZone: service.settings.timeZone,
    names,
    directory: deps.exportDirectory,
    interactions,
  });
  const rangeText = rangeLabel(locale, query.fromDay, query.toDay);
  return ok({
    path: written.path,
    filename: fileName(
      translate(locale, 'callbackExport.file.list', {
        service: service.name,
        range: fileRange(locale, query.fromDay, query.toDay),
      }),
    ),
    rows: written.rows,
    timeZone: service.settings.timeZone,
    rangeLabel: rangeText,
    ownOnly,
  });
}

/** Records read from the store at a time for the Interactions sheet. */
const EXPORT_PAGE = 1000;

/** At most this many interaction records go into a list export's Interactions (이력) sheet (newest first). */
export const EXPORT_INTERACTIONS_MAX = 20_000;

/**
 * The Interactions (이력) sheet's records: those registered in the export's window (by when they were registered, so
 * history without a callback is there too), with the visibility `interactionScope` gives this person (as `listInteractions` does).
 */
async function interactionsOfWindow(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  from: Date | undefined,
  to: Date | undefined,
): Promise<InteractionEntry[]> {
  // The checks once, then pages straight from the store (a person's visibility does not change mid-export).
  const scoped = await interactionScope(deps, actor, serviceId, { from, to });
  if (!scoped.ok) return [];
  const found: InteractionEntry[] = [];
  let after: { createdAt: Date; id: string } | undefined;
  while (found.length < EXPORT_INTERACTIONS_MAX) {
    const docs = await deps.store.interactions.list(scoped.value.filter, EXPORT_PAGE, after);
    found.push(...docs.map(interactionEntry));
    const last = docs.at(-1);
    if (docs.length < EXPORT_PAGE || !last) break;
    after = { createdAt: last.createdAt, id: last._id };
  }
  return found.slice(0, EXPORT_INTERACTIONS_MAX);
}

/**
 * The processing status as `.xlsx` (admins only, as `callbackStats` decides), the same rows as the table. Open
 * days mean open-ended: from the first callback ever to the last.
 */
export async function exportCallbackStats(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: StatsExportQuery,
  locale: Locale,
): Promise<Result<CallbackExport>> {
  const computed = await callbackStats(deps, actor, serviceId, query);
  if (!computed.ok) return computed;
  const service = await deps.store.services.get(serviceId);
  const stats = computed.value;
  const written = await writeCallbackStatsWorkbook(stats, { locale, directory: deps.exportDirectory });
  return ok({
    path: written.path,
    filename: fileName(
      translate(locale, 'callbackExport.file.stats', {
        service: service?.name ?? serviceId,
        range: fileRange(locale, query.fromDay, query.toDay),
      }),
    ),
    rows: written.rows,
    timeZone: stats.timeZone,
    rangeLabel: rangeLabel(locale, query.fromDay, query.toDay),
    ownOnly: false,
  });
}

/** The range as the person reads it (`2026-11-01 ~ 2026-11-30`, `all dates`); the SMS export link says it too. */
export function rangeLabel(locale: Locale, fromDay?: string, toDay?: string): string {
  if (fromDay && toDay) return fromDay === toDay ? fromDay : `${fromDay} ~ ${toDay}`;
  if (fromDay) return translate(locale, 'callbackExport.range.from', { day: fromDay });
  if (toDay) return translate(locale, 'callbackExport.range.to', { day: toDay });
  return translate(locale, 'callbackExport.range.all');
}

function fileRange(locale: Locale, fromDay?: string, toDay?: string): string {
  if (!fromDay && !toDay) return translate(locale, 'callbackExport.range.all');
  if (fromDay === toDay) return fromDay!;
  return `${fromDay ?? ''}~${toDay ?? ''}`;
}

/** Safe on every desktop: no path separators or characters Windows refuses; spaces as underscores; bounded. */
export function fileName(base: string): string {
  const cleaned = base
    .replace(/[\\/:*?"<>|]/g, '')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, '_')
    .slice(0, 120);
  return `${cleaned || 'export'}.xlsx`;
}
