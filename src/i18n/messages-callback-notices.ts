import type { Messages } from './messages.js';

/**
 * Receipt notifications (접수 알림): where new callbacks are announced after setup, and the digest of a burst with
 * the actions each reader may take.
 */
export const callbackNoticeMessages = {
  // Setup's answer: where receipt notifications go from now on
  'setup.callbackChannel': {
    ko: '새 콜백 접수 알림은 <#{channel}> 채널에 올라옵니다. 다른 채널로 바꾸려면 `/switchboard settings`에서 콜백 채널을 고르세요.',
    en: 'New callbacks are announced in <#{channel}>. To announce them elsewhere, pick another callback channel in `/switchboard settings`.',
  },
  'setup.noCallbackChannel': {
    ko: '콜백 채널이 없어 새 콜백 접수 알림은 관리자와 전화 권한이 있는 상담원에게 DM으로 갑니다. 채널에 올리려면 `/switchboard settings`에서 콜백 채널을 고르세요.',
    en: 'There is no callback channel, so admins and agents with the phone permission get new callbacks by DM. To announce them in a channel, pick a callback channel in `/switchboard settings`.',
  },

  // The digest of a burst: its buttons
  'callbackDigest.button.assignNextToMe': { ko: '나에게 할당', en: 'Assign to me' },
  'callbackDigest.button.distributeEvenly': { ko: '균등 할당…', en: 'Distribute evenly…' },
  'callbackDigest.button.assignManually': { ko: '수동 할당…', en: 'Assign manually…' },
  'callbackDigest.button.listUnassigned': { ko: '미할당 목록', en: 'Unassigned list' },
  // Its hint: what the reader can do. In a shared channel, what each role can do.
  'callbackDigest.hint.channel': {
    ko: '상담원(전화 권한): *나에게 할당*으로 가장 오래된 콜백부터 한 건씩 맡습니다. 할당 권한: *균등 할당…*·*수동 할당…*으로 이 콜백들을 나눕니다. 관리자: *미할당 목록*(`/callback list unassigned`)에서 전체를 봅니다.',
    en: 'Agents (phone permission): *Assign to me* takes the oldest of these, one at a time. Members who may assign: *Distribute evenly…* or *Assign manually…* shares them out. Admins: *Unassigned list* (`/callback list unassigned`) shows them all.',
  },
  'callbackDigest.hint.take': {
    ko: '*나에게 할당*을 누르면 가장 오래된 콜백부터 한 건씩 맡습니다. 맡은 콜백은 `/callback list`에서 볼 수 있습니다.',
    en: '*Assign to me* takes the oldest of these, one at a time. The callbacks you took are in `/callback list`.',
  },
  'callbackDigest.hint.share': {
    ko: '*균등 할당…*·*수동 할당…*으로 이 콜백들을 상담원에게 나눕니다.',
    en: '*Distribute evenly…* or *Assign manually…* shares these out among agents.',
  },
  'callbackDigest.hint.list': {
    ko: '*미할당 목록*(`/callback list unassigned`)에서 전체를 봅니다.',
    en: '*Unassigned list* (`/callback list unassigned`) shows them all.',
  },
  'callbackDigest.hint.done': {
    ko: '이 콜백들은 모두 할당되었거나 종료되었습니다.',
    en: 'All of these callbacks have been assigned or closed.',
  },
  // Answers to the digest's buttons
  'callbackDigest.noneLeft': {
    ko: '이 알림의 콜백은 모두 할당되었거나 종료되었습니다.',
    en: 'Every callback of this notice has been assigned or closed.',
  },
  'callbackDigest.notFound': {
    ko: '이 알림을 찾을 수 없습니다. `/callback list`를 사용하세요.',
    en: 'This notice was not found. Use `/callback list`.',
  },
} as const satisfies Messages;
