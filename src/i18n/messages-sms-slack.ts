import type { Messages } from './messages.js';

/** SMS in Slack: the send modal, history and template screens. */
export const smsSlackMessages = {
  // /sms and its refusals
  'smsSlack.help': {
    ko: [
      '*문자 발송* — `/sms`',
      '• `/sms` — 문자 발송 화면을 엽니다 (템플릿, SMS/MMS, 수신번호, 발신번호, 예약 발송, 이미지, 광고)',
      '• `/sms history [기간] [상태]` — 발송 내역 (기간: `today`, `yesterday`, `7d`, `2026-12-01..2026-12-03`; 상태: `scheduled`, `sent`, `failed`, `cancelled` …)',
      '• `/sms templates` — 템플릿 관리 (관리자)',
      '콜백 카드의 *문자 발송* 버튼은 고객 번호를 채운 발송 화면을 엽니다.',
    ].join('\n'),
    en: [
      '*Send SMS* — `/sms`',
      '• `/sms` — opens the send screen (template, SMS/MMS, recipients, sender number, scheduled send, image, advertisement)',
      '• `/sms history [range] [status]` — sending history (range: `today`, `yesterday`, `7d`, `2026-12-01..2026-12-03`; status: `scheduled`, `sent`, `failed`, `cancelled` …)',
      '• `/sms templates` — manage templates (admins)',
      "The *Send SMS* button on a callback card opens the send screen with the customer's number filled in.",
    ].join('\n'),
  },
  'smsSlack.unknownWord': {
    ko: '`{word}`: 알 수 없는 항목입니다.',
    en: '`{word}`: not something /sms knows.',
  },
  'smsSlack.badRange': { ko: '기간을 읽을 수 없습니다: {error}', en: 'Cannot read the range: {error}' },
  'smsSlack.disabled': {
    ko: '이 서비스는 문자 발송을 사용하지 않습니다. 관리자가 `/switchboard settings`에서 켤 수 있습니다.',
    en: 'SMS is off for this service. An admin can turn it on in `/switchboard settings`.',
  },
  'smsSlack.noSenderNumber': {
    ko: '등록된 발신번호가 없습니다. 관리자가 `/switchboard settings`에서 발신번호를 등록해야 합니다.',
    en: 'No sender number is registered. An admin must register one in `/switchboard settings`.',
  },

  // The send modal
  'smsSlack.send.title': { ko: '문자 발송', en: 'Send SMS' },
  'smsSlack.send.submit': { ko: '발송', en: 'Send' },
  'smsSlack.send.template': { ko: '템플릿명', en: 'Template' },
  'smsSlack.send.templatePlaceholder': { ko: '템플릿 선택', en: 'Choose a template' },
  'smsSlack.send.noTemplates': {
    ko: '사용할 수 있는 템플릿이 없습니다. 내용을 직접 입력하세요.',
    en: 'No templates to choose from. Type the message yourself.',
  },
  'smsSlack.send.type': { ko: '발송 유형', en: 'Type' },
  'smsSlack.send.typeSms': { ko: 'SMS (90bytes 이하 단문)', en: 'SMS (up to 90 bytes)' },
  'smsSlack.send.typeMms': {
    ko: 'MMS (2,000bytes 이하, 이미지 첨부)',
    en: 'MMS (up to 2,000 bytes, with an image)',
  },
  'smsSlack.send.messageTitle': { ko: '제목', en: 'Title' },
  'smsSlack.send.titleHint': { ko: 'MMS 제목, 40bytes 이하', en: 'MMS title, up to 40 bytes' },
  'smsSlack.send.body': { ko: '내용', en: 'Message' },
  'smsSlack.send.bodyHint': {
    ko: '{type} {limit}bytes 이하 (한글 2bytes, 영문·숫자 1byte)',
    en: '{type} up to {limit} bytes (Hangul 2 bytes, Latin letters and digits 1)',
  },
  'smsSlack.send.bodyLocked': {
    ko: '*내용* (템플릿 고정, 수정할 수 없습니다)',
    en: '*Message* (fixed by the template, cannot be changed)',
  },
  'smsSlack.send.templateImage': {
    ko: ':frame_with_picture: 템플릿 이미지가 함께 발송됩니다.',
    en: ":frame_with_picture: The template's image is sent with it.",
  },
  'smsSlack.send.recipients': { ko: '수신번호', en: 'Recipients' },
  'smsSlack.send.recipientsHint': {
    ko: '10~13자리 번호, 여러 명은 콤마(,)로 구분합니다. 공백과 하이픈(-)은 무시되고 중복은 한 번만 발송됩니다.',
    en: 'Numbers of 10-13 digits, several separated by commas. Spaces and hyphens are ignored; duplicates get one message.',
  },
  'smsSlack.send.sendNo': { ko: '발신번호', en: 'Sender number' },
  'smsSlack.send.sendAt': { ko: '예약 발송', en: 'Scheduled send' },
  'smsSlack.send.sendAtHint': {
    ko: '비워 두면 즉시 발송합니다. 현재 시간 30분 후부터 1일 이내 (서비스 시간대 {zone}, 지금 {now}).',
    en: 'Leave empty to send now. From 30 minutes to 1 day from now (service time zone {zone}, now {now}).',
  },
  'smsSlack.send.image': { ko: '이미지 (MMS)', en: 'Image (MMS)' },
  'smsSlack.send.imageHint': {
    ko: 'jpg 파일 1개, 0.3MB(300KB) 이하, 1000×1000 이하',
    en: 'One jpg file, up to 0.3 MB (300 KB) and 1000×1000 pixels',
  },
  'smsSlack.send.ad': { ko: '광고', en: 'Advertisement' },
  'smsSlack.send.adOption': { ko: '광고성 메시지입니다', en: 'This is an advertisement' },
  'smsSlack.send.adHint': {
    ko: '광고는 "(광고)"로 시작하고 무료 수신거부 번호를 포함해야 하며, 21시~08시에는 발송할 수 없습니다.',
    en: 'An advertisement starts with "(광고)", carries the free opt-out number and cannot go out between 21:00 and 08:00.',
  },
  'smsSlack.send.optOutLine': { ko: '수신거부 번호: {number}', en: 'Opt-out number: {number}' },
  'smsSlack.send.fromCallback': {
    ko: ':telephone_receiver: 콜백 {phone} 고객에게 보냅니다.',
    en: ':telephone_receiver: To the callback customer {phone}.',
  },
  'smsSlack.send.imageUnreadable': {
    ko: '첨부한 이미지를 Slack에서 받아 오지 못했습니다 ({error}). 다시 첨부해 주세요.',
    en: 'Could not fetch the attached image from Slack ({error}). Attach it again.',
  },
  'smsSlack.send.requested': {
    ko: ':outbox_tray: 문자 발송 요청: 수신자 {count}명, {when} ({type}, {bytes}bytes)',
    en: ':outbox_tray: SMS requested: {count} recipients, {when} ({type}, {bytes} bytes)',
  },
  'smsSlack.send.now': { ko: '즉시 발송', en: 'sending now' },
  'smsSlack.send.scheduledAt': { ko: '예약 {at}', en: 'scheduled {at}' },
  'smsSlack.send.replayed': {
    ko: '(같은 요청이 이미 접수되어 다시 보내지 않았습니다)',
    en: '(the same request was already taken; nothing sent again)',
  },

  // History
  'smsSlack.history.title': { ko: '발송 내역', en: 'Sending history' },
  'smsSlack.history.filter': {
    ko: '기간: {range} · 상태: {status} · {total}건 · 시간대 {zone}',
    en: 'Range: {range} · Status: {status} · {total} requests · Time zone {zone}',
  },
  'smsSlack.history.anyRange': { ko: '전체', en: 'all' },
  'smsSlack.history.anyStatus': { ko: '전체', en: 'all' },
  'smsSlack.history.ownOnly': {
    ko: '내가 보낸 요청만 표시합니다.',
    en: 'Only your own requests are shown.',
  },
  'smsSlack.history.empty': { ko: '조건에 맞는 발송 내역이 없습니다.', en: 'No sending history matches.' },
  'smsSlack.history.row': {
    ko: '*{at}* · {type} · 발신번호 {sendNo} · 수신번호 {count}건{scheduled}',
    en: '*{at}* · {type} · from {sendNo} · {count} recipients{scheduled}',
  },
  'smsSlack.history.scheduledFor': { ko: ' · 예약 {at}', en: ' · scheduled {at}' },
  'smsSlack.history.counts': {
    ko: '성공 {success} · 실패 {failed} · 대기 {pending}{cancelled} · {status} · {by}',
    en: 'Delivered {success} · Failed {failed} · Pending {pending}{cancelled} · {status} · {by}',
  },
  'smsSlack.history.cancelledCount': { ko: ' · 취소 {count}', en: ' · Cancelled {count}' },
  'smsSlack.history.page': { ko: '{page} / {pages} 페이지', en: 'Page {page} of {pages}' },
  'smsSlack.history.prev': { ko: '이전', en: 'Previous' },
  'smsSlack.history.next': { ko: '다음', en: 'Next' },
  'smsSlack.history.detail': { ko: '상세', en: 'Details' },
  'smsSlack.history.cancel': { ko: '예약 취소', en: 'Cancel' },
  'smsSlack.history.export': { ko: '엑셀 다운로드', en: 'Export to Excel' },
  'smsSlack.history.badStatus': {
    ko: '`{word}`: 알 수 없는 상태입니다. 사용할 수 있는 상태: {statuses}',
    en: '`{word}`: unknown status. Statuses: {statuses}',
  },
  'smsSlack.history.invalidButton': {
    ko: '이 버튼은 더 이상 유효하지 않습니다. `/sms history`를 다시 실행하세요.',
    en: 'This button is no longer valid. Run `/sms history` again.',
  },

  'smsSlack.status.queued': { ko: '발송 대기', en: 'Queued' },
  'smsSlack.status.scheduled': { ko: '예약', en: 'Scheduled' },
  'smsSlack.status.sending': { ko: '발송 중', en: 'Sending' },
  'smsSlack.status.sent': { ko: '발송 완료', en: 'Sent' },
  'smsSlack.status.partially_failed': { ko: '일부 실패', en: 'Partly failed' },
  'smsSlack.status.failed': { ko: '실패', en: 'Failed' },
  'smsSlack.status.cancelled': { ko: '취소됨', en: 'Cancelled' },
  'smsSlack.recipientStatus.pending': { ko: '대기', en: 'Pending' },
  'smsSlack.recipientStatus.success': { ko: '성공', en: 'Delivered' },
  'smsSlack.recipientStatus.failed': { ko: '실패', en: 'Failed' },
  'smsSlack.recipientStatus.cancelled': { ko: '취소', en: 'Cancelled' },

  // Detail modal
  'smsSlack.detail.title': { ko: '발송 상세', en: 'SMS details' },
  'smsSlack.detail.close': { ko: '닫기', en: 'Close' },
  'smsSlack.detail.summary': {
    ko: '*요청* {at} · {by}\n*발송 유형* {type}{ad} · *발신번호* {sendNo} · *상태* {status}{scheduled}',
    en: '*Requested* {at} · {by}\n*Type* {type}{ad} · *Sender* {sendNo} · *Status* {status}{scheduled}',
  },
  'smsSlack.detail.adTag': { ko: ' (광고)', en: ' (ad)' },
  'smsSlack.detail.scheduled': { ko: ' · *예약* {at}', en: ' · *Scheduled* {at}' },
  'smsSlack.detail.counts': {
    ko: '수신번호 {total}건: 성공 {success} · 실패 {failed} · 대기 {pending} · 취소 {cancelled}',
    en: '{total} recipients: delivered {success} · failed {failed} · pending {pending} · cancelled {cancelled}',
  },
  'smsSlack.detail.recipients': { ko: '수신번호별 결과', en: 'Per recipient' },
  'smsSlack.detail.recipientLine': {
    ko: '{phone} · {status}{result}{delivered}',
    en: '{phone} · {status}{result}{delivered}',
  },
  'smsSlack.detail.deliveredAt': { ko: ' · 수신 {at}', en: ' · delivered {at}' },
  'smsSlack.detail.more': {
    ko: '외 {count}건 — 전체는 엑셀 다운로드로 확인하세요.',
    en: '{count} more — export to Excel to see them all.',
  },
  'smsSlack.detail.cancelHint': {
    ko: '아직 발송되지 않은 예약 발송은 취소할 수 있습니다.',
    en: 'A scheduled send that has not started can be cancelled.',
  },

  // Cancel
  'smsSlack.cancel.confirmTitle': { ko: '예약 발송 취소', en: 'Cancel scheduled SMS' },
  'smsSlack.cancel.confirmText': {
    ko: '{at} 예약 발송({count}건)을 취소할까요?',
    en: 'Cancel the send scheduled for {at} ({count} recipients)?',
  },
  'smsSlack.cancel.confirm': { ko: '예약 취소', en: 'Cancel it' },
  'smsSlack.cancel.keep': { ko: '유지', en: 'Keep it' },
  'smsSlack.cancel.done': {
    ko: ':no_entry_sign: 취소됨: {at} 예약 발송({count}건)',
    en: ':no_entry_sign: Cancelled: the send scheduled for {at} ({count} recipients)',
  },

  // Export
  'smsSlack.export.preparing': {
    ko: '발송 내역 엑셀 파일을 만들고 있습니다. 완료되면 DM으로 보내드립니다.',
    en: 'Preparing the sending history workbook; it will arrive in your DM.',
  },
  'smsSlack.export.ready': {
    ko: '발송 내역 엑셀 파일입니다 ({range}): 요청 {requests}건, 수신번호 {recipients}건.',
    en: 'Sending history ({range}): {requests} requests, {recipients} recipients.',
  },
  'smsSlack.export.truncated': {
    ko: '요청이 너무 많아 최근 요청만 담았습니다. 기간을 좁혀 다시 내보내세요.',
    en: 'Too many requests for one file: only the newest are in it. Narrow the range and export again.',
  },
  'smsSlack.export.uploadFailed': {
    ko: '파일을 올리지 못했습니다: {error}',
    en: 'Could not upload the file: {error}',
  },

  // Callback card
  'smsSlack.card.button': { ko: '문자 발송', en: 'Send SMS' },
} as const satisfies Messages;
