import type { Messages } from './messages.js';

/** Callback list and processing-status workbooks (column headers, sheet names, progress). */
export const callbackExportMessages = {
  // Sheets (Excel allows at most 31 characters and no `/ \ ? * [ ] :` in a sheet name)
  'callbackExport.sheet.list': { ko: '콜백 목록', en: 'Callbacks' },

  // List columns. Dates carry the zone in the header: an Excel date has none of its own.
  'callbackExport.col.id': { ko: 'ID', en: 'ID' },
  'callbackExport.col.phone': { ko: '전화번호', en: 'Phone' },
  'callbackExport.col.name': { ko: '고객명', en: 'Name' },
  'callbackExport.col.source': { ko: '접수 경로', en: 'Source' },
  'callbackExport.col.status': { ko: '상태', en: 'Status' },
  'callbackExport.col.assignee': { ko: '담당자', en: 'Assignee' },
  'callbackExport.col.requestedAt': { ko: '요청 시각 ({zone})', en: 'Requested at ({zone})' },
  'callbackExport.col.lastRequestedAt': {
    ko: '마지막 요청 시각 ({zone})',
    en: 'Last requested at ({zone})',
  },
  'callbackExport.col.requestCount': { ko: '요청 횟수', en: 'Requests' },
  'callbackExport.col.assignedAt': { ko: '할당 시각 ({zone})', en: 'Assigned at ({zone})' },
  'callbackExport.col.completedAt': { ko: '완료 시각 ({zone})', en: 'Completed at ({zone})' },
  'callbackExport.col.outcome': { ko: '통화 결과', en: 'Outcome' },
  'callbackExport.col.attempts': { ko: '통화 시도', en: 'Call attempts' },
  'callbackExport.col.note': { ko: '메모', en: 'Note' },

  // File names (no extension; the writer adds `.xlsx`)
  'callbackExport.file.list': { ko: '콜백목록_{service}_{range}', en: 'callbacks_{service}_{range}' },
  'callbackExport.file.stats': {
    ko: '콜백처리현황_{service}_{range}',
    en: 'callback-status_{service}_{range}',
  },
  'callbackExport.range.all': { ko: '전체 기간', en: 'all dates' },
  'callbackExport.range.from': { ko: '{day}부터', en: 'from {day}' },
  'callbackExport.range.to': { ko: '{day}까지', en: 'until {day}' },
  'callbackExport.invalidRange': {
    ko: '내보낼 기간이 올바르지 않습니다: {problem}',
    en: 'The date range to export is not valid: {problem}',
  },

  // Slack: what the person reads around the upload
  'callbackExport.what.list': { ko: '콜백 목록', en: 'callback list' },
  'callbackExport.what.stats': { ko: '콜백 처리 현황', en: 'callback processing status' },
  'callbackExport.preparing': {
    ko: ':hourglass_flowing_sand: {what} 엑셀 파일을 만들고 있습니다. 준비되면 Switchboard와의 DM으로 보내 드립니다.',
    en: ':hourglass_flowing_sand: Preparing the {what} as an Excel file. It will arrive in your DM with Switchboard.',
  },
  'callbackExport.ready': {
    ko: '{what} 엑셀 파일입니다: {rows}행, {range}. 날짜와 시각은 {zone} 기준입니다.',
    en: 'Here is the {what} as an Excel file: {rows} rows, {range}. Dates and times are in {zone}.',
  },
  'callbackExport.ownOnly': {
    ko: '본인에게 할당된 콜백만 들어 있습니다.',
    en: 'It holds only the callbacks assigned to you.',
  },
  'callbackExport.busy': {
    ko: '요청하신 {what} 엑셀 파일을 아직 만들고 있습니다. 끝나면 DM으로 보내 드립니다.',
    en: 'Your {what} Excel file is still being prepared. It will arrive in your DM when done.',
  },
  'callbackExport.invalidButton': {
    ko: '이 내보내기 버튼은 더 이상 쓸 수 없습니다. 목록이나 현황을 다시 열어 주세요.',
    en: 'This export button no longer works. Open the list or the status again.',
  },
  'callbackExport.uploadFailed': {
    ko: '엑셀 파일을 DM으로 보내지 못했습니다 (Slack: {error}). 잠시 후 다시 시도하세요.',
    en: 'Could not send the Excel file to your DM (Slack: {error}). Please try again shortly.',
  },
} as const satisfies Messages;
