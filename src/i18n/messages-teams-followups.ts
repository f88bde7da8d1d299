import type { Messages } from './messages.js';

/** Teams: the SMS history's Excel link, and answers sent to the person's personal chat from a channel. */
export const teamsFollowupMessages = {
  'teamsSmsExport.what': { ko: '문자 발송 내역', en: 'SMS sending history' },
  'teamsSmsExport.counts': {
    ko: '요청 {requests}건, 수신번호 {recipients}건.',
    en: '{requests} requests, {recipients} recipients.',
  },
  'teamsPrivate.sent': {
    ko: '{name}님, 결과는 저와의 개인 채팅으로 보내드렸습니다.',
    en: '{name}, I sent it to you in our personal chat.',
  },
  'teamsPrivate.noChat': {
    ko: '{name}님, 이 결과는 채널에 올리지 않고 개인 채팅으로만 보내드립니다. 먼저 Switchboard 봇과 개인 채팅을 열어 아무 메시지나 보낸 뒤 다시 시도하세요.',
    en: '{name}, this answer goes only to your personal chat, not to the channel. Open a chat with the Switchboard bot first (send it any message), then try again.',
  },
  'teamsPrivate.failed': {
    ko: '{name}님, 개인 채팅으로 보내지 못했습니다. 잠시 후 다시 시도하세요.',
    en: '{name}, I could not send it to your personal chat. Please try again in a moment.',
  },
} as const satisfies Messages;
