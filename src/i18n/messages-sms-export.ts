import type { Messages } from './messages.js';

/** The SMS send-history workbook (발송 내역 엑셀): sheet names, column headers, labels, file name. */
export const smsExportMessages = {
  // Sheets (Excel: at most 31 characters, none of `/ \ ? * [ ] :`)
  'smsExport.sheet.requests': { ko: '발송 내역', en: 'Send history' },
  'smsExport.sheet.recipients': { ko: '수신자별 결과', en: 'Recipients' },

  // Sheet 1: one row per send request. Dates carry the zone in the header: an Excel date has none of its own.
  'smsExport.col.requestId': { ko: '요청 ID', en: 'Request ID' },
  'smsExport.col.createdAt': { ko: '요청 시각 ({zone})', en: 'Requested at ({zone})' },
  'smsExport.col.sendAt': { ko: '예약 시각 ({zone})', en: 'Scheduled for ({zone})' },
  'smsExport.col.sendNo': { ko: '발신번호', en: 'Sender number' },
  'smsExport.col.type': { ko: '유형', en: 'Type' },
  'smsExport.col.recipientCount': { ko: '수신자 수', en: 'Recipients' },
  'smsExport.col.success': { ko: '성공', en: 'Delivered' },
  'smsExport.col.failed': { ko: '실패', en: 'Failed' },
  'smsExport.col.pending': { ko: '대기', en: 'Pending' },
  'smsExport.col.status': { ko: '상태', en: 'Status' },
  'smsExport.col.requestedBy': { ko: '요청자', en: 'Requested by' },
  'smsExport.col.title': { ko: '제목', en: 'Title' },
  'smsExport.col.body': { ko: '내용', en: 'Message' },

  // Sheet 2: one row per recipient
  'smsExport.col.phone': { ko: '수신번호', en: 'Recipient number' },
  'smsExport.col.recipientStatus': { ko: '상태', en: 'Status' },
  'smsExport.col.resultCode': { ko: '결과 코드', en: 'Result code' },
  'smsExport.col.resultMessage': { ko: '결과 설명', en: 'Result' },
  'smsExport.col.deliveredAt': { ko: '수신 시각 ({zone})', en: 'Delivered at ({zone})' },

  'smsExport.advertisement': { ko: '광고', en: 'ad' },
  'smsExport.immediate': { ko: '즉시 발송', en: 'Immediate' },

  // File name (no extension; the use case adds `.xlsx`)
  'smsExport.file': { ko: '발송내역_{service}_{range}', en: 'sms-history_{service}_{range}' },
  'smsExport.range.all': { ko: '전체 기간', en: 'all dates' },
} as const satisfies Messages;
