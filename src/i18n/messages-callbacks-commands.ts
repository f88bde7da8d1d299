import type { Messages } from './messages.js';

/** `/callback` list, new, assign, unassign and stats, and the App Home section (Slack). */
export const callbackCommandMessages = {
  // Help and syntax
  'cbcmd.help': {
    ko: [
      '*`/callback` 사용법*',
      '• `/callback` 또는 `/callback list [unassigned|assigned|completed|all] [today|7d|30d|YYYY-MM-DD|YYYY-MM-DD..YYYY-MM-DD]` — 콜백 목록 (기본: 진행 중, 전체 기간)',
      '• `/callback new` — 콜백 직접 등록',
      '• `/callback assign` — 미할당 콜백 할당 (관리자 또는 callbackAssign 권한)',
      '• `/callback unassign` — 할당 취소해 미할당으로 되돌리기 (관리자 또는 callbackAssign 권한)',
      '• `/callback stats [day|week|month] [기간]` — 처리 현황 (관리자, 기본: day 7d)',
      '• `/callback history <전화번호>` — 그 번호의 상담 이력 (이력 등록, 연결 시 자동 생성된 티켓)',
    ].join('\n'),
    en: [
      '*How to use `/callback`*',
      '• `/callback` or `/callback list [unassigned|assigned|completed|all] [today|7d|30d|YYYY-MM-DD|YYYY-MM-DD..YYYY-MM-DD]` — the callback list (default: open ones, any date)',
      '• `/callback new` — enter a callback by hand',
      '• `/callback assign` — assign unassigned callbacks (admins, or the callbackAssign permission)',
      '• `/callback unassign` — unassign callbacks, back to the unassigned pool (admins, or the callbackAssign permission)',
      '• `/callback stats [day|week|month] [range]` — processing status (admins; default: day 7d)',
      "• `/callback history <phone number>` — that number's history (Register history, tickets created on Connect)",
    ].join('\n'),
  },
  'cbcmd.unknownWord': {
    ko: '`{word}` 은(는) 알 수 없는 단어입니다.',
    en: '`{word}` is not a word `/callback` knows.',
  },
  'cbcmd.badRange': { ko: '기간이 올바르지 않습니다: {error}', en: 'That range is not valid: {error}' },

  // List
  'cbcmd.list.title': { ko: '콜백 목록 — {scope}', en: 'Callbacks — {scope}' },
  'cbcmd.list.scope.open': { ko: '진행 중', en: 'Open' },
  'cbcmd.list.scope.unassigned': { ko: '미할당', en: 'Unassigned' },
  'cbcmd.list.scope.assigned': { ko: '할당됨', en: 'Assigned' },
  'cbcmd.list.scope.completed': { ko: '완료', en: 'Completed' },
  'cbcmd.list.scope.cancelled': { ko: '취소', en: 'Cancelled' },
  'cbcmd.list.scope.all': { ko: '전체', en: 'All' },
  'cbcmd.list.ownOnly': {
    ko: '나에게 할당된 콜백만 보입니다 (다른 사람의 콜백은 관리자만 볼 수 있습니다).',
    en: 'Showing only callbacks assigned to you (only admins see everyone’s).',
  },
  'cbcmd.list.everyone': { ko: '모든 상담원의 콜백', en: 'Everyone’s callbacks' },
  'cbcmd.list.anyDate': { ko: '전체 기간', en: 'any date' },
  'cbcmd.list.range': { ko: '{from} ~ {to}', en: '{from} to {to}' },
  'cbcmd.list.pageOf': {
    ko: '{page}/{pages} 페이지 · 총 {total}건',
    en: 'Page {page} of {pages} · {total} in all',
  },
  'cbcmd.list.empty': { ko: '조건에 맞는 콜백이 없습니다.', en: 'No callbacks match.' },
  'cbcmd.list.requested': { ko: '요청 {at}', en: 'Requested {at}' },
  'cbcmd.list.requests': { ko: '요청 {count}회', en: '{count} requests' },
  'cbcmd.list.assignee': { ko: '담당 {name}', en: 'Assignee {name}' },
  'cbcmd.list.noAssignee': { ko: '담당 없음', en: 'No assignee' },
  'cbcmd.list.noName': { ko: '(이름 없음)', en: '(no name)' },
  'cbcmd.list.preferred': { ko: '희망 {at}', en: 'Preferred {at}' },
  'cbcmd.list.prev': { ko: '◀ 이전', en: '◀ Previous' },
  'cbcmd.list.next': { ko: '다음 ▶', en: 'Next ▶' },
  'cbcmd.close': { ko: '닫기', en: 'Close' },
  'cbcmd.export': { ko: '엑셀로 내보내기', en: 'Export to Excel' },

  // New
  'cbcmd.new.title': { ko: '콜백 등록', en: 'New callback' },
  'cbcmd.new.submit': { ko: '등록', en: 'Save' },
  'cbcmd.new.phone': { ko: '전화번호', en: 'Phone number' },
  'cbcmd.new.phoneHint': {
    ko: '예: 010-1234-5678, 02-123-4567',
    en: 'e.g. 010-1234-5678, 02-123-4567',
  },
  'cbcmd.new.name': { ko: '고객 이름', en: 'Customer name' },
  'cbcmd.new.note': { ko: '메모', en: 'Note' },
  'cbcmd.new.preferredAt': { ko: '희망 통화 시각', en: 'Preferred time' },
  'cbcmd.new.created': {
    ko: ':white_check_mark: 콜백을 등록했습니다: *{phone}* {name}',
    en: ':white_check_mark: Callback entered: *{phone}* {name}',
  },
  'cbcmd.new.folded': {
    ko: ':information_source: *{phone}* 은(는) 이미 진행 중인 콜백이 있어 그 콜백에 합쳤습니다 (요청 {count}회째).',
    en: ':information_source: *{phone}* already had an open callback; this request was added to it (request {count}).',
  },

  // Assign
  'cbcmd.assign.title': { ko: '콜백 할당', en: 'Assign callbacks' },
  'cbcmd.assign.submit': { ko: '할당', en: 'Assign' },
  'cbcmd.assign.intro': {
    ko: '미할당 콜백 {count}건. 아래에서 고르거나 "오래된 순 N건"을 입력하세요.',
    en: '{count} unassigned callbacks. Pick some below, or enter "oldest N".',
  },
  'cbcmd.assign.noneWaiting': {
    ko: '지금은 미할당 콜백이 없습니다.',
    en: 'There are no unassigned callbacks right now.',
  },
  'cbcmd.assign.callbacks': {
    ko: '미할당 콜백 (오래된 순, 최대 100건)',
    en: 'Unassigned callbacks (oldest first, up to 100)',
  },
  'cbcmd.assign.oldest': { ko: '또는: 오래된 순 N건', en: 'Or: the oldest N' },
  'cbcmd.assign.oldestHint': {
    ko: '목록에 없는 것까지 포함해 가장 오래된 미할당 콜백 N건을 할당합니다.',
    en: 'Assigns the N oldest unassigned callbacks, including ones not listed above.',
  },
  'cbcmd.assign.oldestInvalid': {
    ko: '1부터 10000 사이의 정수를 입력하세요.',
    en: 'Enter a whole number from 1 to 10000.',
  },
  'cbcmd.assign.pickOrOldest': {
    ko: '콜백을 고르거나 N건을 입력하세요. 둘 다는 안 됩니다.',
    en: 'Pick callbacks or enter N, not both.',
  },
  'cbcmd.assign.agents': { ko: '상담원', en: 'Agents' },
  'cbcmd.assign.agentOption': { ko: '{name} (진행 중 {open}건)', en: '{name} ({open} open)' },
  'cbcmd.assign.noAgents': {
    ko: '콜백을 받을 수 있는 상담원이 없습니다. `/switchboard members`에서 phone 권한을 주세요.',
    en: 'Nobody can take callbacks yet. Grant the phone permission in `/switchboard members`.',
  },
  'cbcmd.assign.mode': { ko: '방식', en: 'How' },
  'cbcmd.assign.even': { ko: '균등 할당', en: 'Distribute evenly' },
  'cbcmd.assign.evenHint': {
    ko: '진행 중 콜백이 가장 적은 상담원부터 한 건씩 돌아가며 할당합니다.',
    en: 'One at a time in turn, starting with whoever has the fewest open callbacks.',
  },
  'cbcmd.assign.manual': { ko: '수동 할당', en: 'Assign manually' },
  'cbcmd.assign.manualHint': {
    ko: '고른 콜백을 모두 상담원 한 명에게 할당합니다.',
    en: 'All picked callbacks go to one agent.',
  },
  'cbcmd.assign.done': { ko: '할당 결과', en: 'Assigned' },
  'modal.working': { ko: '처리하는 중…', en: 'Working on it…' },
  'modal.workingBody': {
    ko: '콜백이 많아 몇 초 걸립니다. 끝나면 이 창에 결과가 나옵니다. 창을 닫아도 작업은 계속됩니다.',
    en: 'A large batch takes a few seconds. The result appears in this window when it is done; closing it does not stop the work.',
  },
  'modal.notDone': { ko: '처리하지 못했습니다', en: 'Not done' },
  'cbcmd.assign.perAgent': { ko: '• {name}: {count}건', en: '• {name}: {count}' },
  'cbcmd.assign.nothingAssigned': { ko: '할당된 콜백이 없습니다.', en: 'No callback was assigned.' },
  'cbcmd.assign.takenTitle': {
    ko: ':warning: 그 사이 다른 사람이 처리한 콜백 {count}건 (할당하지 않음):',
    en: ':warning: {count} were taken by someone else meanwhile (not assigned):',
  },
  'cbcmd.assign.takenBy': { ko: '• {phone} — {name} 님이 담당', en: '• {phone} — now with {name}' },
  'cbcmd.assign.takenClosed': { ko: '• {phone} — {status}', en: '• {phone} — {status}' },

  // Unassign
  'cbcmd.unassign.title': { ko: '할당 취소', en: 'Unassign callbacks' },
  'cbcmd.unassign.submit': { ko: '할당 취소', en: 'Unassign' },
  'cbcmd.unassign.loads': { ko: '*상담원별 진행 중 콜백*', en: '*Open callbacks per agent*' },
  'cbcmd.unassign.load': { ko: '• {name}: {open}건', en: '• {name}: {open}' },
  'cbcmd.unassign.noneAssigned': {
    ko: '할당된 진행 중 콜백이 없습니다.',
    en: 'No open callback is assigned to anyone.',
  },
  'cbcmd.unassign.agents': {
    ko: '또는: 이 상담원의 진행 중 콜백 전부',
    en: 'Or: every open callback of these agents',
  },
  'cbcmd.unassign.agentOption': { ko: '{name} ({open}건)', en: '{name} ({open})' },
  'cbcmd.unassign.callbacks': {
    ko: '할당 취소할 콜백 (오래된 순, 최대 100건)',
    en: 'Callbacks to return to the pool (oldest first, up to 100)',
  },
  'cbcmd.unassign.done': {
    ko: ':leftwards_arrow_with_hook: {count}건의 할당을 취소해 미할당으로 되돌렸습니다. 다시 할당할 수 있습니다.',
    en: ':leftwards_arrow_with_hook: Returned {count} to the unassigned pool; they can be assigned again.',
  },
  'cbcmd.unassign.skipped': {
    ko: '{count}건은 그 사이 이미 할당 취소되었거나 종료되어 건너뛰었습니다.',
    en: 'Skipped {count} that were no longer assigned.',
  },

  // App Home
  'cbcmd.home.title': { ko: '내 진행 중 콜백', en: 'My open callbacks' },
  'cbcmd.home.titleOf': { ko: '내 진행 중 콜백 — {service}', en: 'My open callbacks — {service}' },
  'cbcmd.home.none': {
    ko: '지금 나에게 할당된 진행 중 콜백이 없습니다.',
    en: 'No open callbacks are assigned to you right now.',
  },
  'cbcmd.home.more': {
    ko: '외 {count}건 — `/callback list assigned` 로 모두 보기',
    en: '{count} more — see them all with `/callback list assigned`',
  },
  'cbcmd.stats.chartFailed': {
    ko: '차트를 DM으로 보내지 못했습니다. 표와 엑셀 내보내기는 그대로 쓸 수 있습니다.',
    en: 'The chart could not be sent to your DM. The tables and the Excel export still work.',
  },
} as const satisfies Messages;
