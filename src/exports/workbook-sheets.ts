import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../domain/service-settings.js';
import { wallClockParts } from '../domain/wall-clock.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.js';

/**
 * What every `.xlsx` export shares (the callback workbooks and the SMS history): the header row's look, the date
 * and count formats, a sheet with a frozen header, a styled data row, and dates as the service's wall clock.
 */

export const DATE_FORMAT = 'yyyy-mm-dd hh:mm';
export const COUNT_FORMAT = '#,##0';

// One style object per kind of cell, shared by every cell of that kind: exceljs' style table recognises an object
// it has seen (a WeakMap lookup) instead of serialising each cell's style again, which is most of a styled
// workbook's cost at 100,000 rows. A workbook spreads these into its own table and adds its own kinds.
export const sheetStyles = {
  text: {},
  date: { numFmt: DATE_FORMAT },
  count: { numFmt: COUNT_FORMAT },
  header: {
    font: { bold: true, color: { argb: 'FFFFFFFF' } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF305496' } },
    alignment: { vertical: 'middle', wrapText: true },
    border: { bottom: { style: 'thin', color: { argb: 'FF1F3864' } } },
  },
} satisfies Record<string, Partial<ExcelJS.Style>>;

export type CellValue = string | number | Date | null;

export interface SheetColumn<K extends string> {
  header: MessageKey;
  /** In characters of the default font; Korean glyphs are about two wide, so Korean-heavy columns get more. */
  width: number;
  kind: K;
}

/** A streaming workbook into a file or a stream, with styles, inline strings and our name as its creator. */
export function workbookWriter(
  target: { filename: string } | { stream: Writable },
): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...target,
    useStyles: true,
    // Inline strings: shared strings would keep every distinct string in memory until the end.
    useSharedStrings: false,
  });
  workbook.creator = 'Switchboard';
  workbook.created = new Date();
  return workbook;
}

/** A sheet with its column widths and its translated header row (`params` fill the headers, e.g. the zone). */
export function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly SheetColumn<string>[],
  locale: Locale,
  params: MessageParams,
): ExcelJS.Worksheet {
  // The header row stays in view while scrolling; views must be known before the first row is written.
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(columns.map((c) => translate(locale, c.header, params)));
  header.height = 30;
  header.eachCell((cell) => (cell.style = sheetStyles.header));
  header.commit();
  return sheet;
}

/** A data row, each cell styled by its column's kind from `styles`, committed at once. */
export function addDataRow<K extends string>(
  sheet: ExcelJS.Worksheet,
  styles: Record<K, Partial<ExcelJS.Style>>,
  columns: readonly SheetColumn<K>[],
  values: CellValue[],
): void {
  const row = sheet.addRow(values);
  for (let i = 0; i < columns.length; i++) row.getCell(i + 1).style = styles[columns[i]!.kind];
  row.commit();
}

/**
 * The instant as a Date whose UTC fields are the wall-clock time in `timeZone` (what exceljs writes as the cell's
 * day count). Offsets are looked up once per quarter hour: zones change offset only on quarter-hour instants.
 */
export function wallClockIn(timeZone: string): (date: Date) => Date {
  const offsets = new Map<number, number>();
  const QUARTER = 15 * 60_000;
  return (date) => {
    const t = date.getTime();
    const bucket = Math.floor(t / QUARTER);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * QUARTER;
      const p = wallClockParts(at, timeZone);
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
      offsets.set(bucket, offset);
    }
    return new Date(t + offset);
  };
}
