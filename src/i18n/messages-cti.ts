import type { Messages } from './messages.js';

/** What the CTI ingestion API tells a PBX integrator about events it did not take. */
export const ctiMessages = {
  'cti.eventInFuture': {
    ko: '이벤트 시각 {at} 은(는) 현재보다 {minutes}분 넘게 미래입니다. PBX 시계를 확인하세요.',
    en: 'The event time {at} is more than {minutes} minutes in the future; check the PBX clock.',
  },
  'cti.eventTooOld': {
    ko: '이벤트 시각 {at} 은(는) 보관 기간({days}일)보다 오래되었습니다.',
    en: 'The event time {at} is older than the {days} days events are kept.',
  },
  'cti.invalidTime': {
    ko: '이벤트 시각을 날짜로 나타낼 수 없습니다.',
    en: 'The event time is not a date that can be represented.',
  },
  'cti.callbackPending': {
    ko: '이벤트는 저장했지만, 포기 호 {calls} 의 콜백을 다른 요청이 등록하는 중입니다. 같은 배치를 잠시 후 다시 보내세요.',
    en: 'The events are stored, but another request is filing the callback of abandoned call {calls}; send the same batch again shortly.',
  },
} as const satisfies Messages;
