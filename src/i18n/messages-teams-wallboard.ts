import type { Messages } from './messages.js';

/** The wallboard in Teams: the live card kept current in a conversation, its commands and signed links. */
export const teamsWallboardMessages = {
  'teamsWallboard.usage': {
    ko: '사용법: `wallboard` (현재 현황), `wallboard agents`, `wallboard pin`, `wallboard unpin`, `wallboard link`, `wallboard link screen [이름]`, `wallboard link list`, `wallboard link revoke <id>` (`전광판`도 됩니다)',
    en: 'Usage: `wallboard` (current figures), `wallboard agents`, `wallboard pin`, `wallboard unpin`, `wallboard link`, `wallboard link screen [name]`, `wallboard link list`, `wallboard link revoke <id>`',
  },
  'teamsWallboard.noService': {
    ko: '이 대화는 아직 서비스에 연결되지 않았습니다. 채널에서 `@Switchboard setup <서비스 이름>`으로 만들거나 `@Switchboard link`로 연결하세요.',
    en: 'This conversation is not linked to a service yet. In a channel, create one with `@Switchboard setup <service name>` or connect one with `@Switchboard link`.',
  },
  'teamsWallboard.liveHint': {
    ko: '실시간 전광판: 현황이 바뀌면 갱신됩니다. 맨 위에 두려면 이 메시지의 ⋯ 메뉴에서 고정하세요.',
    en: 'Live wallboard: it updates when the figures change. To keep it at the top, pin this message from its ⋯ menu.',
  },
  'teamsWallboard.pinned': {
    ko: '실시간 전광판을 이 대화에 올렸습니다. 현황이 바뀌면 최대 {seconds}초마다 갱신됩니다. Teams에서는 봇이 메시지를 고정할 수 없으니 카드의 ⋯ 메뉴에서 고정하세요. 멈추려면 `wallboard unpin`.',
    en: 'Posted a live wallboard in this conversation. It updates at most every {seconds} s when the figures change. Teams does not let bots pin messages: pin it from the card’s ⋯ menu. Stop it with `wallboard unpin`.',
  },
  'teamsWallboard.alreadyPinned': {
    ko: '이 대화에는 이미 실시간 전광판이 있습니다. 새로 올리려면 먼저 `wallboard unpin`.',
    en: 'This conversation already has a live wallboard. Run `wallboard unpin` first to post a new one.',
  },
  'teamsWallboard.unpinned': {
    ko: '실시간 전광판을 멈췄습니다. 카드는 마지막 현황으로 남습니다. 고정했다면 ⋯ 메뉴에서 고정을 해제하세요.',
    en: 'Stopped the live wallboard. The card stays with its last figures; if you pinned it, unpin it from its ⋯ menu.',
  },
  'teamsWallboard.pinWhere': {
    ko: '실시간 전광판은 채널이나 그룹 채팅에 올립니다. 그곳에서 `@Switchboard wallboard pin`을 실행하세요.',
    en: 'A live wallboard goes in a channel or group chat: run `@Switchboard wallboard pin` there.',
  },
  'teamsWallboard.busy': {
    ko: 'Teams가 잠시 기다려 달라고 합니다. {seconds}초 뒤에 다시 시도하세요.',
    en: 'Teams asked us to slow down. Try again in {seconds} s.',
  },
  'teamsWallboard.postFailed': {
    ko: '이 대화에 전광판을 올리지 못했습니다. Switchboard가 이 대화에 추가되어 있는지 확인한 뒤 다시 시도하세요.',
    en: 'Could not post the wallboard in this conversation. Check that Switchboard is added here, then try again.',
  },
  'teamsWallboard.viewNext': {
    ko: '실시간 전광판은 다음 갱신 때(최대 {seconds}초 뒤) 이 보기로 바뀝니다.',
    en: 'The live wallboard switches to this view at its next update (within {seconds} s).',
  },
  'teamsWallboard.linkTitle': { ko: '전광판 링크', en: 'Wallboard link' },
  'teamsWallboard.linkPersonal': {
    ko: '본인 전용 링크입니다. {expires}까지 유효하며 다른 사람과 공유하지 마세요.',
    en: 'Your personal link, valid until {expires}. Do not share it.',
  },
  'teamsWallboard.linkScreen': {
    ko: '벽 모니터용 링크 **{label}** (ID {id}), {expires}까지 유효. 폐기: `wallboard link revoke {id}`',
    en: 'Wall-screen link **{label}** (id {id}), valid until {expires}. Revoke it with `wallboard link revoke {id}`.',
  },
  'teamsWallboard.screenLabel': { ko: '벽 모니터', en: 'Wall screen' },
  'teamsWallboard.open': { ko: '전광판 열기', en: 'Open wallboard' },
  'teamsWallboard.linkPrivate': {
    ko: '전광판 링크는 사람마다 따로 발급됩니다. 버튼을 누르면 본인에게만 링크가 보입니다.',
    en: 'Wallboard links are personal. Press the button to see yours; only you will see it.',
  },
  'teamsWallboard.showLink': { ko: '내 링크 보기', en: 'Show my link' },
  'teamsWallboard.linkInPersonalChat': {
    ko: '이 Teams 앱에서는 링크를 채널에 보이지 않게 보여 줄 수 없습니다. Switchboard와의 개인 채팅에서 `wallboard link`를 실행하세요.',
    en: 'This Teams client cannot show the link to you alone here. Run `wallboard link` in a personal chat with Switchboard.',
  },
} as const satisfies Messages;
