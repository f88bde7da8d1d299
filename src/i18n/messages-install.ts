import type { Messages } from './messages.js';

/** The install path: the bot's channel membership, modals that open before slow lookups, accessible labels. */
export const installMessages = {
  // Setup ran in a channel the bot is not in: cards and the pinned wallboard need it there.
  'install.inviteHere': {
    ko: ':information_source: Switchboard가 아직 이 채널의 멤버가 아닙니다. 콜백 카드와 전광판이 이 채널에 올라오도록 여기서 `/invite @switchboard`를 입력하세요.',
    en: ':information_source: Switchboard is not a member of this channel yet. Type `/invite @switchboard` here so callback cards and the wallboard can appear in it.',
  },
  // A confirmation that could not be shown in the channel the person acted in, sent to their DM instead.
  'install.answeredInDm': {
    ko: 'Switchboard가 <#{channel}> 채널의 멤버가 아니어서 여기로 알려드립니다. 그 채널에서 쓰려면 `/invite @switchboard`로 초대하세요.',
    en: 'You are reading this here because Switchboard is not a member of <#{channel}>. To use it there, invite it with `/invite @switchboard`.',
  },
  // Inline on the settings modal's callback channel (a modal's inline error is plain text: no channel mention).
  'install.callbackChannelNotInvited': {
    ko: 'Switchboard가 선택한 채널의 멤버가 아니어서 콜백 카드를 올릴 수 없습니다. 그 채널에서 `/invite @switchboard`를 입력한 뒤 다시 저장하세요.',
    en: 'Switchboard is not a member of the chosen channel, so it cannot post callback cards there. Type `/invite @switchboard` in that channel, then save again.',
  },
  // The view a modal shows while its contents are looked up (the trigger_id would expire otherwise).
  'install.loadingTitle': { ko: 'Switchboard', en: 'Switchboard' },
  'install.loading': { ko: '불러오는 중…', en: 'Loading…' },
  // The loading modal of a command that ended without a modal or an answer to show in it (an error's reference).
  'install.answeredInConversation': {
    ko: '답변을 대화창에 보냈습니다.',
    en: 'The answer is in the conversation.',
  },
  // Buttons repeated once per callback: a screen reader names the callback, not just "Assign".
  'install.callbackButtonLabel': {
    ko: '{action}: 콜백 {phone} {name}',
    en: '{action}: callback {phone} {name}',
  },
  // The loading modal's close button (both languages side by side: the person's is not known yet).
  'install.close': { ko: '닫기', en: 'Close' },
} satisfies Messages;
