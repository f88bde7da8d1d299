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
import {
  exportCallbackList,
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
    action: 'callbacks.exportLinkIssued',
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
