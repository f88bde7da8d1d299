import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { itNeeding, onPath } from '../support/required-programs.js';
import {
  writeSmsHistoryWorkbook,
  type SmsWorkbookRecipient,
  type SmsWorkbookRequest,
} from '../../src/exports/sms-workbook.js';

/** The SMS history workbook read back with exceljs: headers per locale, Korean text intact, dates in the zone. */

const LIBREOFFICE = {
  name: 'LibreOffice',
  path: onPath('libreoffice', 'soffice'),
  install: 'apt-get install libreoffice-calc',
};

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) field += c;
    else if (c === ',') endField();
    else {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const readWorkbook = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  // exceljs' typings predate Node's generic Buffer; the bytes are what it expects.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};
const values = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1);

const requests: SmsWorkbookRequest[] = [
  {
    id: 'sms_scheduled',
    status: 'partially_failed',
    type: 'MMS',
    advertisement: true,
    body: '(광고) 스위치보드 12월 안내\n똠방각하 이벤트에 초대합니다.\n무료수신거부 080-123-4567',
    title: '12월 안내',
    sendNo: '0215441234',
    // 2026-12-02 15:00 in Seoul
    sendAt: new Date('2026-12-02T06:00:00Z'),
    createdAt: new Date('2026-12-02T05:20:00Z'),
    requestedBy: { name: '김민지' },
    counts: { total: 3, pending: 1, success: 1, failed: 1, cancelled: 0 },
  },
  {
    id: 'sms_now',
    status: 'sent',
    type: 'SMS',
    advertisement: false,
    body: '안녕하세요 콜백 요청 확인했습니다.',
    title: null,
    sendNo: '0215441234',
    sendAt: null,
    // 2026-12-01 23:50 UTC is 2026-12-02 08:50 in Seoul: the day flips with the zone.
    createdAt: new Date('2026-12-01T23:50:00Z'),
    requestedBy: { name: 'IVR key' },
    counts: { total: 1, pending: 0, success: 1, failed: 0, cancelled: 0 },
  },
];

const recipients: SmsWorkbookRecipient[] = [
  {
    requestId: 'sms_scheduled',
    phone: '01012345678',
    status: 'success',
    resultCode: '1000',
    resultMessage: '성공',
    deliveredAt: new Date('2026-12-02T06:00:07Z'),
  },
  {
    requestId: 'sms_scheduled',
    phone: '01098765432',
    status: 'failed',
    resultCode: '3006',
    resultMessage: 'Rejected',
    deliveredAt: new Date('2026-12-02T06:00:09Z'),
  },
  {
    requestId: 'sms_scheduled',
    phone: '01055556666',
    status: 'pending',
    resultCode: null,
    resultMessage: null,
    deliveredAt: null,
  },
];

const meanings: Record<string, { ko: string; en: string }> = {
  '1000': { ko: '수신 성공', en: 'Delivered' },
  '3006': { ko: '수신 거부', en: 'Rejected by the recipient' },
};

describe('SMS history workbook', () => {
  it('Korean: two sheets, Korean headers naming the zone, Korean text intact, dates as Seoul wall-clock time', async () => {
    const bytes = await writeSmsHistoryWorkbook(requests, recipients, {
      locale: 'ko',
      timeZone: 'Asia/Seoul',
      describeResultCode: (code) => meanings[code]?.ko ?? null,
    });
    const workbook = await readWorkbook(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['발송 내역', '수신자별 결과']);

    const sheet = workbook.worksheets[0]!;
    expect(values(sheet.getRow(1)).slice(0, 10)).toEqual([
      '요청 시각 (Asia/Seoul)',
      '예약 시각 (Asia/Seoul)',
      '발신번호',
      '유형',
      '수신자 수',
      '성공',
      '실패',
      '대기',
      '상태',
      '내용',
    ]);
    expect(sheet.rowCount).toBe(3);
    const first = sheet.getRow(2);
    const createdAt = first.getCell(1);
    expect(createdAt.type).toBe(ExcelJS.ValueType.Date);
    expect(createdAt.numFmt).toBe('yyyy-mm-dd hh:mm');
    // The cell holds the Seoul wall clock (14:20), not UTC (05:20).
    expect((createdAt.value as Date).toISOString()).toBe('2026-12-02T14:20:00.000Z');
    expect((first.getCell(2).value as Date).toISOString()).toBe('2026-12-02T15:00:00.000Z');
    expect(values(first).slice(2, 10)).toEqual([
      '02-1544-1234',
      'MMS (광고)',
      3,
      1,
      1,
      1,
      '일부 실패',
      '(광고) 스위치보드 12월 안내\n똠방각하 이벤트에 초대합니다.\n무료수신거부 080-123-4567',
    ]);
    expect(first.getCell(11).value).toBe('12월 안내');
    expect(first.getCell(12).value).toBe('김민지');
    const second = sheet.getRow(3);
    expect((second.getCell(1).value as Date).toISOString()).toBe('2026-12-02T08:50:00.000Z');
    expect(second.getCell(2).value).toBe('즉시 발송');
    expect(second.getCell(9).value).toBe('발송 완료');

    const perRecipient = workbook.worksheets[1]!;
    expect(values(perRecipient.getRow(1))).toEqual([
      '요청 ID',
      '수신번호',
      '상태',
      '결과 코드',
      '결과 설명',
      '수신 시각 (Asia/Seoul)',
    ]);
    expect(perRecipient.rowCount).toBe(4);
    const delivered = perRecipient.getRow(2);
    expect(values(delivered).slice(0, 5)).toEqual([
      'sms_scheduled',
      '010-1234-5678',
      '성공',
      '1000',
      '수신 성공',
    ]);
    expect((delivered.getCell(6).value as Date).toISOString()).toBe('2026-12-02T15:00:07.000Z');
    expect(values(perRecipient.getRow(3)).slice(2, 5)).toEqual(['실패', '3006', '수신 거부']);
    const pending = perRecipient.getRow(4);
    expect(pending.getCell(3).value).toBe('대기');
    expect(pending.getCell(4).value).toBeNull();
    expect(pending.getCell(6).value).toBeNull();
  });

  it('English headers and labels; another zone moves the wall clock; no meaning → the provider’s text', async () => {
    const bytes = await writeSmsHistoryWorkbook(requests, recipients, {
      locale: 'en',
      timeZone: 'America/New_York',
    });
    const workbook = await readWorkbook(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Send history', 'Recipients']);
    const sheet = workbook.worksheets[0]!;
    expect(values(sheet.getRow(1)).slice(0, 10)).toEqual([
      'Requested at (America/New_York)',
      'Scheduled for (America/New_York)',
      'Sender number',
      'Type',
      'Recipients',
      'Delivered',
      'Failed',
      'Pending',
      'Status',
      'Message',
    ]);
    // 05:20 UTC is 00:20 in New York (UTC-5 in December).
    expect((sheet.getRow(2).getCell(1).value as Date).toISOString()).toBe('2026-12-02T00:20:00.000Z');
    expect(sheet.getRow(2).getCell(4).value).toBe('MMS (ad)');
    expect(sheet.getRow(2).getCell(9).value).toBe('Partially failed');
    expect(sheet.getRow(3).getCell(2).value).toBe('Immediate');
    // Korean content stays Korean whatever the reader's language.
    expect(sheet.getRow(3).getCell(10).value).toBe('안녕하세요 콜백 요청 확인했습니다.');
    const perRecipient = workbook.worksheets[1]!;
    expect(values(perRecipient.getRow(3)).slice(2, 5)).toEqual(['Failed', '3006', 'Rejected']);
  });

  itNeeding(LIBREOFFICE)(
    'opens in LibreOffice: its CSV of the first sheet has the Korean text and the Seoul times (needs LibreOffice)',
    async () => {
      const bytes = await writeSmsHistoryWorkbook(requests, recipients, {
        locale: 'ko',
        timeZone: 'Asia/Seoul',
      });
      const out = await mkdtemp(join(tmpdir(), 'lo-sms-export-'));
      try {
        const file = join(out, '발송내역.xlsx');
        await writeFile(file, bytes);
        // Own profile directory (LibreOffice refuses two instances on one); 44,34,76,1: comma, quotes, UTF-8, line 1.
        await promisify(execFile)(
          LIBREOFFICE.path!,
          [
            `-env:UserInstallation=file://${join(out, 'profile')}`,
            '--headless',
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76,1',
            '--outdir',
            out,
            file,
          ],
          { timeout: 90_000 },
        );
        const csvName = (await readdir(out)).find((f) => f.endsWith('.csv'));
        expect(csvName).toBeDefined();
        const rows = parseCsv(await readFile(join(out, csvName!), 'utf8'));
        expect(rows[0]!.slice(0, 10)).toEqual([
          '요청 시각 (Asia/Seoul)',
          '예약 시각 (Asia/Seoul)',
          '발신번호',
          '유형',
          '수신자 수',
          '성공',
          '실패',
          '대기',
          '상태',
          '내용',
        ]);
        expect(rows[1]!.slice(0, 10)).toEqual([
          '2026-12-02 14:20',
          '2026-12-02 15:00',
          '02-1544-1234',
          'MMS (광고)',
          '3',
          '1',
          '1',
          '1',
          '일부 실패',
          '(광고) 스위치보드 12월 안내\n똠방각하 이벤트에 초대합니다.\n무료수신거부 080-123-4567',
        ]);
        expect(rows[2]!.slice(0, 9)).toEqual([
          '2026-12-02 08:50',
          '즉시 발송',
          '02-1544-1234',
          'SMS',
          '1',
          '1',
          '0',
          '0',
          '발송 완료',
        ]);
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('an empty history still has both sheets with their headers', async () => {
    const workbook = await readWorkbook(
      await writeSmsHistoryWorkbook([], [], { locale: 'ko', timeZone: 'Asia/Seoul' }),
    );
    expect(workbook.worksheets.map((s) => s.rowCount)).toEqual([1, 1]);
  });
});
