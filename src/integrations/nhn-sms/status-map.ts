import type { SmsRecipientStatus } from '../../domain/sms.js';
import type { Locale } from '../../domain/service-settings.js';
import type { SmsErrorCode } from './provider.js';

/**
 * NHN Cloud's vocabulary in ours, in three small tables (NHN's error-code page, TOAST-DOCS/SMS `error-code.md`):
 * header `resultCode`s → `SmsErrorCode`, per-recipient `msgStatus` → `SmsRecipientStatus`, and the carriers'
 * delivery `resultCode`s with short meanings for the history screen.
 */

/** NHN header result codes (negative numbers; 0 is success) → our error code. Unknown codes → `invalid_request`. */
const HEADER_CODES: Record<number, SmsErrorCode> = {
  [-1000]: 'invalid_credentials', // invalid appKey
  [-1001]: 'invalid_credentials', // appKey does not exist
  [-1002]: 'invalid_credentials', // appKey terminated
  [-1008]: 'invalid_credentials', // project blocked
  [-2001]: 'no_recipients',
  [-2014]: 'empty_body', // title or body missing
  [-2015]: 'body_too_long', // title or body over the byte limit
  [-2016]: 'too_many_recipients', // > 1,000
  [-2018]: 'invalid_recipient', // recipient number missing
  [-2019]: 'invalid_recipient', // recipient number invalid
  [-2023]: 'unencodable_characters', // emoji and other characters EUC-KR cannot carry
  [-2052]: 'quota_exceeded', // monthly sending limit of the organization
  [-2053]: 'quota_exceeded', // daily limit by country
  [-2312]: 'unregistered_sender',
  [-2313]: 'blocked_sender',
  [-9996]: 'invalid_request', // content type is not application/json
  [-9997]: 'invalid_request', // body is not valid JSON / parameters
  [-9999]: 'provider_unavailable', // NHN's own "system error"
};

/** Our error code for an NHN header `resultCode`. */
export function errorCodeOf(nhnResultCode: number): SmsErrorCode {
  return HEADER_CODES[nhnResultCode] ?? 'invalid_request';
}

/**
 * A recipient's status from NHN's `msgStatus` (`0` failed, `1` requested, `2` processing, `3` success,
 * `4` reservation cancelled, `5` duplicate, `6` refused by the ad rules, `7` waiting to resend an ad) and the
 * carrier's `resultCode`: a `3` whose result code is a failure code counts as failed.
 */
export function recipientStatusOf(msgStatus: string | null, resultCode: string | null): SmsRecipientStatus {
  switch (msgStatus) {
    case '0':
    case '5':
    case '6':
      return 'failed';
    case '1':
    case '2':
    case '7':
      return 'pending';
    case '4':
      return 'cancelled';
    case '3':
      return resultCode === null || resultCode === '' || resultCode === '1000' ? 'success' : 'failed';
    default:
      // No msgStatus (the /message-results list has none): the delivery result code decides.
      if (resultCode === null || resultCode === '') return 'pending';
      return resultCode === '1000' ? 'success' : 'failed';
  }
}

/** A webhook's `messageStatus` (COMPLETED, FAILED, CANCEL, DUPLICATED, FAILED_AD; lists also RESERVED, SENDING…). */
export function recipientStatusOfMessageStatus(
  messageStatus: string,
  resultCode: string | null,
): SmsRecipientStatus {
  switch (messageStatus.toUpperCase()) {
    case 'COMPLETED':
      return resultCode === null || resultCode === '' || resultCode === '1000' ? 'success' : 'failed';
    case 'FAILED':
    case 'DUPLICATED':
    case 'FAILED_AD':
      return 'failed';
    case 'CANCEL':
      return 'cancelled';
    default: // RESERVED, SENDING, READY, RESEND_AD
      return 'pending';
  }
}

export interface Meaning {
  ko: string;
  en: string;
}

/** Carriers' delivery result codes (NHN "result code of receiving"): what a person sees next to the code. */
const RESULT_CODES: Record<string, Meaning> = {
  '1000': { ko: '성공', en: 'Delivered' },
  '1001': { ko: '서버 혼잡', en: 'Server busy' },
  '1002': { ko: '수신번호 형식 오류', en: 'Recipient number format error' },
  '1003': { ko: '회신번호 형식 오류', en: 'Sender number format error' },
  '1019': { ko: '유효 시간 초과', en: 'Time to live exceeded' },
  '2000': { ko: '전송 시간 초과', en: 'Delivery timed out' },
  '2001': { ko: '전송 실패(무선망)', en: 'Delivery failed (mobile network)' },
  '2002': { ko: '전송 실패(무선망→단말기)', en: 'Delivery failed (network to device)' },
  '2003': { ko: '단말기 전원 꺼짐', en: 'Phone switched off' },
  '2004': { ko: '단말기 메시지 저장 공간 부족', en: 'Phone message storage full' },
  '2005': { ko: '음영 지역', en: 'No coverage' },
  '2006': { ko: '메시지 삭제됨', en: 'Message deleted' },
  '2007': { ko: '일시적인 단말기 문제', en: 'Temporary phone problem' },
  '3000': { ko: '전송할 수 없음', en: 'Cannot be delivered' },
  '3001': { ko: '가입자 없음', en: 'No such subscriber' },
  '3002': { ko: '성인 인증 실패', en: 'Adult verification failed' },
  '3003': { ko: '없는 번호이거나 수신번호 형식 오류', en: 'Number not in service or malformed' },
  '3004': { ko: '단말기 일시 정지', en: 'Phone service suspended' },
  '3005': { ko: '단말기 통화 중 등으로 전달 실패', en: 'Phone busy, not reached' },
  '3006': { ko: '수신 거부', en: 'Refused by the recipient' },
  '3007': { ko: '콜백 URL을 받을 수 없는 단말기', en: 'Phone cannot receive callback URLs' },
  '3008': { ko: '기타 단말기 문제', en: 'Other phone problem' },
  '3009': { ko: '메시지 형식 오류', en: 'Message format error' },
  '3010': { ko: 'MMS를 지원하지 않는 단말기', en: 'Phone does not support MMS' },
  '3011': { ko: '통신사 서버 오류', en: 'Carrier server error' },
  '3012': { ko: '스팸', en: 'Blocked as spam' },
  '3013': { ko: '서비스 거부', en: 'Service refused' },
  '3014': { ko: '기타 오류', en: 'Other error' },
  '3015': { ko: '전송 경로 없음', en: 'No delivery route' },
  '3016': { ko: '첨부 파일 크기 제한 초과', en: 'Attachment too large' },
  '3017': {
    ko: '발신번호 변작 방지 서비스: 번호 형식 오류',
    en: 'Sender number refused (spoofing protection)',
  },
  '3018': { ko: '발신번호 변작 방지 서비스에 가입한 번호', en: 'Sender number protected against spoofing' },
  '3019': { ko: '차단된 발신번호', en: 'Sender number blocked by the regulator' },
  E900: { ko: '기타 발송 오류', en: 'Other sending error' },
  E911: { ko: '첨부 파일 확장자 오류', en: 'Attachment has no valid extension' },
  E913: { ko: '첨부 파일 크기가 0', en: 'Attachment is empty' },
  E915: { ko: '중복 메시지', en: 'Duplicate message' },
  E919: { ko: '발송 제한 시간에 재발송 금지', en: 'Resending blocked during restricted hours' },
  E999: { ko: '기타 오류', en: 'Other error' },
};

/** Meaning of a delivery result code, with a family meaning for codes not in the table (`3xxx`, `E9xx`, …). */
export function resultCodeMeaning(code: string | number | null | undefined): Meaning | null {
  if (code === null || code === undefined || code === '') return null;
  const text = String(code).trim().toUpperCase();
  const known = RESULT_CODES[text];
  if (known) return known;
  if (text === '0') return { ko: '접수됨', en: 'Accepted' };
  if (/^1\d{3}$/.test(text)) return { ko: '통신사 오류', en: 'Carrier error' };
  if (/^2\d{3}$/.test(text)) return { ko: '전송 실패', en: 'Delivery failed' };
  if (/^3\d{3}$/.test(text)) return { ko: '전달할 수 없음', en: 'Undeliverable' };
  if (/^4\d{3}$/.test(text)) return { ko: '국제 발송 실패', en: 'International delivery failed' };
  if (/^E9\d{2}$/.test(text)) return { ko: 'NHN Cloud 발송 오류', en: 'NHN Cloud sending error' };
  if (/^-\d+$/.test(text)) return { ko: '발송 요청 거절', en: 'Request refused' };
  return { ko: '알 수 없는 결과', en: 'Unknown result' };
}

/** What a person is told for each of our provider error codes (the use cases show these). */
const ERROR_MESSAGES: Record<SmsErrorCode, Meaning> = {
  invalid_credentials: {
    ko: 'NHN Cloud 인증에 실패했습니다. 앱키와 시크릿 키 설정을 확인해 주세요.',
    en: 'NHN Cloud refused the credentials. Check the app key and secret key.',
  },
  unregistered_sender: {
    ko: '등록되지 않은 발신번호입니다. NHN Cloud에 발신번호를 먼저 등록해 주세요.',
    en: 'The sender number is not registered with NHN Cloud.',
  },
  blocked_sender: {
    ko: '차단된 발신번호입니다.',
    en: 'The sender number is blocked.',
  },
  too_many_recipients: {
    ko: '한 번에 보낼 수 있는 수신자는 1,000명까지입니다.',
    en: 'At most 1,000 recipients per provider request.',
  },
  invalid_recipient: {
    ko: '수신번호가 없거나 올바르지 않습니다.',
    en: 'A recipient number is missing or invalid.',
  },
  no_recipients: {
    ko: '수신자가 없습니다.',
    en: 'There are no recipients.',
  },
  unencodable_characters: {
    ko: '보낼 수 없는 문자(이모지 등)가 들어 있습니다.',
    en: 'The message contains characters that cannot be sent (emoji and the like).',
  },
  body_too_long: {
    ko: '제목이나 본문이 허용된 바이트 수를 넘었습니다.',
    en: 'The title or body is over the byte limit.',
  },
  empty_body: {
    ko: '제목이나 본문이 비어 있습니다.',
    en: 'The title or body is empty.',
  },
  quota_exceeded: {
    ko: '발송 한도를 넘어 NHN Cloud가 발송을 막았습니다.',
    en: 'NHN Cloud blocked the send: the sending limit is used up.',
  },
  invalid_request: {
    ko: 'NHN Cloud가 요청을 거절했습니다.',
    en: 'NHN Cloud refused the request.',
  },
  provider_unavailable: {
    ko: 'NHN Cloud가 응답하지 않습니다. 잠시 후 다시 시도해 주세요.',
    en: 'NHN Cloud is not answering. Try again in a moment.',
  },
  timeout: {
    ko: 'NHN Cloud의 응답 시간이 초과되었습니다.',
    en: 'NHN Cloud did not answer in time.',
  },
  network: {
    ko: 'NHN Cloud에 연결할 수 없습니다.',
    en: 'Cannot reach NHN Cloud.',
  },
  unknown: {
    ko: '발송 결과를 알 수 없습니다. 접수 여부를 확인한 뒤 다시 보냅니다.',
    en: 'The outcome is unknown; it is checked with NHN Cloud before anything is sent again.',
  },
};

/** The sentence a person reads for one of our provider error codes. */
export function providerErrorMessage(code: SmsErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}
