import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { formatKoreanPhone } from '../domain/callbacks.js';
import type { Locale } from '../domain/service-settings.js';
import type { SmsCounts, SmsRecipientStatus, SmsRequestStatus, SmsType } from '../domain/sms.js';
import { translate, type MessageKey } from '../i18n/index.js';
import {
  addDataRow,
  addSheet,
  sheetStyles,
  wallClockIn,
  type SheetColumn,
  workbookWriter,
} from './workbook-sheets.js';

/**
 * The SMS send history (발송 내역) as `.xlsx`: sheet 1 the listed send requests, sheet 2 one row per recipient with
 * the carrier's result. Written with exceljs' streaming writer into memory: a history export is what a person
 * listed (pages of requests), small next to the callback list's 100,000 rows, and the Slack upload wants the bytes.
 *
 * Dates are written as the wall-clock time in the service's zone (the header names the zone), as the callback
 * workbooks do: an Excel date has no zone of its own.
 */

/** One send request as the workbook needs it (the use case's summary fits this shape). */
export interface SmsWorkbookRequest {
  id: string;
  status: SmsRequestStatus;
  type: SmsType;
  advertisement: boolean;
  body: string;
  title: string | null;
  sendNo: string;
  sendAt: Date | null;
  createdAt: Date;
  requestedBy: { name: string };
  counts: SmsCounts;
}

export interface SmsWorkbookRecipient {
  requestId: string;
  phone: string;
  status: SmsRecipientStatus;
  resultCode: string | null;
  resultMessage: string | null;
  deliveredAt: Date | null;
}

export interface SmsWorkbookOptions {
  locale: Locale;
  timeZone: string;
  /** What a carrier result code means, in the reader's language (the provider's status map); null when unknown. */
  describeResultCode?: (code: string) => string | null;
}

type CellKind = 'text' | 'date' | 'count' | 'wrap';
const styles = {
  ...sheetStyles,
  wrap: { alignment: { wrapText: true, vertical: 'top' } },
} satisfies Record<CellKind | 'header', Partial<ExcelJS.Style>>;

type Column = SheetColumn<CellKind>;

const REQUEST_COLUMNS: Column[] = [
  { header: 'smsExport.col.createdAt', width: 19, kind: 'date' },
  { header: 'smsExport.col.sendAt', width: 19, kind: 'date' },
  { header: 'smsExport.col.sendNo', width: 15, kind: 'text' },
  { header: 'smsExport.col.type', width: 10, kind: 'text' },
  { header: 'smsExport.col.recipientCount', width: 10, kind: 'count' },
  { header: 'smsExport.col.success', width: 8, kind: 'count' },
  { header: 'smsExport.col.failed', width: 8, kind: 'count' },
  { header: 'smsExport.col.pending', width: 8, kind: 'count' },
  { header: 'smsExport.col.status', width: 12, kind: 'text' },
  { header: 'smsExport.col.body', width: 60, kind: 'wrap' },
  { header: 'smsExport.col.title', width: 20, kind: 'text' },
  { header: 'smsExport.col.requestedBy', width: 16, kind: 'text' },
  { header: 'smsExport.col.requestId', width: 26, kind: 'text' },
];

const RECIPIENT_COLUMNS: Column[] = [
  { header: 'smsExport.col.requestId', width: 26, kind: 'text' },
  { header: 'smsExport.col.phone', width: 16, kind: 'text' },
  { header: 'smsExport.col.recipientStatus', width: 10, kind: 'text' },
  { header: 'smsExport.col.resultCode', width: 10, kind: 'text' },
  { header: 'smsExport.col.resultMessage', width: 36, kind: 'text' },
  { header: 'smsExport.col.deliveredAt', width: 19, kind: 'date' },
];

const YIELD_EVERY_ROWS = 500;

export async function writeSmsHistoryWorkbook(
  requests: readonly SmsWorkbookRequest[],
  recipients: AsyncIterable<SmsWorkbookRecipient> | Iterable<SmsWorkbookRecipient>,
  options: SmsWorkbookOptions,
): Promise<Buffer> {
  const { locale, timeZone } = options;
  const toWallClock = wallClockIn(timeZone);
  const date = (d: Date | null) => (d ? toWallClock(d) : null);
  const t = (key: MessageKey) => translate(locale, key);
  /** The date columns' headers name the zone. */
  const zone = { zone: timeZone };

  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.once('end', resolve);
    output.once('error', reject);
  });
  const workbook = workbookWriter({ stream: output });

  const sheet = addSheet(workbook, t('smsExport.sheet.requests'), REQUEST_COLUMNS, locale, zone);
  for (const r of requests) {
    const type = r.advertisement ? `${r.type} (${t('smsExport.advertisement')})` : r.type;
    addDataRow(sheet, styles, REQUEST_COLUMNS, [
      date(r.createdAt),
      // An immediate send has no scheduled time: an empty cell would read as "unknown".
      r.sendAt ? date(r.sendAt) : t('smsExport.immediate'),
      formatKoreanPhone(r.sendNo),
      type,
      r.counts.total,
      r.counts.success,
      r.counts.failed,
      r.counts.pending,
      t(`smsDelivery.status.${r.status}` as MessageKey),
      r.body,
      r.title,
      r.requestedBy.name,
      r.id,
    ]);
  }
  finishSheet(sheet, REQUEST_COLUMNS.length);

  const perRecipient = addSheet(workbook, t('smsExport.sheet.recipients'), RECIPIENT_COLUMNS, locale, zone);
  let count = 0;
  for await (const r of recipients) {
    const meaning = r.resultCode ? (options.describeResultCode?.(r.resultCode) ?? null) : null;
    addDataRow(perRecipient, styles, RECIPIENT_COLUMNS, [
      r.requestId,
      formatKoreanPhone(r.phone),
      t(`smsDelivery.recipientStatus.${r.status}` as MessageKey),
      r.resultCode,
      resultText(meaning, r.resultMessage),
      date(r.deliveredAt),
    ]);
    if (++count % YIELD_EVERY_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  finishSheet(perRecipient, RECIPIENT_COLUMNS.length);

  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * Our meaning of the code, in the reader's language; the provider's own words only for a code we do not know (NHN's
 * `resultCodeName` is a Korean word such as 실패, which adds nothing to a meaning and is the wrong language in an
 * English workbook).
 */
function resultText(meaning: string | null, providerMessage: string | null): string | null {
  return meaning?.trim() || providerMessage?.trim() || null;
}

function finishSheet(sheet: ExcelJS.Worksheet, columnCount: number): void {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columnCount } };
  sheet.commit();
}
