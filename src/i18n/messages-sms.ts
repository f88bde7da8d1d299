import type { Messages } from './messages.js';

/**
 * SMS rules (domain checks): what a sender is told on the field they got wrong. Every text carries the numbers or
 * names needed to fix it without guessing (byte counts, the characters, every bad number, the allowed window).
 * Terms as in the product guide: 본문, 제목, 발송 유형, 수신번호, 발신번호, 예약시간, 무료수신거부.
 */
export const smsMessages = {
  'sms.invalidDraft': {
    ko: '보내지 않았습니다. 표시된 항목을 고친 뒤 다시 보내세요.',
    en: 'Nothing was sent. Fix the marked fields and send again.',
  },
  'sms.bytes': { ko: '{bytes} / {limit}바이트', en: '{bytes} / {limit} bytes' },

  'sms.body.empty': { ko: '본문을 입력하세요.', en: 'Enter the message body.' },
  'sms.body.tooLongForSms': {
    ko: '{bytes} / {limit}바이트 — MMS로 보내세요. 한글은 한 글자에 2바이트, 영문·숫자·공백은 1바이트입니다.',
    en: '{bytes} / {limit} bytes — use MMS. A Korean letter counts 2 bytes; Latin letters, digits and spaces 1.',
  },
  'sms.body.tooLong': {
    ko: '{bytes} / {limit}바이트 — {over}바이트 넘습니다. 본문을 줄이세요.',
    en: '{bytes} / {limit} bytes — too long by {over}; shorten the body.',
  },
  'sms.unencodable': {
    ko: '문자로 보낼 수 없는 글자가 있습니다: {characters}. 지우거나 다른 글자로 바꾸세요 (이모지와 일부 기호는 보낼 수 없습니다).',
    en: 'These characters cannot be sent by text message: {characters}. Remove or replace them (emoji and some symbols cannot be sent).',
  },
  'sms.title.required': {
    ko: 'MMS에는 제목이 필요합니다.',
    en: 'An MMS needs a title.',
  },
  'sms.title.tooLong': {
    ko: '{bytes} / {limit}바이트 — {over}바이트 넘습니다. 제목을 줄이세요.',
    en: '{bytes} / {limit} bytes — too long by {over}; shorten the title.',
  },

  'sms.recipients.empty': {
    ko: '수신번호를 입력하세요. 여러 번호는 쉼표(,)로 구분합니다.',
    en: 'Enter a recipient number. Separate several with commas.',
  },
  'sms.recipients.invalid': {
    ko: '올바르지 않은 수신번호 {count}건: {entries}. 수신번호는 10~13자리 숫자입니다.',
    en: 'Invalid recipient numbers ({count}): {entries}. A number has 10 to 13 digits.',
  },
  'sms.recipients.invalidMore': {
    ko: '올바르지 않은 수신번호 {count}건: {entries} 외 {more}건. 수신번호는 10~13자리 숫자입니다.',
    en: 'Invalid recipient numbers ({count}): {entries} and {more} more. A number has 10 to 13 digits.',
  },
  'sms.recipients.tooMany': {
    ko: '수신번호가 {count}개입니다. 한 번에 {limit}개까지 보낼 수 있습니다.',
    en: '{count} recipients; one send takes at most {limit}.',
  },

  'sms.sendNo.noneRegistered': {
    ko: '등록된 발신번호가 없습니다. 서비스 관리자가 `/switchboard settings`에서 발신번호를 등록해야 보낼 수 있습니다.',
    en: 'No sender number is registered. A service admin registers them in `/switchboard settings`.',
  },
  'sms.sendNo.notRegistered': {
    ko: '{sendNo}은(는) 이 서비스에 등록된 발신번호가 아닙니다.',
    en: '{sendNo} is not a sender number registered for this service.',
  },

  'sms.sendAt.tooSoon': {
    ko: '예약시간이 너무 이릅니다. {earliest}부터 {latest}까지 고를 수 있습니다 (지금부터 30분 후 ~ 1일 이내).',
    en: 'The scheduled time is too soon. Pick a time from {earliest} to {latest} (30 minutes to 1 day from now).',
  },
  'sms.sendAt.tooLate': {
    ko: '예약시간이 너무 늦습니다. {earliest}부터 {latest}까지 고를 수 있습니다 (지금부터 30분 후 ~ 1일 이내).',
    en: 'The scheduled time is too far ahead. Pick a time from {earliest} to {latest} (30 minutes to 1 day from now).',
  },

  'sms.image.smsCannotCarry': {
    ko: '이미지는 MMS로만 보낼 수 있습니다. 발송 유형을 MMS로 바꾸거나 이미지를 빼세요.',
    en: 'Only an MMS can carry an image. Switch the type to MMS or remove the image.',
  },
  'sms.image.notJpeg': {
    ko: 'JPG(JPEG) 이미지만 첨부할 수 있습니다.',
    en: 'Only a JPG (JPEG) image can be attached.',
  },
  'sms.image.tooLarge': {
    ko: '이미지가 {size}KB입니다. {limit}KB 이하 파일만 첨부할 수 있습니다.',
    en: 'The image is {size} KB; at most {limit} KB can be attached.',
  },
  'sms.image.tooManyPixels': {
    ko: '이미지가 {width}×{height}픽셀입니다. 가로와 세로 모두 {limit}픽셀 이하여야 합니다.',
    en: 'The image is {width}×{height} pixels; width and height may be at most {limit} each.',
  },

  'sms.ad.missingPrefix': {
    ko: '광고 문자는 본문이 정확히 (광고)로 시작해야 합니다.',
    en: 'An advertisement’s body must start with exactly (광고).',
  },
  'sms.ad.missingOptOut': {
    ko: '광고 문자는 본문 마지막 줄에 무료수신거부 안내가 있어야 합니다: 무료수신거부 {optOutNumber}',
    en: 'An advertisement’s last line must be the opt-out line: 무료수신거부 {optOutNumber}',
  },
  'sms.ad.noOptOutNumber': {
    ko: '이 서비스에는 무료수신거부 번호(080)가 없어 광고 문자를 보낼 수 없습니다. 서비스 관리자가 `/switchboard settings`에서 등록할 수 있습니다.',
    en: 'This service has no free opt-out number (080), so it cannot send advertisements. A service admin can add one in `/switchboard settings`.',
  },
  'sms.ad.nightBlocked': {
    ko: '광고 문자는 한국 시간 21:00~08:00에 보낼 수 없습니다 (발송 시각 {at}). 08:00 이후로 예약하거나, 야간 광고 수신 동의를 받은 경우 서비스 관리자가 설정에서 켜세요.',
    en: 'Advertisements cannot be sent from 21:00 to 08:00 Korean time (this one would go at {at}). Schedule it for 08:00 or later, or, if recipients gave night-time consent, a service admin can record it in the settings.',
  },
} as const satisfies Messages;
