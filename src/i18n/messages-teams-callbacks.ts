import type { Messages } from './messages.js';

/**
 * Callback notifications in Teams (cards, digests, DMs, reminders) where Slack's sentences name Slack things
 * (`/callback list`, `<#channel>`, emoji codes). Labels and buttons reuse the Slack card's keys.
 */
export const teamsCallbackMessages = {
  'teamsCallbacks.listHint': {
    ko: '내 콜백은 봇에게 `callback list`라고 보내 확인하세요.',
    en: 'See your callbacks by sending `callback list` to the bot.',
  },
  'teamsCallbacks.reminder.unassigned': {
    ko: '⏰ 콜백 {count}건이 {minutes}분 넘게 미할당 상태입니다. 할당해 주세요.',
    en: '⏰ {count} callbacks have been unassigned for more than {minutes} minutes. Please assign them.',
  },
  'teamsCallbacks.reminder.assigned': {
    ko: '⏰ 할당된 지 {minutes}분이 넘도록 완료되지 않은 콜백이 {count}건 있습니다.',
    en: '⏰ {count} of your callbacks are still open more than {minutes} minutes after they were assigned to you.',
  },
  'teamsCallbacks.reminder.more': {
    ko: '외 {count}건은 `callback list`에서 보세요.',
    en: '{count} more in `callback list`.',
  },
  'teamsCallbacks.unreachable.callbacks': {
    ko: 'Switchboard가 Teams 대화 {place} 에 콜백 카드를 올릴 수 없습니다. 그 팀에 Switchboard 앱을 추가하고 채널에서 @Switchboard를 한 번 멘션하세요. 그때까지 새 콜백은 `callback list`에서만 보입니다.',
    en: 'Switchboard cannot post callback cards in the Teams conversation {place}. Add the Switchboard app to that team and @mention it once in the channel. Until then, new callbacks show only in `callback list`.',
  },
  'teamsCallbacks.unreachable.wallboard': {
    ko: 'Switchboard가 Teams 대화 {place} 의 전광판을 더 이상 갱신할 수 없습니다. 그 팀에 Switchboard 앱을 추가한 뒤 전광판을 다시 게시하세요.',
    en: 'Switchboard can no longer update the wallboard in the Teams conversation {place}. Add the Switchboard app to that team, then post the wallboard again.',
  },
  'teamsCallbacks.call.tel': {
    ko: '[{phone}]({uri}) 을(를) 눌러 전화를 거세요.',
    en: 'Call [{phone}]({uri}).',
  },
  'teamsCallbacks.more': { ko: '더 보기', en: 'More' },
  'teamsCallbacks.assigned': {
    ko: '콜백 {phone} 이(가) 나에게 할당되었습니다.',
    en: 'Callback {phone} is now assigned to you.',
  },
} as const satisfies Messages;
