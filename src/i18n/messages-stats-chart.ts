import type { Messages } from './messages.js';

/** The processing-status chart (src/exports/stats-chart.ts): what is written on the image and in its alt text. */
export const statsChartMessages = {
  'statsChart.title.day': { ko: '콜백 처리 현황 (일별)', en: 'Callback processing status (by day)' },
  'statsChart.title.week': { ko: '콜백 처리 현황 (주별)', en: 'Callback processing status (by week)' },
  'statsChart.title.month': { ko: '콜백 처리 현황 (월별)', en: 'Callback processing status (by month)' },
  'statsChart.subtitle': { ko: '{from} ~ {to} · {timeZone} 기준', en: '{from} to {to} · {timeZone} time' },
  'statsChart.subtitleCut': {
    ko: '{from} ~ {to} · {timeZone} 기준 · 마지막 {count}개 기간만 표시 (전체는 표와 엑셀 내보내기)',
    en: '{from} to {to} · {timeZone} time · last {count} periods shown (all in the table and the Excel export)',
  },
  'statsChart.received': { ko: '접수', en: 'Received' },
  'statsChart.completed': { ko: '완료', en: 'Completed' },
  'statsChart.cancelled': { ko: '취소', en: 'Cancelled' },
  'statsChart.axis.day': { ko: '날짜', en: 'Day' },
  'statsChart.axis.week': { ko: '주 (월요일부터)', en: 'Week (from Monday)' },
  'statsChart.axis.month': { ko: '월', en: 'Month' },
  'statsChart.axis.count': { ko: '콜백 (건)', en: 'Callbacks' },
  'statsChart.alt': {
    ko: '{title} 막대 차트, {from} ~ {to}. 기간별 접수·완료·취소 건수: {periods}',
    en: '{title} bar chart, {from} to {to}. Received, completed and cancelled per period: {periods}',
  },
  'statsChart.altPeriod': {
    ko: '{period} 접수 {received}, 완료 {completed}, 취소 {cancelled}',
    en: '{period} received {received}, completed {completed}, cancelled {cancelled}',
  },
  'statsChart.altMore': { ko: '외 {count}개 기간', en: 'and {count} more periods' },
  'statsChart.comment': {
    ko: ':bar_chart: {title} — {from} ~ {to}',
    en: ':bar_chart: {title} — {from} to {to}',
  },
  'statsChart.fileTitle': {
    ko: '콜백 처리 현황 {from} ~ {to}',
    en: 'Callback processing status {from} to {to}',
  },
} as const satisfies Messages;
