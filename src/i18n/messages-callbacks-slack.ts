import type { Messages } from './messages.js';

/** Callback cards in channels, DMs, the card buttons and their modals (Slack). */
export const callbackSlackMessages = {
  // To admins, when the callback channel refuses the bot
  'callbackCard.channelUnreachable': {
    ko: 'Switchboard가 <#{channel}> 채널의 멤버가 아니어서 콜백 카드를 올릴 수 없습니다. 그 채널에서 `/invite @switchboard`로 초대하세요. 그때까지 새 콜백은 `/callback list`에서만 보입니다.',
    en: 'Switchboard cannot post callback cards in <#{channel}> because it is not a member of that channel. Invite it there with `/invite @switchboard`. Until then, new callbacks show only in `/callback list`.',
  },
  'wallboardPin.channelUnreachable': {
    ko: 'Switchboard가 <#{channel}> 채널의 멤버가 아니어서 고정한 전광판을 더 이상 갱신할 수 없습니다. 그 채널에서 `/invite @switchboard`로 초대한 뒤 `/wallboard pin`으로 다시 고정하세요.',
    en: 'Switchboard can no longer update the pinned wallboard in <#{channel}> because it is not a member of that channel. Invite it there with `/invite @switchboard`, then pin it again with `/wallboard pin`.',
  },
  // The card
  'callbackCard.text': { ko: '콜백 {phone} {name} · {status}', en: 'Callback {phone} {name} · {status}' },
  'callbackCard.unnamed': { ko: '(이름 없음)', en: '(no name)' },
  'callbackCard.requestedAt': { ko: '요청 시각', en: 'Requested' },
  'callbackCard.source': { ko: '접수 경로', en: 'Source' },
  'callbackCard.requestCount': { ko: '요청 횟수', en: 'Requests' },
  'callbackCard.status': { ko: '상태', en: 'Status' },
  'callbackCard.assignee': { ko: '담당자', en: 'Assignee' },
  'callbackCard.attempts': { ko: '통화 시도', en: 'Call attempts' },
  'callbackCard.preferredAt': { ko: '희망 통화 시각', en: 'Preferred time' },
  'callbackCard.nobody': { ko: '없음', en: 'Nobody yet' },
  'callbackCard.noAttempts': { ko: '아직 없음', en: 'None yet' },
  'callbackCard.attemptsValue': { ko: '{count}회 · 최근: {outcome}', en: '{count} · last: {outcome}' },
  'callbackCard.outcomePending': { ko: '결과 미입력', en: 'outcome not recorded' },
  'callbackCard.lastRequestedAt': { ko: '마지막 요청 {at}', en: 'last requested {at}' },
  'callbackCard.note': { ko: '메모: {note}', en: 'Note: {note}' },
  'callbackCard.completed': {
    ko: '{at}에 완료되었습니다 · 결과: {outcome}',
    en: 'Completed {at} · outcome: {outcome}',
  },
  'callbackCard.completedNote': { ko: '완료 메모: {note}', en: 'Completion note: {note}' },
  'callbackCard.cancelled': { ko: '취소되었습니다 · 사유: {reason}', en: 'Cancelled · reason: {reason}' },
  'callbackCard.button.assignToMe': { ko: '나에게 할당', en: 'Assign to me' },
  'callbackCard.button.assignOpen': { ko: '할당…', en: 'Assign…' },
  'callbackCard.button.call': { ko: '연결', en: 'Connect' },
  'callbackCard.button.complete': { ko: '완료', en: 'Complete' },
  'callbackCard.button.history': { ko: '이력 등록', en: 'Register history' },

  // The digest of a burst
  'callbackDigest.text': { ko: '새 콜백 {count}건', en: '{count} new callbacks' },
  'callbackDigest.title': {
    ko: '*새 콜백 {count}건이 접수되었습니다*',
    en: '*{count} new callbacks came in*',
  },
  'callbackDigest.more': { ko: '외 {count}건', en: 'and {count} more' },

  // DMs to the assignee
  'callbackDm.assignedOne': {
    ko: '콜백이 할당되었습니다: *{phone}* {name}',
    en: 'A callback was assigned to you: *{phone}* {name}',
  },
  'callbackDm.assignedMany': {
    ko: '콜백 {count}건이 할당되었습니다.',
    en: '{count} callbacks were assigned to you.',
  },
  'callbackDm.unassignedOne': {
    ko: '콜백 *{phone}* {name} 의 할당이 취소되어 대기 목록으로 돌아갔습니다.',
    en: 'Callback *{phone}* {name} was unassigned from you and is back in the pool.',
  },
  'callbackDm.unassignedMany': {
    ko: '콜백 {count}건의 할당이 취소되어 대기 목록으로 돌아갔습니다.',
    en: '{count} callbacks were unassigned from you and are back in the pool.',
  },
  'callbackDm.listHint': {
    ko: '내 콜백은 `/callback list`로 확인하세요.',
    en: 'See your callbacks with `/callback list`.',
  },

  // Button answers
  'callbackAction.assigned': {
    ko: '콜백 {phone} 을(를) 맡았습니다. 카드는 곧 갱신됩니다.',
    en: 'You took callback {phone}. The card updates in a moment.',
  },
  'callbackCall.dialing': {
    ko: 'CTI로 {phone} 에 전화를 거는 중입니다.',
    en: 'Dialing {phone} via CTI.',
  },
  'callbackCall.tel': {
    ko: '<{uri}|{phone}> 을(를) 눌러 전화를 거세요.',
    en: 'Call <{uri}|{phone}>.',
  },
  'callbackCall.outcomePrompt': {
    ko: '통화가 끝나면 결과를 고르세요.',
    en: 'When the call is over, pick how it went.',
  },
  'callbackCall.outcomePlaceholder': { ko: '통화 결과', en: 'Call outcome' },
  'callbackCall.outcomeRecorded': {
    ko: '{phone} 통화 결과를 기록했습니다: {outcome}',
    en: 'Recorded the call to {phone}: {outcome}',
  },

  // The Complete modal
  'callbackComplete.title': { ko: '콜백 완료', en: 'Complete callback' },
  'callbackComplete.submit': { ko: '완료', en: 'Complete' },
  'callbackComplete.outcome': { ko: '통화 결과 (선택)', en: 'Outcome (optional)' },
  'callbackComplete.note': { ko: '메모 (선택)', en: 'Note (optional)' },

  // The Register history modal
  'callbackHistory.title': { ko: '이력 등록', en: 'Register history' },
  'callbackHistory.submit': { ko: '등록', en: 'Register' },
  'callbackHistory.phone': { ko: '고객 전화번호 (선택)', en: 'Customer phone (optional)' },
  'callbackHistory.customerName': { ko: '고객 이름 (선택)', en: 'Customer name (optional)' },
  'callbackHistory.channel': { ko: '상담 채널', en: 'Channel' },
  'callbackHistory.summary': { ko: '요약', en: 'Summary' },
  'callbackHistory.note': { ko: '메모 (선택)', en: 'Note (optional)' },
  'callbackHistory.channel.phone': { ko: '전화', en: 'Phone' },
  'callbackHistory.channel.sms': { ko: '문자', en: 'SMS' },
  'callbackHistory.channel.chat': { ko: '채팅', en: 'Chat' },
  'callbackHistory.channel.email': { ko: '이메일', en: 'Email' },
  'callbackHistory.channel.visit': { ko: '방문', en: 'Visit' },
  'callbackHistory.channel.other': { ko: '기타', en: 'Other' },

  // Reminders (service settings unassignedReminderMinutes / assignedReminderMinutes)
  'callbackReminder.unassigned': {
    ko: ':alarm_clock: 콜백 {count}건이 {minutes}분 넘게 미할당 상태입니다. `/callback assign`으로 할당하세요.',
    en: ':alarm_clock: {count} callbacks have been unassigned for more than {minutes} minutes. Assign them with `/callback assign`.',
  },
  'callbackReminder.assigned': {
    ko: ':alarm_clock: 할당된 지 {minutes}분이 넘도록 완료되지 않은 콜백이 {count}건 있습니다.',
    en: ':alarm_clock: {count} of your callbacks are still open more than {minutes} minutes after they were assigned to you.',
  },
  'callbackReminder.more': {
    ko: '외 {count}건은 `/callback list`에서 보세요.',
    en: '{count} more in `/callback list`.',
  },

  // The Cancel modal (admins)
  'callbackCard.button.cancel': { ko: '취소…', en: 'Cancel…' },
  'callbackCancel.title': { ko: '콜백 취소', en: 'Cancel callback' },
  'callbackCancel.submit': { ko: '콜백 취소', en: 'Cancel callback' },
  'callbackCancel.reason': { ko: '취소 사유', en: 'Reason' },
} as const satisfies Messages;
