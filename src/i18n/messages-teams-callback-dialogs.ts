import type { Messages } from './messages.js';

/** Teams: the callback dialogs (할당, 할당 취소, 완료, 이력 등록, 취소), `callback …` commands and export links. */
export const teamsCallbackDialogMessages = {
  'teamsCb.help.title': { ko: '콜백 명령', en: 'Callback commands' },
  'teamsCb.help': {
    ko: [
      '- `callback list [unassigned|assigned|completed|cancelled|all] [today|7d|30d|YYYY-MM-DD|YYYY-MM-DD..YYYY-MM-DD] [검색어]` — 콜백 목록 (기본: 진행 중, 전체 기간)',
      '- `callback assign` — 미할당 콜백 할당: 균등 할당 또는 수동 할당 (관리자 또는 callbackAssign 권한)',
      '- `callback unassign` — 할당 취소 (관리자 또는 callbackAssign 권한)',
      '- `callback stats [day|week|month] [기간]` — 처리 현황과 차트 (관리자)',
      '- `callback history <전화번호>` — 그 번호의 상담 이력',
      '- `callback export [목록과 같은 단어]` — 콜백 목록 엑셀 파일 (다운로드 링크)',
      '',
      '`콜백`이라고 써도 됩니다.',
    ].join('\n'),
    en: [
      '- `callback list [unassigned|assigned|completed|cancelled|all] [today|7d|30d|YYYY-MM-DD|YYYY-MM-DD..YYYY-MM-DD] [search]` — the callback list (default: open ones, any date)',
      '- `callback assign` — assign unassigned callbacks: Distribute evenly or Assign manually (admins, or the callbackAssign permission)',
      '- `callback unassign` — Unassign callbacks (admins, or the callbackAssign permission)',
      '- `callback stats [day|week|month] [range]` — the processing status with a chart (admins)',
      "- `callback history <phone number>` — that number's history",
      '- `callback export [the list words]` — the callback list as an Excel file (a download link)',
      '',
      '`콜백` works too.',
    ].join('\n'),
  },
  'teamsCb.unknownWord': {
    ko: '`{word}` 은(는) `callback` 명령이 모르는 단어입니다.',
    en: '`{word}` is not a word `callback` knows.',
  },
  'teamsCb.historyUsage': {
    ko: '사용법: `callback history <전화번호>` (예: `callback history 010-1234-5678`)',
    en: 'Usage: `callback history <phone number>` (e.g. `callback history 010-1234-5678`)',
  },
  'teamsCb.newInSlackOnly': {
    ko: '콜백 직접 등록은 아직 Slack의 `/callback new`에서만 할 수 있습니다.',
    en: 'Entering a callback by hand is only in Slack (`/callback new`) for now.',
  },
  'teamsCb.assign.prompt': {
    ko: '아래 버튼을 누르면 콜백 할당 창이 열립니다.',
    en: 'Press the button below to open the assign window.',
  },
  'teamsCb.unassign.prompt': {
    ko: '아래 버튼을 누르면 할당 취소 창이 열립니다.',
    en: 'Press the button below to open the unassign window.',
  },
  'teamsCb.assign.callbacksPlaceholder': { ko: '콜백 고르기', en: 'Pick callbacks' },
  'teamsCb.assign.agentsPlaceholder': { ko: '상담원 고르기', en: 'Pick agents' },
  'teamsCb.assign.loads': { ko: '**상담원별 진행 중 콜백**', en: '**Open callbacks per agent**' },
  'teamsCb.assign.summary': { ko: '{count}건 할당했습니다.', en: 'Assigned {count}.' },
  'teamsCb.assign.summaryNone': {
    ko: '할당된 콜백이 없습니다. 그 사이 다른 사람이 모두 처리했습니다.',
    en: 'No callback was assigned: someone else took them all meanwhile.',
  },
  'teamsCb.assign.summaryTaken': {
    ko: '그 사이 다른 사람이 처리한 {count}건은 할당하지 않았습니다.',
    en: '{count} taken by someone else meanwhile were not assigned.',
  },
  'teamsCb.unassign.summary': {
    ko: '{count}건의 할당을 취소해 미할당으로 되돌렸습니다.',
    en: 'Unassigned {count}; they are back in the unassigned pool.',
  },
  'teamsCb.completed': { ko: '콜백 {phone} 을(를) 완료했습니다.', en: 'Callback {phone} completed.' },
  'teamsCb.cancelled': { ko: '콜백 {phone} 을(를) 취소했습니다.', en: 'Callback {phone} cancelled.' },
  'teamsCb.outcomePlaceholder': { ko: '통화 결과 고르기', en: 'Pick an outcome' },
  'teamsCb.list.rowFor': { ko: '콜백 {phone}', en: 'Callback {phone}' },
  'teamsCb.list.more': { ko: '더 하기', en: 'More' },
  'teamsCb.export.title': { ko: '엑셀 파일 준비 완료', en: 'Excel file ready' },
  'teamsCb.export.body': {
    ko: '{what}: {rows}행, {range}. 날짜와 시각은 {zone} 기준입니다.',
    en: '{what}: {rows} rows, {range}. Dates and times are in {zone}.',
  },
  'teamsCb.export.expires': {
    ko: '다운로드 링크는 {at}까지 ({minutes}분) 유효합니다.',
    en: 'The download link works until {at} ({minutes} minutes).',
  },
  'teamsCb.export.download': { ko: '다운로드', en: 'Download' },
  'teamsCb.export.statsButton': { ko: '처리 현황 엑셀로 내보내기', en: 'Export processing status to Excel' },
  'teamsCb.stats.period': { ko: '기간', en: 'Period' },
  'teamsCb.stats.chartLink': { ko: '차트 보기', en: 'Open the chart' },
  'teamsCb.stats.noChart': {
    ko: '차트는 콜백이 있는 기간이 둘 이상일 때 나옵니다.',
    en: 'A chart appears when two or more periods have callbacks.',
  },
  'teamsCb.stats.chartFailed': {
    ko: '차트를 그리지 못했습니다. 표와 엑셀 내보내기는 그대로 쓸 수 있습니다.',
    en: 'The chart could not be drawn. The table and the Excel export still work.',
  },
  'teamsCb.historyRegistered': {
    ko: '이력을 등록했습니다. `callback history {phone}`로 볼 수 있습니다.',
    en: 'History registered. See it with `callback history {phone}`.',
  },
  'teamsCb.facts.phone': { ko: '전화번호', en: 'Phone' },
  'teamsCb.facts.name': { ko: '고객 이름', en: 'Customer' },
  'teamsCb.facts.requested': { ko: '요청 시각', en: 'Requested' },
  'teamsCb.facts.status': { ko: '상태', en: 'Status' },
  'teamsCb.facts.assignee': { ko: '담당', en: 'Assignee' },
} as const satisfies Messages;
