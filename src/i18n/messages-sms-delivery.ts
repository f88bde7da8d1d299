import type { Messages } from './messages.js';

/** SMS sending, history and cancel (use cases): statuses, counts, refusals. */
export const smsDeliveryMessages = {
  'smsDelivery.disabled': {
    ko: '이 서비스는 SMS 발송을 사용하지 않습니다. 서비스 관리자가 `/switchboard settings`에서 켤 수 있습니다.',
    en: 'SMS is turned off for this service. A service admin can turn it on in `/switchboard settings`.',
  },
  'smsDelivery.providerMissing': {
    ko: '이 서버에는 문자 발송 서비스(NHN Cloud)가 설정되어 있지 않습니다. 서버 운영자에게 문의하세요.',
    en: 'This server has no SMS provider (NHN Cloud) configured. Ask the server operator.',
  },
  'smsDelivery.notFound': {
    ko: '발송 요청을 찾을 수 없습니다.',
    en: 'SMS request not found.',
  },
  'smsDelivery.alreadyStarted': {
    ko: '이미 발송이 시작되어 예약 발송을 취소할 수 없습니다.',
    en: 'Sending has already started, so this request can no longer be cancelled.',
  },
  'smsDelivery.alreadyFinal': {
    ko: '이미 끝난 발송 요청이라 취소할 수 없습니다.',
    en: 'This request has already ended and cannot be cancelled.',
  },
  'smsDelivery.templateNotFound': {
    ko: '템플릿을 찾을 수 없거나 사용할 수 없습니다(미사용 템플릿이거나 미사용 분류에 속해 있습니다).',
    en: 'The template was not found or cannot be used (it, or a category above it, is disabled).',
  },
  'smsDelivery.templateLocked': {
    ko: '편집할 수 없는 템플릿입니다. 템플릿 내용 그대로 발송하세요.',
    en: 'This template is not editable: send its text as it is.',
  },
  'smsDelivery.webhookUnreadable': {
    ko: 'NHN Cloud 결과 웹훅 본문을 읽을 수 없습니다(hooks 목록이 없습니다).',
    en: 'The NHN Cloud result webhook body could not be read (it has no hooks list).',
  },
  'smsDelivery.status.queued': { ko: '발송 대기', en: 'Queued' },
  'smsDelivery.status.scheduled': { ko: '예약', en: 'Scheduled' },
  'smsDelivery.status.sending': { ko: '발송 중', en: 'Sending' },
  'smsDelivery.status.sent': { ko: '발송 완료', en: 'Sent' },
  'smsDelivery.status.partially_failed': { ko: '일부 실패', en: 'Partially failed' },
  'smsDelivery.status.failed': { ko: '실패', en: 'Failed' },
  'smsDelivery.status.cancelled': { ko: '취소됨', en: 'Cancelled' },
  'smsDelivery.recipientStatus.pending': { ko: '대기', en: 'Pending' },
  'smsDelivery.recipientStatus.success': { ko: '성공', en: 'Delivered' },
  'smsDelivery.recipientStatus.failed': { ko: '실패', en: 'Failed' },
  'smsDelivery.recipientStatus.cancelled': { ko: '취소', en: 'Cancelled' },
} as const satisfies Messages;
