import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatsGranularity } from '../domain/stats-periods.js';
import { callbackStats, chartOfStats } from './callback-stats.js';
import { removeWorkbook } from '../exports/callback-workbooks.js';
import type { Locale } from '../domain/service-settings.js';
import type { Store } from '../store/index.js';
import { actorLabel, actorSurface, type Actor } from './actor.js';
import { historyScope } from './sms/common.js';
import type { SmsDeps } from './sms/deps.js';
import { exportSmsHistory } from './sms/export.js';
import { smsHistoryQueryOf, type SmsHistoryFilter } from './sms/command-words.js';
import {
  exportCallbackList,
  rangeLabel,
  exportCallbackStats,
  type CallbackExport,
  type ListExportQuery,
  type StatsExportQuery,
} from './callback-exports.js';
import type { CallbackDeps } from './callbacks.js';
import { ok, type Result } from './result.js';

/** How long a download link works: enough to click it, short enough that a forwarded link soon stops working. */
export const EXPORT_LINK_MS = 15 * 60_000;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportLinkDeps extends CallbackDeps {
  /** The link's lifetime (default EXPORT_LINK_MS). */
  exportLinkMs?: number;
}

/** An export ready to download: `path` (`/exports/<token>`) is prefixed with the public URL by the surface. */
export interface ExportLink extends Omit<CallbackExport, 'path'> {
  token: string;
  path: string;
  expiresAt: Date;
}

export type ExportLinkError = 'not_found' | 'expired';

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
/** 32 random bytes as base64url: 43 characters. Anything else is not one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A token bound to one file of one service; only its hash is kept. */
async function linkFile(
  deps: ExportLinkDeps,
  actor: Actor | undefined,
  serviceId: string,
  file: { path: string; filename: string; contentType: string },
  now: Date,
): Promise<{ token: string; path: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (deps.exportLinkMs ?? EXPORT_LINK_MS));
  await deps.store.exportLinks.create(
    { tokenHash: hashOf(token), serviceId, ...file, createdBy: actorLabel(actor), expiresAt },
    now,
  );
  return { token, path: `/exports/${token}`, expiresAt };
}

async function issue(
  deps: ExportLinkDeps,
  actor: Actor | undefined,
  serviceId: string,
  exported: CallbackExport,
  now: Date,
  action = 'callbacks.exportLinkIssued',
): Promise<ExportLink> {
  const link = await linkFile(
    deps,
    actor,
    serviceId,
    { path: exported.path, filename: exported.filename, contentType: XLSX_CONTENT_TYPE },
    now,
  );
  const { token, expiresAt } = link;
  await deps.store.audit.append({
    serviceId,
    surface: actorSurface(actor),
    actor: actorLabel(actor),
    action,
    target: null,
    details: { filename: exported.filename, rows: exported.rows, expiresAt: expiresAt.toISOString() },
  });
  const { path: _file, ...rest } = exported;
  return { ...rest, token, path: link.path, expiresAt };
}

/** A chart this small goes into the card itself (a `data:` URI); larger ones are linked. */
export const INLINE_CHART_BYTES = 12_000;

export interface StatsChartImage {
  /** What the chart shows, in words (the card's alt text). */
  altText: string;
  dataUri?: string;
  /** `/exports/<token>` of the PNG, and until when it works. */
  link?: { path: string; expiresAt: Date };
}

/**
 * The processing status's chart for a card (admins, as `callbackStats` decides): undefined when fewer than two
 * periods have callbacks (a chart of one bar says nothing the table does not).
 */
export async function callbackStatsChart(
  deps: ExportLinkDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: { granularity: StatsGranularity; fromDay: string; toDay: string },
  locale: Locale,
): Promise<Result<StatsChartImage | undefined>> {
  const stats = await callbackStats(deps, actor, serviceId, query);
  if (!stats.ok) return stats;
  const chart = await chartOfStats(stats.value, query, locale);
  if (!chart) return ok(undefined);
  if (chart.png.length <= INLINE_CHART_BYTES)
    return ok({ altText: chart.altText, dataUri: `data:image/png;base64,${chart.png.toString('base64')}` });
  const path = join(
    deps.exportDirectory ?? tmpdir(),
    `switchboard-chart-${randomBytes(8).toString('hex')}.png`,
  );
  await writeFile(path, chart.png);
  const link = await linkFile(
    deps,
    actor,
    serviceId,
    { path, filename: `callback-stats-${query.fromDay}-${query.toDay}.png`, contentType: 'image/png' },
    deps.now?.() ?? new Date(),
  );
  return ok({ altText: chart.altText, link: { path: link.path, expiresAt: link.expiresAt } });
}

/**
 * The callback list as a download link (Teams, which cannot take a file from a bot in every conversation): the
 * export itself decides who may make it and what it holds (`exportCallbackList`); the link names that one file.
 */
export async function exportCallbackListLink(
  deps: ExportLinkDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: ListExportQuery,
  locale: Locale,
): Promise<Result<ExportLink>> {
  const exported = await exportCallbackList(deps, actor, serviceId, query, locale);
  if (!exported.ok) return exported;
  return ok(await issue(deps, actor, serviceId, exported.value, deps.now?.() ?? new Date()));
}

/** The processing status as a download link (admins, as `exportCallbackStats` decides). */
export async function exportCallbackStatsLink(
  deps: ExportLinkDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: StatsExportQuery,
  locale: Locale,
): Promise<Result<ExportLink>> {
  const exported = await exportCallbackStats(deps, actor, serviceId, query, locale);
  if (!exported.ok) return exported;
  return ok(await issue(deps, actor, serviceId, exported.value, deps.now?.() ?? new Date()));
}

/** The SMS send history's download link: the export's figures, as the link card shows them. */
export interface SmsExportLink extends ExportLink {
  /** `rows` are the send requests (sheet 1); these are their recipient rows (sheet 2). */
  recipients: number;
  /** More requests matched than one workbook holds: only the newest are in it. */
  truncated: boolean;
}

/**
 * The SMS send history (발송 내역) as a download link (Teams): `exportSmsHistory` decides who may export and what
 * (the same rule as the history and Slack's Excel button: members their own requests, admins all); the filter is
 * the history card's (days in the service's time zone, status).
 */
export async function exportSmsHistoryLink(
  deps: ExportLinkDeps & { sms: SmsDeps },
  actor: Actor | undefined,
  serviceId: string,
  filter: Omit<SmsHistoryFilter, 'page'>,
  locale: Locale,
): Promise<Result<SmsExportLink>> {
  const timeZone = (await deps.store.services.get(serviceId))?.settings.timeZone ?? 'Asia/Seoul';
  const { page: _page, pageSize: _size, ...query } = smsHistoryQueryOf({ ...filter, page: 1 }, timeZone, 1);
  const exported = await exportSmsHistory(deps.sms, actor, serviceId, { ...query, locale });
  if (!exported.ok) return exported;
  const path = join(
    deps.exportDirectory ?? tmpdir(),
    `switchboard-sms-${randomBytes(8).toString('hex')}.xlsx`,
  );
  await writeFile(path, exported.value.data);
  const scope = historyScope(actor, serviceId);
  const link = await issue(
    deps,
    actor,
    serviceId,
    {
      path,
      filename: exported.value.fileName,
      rows: exported.value.requests,
      timeZone,
      rangeLabel: rangeLabel(locale, filter.fromDay, filter.toDay),
      ownOnly: scope.ok && scope.value.ownerId !== undefined,
    },
    deps.now?.() ?? new Date(),
    'sms.exportLinkIssued',
  );
  return ok({ ...link, recipients: exported.value.recipients, truncated: exported.value.truncated });
}

/**
 * `GET /exports/:token`: the one file the token names. The link is the permission (it was issued to someone who
 * could make the export); an unknown or altered token is `not_found`, an expired one `expired`.
 */
export async function openExportLink(
  store: Store,
  token: string,
  now = new Date(),
): Promise<
  { path: string; filename: string; contentType: string; serviceId: string } | { error: ExportLinkError }
> {
  if (!TOKEN_SHAPE.test(token)) return { error: 'not_found' };
  const link = await store.exportLinks.findByHash(hashOf(token));
  if (!link) return { error: 'not_found' };
  if (now.getTime() >= link.expiresAt.getTime()) return { error: 'expired' };
  return {
    path: link.path,
    filename: link.filename,
    contentType: link.contentType,
    serviceId: link.serviceId,
  };
}

/**
 * Expired links and their files (FerretDB v1 has no TTL indexes). A link is kept a day past its expiry, so an
 * old link answers 410 rather than 404 for a while; its file goes at once.
 */
export async function purgeExpiredExportLinks(store: Store, now = Date.now()): Promise<void> {
  for (const link of await store.exportLinks.listExpired(new Date(now))) await removeWorkbook(link.path);
  const forgotten = await store.exportLinks.listExpired(new Date(now - 86_400_000));
  await store.exportLinks.remove(forgotten.map((l) => l._id));
}
