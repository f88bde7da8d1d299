import { callbackMessages } from './messages-callbacks.js';
import { callbackCommandMessages } from './messages-callbacks-commands.js';
import { callbackExportMessages } from './messages-callbacks-export.js';
import { callbackStatsMessages } from './messages-callback-stats.js';
import { callbackSlackMessages } from './messages-callbacks-slack.js';
import { callbackRoleMessages } from './messages-callbacks-roles.js';
import { callbackSearchMessages } from './messages-callbacks-search.js';
import { ctiMessages } from './messages-cti.js';
import { wallboardMessages } from './messages-wallboard.js';
import { teamsWallboardMessages } from './messages-teams-wallboard.js';
import { installMessages } from './messages-install.js';
import { smsMessages } from './messages-sms.js';
import { smsDeliveryMessages } from './messages-sms-delivery.js';
import { smsSlackMessages } from './messages-sms-slack.js';
import { smsTemplateMessages } from './messages-sms-templates.js';
import { smsApiMessages } from './messages-sms-api.js';
import { smsExportMessages } from './messages-sms-export.js';
import { interactionMessages } from './messages-interactions.js';
import { callbackNoticeMessages } from './messages-callback-notices.js';
import { statsChartMessages } from './messages-stats-chart.js';
import { teamsSmsMessages } from './messages-teams-sms.js';
import { teamsCallbackMessages } from './messages-teams-callbacks.js';
import { teamsSetupMessages } from './messages-teams-setup.js';
import { teamsCallbackDialogMessages } from './messages-teams-callback-dialogs.js';
import { teamsFollowupMessages } from './messages-teams-followups.js';

export type Messages = Record<string, { ko: string; en: string }>;

/**
 * Every sentence a person reads, in Korean and English. `{name}` placeholders are filled by `translate`.
 * Keys are grouped by the feature that shows them.
 */
const coreMessages = {
  // Refusals (domain/access decisions)
  'refusal.notMember': {
    ko: '이 서비스의 멤버가 아닙니다. 서비스 관리자에게 `/switchboard members`로 추가를 요청하세요.',
    en: 'You are not a member of this service. Ask a service admin to add you with `/switchboard members`.',
  },
  'refusal.adminOnly': {
    ko: '서비스 관리자만 할 수 있습니다.',
    en: 'Only a service admin can do this.',
  },
  'refusal.missingPermission': {
    ko: '`{permission}` 권한이 필요합니다. 서비스 관리자에게 요청하세요.',
    en: 'This needs the `{permission}` permission. Ask a service admin to grant it.',
  },
  'permission.phone': { ko: '전화(phone)', en: 'phone' },
  'permission.callbackAssign': { ko: '콜백 할당(callbackAssign)', en: 'callbackAssign' },
  'permission.sms': { ko: '문자(sms)', en: 'sms' },
  'role.admin': { ko: '관리자', en: 'Admin' },
  'role.member': { ko: '멤버', en: 'Member' },

  // Services and setup
  'service.notLinked': {
    ko: '이 채널은 아직 서비스에 연결되지 않았습니다. `/switchboard setup <서비스 이름>`으로 만들거나 연결하세요.',
    en: 'This channel is not linked to a service yet. Run `/switchboard setup <service name>` to create or link one.',
  },
  'service.notFound': { ko: '서비스를 찾을 수 없습니다.', en: 'Service not found.' },
  'service.nameInvalid': {
    ko: '서비스 이름이 올바르지 않습니다: {reason}',
    en: 'The service name is not valid: {reason}',
  },
  'setup.created': {
    ko: '서비스 *{name}* 을(를) 만들고 이 채널에 연결했습니다. 당신이 관리자입니다. 다음: `/switchboard members`, `/switchboard settings`.',
    en: 'Created service *{name}* and linked it to this channel. You are its admin. Next: `/switchboard members`, `/switchboard settings`.',
  },
  'setup.linked': {
    ko: '이 채널을 서비스 *{name}* 에 연결했습니다.',
    en: 'Linked this channel to service *{name}*.',
  },
  'setup.alreadyLinked': {
    ko: '이 채널은 이미 서비스 *{name}* 에 연결되어 있습니다.',
    en: 'This channel is already linked to service *{name}*.',
  },
  'setup.modalTitle': { ko: '서비스 설정', en: 'Set up a service' },
  'setup.createLabel': { ko: '새 서비스 이름', en: 'New service name' },
  'setup.createHint': {
    ko: '새 서비스를 만들려면 이름을 입력하세요.',
    en: 'Type a name to create a new service.',
  },
  'setup.linkLabel': { ko: '또는 기존 서비스 연결', en: 'Or link an existing service' },
  'setup.linkHint': {
    ko: '관리자로 있는 서비스만 표시됩니다.',
    en: 'Only services you administer are listed.',
  },
  'setup.chooseOne': {
    ko: '새 이름을 입력하거나 기존 서비스를 하나 고르세요 (둘 다는 안 됩니다).',
    en: 'Type a new name or pick an existing service (not both).',
  },
  'setup.submit': { ko: '저장', en: 'Save' },

  // Members
  'members.modalTitle': { ko: '멤버 관리', en: 'Members' },
  'members.userLabel': { ko: 'Slack 사용자', en: 'Slack user' },
  'members.roleLabel': { ko: '역할', en: 'Role' },
  'members.permissionsLabel': { ko: '권한', en: 'Permissions' },
  'members.ctiLabel': { ko: 'CTI 상담원 ID', en: 'CTI agent id' },
  'members.ctiHint': {
    ko: '전화 시스템에서 쓰는 상담원 ID (예: SIP/8007). 비워 두면 연결하지 않습니다.',
    en: 'How the phone system names this agent (e.g. SIP/8007). Leave empty for none.',
  },
  'members.current': { ko: '현재 멤버 ({count}명)', en: 'Current members ({count})' },
  'members.more': { ko: '외 {count}명', en: 'and {count} more' },
  'members.saved': { ko: '{name} 님을 {role}(으)로 저장했습니다.', en: 'Saved {name} as {role}.' },
  'members.ctiTaken': {
    ko: 'CTI 상담원 ID `{agentId}` 는 이미 {name} 님이 쓰고 있습니다.',
    en: 'CTI agent id `{agentId}` already belongs to {name}.',
  },
  'members.ctiInvalid': {
    ko: 'CTI 상담원 ID는 1-64자, 공백 없이 입력하세요.',
    en: 'A CTI agent id is 1-64 characters without spaces.',
  },
  'members.lastAdmin': {
    ko: '마지막 관리자는 멤버로 바꿀 수 없습니다. 먼저 다른 관리자를 지정하세요.',
    en: 'The last admin cannot become a member. Make someone else an admin first.',
  },
  'members.pickUser': { ko: '추가하거나 바꿀 사람을 고르세요.', en: 'Pick the person to add or change.' },
  'members.botUser': { ko: '봇은 멤버로 추가할 수 없습니다.', en: 'A bot cannot be a member.' },

  // Settings
  'settings.modalTitle': { ko: '서비스 설정', en: 'Service settings' },
  'settings.saved': { ko: '설정을 저장했습니다.', en: 'Settings saved.' },
  'settings.features': { ko: '기능', en: 'Features' },
  'settings.callbacksEnabled': { ko: '콜백 사용', en: 'Callbacks enabled' },
  'settings.smsEnabled': { ko: 'SMS 사용', en: 'SMS enabled' },
  'settings.outboundTicketAutoCreate': {
    ko: '발신 시 상담 이력 자동 생성',
    en: 'Create a ticket on outbound calls',
  },
  'settings.smsAdNightConsent': {
    ko: '야간(21-08시) 광고 문자 수신 동의를 받았음',
    en: 'Night-time (21-08) ad SMS consent collected',
  },
  'settings.locale': { ko: '기본 언어', en: 'Default language' },
  'settings.timeZone': { ko: '시간대', en: 'Time zone' },
  'settings.dayStart': { ko: '업무일 시작 (HH:MM)', en: 'Business day starts (HH:MM)' },
  'settings.callbackChannel': { ko: '콜백 알림 채널', en: 'Callback channel' },
  'settings.wallboardInterval': { ko: '전광판 갱신 간격 (초)', en: 'Wallboard refresh interval (s)' },
  'settings.slThreshold': { ko: '서비스 레벨 기준 (초)', en: 'Service level threshold (s)' },
  'settings.slTarget': { ko: '서비스 레벨 목표 (%)', en: 'Service level target (%)' },
  'settings.longWait': { ko: '장기 대기 경고 (초)', en: 'Long wait warning (s)' },
  'settings.shortAbandon': {
    ko: '단기 포기 제외 기준 (초, 비우면 끔)',
    en: 'Short-abandon cutoff (s, empty = off)',
  },
  'settings.abandonedToCallback': {
    ko: '포기 호 → 콜백 전환 대기시간 (초, 비우면 끔)',
    en: 'Abandoned call → callback after wait (s, empty = off)',
  },
  'settings.clickToDial': { ko: 'CTI 클릭투콜 웹훅 URL', en: 'CTI click-to-dial webhook URL' },
  'settings.ticketWebhook': { ko: '상담 이력 웹훅 URL', en: 'Ticket webhook URL' },
  'settings.unassignedReminder': {
    ko: '미할당 알림 (분, 비우면 끔)',
    en: 'Unassigned reminder (min, empty = off)',
  },
  'settings.assignedReminder': {
    ko: '미완료 알림 (분, 비우면 끔)',
    en: 'Not-completed reminder (min, empty = off)',
  },
  'settings.senderNumbers': { ko: '발신 번호 (쉼표로 구분)', en: 'Sender numbers (comma-separated)' },
  'settings.smsOptOutNumber': { ko: '광고 무료수신거부 번호 (080)', en: 'Ad opt-out number (free 080)' },
  'settings.smsOptOutNumberHint': {
    ko: '광고 문자 마지막 줄의 무료수신거부 안내에 쓰는 080 번호입니다 (예: 080-123-4567). 비워 두면 광고 문자를 보낼 수 없습니다.',
    en: 'The free 080 number of the opt-out line that ends every ad message (e.g. 080-123-4567). Without it, ads cannot be sent.',
  },
  'settings.invalidNumber': {
    ko: '{min}-{max} 사이의 정수를 입력하세요.',
    en: 'Enter a whole number from {min} to {max}.',
  },
  'settings.invalidUrl': {
    ko: 'http(s):// 로 시작하는 URL을 입력하세요.',
    en: 'Enter a URL starting with http(s)://.',
  },
  'settings.webhookHostNotFound': {
    ko: '호스트 {host}을(를) 찾을 수 없습니다. URL을 확인하세요.',
    en: 'Host {host} was not found. Check the URL.',
  },
  'settings.webhookNotAllowed': {
    ko: '{host}은(는) 공인 주소가 아닙니다 (내부망, 루프백, 링크 로컬 또는 클라우드 메타데이터). 웹훅은 공인 주소로만 보낼 수 있으며, 내부망은 서버 운영자가 허용한 경우에만 가능합니다.',
    en: '{host} is not a public address (private network, loopback, link-local or cloud metadata). Webhooks go to public addresses only, or to a private network the server operator allows.',
  },
  'settings.invalidLocale': {
    ko: '언어는 ko(한국어) 또는 en(English)입니다.',
    en: 'The language is ko (Korean) or en (English).',
  },
  'settings.invalidSwitch': {
    ko: '켜기/끄기 설정은 true 또는 false입니다.',
    en: 'An on/off setting is true or false.',
  },
  'settings.invalidValue': {
    ko: '이 설정에 쓸 수 없는 값입니다.',
    en: 'This value cannot be used for this setting.',
  },
  'settings.invalidDayStart': {
    ko: 'HH:MM 형식 (00:00-23:59)으로 입력하세요.',
    en: 'Use HH:MM (00:00-23:59).',
  },
  'settings.invalidTimeZone': {
    ko: 'Asia/Seoul 같은 IANA 시간대를 입력하세요.',
    en: 'Use an IANA time zone such as Asia/Seoul.',
  },
  'settings.unknownKeys': {
    ko: '알 수 없는 설정입니다: {keys}',
    en: 'Unknown settings: {keys}',
  },
  'settings.invalidSenderNumbers': {
    ko: '발신 번호가 올바르지 않습니다: {numbers} (8-12자리 숫자)',
    en: 'Invalid sender numbers: {numbers} (8-12 digits)',
  },
  'settings.invalidOptOutNumber': {
    ko: '무료수신거부 번호가 올바르지 않습니다: {number} (080으로 시작하는 10-11자리 번호, 예: 080-123-4567)',
    en: 'Invalid opt-out number: {number} (a free number of 10-11 digits starting with 080, e.g. 080-123-4567)',
  },

  // API keys
  'apikey.created': {
    ko: 'API 키 *{name}* 을(를) 만들었습니다. 지금 한 번만 보여 드립니다. 안전한 곳에 보관하세요:\n```{key}```',
    en: 'Created API key *{name}*. It is shown this once only; keep it somewhere safe:\n```{key}```',
  },
  'apikey.revoked': { ko: 'API 키 *{name}* 을(를) 폐기했습니다.', en: 'Revoked API key *{name}*.' },
  'apikey.notFound': { ko: 'API 키 `{id}` 를 찾을 수 없습니다.', en: 'API key `{id}` was not found.' },
  'apikey.list': { ko: 'API 키', en: 'API keys' },
  'apikey.none': { ko: '아직 API 키가 없습니다.', en: 'No API keys yet.' },
  'apikey.createButton': { ko: '새 키 만들기', en: 'Create key' },
  'apikey.revokeButton': { ko: '폐기', en: 'Revoke' },
  'apikey.revokeConfirm': {
    ko: '이 키를 쓰는 연동이 즉시 멈춥니다. 폐기할까요?',
    en: 'Integrations using this key stop at once. Revoke it?',
  },
  'apikey.invalidIps': {
    ko: '허용 IP가 올바르지 않습니다: {entries}',
    en: 'Not an IP address or CIDR range: {entries}',
  },
  'apikey.usage': {
    ko: '사용법: `/switchboard apikey` (목록), `/switchboard apikey create [이름] [허용 IP/CIDR…]`, `/switchboard apikey revoke <id>`',
    en: 'Usage: `/switchboard apikey` (list), `/switchboard apikey create [name] [allowed IP/CIDR…]`, `/switchboard apikey revoke <id>`',
  },
  'apikey.lastUsed': { ko: '마지막 사용 {when}', en: 'last used {when}' },
  'apikey.neverUsed': { ko: '사용 기록 없음', en: 'never used' },
  'apikey.nameLabel': { ko: '이름', en: 'Name' },
  'apikey.ipsLabel': { ko: '허용 IP / CIDR', en: 'Allowed IPs / CIDR ranges' },
  'apikey.ipsHint': {
    ko: '쉼표로 구분합니다. 비워 두면 모든 IP에서 쓸 수 있습니다.',
    en: 'Comma-separated. Leave empty to allow any address.',
  },
  'apikey.missing': {
    ko: 'API 키를 "Authorization: Bearer <key>" 헤더로 보내세요. 키는 관리자가 /switchboard apikey 로 만듭니다.',
    en: 'Send the API key as "Authorization: Bearer <key>". Admins create keys with /switchboard apikey.',
  },
  'apikey.unknown': {
    ko: 'API 키가 올바르지 않거나 폐기되었습니다.',
    en: 'The API key is not valid or was revoked.',
  },
  'apikey.ipNotAllowed': {
    ko: '이 IP 주소에서는 이 API 키를 쓸 수 없습니다.',
    en: 'This API key may not be used from this IP address.',
  },
  'apikey.anyIp': { ko: '모든 IP', en: 'any IP' },
  'api.databaseNotAnswering': {
    ko: '지금 데이터베이스가 응답하지 않습니다. 잠시 후 같은 요청을 다시 보내세요(중복 요청은 한 번으로 처리됩니다).',
    en: 'The database is not answering right now; retry shortly with the same request (replays are recognised).',
  },

  // Commands and help
  'help.title': { ko: 'Switchboard', en: 'Switchboard' },
  'help.intro': {
    ko: '컨택센터의 콜백, SMS/MMS, 실시간 전광판을 Slack과 Teams에서 사용하세요.',
    en: 'Callbacks, SMS/MMS and a live wallboard of your contact center, right in Slack and Teams.',
  },
  'help.callbacks': {
    ko: '*콜백* — 고객의 콜백 요청을 카드로 받아 할당, 연결, 완료하고 처리 현황을 봅니다.',
    en: '*Callbacks* — call-back requests as cards to assign, connect and complete, with their processing status.',
  },
  'help.sms': {
    ko: '*SMS / MMS* — 템플릿으로 문자를 보내고 예약, 이력, 취소, 엑셀 내보내기를 합니다.',
    en: '*SMS / MMS* — send from templates, schedule, see history, cancel and export to Excel.',
  },
  'help.wallboard': {
    ko: '*전광판* — 서비스별, 상담원 상태별 실시간 현황을 채널 카드와 벽 모니터 화면으로 봅니다.',
    en: '*Wallboard* — live figures per service and per agent state, as a channel card and a wall screen.',
  },
  'help.admin': {
    ko: '*관리* — `/switchboard setup`, `members`, `settings`, `apikey`',
    en: '*Administration* — `/switchboard setup`, `members`, `settings`, `apikey`',
  },
  'help.unknownCommand': {
    ko: '알 수 없는 명령입니다: `{text}`',
    en: 'Unknown command: `{text}`',
  },
  'wallboard.link': {
    ko: '전광판 링크 (본인 전용, {expires}까지 유효):\n{url}',
    en: 'Your wallboard link (personal, valid until {expires}):\n{url}',
  },
  'wallboard.screenLink': {
    ko: '벽 모니터용 링크 *{label}* (ID `{id}`, {expires}까지 유효). 폐기: `/wallboard link revoke {id}`\n{url}',
    en: 'Wall-screen link *{label}* (id `{id}`, valid until {expires}). Revoke with `/wallboard link revoke {id}`\n{url}',
  },
  'wallboard.linkRevoked': { ko: '링크 `{id}` 를 폐기했습니다.', en: 'Revoked link `{id}`.' },
  'wallboard.linkList': { ko: '벽 모니터용 링크', en: 'Wall-screen links' },
  'wallboard.noPin': {
    ko: '이 채널에 고정된 전광판이 없습니다.',
    en: 'There is no live wallboard pinned in this channel.',
  },
  'wallboard.pinned': {
    ko: '실시간 전광판을 이 채널에 고정했습니다. 최대 {seconds}초마다 갱신됩니다. 멈추려면 `/wallboard unpin`.',
    en: 'Pinned a live wallboard in this channel. It refreshes at most every {seconds} s. Stop it with `/wallboard unpin`.',
  },
  'wallboard.botNotInChannel': {
    ko: 'Switchboard가 이 채널의 멤버가 아니어서 전광판을 고정할 수 없습니다. `/invite @switchboard`로 초대한 뒤 `/wallboard pin`을 다시 실행하세요.',
    en: 'Switchboard is not a member of this channel, so it cannot pin the wallboard here. Invite it with `/invite @switchboard`, then run `/wallboard pin` again.',
  },
  'wallboard.alreadyPinned': {
    ko: '이 채널에는 이미 실시간 전광판이 있습니다. 새로 고정하려면 먼저 `/wallboard unpin`.',
    en: 'This channel already has a live wallboard. Run `/wallboard unpin` first to pin a new one.',
  },
  'wallboard.unpinned': {
    ko: '실시간 전광판을 멈추고 고정을 해제했습니다.',
    en: 'Stopped the live wallboard and unpinned it.',
  },
  'wallboard.usage': {
    ko: '사용법: `/wallboard` (현재 현황), `/wallboard agents`, `/wallboard pin`, `/wallboard unpin`, `/wallboard link`, `/wallboard link screen [이름]`, `/wallboard link list`, `/wallboard link revoke <id>`',
    en: 'Usage: `/wallboard` (current figures), `/wallboard agents`, `/wallboard pin`, `/wallboard unpin`, `/wallboard link`, `/wallboard link screen [name]`, `/wallboard link list`, `/wallboard link revoke <id>`',
  },
  'wallboard.title': { ko: '{name} 전광판', en: '{name} wallboard' },
  'wallboard.updated': { ko: '{day} · {time} 기준', en: '{day} · as of {time}' },
  'wallboard.waiting': { ko: '대기 고객', en: 'Waiting' },
  'wallboard.inbound': { ko: '인입', en: 'Inbound' },
  'wallboard.answered': { ko: '응대', en: 'Answered' },
  'wallboard.abandoned': { ko: '포기', en: 'Abandoned' },
  'wallboard.answerRate': { ko: '응대율', en: 'Answer rate' },
  'wallboard.serviceLevel': { ko: '서비스 레벨 ({seconds}초)', en: 'Service level ({seconds} s)' },
  'wallboard.asa': { ko: '평균 응답 대기', en: 'Avg. speed of answer' },
  'wallboard.longestWait': { ko: '최장 대기', en: 'Longest wait' },
  'wallboard.loggedIn': { ko: '로그인', en: 'Logged in' },
  'wallboard.ready': { ko: '대기중', en: 'Ready' },
  'wallboard.inConversation': { ko: '상담중', en: 'In conversation' },
  'wallboard.outbound': { ko: 'O/B', en: 'Outbound' },
  'wallboard.breakOrAcw': { ko: '휴식/업무처리', en: 'Break / ACW' },
  'wallboard.servicesView': { ko: '서비스별', en: 'By service' },
  'wallboard.agentsView': { ko: '상담원별', en: 'By agent' },
  'wallboard.noAgents': { ko: '로그인한 상담원이 없습니다.', en: 'No agent is logged in.' },
  'wallboard.state.ready': { ko: '대기중', en: 'Ready' },
  'wallboard.state.ringing': { ko: '벨 울림', en: 'Ringing' },
  'wallboard.state.talking': { ko: '통화중', en: 'Talking' },
  'wallboard.state.dialing': { ko: '발신 연결중', en: 'Dialing' },
  'wallboard.state.outbound': { ko: '발신 통화', en: 'Outbound' },
  'wallboard.state.acw': { ko: '후처리', en: 'After-call work' },
  'wallboard.state.break': { ko: '휴식', en: 'Break' },
  'wallboard.state.offline': { ko: '로그아웃', en: 'Offline' },

  // Wallboard links and the wall page (web/wallboard.html)
  'wallboardLink.notFound': {
    ko: '전광판 링크 `{id}` 를 찾을 수 없거나 이미 폐기되었습니다.',
    en: 'Wallboard link `{id}` was not found or is already revoked.',
  },
  'wallboardLink.denied.missing': {
    ko: '링크가 없거나 만료되었습니다',
    en: 'This wallboard link is missing or expired',
  },
  'wallboardLink.denied.expired': {
    ko: '이 전광판 링크는 만료되었습니다',
    en: 'This wallboard link has expired',
  },
  'wallboardLink.denied.revoked': {
    ko: '이 전광판 링크는 관리자가 폐기했습니다',
    en: 'This wallboard link was revoked by an admin',
  },
  'wallboardLink.denied.memberRemoved': {
    ko: '이 링크를 받은 멤버가 더 이상 서비스에 없습니다',
    en: 'The member this link was issued to is no longer in the service',
  },
  'wallboardLink.denied.hint': {
    ko: 'Slack에서 /wallboard link 로 새 링크를 받으세요. 벽 모니터용 장기 링크는 서비스 관리자가 발급합니다.',
    en: 'Get a new link with /wallboard link in Slack. Service admins issue long-lived links for wall screens.',
  },
  'wallboardPage.slTarget': { ko: '목표 {target}%', en: 'Target {target}%' },
  'wallboardPage.longWaitAt': { ko: '{seconds}초 이상 경고', en: 'Warning from {seconds} s' },
  'wallboardPage.otherExits': { ko: '기타 이탈 {count}', en: 'Other exits {count}' },
  'wallboardPage.answeredCount': { ko: '응대 {count}', en: '{count} answered' },
  'wallboardPage.moreAgents': { ko: '외 {count}명', en: '+{count} more' },
  'wallboardPage.agents': { ko: '상담원', en: 'Agents' },
  'wallboardPage.reconnecting': { ko: '재연결 중…', en: 'Reconnecting…' },

  // Generic
  'error.unexpected': {
    ko: '예기치 못한 오류가 발생했습니다. 잠시 후 다시 시도하세요. (참조: {ref})',
    en: 'Something went wrong on our side. Please try again shortly. (ref: {ref})',
  },
  'common.cancel': { ko: '취소', en: 'Cancel' },
  'common.yes': { ko: '예', en: 'Yes' },
  'common.none': { ko: '없음', en: 'none' },
} as const satisfies Messages;

/** Each feature keeps its sentences in its own file; one table for `translate`, keys unique across files. */
export const messageParts: readonly Messages[] = [
  coreMessages,
  callbackMessages,
  callbackSlackMessages,
  callbackCommandMessages,
  callbackExportMessages,
  callbackStatsMessages,
  ctiMessages,
  wallboardMessages,
  teamsWallboardMessages,
  smsMessages,
  smsDeliveryMessages,
  smsTemplateMessages,
  smsSlackMessages,
  smsApiMessages,
  smsExportMessages,
  interactionMessages,
  callbackNoticeMessages,
  callbackRoleMessages,
  callbackSearchMessages,
  installMessages,
  statsChartMessages,
  teamsSmsMessages,
  teamsCallbackMessages,
  teamsSetupMessages,
  teamsCallbackDialogMessages,
  teamsFollowupMessages,
];

export const messages = {
  ...coreMessages,
  ...callbackMessages,
  ...callbackSlackMessages,
  ...callbackCommandMessages,
  ...callbackExportMessages,
  ...callbackStatsMessages,
  ...ctiMessages,
  ...wallboardMessages,
  ...teamsWallboardMessages,
  ...smsMessages,
  ...smsDeliveryMessages,
  ...smsTemplateMessages,
  ...smsSlackMessages,
  ...smsApiMessages,
  ...smsExportMessages,
  ...interactionMessages,
  ...callbackNoticeMessages,
  ...callbackRoleMessages,
  ...callbackSearchMessages,
  ...installMessages,
  ...statsChartMessages,
  ...teamsSmsMessages,
  ...teamsCallbackMessages,
  ...teamsSetupMessages,
  ...teamsCallbackDialogMessages,
  ...teamsFollowupMessages,
} as const;

export type MessageKey = keyof typeof messages;
