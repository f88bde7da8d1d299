import type { Messages } from './messages.js';

/**
 * Teams: the help card (what each command does in Teams, with the Korean words the bot understands too), `setup`,
 * `link`, and the privacy and terms pages the Teams app package points to. Teams renders `**bold**` in messages
 * and cards.
 */
export const teamsSetupMessages = {
  // The help card (also the welcome when the app is added, and the answer to text that is no command)
  'teamsHelp.intro': {
    ko: '컨택센터의 콜백, 문자, 전광판을 Teams에서 사용하세요. 채널에서는 **@Switchboard** 를 멘션한 뒤 명령을 입력하고, 개인 채팅에서는 명령만 입력하세요.',
    en: 'Callbacks, SMS and the wallboard of your contact center, in Teams. In a channel, @mention **@Switchboard** and then type a command; in a personal chat, just type it.',
  },
  'teamsHelp.notUnderstood': {
    ko: '"{text}" 은(는) 알 수 없는 명령입니다. 다음 명령을 사용할 수 있습니다.',
    en: 'I did not understand "{text}". These are the commands I know.',
  },
  'teamsHelp.commandsHeading': { ko: '명령', en: 'Commands' },
  'teamsHelp.callback': {
    ko: '**콜백** (`callback`) — 고객의 콜백 요청을 카드로 보고 할당, 연결, 완료하며 처리 현황을 확인합니다.',
    en: '**callback** (`콜백`) — callback requests as cards: assign, connect and complete them, and see the processing status.',
  },
  'teamsHelp.sms': {
    ko: '**문자** (`sms`) — 템플릿으로 문자(SMS/MMS)를 보내거나 예약하고, 발송 내역을 봅니다.',
    en: '**sms** (`문자`) — send or schedule an SMS/MMS from a template, and look up the send history.',
  },
  'teamsHelp.wallboard': {
    ko: '**전광판** (`wallboard`) — 대기 고객, 응답률, 서비스 레벨, 상담원 상태를 보여 주는 실시간 전광판 카드. 채널에 올린 카드는 스스로 갱신됩니다.',
    en: '**wallboard** (`전광판`) — the live wallboard card: waiting customers, answer rate, service level and agent states. A card posted in a channel keeps itself current.',
  },
  'teamsHelp.setup': {
    ko: '**setup <서비스 이름>** — 새 서비스를 만들고 당신을 관리자로 등록합니다. 채널에서 실행하면 그 채널에 연결되어 새 콜백 접수 알림이 올라옵니다.',
    en: '**setup <service name>** — creates a service with you as its admin. Run in a channel, it links that channel, where new callbacks are then announced.',
  },
  'teamsHelp.link': {
    ko: '**link** — 이 채널을 당신이 관리하는 기존 서비스에 연결합니다 (채널 또는 그룹 채팅에서).',
    en: '**link** — links this channel to an existing service you administer (in a channel or group chat).',
  },
  'teamsHelp.help': {
    ko: '**도움말** (`help`) — 이 안내를 다시 보여 줍니다.',
    en: '**help** (`도움말`) — shows this card again.',
  },
  'teamsHelp.members': {
    ko: '멤버 추가는 운영자가 합니다: `npm run cli -- member add --service <서비스 ID> --name <이름> --teams <테넌트 ID>:<Entra 개체 ID>`',
    en: 'Operators add members: `npm run cli -- member add --service <service id> --name <name> --teams <tenant id>:<Entra object id>`',
  },

  // setup
  'teamsSetup.usage': {
    ko: '서비스 이름을 함께 입력하세요: **@Switchboard setup 고객센터**. 이미 있는 서비스에 이 채널을 연결하려면 **@Switchboard link** 를 입력하세요.',
    en: 'Add a service name: **@Switchboard setup Acme support**. To link this channel to a service that exists, type **@Switchboard link**.',
  },
  'teamsSetup.createdHere': {
    ko: '서비스 **{name}** 을(를) 만들고 이 채널에 연결했습니다. 당신이 관리자입니다. 새 콜백 접수 알림은 이 채널에 올라옵니다.',
    en: 'Created service **{name}** and linked it to this channel. You are its admin. New callbacks are announced in this channel.',
  },
  'teamsSetup.createdPersonal': {
    ko: '서비스 **{name}** 을(를) 만들었습니다. 당신이 관리자입니다. 새 콜백 접수 알림을 채널에 올리려면 그 채널에서 **@Switchboard link** 를 입력하세요.',
    en: 'Created service **{name}**. You are its admin. To announce new callbacks in a channel, type **@Switchboard link** there.',
  },
  'teamsSetup.next': {
    ko: '서비스 ID: `{id}`. 멤버 추가: `npm run cli -- member add --service {id} --name <이름> --teams <테넌트 ID>:<Entra 개체 ID>`',
    en: 'Service id: `{id}`. Add members with `npm run cli -- member add --service {id} --name <name> --teams <tenant id>:<Entra object id>`',
  },

  // link
  'teamsLink.choose': {
    ko: '이 채널을 어느 서비스에 연결할까요? 당신이 관리자인 서비스만 표시됩니다.',
    en: 'Link this channel to which service? Only services you administer are listed.',
  },
  'teamsLink.none': {
    ko: '당신이 관리자인 서비스가 없습니다. **@Switchboard setup <서비스 이름>** 으로 새 서비스를 만드세요.',
    en: 'You administer no service. Create one with **@Switchboard setup <service name>**.',
  },
  'teamsLink.channelOnly': {
    ko: '**link** 는 채널이나 그룹 채팅을 서비스에 연결합니다. 연결할 채널에서 **@Switchboard link** 를 입력하세요.',
    en: '**link** connects a channel or group chat to a service. Type **@Switchboard link** in the channel to link.',
  },
  'teamsLink.linkedAnnouncing': {
    ko: '이 채널을 서비스 **{name}** 에 연결했습니다. 새 콜백 접수 알림은 이 채널에 올라옵니다.',
    en: 'Linked this channel to service **{name}**. New callbacks are announced in this channel.',
  },
  'teamsLink.linkedElsewhere': {
    ko: '이 채널을 서비스 **{name}** 에 연결했습니다. 새 콜백 접수 알림은 전에 정한 채널에 계속 올라옵니다.',
    en: 'Linked this channel to service **{name}**. New callbacks are still announced where they were before.',
  },
  'teamsLink.notMember': {
    ko: '서비스 **{name}** 의 멤버가 아닙니다. 그 서비스의 관리자만 채널을 연결할 수 있습니다.',
    en: 'You are not a member of service **{name}**. Only its admins can link a channel to it.',
  },
  'teamsLink.more': {
    ko: '외 {count}개 서비스는 표시하지 않았습니다.',
    en: '{count} more services are not shown.',
  },

  // The privacy and terms pages (the Teams app package's privacyUrl and termsOfUseUrl)
  'legal.otherLanguage': { ko: 'English', en: '한국어' },
  'legal.privacy.title': { ko: 'Switchboard 개인정보 처리 안내', en: 'Switchboard privacy statement' },
  'legal.privacy.operator': {
    ko: '이 Switchboard 서버는 여러분의 조직이 직접 운영합니다. 아래 정보는 그 조직의 데이터베이스에만 저장되며, 개인정보에 관한 문의는 조직의 관리자에게 하세요.',
    en: 'This Switchboard server is run by your organization. What is listed below is stored only in that organization’s database; ask its administrators about your data.',
  },
  'legal.privacy.stored': {
    ko: '저장하는 정보: Slack·Teams 사용자 식별자(Teams는 테넌트 ID와 Entra 개체 ID), 표시 이름, 언어, 서비스에서의 역할과 권한; 알림을 보내기 위한 대화 참조; 콜백 요청(고객 전화번호, 이름, 메모)과 처리 이력; 문자 내용과 수신 번호, 발송 결과; 누가 무엇을 했는지 남기는 감사 기록.',
    en: 'What is stored: Slack and Teams user identifiers (for Teams, the tenant id and Entra object id), display names, language, role and permissions in a service; conversation references, to send notifications; callback requests (customer phone numbers, names, notes) and their history; SMS texts, recipients and delivery results; an audit log of who did what.',
  },
  'legal.privacy.shared': {
    ko: '전달 대상: 메시지는 Microsoft Teams와 Slack을 통해, 문자는 설정된 경우 NHN Cloud를 통해, 연결과 티켓은 관리자가 설정한 웹훅으로만 전달됩니다. 광고나 분석 목적으로 다른 곳에 보내지 않습니다.',
    en: 'Where it goes: messages go through Microsoft Teams and Slack, SMS through NHN Cloud when configured, and calls and tickets only to the webhooks an admin configured. Nothing is sent anywhere for advertising or analytics.',
  },
  'legal.privacy.retention': {
    ko: '보관과 삭제: 조직의 관리자가 보관 기간을 정하고 데이터를 삭제할 수 있습니다. 앱을 제거해도 저장된 데이터는 관리자가 지울 때까지 남습니다.',
    en: 'Keeping and deleting: your organization’s administrators decide how long data is kept and can delete it. Removing the app does not delete stored data; an administrator does.',
  },
  'legal.terms.title': { ko: 'Switchboard 이용 약관', en: 'Switchboard terms of use' },
  'legal.terms.operator': {
    ko: '이 Switchboard 서버는 여러분의 조직이 운영하며, 이용 조건은 조직의 정책을 따릅니다.',
    en: 'This Switchboard server is run by your organization, and your use of it follows your organization’s policies.',
  },
  'legal.terms.use': {
    ko: '업무 목적으로만 사용하세요: 고객에게 콜백하고, 문자를 보내고, 컨택센터 현황을 보기 위해서입니다. 문자는 수신자의 동의와 관련 법(광고성 정보 전송 규정 포함)을 지켜 보내야 합니다.',
    en: 'Use it for work only: calling customers back, sending SMS and following the contact center’s figures. Send SMS only with the recipients’ consent and within the law, including the rules for advertising messages.',
  },
  'legal.terms.warranty': {
    ko: 'Switchboard는 있는 그대로 제공되며, 서비스 중단이나 메시지 지연이 있을 수 있습니다. 문제가 있으면 조직의 관리자에게 알려 주세요.',
    en: 'Switchboard is provided as is; interruptions and delayed messages can happen. Tell your organization’s administrators about any problem.',
  },
} as const satisfies Messages;
