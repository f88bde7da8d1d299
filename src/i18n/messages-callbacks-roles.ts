import type { Messages } from './messages.js';

/**
 * Buttons true to the role (issue 13, item 6): what a person is told when a shared card offers them something they
 * may not do, and what the assignment list says about agents who cannot Connect. Uses the guide's words.
 */
export const callbackRoleMessages = {
  'callbacks.cancel.adminOnly': {
    ko: '콜백 취소는 서비스 관리자만 할 수 있습니다. 취소해야 하면 관리자에게 요청하세요.',
    en: 'Only a service admin can cancel a callback. Ask an admin if it should be cancelled.',
  },
  'callbacks.call.noCtiAgentSelf': {
    ko: 'CTI 상담원 ID가 등록되어 있지 않아 연결할 수 없습니다. `/switchboard members`에서 본인의 CTI 상담원 ID를 입력하세요.',
    en: 'Your CTI agent id is not set, so you cannot Connect. Enter your own CTI agent id in `/switchboard members`.',
  },
  'cbcmd.assign.agentOptionNoCti': {
    ko: '{name} (진행 중 {open}건) · CTI 상담원 ID 없음',
    en: '{name} ({open} open) · no CTI agent id',
  },
  'cbcmd.assign.noCtiHint': {
    ko: 'CTI 상담원 ID 없음 — 연결할 수 없음: {names}. 할당은 되지만, 관리자가 `/switchboard members`에서 CTI 상담원 ID를 입력하기 전에는 연결할 수 없습니다.',
    en: 'No CTI agent id — cannot Connect: {names}. They can be assigned callbacks, but cannot Connect until an admin enters their CTI agent id in `/switchboard members`.',
  },
} as const satisfies Messages;
