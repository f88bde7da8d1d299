import type { Messages } from './messages.js';

/** The SMS HTTP API's own refusals: request fields that never reach the rules (wrong JSON types, dates, base64). */
export const smsApiMessages = {
  'smsApi.invalidRequest': {
    ko: '요청을 확인하세요. 잘못된 항목은 details에 있습니다.',
    en: 'The request is not valid; see details for each field.',
  },
  'smsApi.field.text': { ko: '문자열이어야 합니다.', en: 'Must be a string.' },
  'smsApi.field.boolean': { ko: 'true 또는 false여야 합니다.', en: 'Must be true or false.' },
  'smsApi.field.type': { ko: '"SMS" 또는 "MMS"여야 합니다.', en: 'Must be "SMS" or "MMS".' },
  'smsApi.field.recipients': {
    ko: '수신번호 배열 또는 콤마(,)로 구분한 문자열이어야 합니다.',
    en: 'Must be an array of numbers or one comma-separated string.',
  },
  'smsApi.field.sendAt': {
    ko: '시간대가 포함된 ISO 8601 시각이어야 합니다 (예: 2026-12-02T15:00:00+09:00).',
    en: 'Must be an ISO 8601 time with its offset (e.g. 2026-12-02T15:00:00+09:00).',
  },
  'smsApi.field.image': {
    ko: 'JPG 파일을 base64로 인코딩한 문자열이어야 합니다.',
    en: 'Must be a JPG file encoded as base64.',
  },
  'smsApi.field.unknown': { ko: '알 수 없는 항목입니다.', en: 'Unknown field.' },
  'smsApi.webhook.notConfigured': {
    ko: 'NHN 결과 웹훅이 설정되지 않았습니다 (NHN_SMS_WEBHOOK_SECRET).',
    en: 'The NHN result webhook is not configured (NHN_SMS_WEBHOOK_SECRET).',
  },
  'smsApi.webhook.badSignature': {
    ko: 'X-Toast-Webhook-Signature 헤더가 없거나 올바르지 않습니다.',
    en: 'The X-Toast-Webhook-Signature header is missing or wrong.',
  },
} as const satisfies Messages;
