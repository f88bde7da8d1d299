import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { formatKoreanPhone, type CallbackStatus, type StatsRow } from '../domain/callbacks.js';
import type { Locale } from '../domain/service-settings.js';
import { STATS_FIGURES, type StatsFigure, type StatsGranularity } from '../domain/stats-periods.js';
import { translate, type MessageKey } from '../i18n/index.js';
import type { CallbackRow } from '../domain/callbacks.js';
import {
  addDataRow,
  addSheet,
  sheetStyles,
  wallClockIn,
  type CellValue,
  type SheetColumn,
  workbookWriter,
} from './workbook-sheets.js';

/**
 * The callback list and the processing status as `.xlsx`, written with exceljs' streaming writer to a file in the
 * system temp directory: each row is committed (serialised into the zip stream and dropped) as soon as it is added,
 * so a 100,000-row export holds one row in memory, not the workbook.
 *
 * Dates: an Excel date is a plain day count with no time zone. We write each instant as the wall-clock time it was
 * in the service's zone (so 2026-11-22T00:30Z is the cell `2026-11-22 09:30` for Asia/Seoul) with a
 * `yyyy-mm-dd hh:mm` format, and the column header names the zone. Excel, LibreOffice and Numbers then show
 * the time the contact center saw, whatever the reader's own computer is set to.
 */

/**
 * exceljs does not wait for its zip stream. A sheet's XML goes through a PassThrough that archiver compresses from,
 * and exceljs writes into it whatever it holds: rows committed faster than deflate keeps up with pile up there
 * (tens of MB in a 100,000-row export). Every few hundred rows we give the event loop a turn and, when more than
 * `MAX_PENDING_XML` bytes wait to be compressed, wait until they have been.
 */
const YIELD_EVERY_ROWS = 200;
const MAX_PENDING_XML = 512 * 1024;
const letStreamsDrain = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the pending XML's stream (readable-stream 2's PassThrough) lets us see of its write buffer. */
export interface PendingXml extends EventEmitter {
  _writableState: { length: number; needDrain: boolean };
}

/** The stream between a sheet and the zip, or undefined if exceljs is not built the way we expect. */
export function pendingXmlOf(sheet: ExcelJS.Worksheet): PendingXml | undefined {
  // exceljs' WorksheetWriter.stream is a StreamBuf whose one pipe is archiver's PassThrough (archiver-utils'
  // normalizeInputSource, readable-stream 2). Those are internals, so anything else means: only yield.
  const stream = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const pipe = stream?.pipes?.length === 1 ? stream.pipes[0] : undefined;
  const state = (pipe as { _writableState?: { length?: unknown; needDrain?: unknown } } | undefined)
    ?._writableState;
  return pipe instanceof EventEmitter &&
    typeof state?.length === 'number' &&
    typeof state.needDrain === 'boolean'
    ? (pipe as PendingXml)
    : undefined;
}

async function waitForZip(pending: PendingXml | undefined): Promise<void> {
  await letStreamsDrain();
  // 'drain' comes once the buffer is empty, because exceljs' writes went past the high-water mark.
  const state = pending?._writableState;
  if (pending && state && state.length > MAX_PENDING_XML && state.needDrain) await once(pending, 'drain');
}

const PERCENT_FORMAT = '0.0%';
const MINUTES_FORMAT = '#,##0.0';

// The shared kinds (text, date, count, header) and this workbook's own; see `sheetStyles` for why one object a kind.
const styles = {
  ...sheetStyles,
  percent: { numFmt: PERCENT_FORMAT },
  minutes: { numFmt: MINUTES_FORMAT },
  totalText: { font: { bold: true }, border: { top: { style: 'thin' } } },
} satisfies Record<string, Partial<ExcelJS.Style>>;
const totalOf: Record<Exclude<CellKind, 'text' | 'date'>, Partial<ExcelJS.Style>> = {
  count: { ...styles.count, ...styles.totalText },
  percent: { ...styles.percent, ...styles.totalText },
  minutes: { ...styles.minutes, ...styles.totalText },
};

type CellKind = 'text' | 'date' | 'count' | 'percent' | 'minutes';
type Column = SheetColumn<CellKind>;

export interface WrittenWorkbook {
  /** The `.xlsx` in the temp directory; the caller deletes it once it is delivered (`removeWorkbook`). */
  path: string;
  /** Data rows written (header and total rows not counted). */
  rows: number;
}

export interface ListWorkbookOptions {
  locale: Locale;
  timeZone: string;
  /** Member id → display name, for the assignee column. */
  names: ReadonlyMap<string, string>;
  /** Where the file is written; the system's temp folder when not given. */
  directory?: string;
  /** The interaction records of the same window, newest first: the "Interactions" (이력) sheet. None: no sheet. */
  interactions?: readonly InteractionRow[];
}

/** One interaction record as the Interactions (이력) sheet shows it (registered history or a ticket Connect created). */
export interface InteractionRow {
  id: string;
  kind: 'history' | 'outbound_call';
  at: Date;
  callbackId: string | null;
  phone: string | null;
  customerName: string | null;
  memberName: string;
  channel: string;
  summary: string | null;
  note: string | null;
  forward: 'none' | 'pending' | 'sent' | 'failed';
}

const INTERACTION_COLUMNS: Column[] = [
  { header: 'interactions.col.at', width: 19, kind: 'date' },
  { header: 'interactions.col.kind', width: 22, kind: 'text' },
  { header: 'interactions.col.phone', width: 16, kind: 'text' },
  { header: 'interactions.col.customerName', width: 16, kind: 'text' },
  { header: 'interactions.col.member', width: 16, kind: 'text' },
  { header: 'interactions.col.channel', width: 11, kind: 'text' },
  { header: 'interactions.col.summary', width: 40, kind: 'text' },
  { header: 'interactions.col.note', width: 48, kind: 'text' },
  { header: 'interactions.col.forward', width: 16, kind: 'text' },
  { header: 'interactions.col.callbackId', width: 24, kind: 'text' },
  { header: 'interactions.col.id', width: 24, kind: 'text' },
];

const LIST_COLUMNS: Column[] = [
  { header: 'callbackExport.col.id', width: 24, kind: 'text' },
  { header: 'callbackExport.col.phone', width: 16, kind: 'text' },
  { header: 'callbackExport.col.name', width: 16, kind: 'text' },
  { header: 'callbackExport.col.source', width: 14, kind: 'text' },
  { header: 'callbackExport.col.status', width: 11, kind: 'text' },
  { header: 'callbackExport.col.assignee', width: 16, kind: 'text' },
  { header: 'callbackExport.col.requestedAt', width: 19, kind: 'date' },
  { header: 'callbackExport.col.lastRequestedAt', width: 19, kind: 'date' },
  { header: 'callbackExport.col.requestCount', width: 10, kind: 'count' },
  { header: 'callbackExport.col.assignedAt', width: 19, kind: 'date' },
  { header: 'callbackExport.col.completedAt', width: 19, kind: 'date' },
  { header: 'callbackExport.col.outcome', width: 14, kind: 'text' },
  { header: 'callbackExport.col.attempts', width: 10, kind: 'count' },
  { header: 'callbackExport.col.note', width: 48, kind: 'text' },
];

/** The callback list, one row per callback in the order `rows` yields them (oldest request first). */
export async function writeCallbackListWorkbook(
  rows: AsyncIterable<CallbackRow> | Iterable<CallbackRow>,
  options: ListWorkbookOptions,
): Promise<WrittenWorkbook> {
  const { locale, timeZone, names } = options;
  const toWallClock = wallClockIn(timeZone);
  const date = (d: Date | null) => (d ? toWallClock(d) : null);
  const label = (key: string) => translate(locale, key as MessageKey);
  const statusLabel = labelsOf(label, 'callbacks.status.');
  const sourceLabel = labelsOf(label, 'callbacks.source.');
  const outcomeLabel = labelsOf(label, 'callbacks.outcome.');

  return writeWorkbook(options.directory, async (workbook) => {
    const sheet = addSheet(workbook, translate(locale, 'callbackExport.sheet.list'), LIST_COLUMNS, locale, {
      zone: timeZone,
    });
    const pending = pendingXmlOf(sheet);
    let count = 0;
    for await (const c of rows) {
      // A completed callback's outcome; for an open one, how the latest call went, which is what a supervisor
      // scanning the list wants to know.
      const outcome = c.outcome ?? c.attempts.findLast((a) => a.outcome)?.outcome ?? null;
      addDataRow(sheet, styles, LIST_COLUMNS, [
        c._id,
        formatKoreanPhone(c.phone),
        c.name,
        sourceLabel(c.source),
        statusLabel(c.status satisfies CallbackStatus),
        c.assigneeId ? (names.get(c.assigneeId) ?? c.assigneeId) : null,
        date(c.requestedAt),
        date(c.lastRequestedAt),
        c.requestCount,
        date(c.assignedAt),
        date(c.completedAt),
        outcome ? outcomeLabel(outcome) : null,
        c.attempts.length,
        c.note,
      ]);
      count++;
      if (count % YIELD_EVERY_ROWS === 0) await waitForZip(pending);
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LIST_COLUMNS.length } };
    sheet.commit();
    if (options.interactions) await addInteractionSheet(workbook, options.interactions, options);
    return count;
  });
}

/** The Interactions (이력) sheet: one row per record, kinds and channels in words, times in the service's zone. */
async function addInteractionSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  rows: readonly InteractionRow[],
  { locale, timeZone }: ListWorkbookOptions,
): Promise<void> {
  const toWallClock = wallClockIn(timeZone);
  const label = (key: string) => translate(locale, key as MessageKey);
  const kindLabel = labelsOf(label, 'interactions.kind.');
  const channelLabel = labelsOf(label, 'callbackHistory.channel.');
  const forwardLabel = labelsOf(label, 'interactions.forward.');
  const sheet = addSheet(workbook, translate(locale, 'interactions.sheet'), INTERACTION_COLUMNS, locale, {
    zone: timeZone,
  });
  const pending = pendingXmlOf(sheet);
  let count = 0;
  for (const r of rows) {
    addDataRow(sheet, styles, INTERACTION_COLUMNS, [
      toWallClock(r.at),
      kindLabel(r.kind),
      r.phone ? formatKoreanPhone(r.phone) : null,
      r.customerName,
      r.memberName,
      r.kind === 'history' ? channelLabel(r.channel) : null,
      r.summary,
      r.note,
      r.forward === 'none' ? null : forwardLabel(r.forward),
      r.callbackId,
      r.id,
    ]);
    if (++count % YIELD_EVERY_ROWS === 0) await waitForZip(pending);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: INTERACTION_COLUMNS.length } };
  sheet.commit();
}

export interface StatsWorkbookInput {
  granularity: StatsGranularity;
  periods: readonly StatsRow[];
  agents: readonly StatsRow[];
  total: StatsRow;
}

const figureKind: Record<StatsFigure, Column['kind']> = {
  received: 'count',
  completed: 'count',
  cancelled: 'count',
  open: 'count',
  assigned: 'count',
  completionRate: 'percent',
  medianMinutesToComplete: 'minutes',
};

/** The table's columns (`STATS_FIGURES`, the Slack table's order and names) after a label column. */
const statsColumns = (first: MessageKey, firstWidth: number): Column[] => [
  { header: first, width: firstWidth, kind: 'text' },
  ...STATS_FIGURES.map((figure): Column => ({
    header: `callbackStats.col.${figure}`,
    width: { count: 10, percent: 16, minutes: 24, text: 12, date: 19 }[figureKind[figure]],
    kind: figureKind[figure],
  })),
];

/**
 * The processing status: one sheet per period, one per agent, each with a total row — the rows and columns of the
 * `/callback stats` table. The completion rate is the 0..1 fraction with a percentage format, so it sums, sorts and
 * charts as a number.
 */
export async function writeCallbackStatsWorkbook(
  stats: StatsWorkbookInput,
  options: { locale: Locale; directory?: string },
): Promise<WrittenWorkbook> {
  const { locale } = options;
  const total = translate(locale, 'callbackStats.total');
  const sheets: { name: MessageKey; columns: Column[]; rows: readonly StatsRow[] }[] = [
    {
      name: 'callbackStats.sheet.periods',
      columns: statsColumns(`callbackStats.col.${stats.granularity}`, stats.granularity === 'week' ? 18 : 12),
      rows: stats.periods,
    },
    {
      name: 'callbackStats.sheet.agents',
      columns: statsColumns('callbackStats.col.agent', 20),
      rows: stats.agents.map((r) =>
        r.key === null ? { ...r, label: translate(locale, 'callbackStats.unassigned') } : r,
      ),
    },
  ];
  return writeWorkbook(options.directory, async (workbook) => {
    let count = 0;
    for (const { name, columns, rows } of sheets) {
      const sheet = addSheet(workbook, translate(locale, name), columns, locale, {});
      for (const r of rows) {
        addDataRow(sheet, styles, columns, statsValues(r));
        count++;
      }
      const totalRow = sheet.addRow(statsValues({ ...stats.total, label: total }));
      columns.forEach((column, i) => {
        totalRow.getCell(i + 1).style =
          column.kind === 'text' || column.kind === 'date' ? styles.totalText : totalOf[column.kind];
      });
      totalRow.commit();
      sheet.commit();
    }
    return count;
  });
}

const statsValues = (r: StatsRow): CellValue[] => [r.label, ...STATS_FIGURES.map((figure) => r[figure])];

/** Deletes a workbook written here (missing is fine: delivering it may already have failed half-way). */
export async function removeWorkbook(path: string): Promise<void> {
  await rm(path, { force: true });
}

async function writeWorkbook(
  directory: string | undefined,
  fill: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<number>,
): Promise<WrittenWorkbook> {
  const path = join(directory ?? tmpdir(), `switchboard-export-${randomBytes(8).toString('hex')}.xlsx`);
  const workbook = workbookWriter({ filename: path });
  try {
    const rows = await fill(workbook);
    await workbook.commit();
    return { path, rows };
  } catch (error) {
    await removeWorkbook(path).catch(() => undefined);
    throw error;
  }
}

function labelsOf(label: (key: string) => string, prefix: string): (value: string) => string {
  const cache = new Map<string, string>();
  return (value) => {
    let text = cache.get(value);
    if (text === undefined) cache.set(value, (text = label(`${prefix}${value}`)));
    return text;
  };
}
