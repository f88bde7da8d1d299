import type { Messages } from './messages.js';

/** SMS in Teams: the `sms` (`문자`) card, the send and template dialogs, the history card. */
export const teamsSmsMessages = {
  'teamsSms.notLinked': {
    ko: '이 대화는 아직 서비스에 연결되지 않았습니다. 서비스 관리자에게 연결을 요청하세요.',
    en: 'This conversation is not linked to a service yet. Ask a service admin to link it.',
  },
  'teamsSms.help': {
    ko: [
      '**문자** — `sms` 또는 `문자`',
      '- `sms` — 문자 발송, 템플릿 관리(관리자), 발송 내역 버튼이 있는 카드',
      '- `sms history [기간] [상태]` — 발송 내역 (기간: `today`, `yesterday`, `7d`, `2026-12-01..2026-12-03`; 상태: `scheduled`, `sent`, `failed`, `cancelled` …)',
    ].join('\n'),
    en: [
      '**SMS** — `sms`',
      '- `sms` — a card with buttons to send, manage templates (admins) and see the sending history',
      '- `sms history [range] [status]` — sending history (range: `today`, `yesterday`, `7d`, `2026-12-01..2026-12-03`; status: `scheduled`, `sent`, `failed`, `cancelled` …)',
    ].join('\n'),
  },
  'teamsSms.menu.title': { ko: '문자', en: 'SMS' },
  'teamsSms.menu.intro': {
    ko: '서비스 *{service}*: 문자를 보내고 발송 내역을 확인합니다. 템플릿은 관리자가 관리합니다.',
    en: 'Service *{service}*: send SMS and check the sending history. Admins manage the templates.',
  },
  'teamsSms.menu.send': { ko: '문자 발송…', en: 'Send…' },
  'teamsSms.menu.templates': { ko: '템플릿 관리…', en: 'Templates…' },

  // The send dialog
  'teamsSms.send.applyTemplate': { ko: '템플릿 적용 · 바이트 계산', en: 'Apply template · count bytes' },
  'teamsSms.send.templateHint': {
    ko: '템플릿을 고른 뒤 *템플릿 적용*을 누르면 내용이 채워집니다.',
    en: 'Choose a template, then press *Apply template* to fill in the message.',
  },
  'teamsSms.send.bodyBytes': { ko: '현재 내용: {bytes}', en: 'Message now: {bytes}' },
  'teamsSms.send.sendDate': { ko: '예약 날짜', en: 'Scheduled date' },
  'teamsSms.send.sendTime': { ko: '예약 시각', en: 'Scheduled time' },
  'teamsSms.send.sendAtHint': {
    ko: '비워 두면 즉시 발송합니다. 현재 시간 30분 후부터 1일 이내, 서비스 시간대 {zone} 기준 (지금 {now}).',
    en: 'Leave empty to send now. From 30 minutes to 1 day ahead, in the service time zone {zone} (now {now}).',
  },
  'teamsSms.send.sendAtIncomplete': {
    ko: '예약하려면 날짜와 시각을 모두 입력하세요.',
    en: 'To schedule, enter both the date and the time.',
  },
  'teamsSms.send.imageNote': {
    ko: 'Teams에서는 이미지를 첨부할 수 없습니다. MMS 이미지는 Slack의 문자 발송 화면이나 HTTP API(`image`, base64)로 첨부하세요. 이미지 없는 MMS는 여기서 보낼 수 있습니다.',
    en: 'Teams cannot attach images here. Attach MMS images from Slack or the HTTP API (`image`, base64). An MMS without an image can be sent from here.',
  },
  'teamsSms.send.templateImage': {
    ko: '템플릿 이미지가 함께 발송됩니다.',
    en: "The template's image is sent with it.",
  },
  'teamsSms.send.fromCallback': {
    ko: '콜백 {phone} 고객에게 보냅니다.',
    en: 'To the callback customer {phone}.',
  },
  'teamsSms.send.fixErrors': {
    ko: '보내지 않았습니다. 아래 표시된 항목을 고쳐 주세요.',
    en: 'Nothing was sent. Fix the fields marked below.',
  },
  'teamsSms.send.requested': {
    ko: '문자 발송 요청: 수신자 {count}명, {when} ({type}, {bytes}바이트)',
    en: 'SMS requested: {count} recipient(s), {when} ({type}, {bytes} bytes)',
  },

  // History
  'teamsSms.history.row': {
    ko: '*{at}* · {type} · 발신번호 {sendNo} · 수신번호 {count}건{scheduled}',
    en: '*{at}* · {type} · from {sendNo} · {count} recipient(s){scheduled}',
  },
  'teamsSms.history.back': { ko: '발송 내역으로', en: 'Back to history' },
  'teamsSms.detail.requested': { ko: '요청', en: 'Requested' },
  'teamsSms.detail.status': { ko: '상태', en: 'Status' },
  'teamsSms.detail.result': { ko: ' · {meaning}', en: ' · {meaning}' },
  'teamsSms.detail.more': { ko: '외 {count}건', en: '{count} more' },
  'teamsSms.cancel.done': {
    ko: '취소됨: {at} 예약 발송({count}건)',
    en: 'Cancelled: the send scheduled for {at} ({count} recipient(s))',
  },

  // Templates
  'teamsSms.templates.itemLabel': { ko: '분류 또는 템플릿', en: 'Category or template' },
  'teamsSms.templates.pickFirst': {
    ko: '먼저 분류나 템플릿을 고르세요.',
    en: 'Choose a category or a template first.',
  },
  'teamsSms.templates.back': { ko: '목록으로', en: 'Back to the list' },
  'teamsSms.templates.confirmCategory': {
    ko: '"{name}" 분류를 삭제할까요? 하위 분류 {subCategories}개와 템플릿 {templates}개도 함께 삭제됩니다.',
    en: 'Delete category "{name}"? Its {subCategories} sub-categories and {templates} templates are deleted with it.',
  },
  'teamsSms.templates.confirmTemplate': {
    ko: '"{name}" 템플릿을 삭제할까요?',
    en: 'Delete template "{name}"?',
  },
  'teamsSms.templates.noSubCategory': {
    ko: '템플릿을 둘 2단계 분류가 없습니다. 먼저 상위 분류를 고른 하위 분류를 추가하세요.',
    en: 'There is no second-level category to hold a template. Add a sub-category (with a parent) first.',
  },
} as const satisfies Messages;
