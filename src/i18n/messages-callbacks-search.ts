import type { Messages } from './messages.js';

/** Searching callbacks by a part of the phone number or the customer name (issue 13, item 8). */
export const callbackSearchMessages = {
  'callbacks.search.tooLong': {
    ko: '검색어는 {max}자 이하로 입력하세요.',
    en: 'A search is at most {max} characters.',
  },
  'cbcmd.list.search': { ko: '검색: {q}', en: 'Search: {q}' },
  'cbcmd.help.search': {
    ko: '• `/callback list [상태] [기간] <검색어>` — 전화번호 일부(숫자) 또는 고객 이름으로 검색. 예: `/callback list all 5678`, `/callback list 김민수`',
    en: '• `/callback list [status] [dates] <search>` — search by any part of the phone number (digits) or the customer name. E.g. `/callback list all 5678`, `/callback list Kim`',
  },
} as const satisfies Messages;
