import type { Messages } from './messages.js';

/**
 * The processing status (처리 현황): the Slack table and the Excel sheets read the same column names, so a sheet
 * matches the table it was exported from.
 */
export const callbackStatsMessages = {
  'callbackStats.title': { ko: '콜백 처리 현황', en: 'Callback processing status' },
  'callbackStats.range': {
    ko: '{from} ~ {to} · {granularity} · {timeZone}, 하루는 {dayStart}에 시작',
    en: '{from} to {to} · {granularity} · {timeZone}, days start at {dayStart}',
  },
  'callbackStats.day': { ko: '일별', en: 'by day' },
  'callbackStats.week': { ko: '주별 (월~일)', en: 'by week (Mon–Sun)' },
  'callbackStats.month': { ko: '월별', en: 'by month' },
  'callbackStats.byPeriod': { ko: '*기간별*', en: '*By period*' },
  'callbackStats.byAgent': { ko: '*상담원별*', en: '*By agent*' },
  'callbackStats.formula': {
    ko: '접수 = 완료 + 취소 + 미처리 · 할당: 그중 담당자가 있는 콜백 · 완료율 = 완료 ÷ 접수 · 중앙값: 접수부터 완료까지 걸린 분 · 상담원별은 마지막 담당자 기준',
    en: 'Received = Completed + Cancelled + Open · Assigned: of those, the ones with an assignee · Completed % = Completed ÷ Received · Median: minutes from request to completion · by agent: the last assignee',
  },
  'callbackStats.unassigned': { ko: '(미할당)', en: '(Unassigned)' },
  'callbackStats.total': { ko: '합계', en: 'Total' },
  'callbackStats.none': {
    ko: '이 기간에 접수된 콜백이 없습니다.',
    en: 'No callbacks were received in this range.',
  },
  'callbackStats.truncated': {
    ko: '행이 많아 일부만 보입니다. 전체는 엑셀로 내보내세요.',
    en: 'Not every row fits here; export to Excel for all of them.',
  },
  'callbackStats.usage': {
    ko: '사용법: `/callback stats [day|week|month] [today|7d|30d|YYYY-MM-DD..YYYY-MM-DD|YYYY-MM|YYYY-MM..YYYY-MM]` (기본: day 7d, week 4주, month 이번 달까지 3개월)',
    en: 'Usage: `/callback stats [day|week|month] [today|7d|30d|YYYY-MM-DD..YYYY-MM-DD|YYYY-MM|YYYY-MM..YYYY-MM]` (default: day 7d, week 4 weeks, month 3 months up to this one)',
  },
  'callbackStats.invalidRange': {
    ko: '처리 현황의 기간이 올바르지 않습니다: {problem}',
    en: 'The range of the processing status is not valid: {problem}',
  },

  // Columns (the table's and the sheets')
  'callbackStats.col.day': { ko: '일자', en: 'Day' },
  'callbackStats.col.week': { ko: '주', en: 'Week' },
  'callbackStats.col.month': { ko: '월', en: 'Month' },
  'callbackStats.col.agent': { ko: '상담원', en: 'Agent' },
  'callbackStats.col.received': { ko: '접수', en: 'Received' },
  'callbackStats.col.completed': { ko: '완료', en: 'Completed' },
  'callbackStats.col.cancelled': { ko: '취소', en: 'Cancelled' },
  'callbackStats.col.open': { ko: '미처리', en: 'Open' },
  'callbackStats.col.assigned': { ko: '할당', en: 'Assigned' },
  'callbackStats.col.completionRate': { ko: '완료율', en: 'Completed %' },
  'callbackStats.col.medianMinutesToComplete': { ko: '중앙값(분)', en: 'Median min' },
  'callbackStats.sheet.periods': { ko: '기간별', en: 'By period' },
  'callbackStats.sheet.agents': { ko: '상담원별', en: 'By agent' },
} as const satisfies Messages;
