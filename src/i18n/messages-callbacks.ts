import type { Messages } from './messages.js';

/** Callback rules and refusals (use cases): what a person is told wherever they acted. */
export const callbackMessages = {
  'callbacks.disabled': {
    ko: '이 서비스는 콜백 기능이 꺼져 있습니다. 서비스 관리자가 `/switchboard settings`에서 켤 수 있습니다.',
    en: 'Callbacks are switched off for this service. A service admin can switch them on in `/switchboard settings`.',
  },
  'callbacks.notFound': { ko: '콜백을 찾을 수 없습니다.', en: 'Callback not found.' },
  'callbacks.invalidRequest': {
    ko: '입력값을 확인하세요.',
    en: 'Please check the highlighted fields.',
  },
  'callbacks.invalidField': { ko: '올바르지 않은 값입니다: {problem}', en: 'Not valid: {problem}' },
  'callbacks.phone.empty': { ko: '전화번호를 입력하세요.', en: 'Enter a phone number.' },
  'callbacks.phone.invalidCharacters': {
    ko: '전화번호에는 숫자, 공백, 하이픈(-), 괄호, 앞의 +만 쓸 수 있습니다.',
    en: 'A phone number may only contain digits, spaces, hyphens, brackets and a leading +.',
  },
  'callbacks.phone.wrongLength': {
    ko: '전화번호는 숫자 9~13자리여야 합니다 (예: 02-123-4567, 010-1234-5678).',
    en: 'A phone number has 9 to 13 digits (e.g. 02-123-4567, 010-1234-5678).',
  },
  'callbacks.requestedAtFuture': {
    ko: '요청 시각이 미래입니다.',
    en: 'The requested time is in the future.',
  },
  'callbacks.requestInProgress': {
    ko: '같은 요청을 지금 처리하고 있습니다. 잠시 후 다시 보내세요.',
    en: 'The same request is being handled right now. Send it again in a moment.',
  },
  'callbacks.membersOnly': {
    ko: '서비스 멤버만 할 수 있습니다.',
    en: 'Only members of the service can do this.',
  },
  'callbacks.alreadyAssigned': {
    ko: '이미 {name} 님에게 할당된 콜백입니다.',
    en: 'This callback is already assigned to {name}.',
  },
  'callbacks.closed': {
    ko: '이미 종료된 콜백입니다 ({status}).',
    en: 'This callback is already closed ({status}).',
  },
  'callbacks.assignFirst': {
    ko: '아직 할당되지 않은 콜백입니다. 먼저 "나에게 할당"을 누르세요.',
    en: 'This callback is not assigned yet. Press "Assign to me" first.',
  },
  'callbacks.notYours': {
    ko: '{name} 님에게 할당된 콜백입니다. 담당자나 관리자만 처리할 수 있습니다.',
    en: 'This callback is assigned to {name}. Only its assignee or an admin can work on it.',
  },
  'callbacks.changedMeanwhile': {
    ko: '그 사이 다른 사람이 이 콜백을 변경했습니다. 목록을 새로 고친 뒤 다시 시도하세요.',
    en: 'Someone changed this callback in the meantime. Refresh and try again.',
  },
  'callbacks.invalidOutcome': {
    ko: '통화 결과를 목록에서 고르세요.',
    en: 'Pick a call outcome from the list.',
  },
  'callbacks.assign.noAgent': { ko: '상담원을 한 명 이상 고르세요.', en: 'Pick at least one agent.' },
  'callbacks.assign.manualOneAgent': {
    ko: '수동 할당은 상담원 한 명만 고를 수 있습니다 ({count}명 선택됨). 여러 명에게 나누려면 "균등 할당"을 고르세요.',
    en: 'Assign manually takes exactly one agent ({count} selected). To share among several, choose "Distribute evenly".',
  },
  'callbacks.assign.agentNotEligible': {
    ko: '{name} 님은 콜백을 받을 수 없습니다 (phone 권한 필요).',
    en: '{name} cannot take callbacks (needs the phone permission).',
  },
  'callbacks.assign.noCallbacks': {
    ko: '할당할 콜백을 고르거나 "오래된 순 N건"을 입력하세요.',
    en: 'Pick callbacks to assign, or enter "oldest N".',
  },
  'callbacks.unassign.noCallbacks': {
    ko: '할당 취소할 콜백이나, 콜백을 모두 되돌릴 상담원을 고르세요.',
    en: 'Pick the callbacks to return to the pool, or agents whose open callbacks all go back.',
  },
  'callbacks.cancel.reasonRequired': {
    ko: '취소 사유를 입력하세요.',
    en: 'Enter a reason for cancelling.',
  },
  'callbacks.call.noCtiAgent': {
    ko: 'CTI 상담원 ID가 등록되어 있지 않아 전화를 걸 수 없습니다. 서비스 관리자에게 `/switchboard members`에서 등록을 요청하세요.',
    en: 'Your CTI agent id is not set, so you cannot call. Ask a service admin to set it in `/switchboard members`.',
  },
  'callbacks.call.notLoggedIn': {
    ko: 'CTI에 로그인되어 있지 않습니다 (상담원 {agent}). CTI에 로그인한 뒤 다시 누르세요.',
    en: 'You are not logged in to CTI (agent {agent}). Log in to CTI, then press Connect again.',
  },
  'callbacks.call.dialFailed': {
    ko: '클릭투콜 웹훅이 실패했습니다. 직접 전화를 걸거나, 계속되면 서비스 관리자에게 알려 주세요.',
    en: 'The click-to-dial webhook failed. Dial by hand, and tell a service admin if it keeps happening.',
  },
  'callbacks.status.unassigned': { ko: '미할당', en: 'Unassigned' },
  'callbacks.status.assigned': { ko: '할당됨', en: 'Assigned' },
  'callbacks.status.completed': { ko: '완료', en: 'Completed' },
  'callbacks.status.cancelled': { ko: '취소', en: 'Cancelled' },
  'callbacks.source.ivr': { ko: 'IVR', en: 'IVR' },
  'callbacks.source.web': { ko: '웹', en: 'Web' },
  'callbacks.source.api': { ko: 'API', en: 'API' },
  'callbacks.source.abandoned': { ko: '포기호', en: 'Abandoned call' },
  'callbacks.source.manual': { ko: '직접 등록', en: 'Entered by staff' },
  'callbacks.outcome.connected': { ko: '통화 성공', en: 'Connected' },
  'callbacks.outcome.no_answer': { ko: '받지 않음', en: 'No answer' },
  'callbacks.outcome.busy': { ko: '통화 중', en: 'Busy' },
  'callbacks.outcome.wrong_number': { ko: '잘못된 번호', en: 'Wrong number' },
  'callbacks.outcome.left_message': { ko: '메시지 남김', en: 'Left a message' },
} as const satisfies Messages;
