import { SMS_LIMITS, type SmsField, type SmsType, type SmsViolation } from '../../domain/sms.js';
import { dateTimeParts } from '../../i18n/dates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { Locale } from '../../domain/service-settings.js';
import type { Problem } from '../result.js';

/** Beyond this many bad recipient numbers the text lists the first ones and says how many more there are. */
export const LISTED_INVALID_RECIPIENTS = 20;

/** The time zone of the schedule window when the caller names none; the ad night block is always in it. */
const KOREA = 'Asia/Seoul';

type FieldMessage = { message: MessageKey; params?: MessageParams };

/**
 * The draft's broken rules as the problem a form (or the API's 422) shows: per field the first violation, in words
 * that carry the numbers and names needed to fix it. `timeZone` is the service's, for the schedule window's times.
 */
export function problemFromViolations(
  violations: readonly SmsViolation[],
  options: { timeZone?: string } = {},
): Problem & { fields: Partial<Record<SmsField, FieldMessage>> } {
  const timeZone = options.timeZone ?? KOREA;
  const fields: Partial<Record<SmsField, FieldMessage>> = {};
  for (const violation of violations) fields[violation.field] ??= describeViolation(violation, timeZone);
  return { code: 'invalid_input', message: 'sms.invalidDraft', fields };
}

/** "42 / 90 bytes": the hint under a body while it is written. */
export function describeBytes(type: SmsType, bodyBytes: number): FieldMessage {
  const limit = type === 'SMS' ? SMS_LIMITS.smsBodyBytes : SMS_LIMITS.mmsBodyBytes;
  return { message: 'sms.bytes', params: { bytes: count(bodyBytes), limit: count(limit) } };
}

/** One violation in words. */
export function describeViolation(violation: SmsViolation, timeZone: string = KOREA): FieldMessage {
  switch (violation.rule) {
    case 'empty':
      return { message: violation.field === 'body' ? 'sms.body.empty' : 'sms.recipients.empty' };
    case 'tooLong': {
      const params = {
        bytes: count(violation.bytes),
        limit: count(violation.limit),
        over: count(violation.bytes - violation.limit),
      };
      if (violation.field === 'title') return { message: 'sms.title.tooLong', params };
      return { message: violation.suggestMms ? 'sms.body.tooLongForSms' : 'sms.body.tooLong', params };
    }
    case 'unencodable':
      return {
        message: 'sms.unencodable',
        params: { characters: violation.characters.map(quote).join(', ') },
      };
    case 'required':
      return { message: 'sms.title.required' };
    case 'invalid': {
      const listed = violation.entries.slice(0, LISTED_INVALID_RECIPIENTS).join(', ');
      const more = violation.entries.length - LISTED_INVALID_RECIPIENTS;
      const total = count(violation.entries.length);
      return more > 0
        ? {
            message: 'sms.recipients.invalidMore',
            params: { count: total, entries: listed, more: count(more) },
          }
        : { message: 'sms.recipients.invalid', params: { count: total, entries: listed } };
    }
    case 'tooMany':
      return {
        message: 'sms.recipients.tooMany',
        params: { count: count(violation.count), limit: count(violation.limit) },
      };
    case 'noneRegistered':
      return { message: 'sms.sendNo.noneRegistered' };
    case 'notRegistered':
      return { message: 'sms.sendNo.notRegistered', params: { sendNo: violation.sendNo } };
    case 'tooSoon':
    case 'tooLate':
      return {
        message: violation.rule === 'tooSoon' ? 'sms.sendAt.tooSoon' : 'sms.sendAt.tooLate',
        params: {
          earliest: timeAndDay(violation.earliest, timeZone),
          latest: timeAndDay(violation.latest, timeZone),
        },
      };
    case 'smsCannotCarry':
      return { message: 'sms.image.smsCannotCarry' };
    case 'notJpeg':
      return { message: 'sms.image.notJpeg' };
    case 'tooLarge':
      return {
        message: 'sms.image.tooLarge',
        // Rounded up: 300.2 KB must not read as the allowed 300.
        params: { size: count(Math.ceil(violation.bytes / 1024)), limit: count(violation.limit / 1024) },
      };
    case 'tooManyPixels':
      return {
        message: 'sms.image.tooManyPixels',
        params: { width: violation.width, height: violation.height, limit: violation.limit },
      };
    case 'missingPrefix':
      return { message: 'sms.ad.missingPrefix' };
    case 'missingOptOut':
      return {
        message: 'sms.ad.missingOptOut',
        params: { optOutNumber: formatOptOutNumber(violation.optOutNumber ?? '') },
      };
    case 'noOptOutNumber':
      return { message: 'sms.ad.noOptOutNumber' };
    case 'nightBlocked':
      // The law's clock, whatever the service's time zone.
      return { message: 'sms.ad.nightBlocked', params: { at: timeAndDay(violation.at, KOREA) } };
  }
}

/** `080-123-4567` / `080-1234-5678`, as the opt-out line is written. */
export function formatOptOutNumber(digits: string): string {
  const match = /^(080)(\d{3,4})(\d{4})$/.exec(digits);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : digits;
}

const count = (n: number) => n.toLocaleString('en-US');

/** A character as a person can find it: quoted, or by its code when it is invisible (spaces, controls, joiners). */
function quote(character: string): string {
  if (/^[\p{Z}\p{C}]$/u.test(character))
    return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${character}"`;
}

/** `14:35 12-02`: the time first, because the window is at most a day wide. */
function timeAndDay(date: Date, timeZone: string): string {
  const { month, day, hour, minute } = dateTimeParts(date, timeZone);
  return `${hour}:${minute} ${month}-${day}`;
}

/**
 * The hint under a send form's advertisement choice: what the (광고) rules add, and the opt-out line with the
 * service's free number when it has one (Slack's modal and Teams' dialog say the same).
 */
export function smsAdvertisementHint(locale: Locale, optOutNumber: string | null | undefined): string {
  return [
    translate(locale, 'smsSlack.send.adHint'),
    optOutNumber
      ? translate(locale, 'smsSlack.send.optOutLine', { number: formatOptOutNumber(optOutNumber) })
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
