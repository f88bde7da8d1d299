import iconv from 'iconv-lite';
import { imageSize } from 'image-size';

/**
 * SMS / MMS rules (docs/sms.md): how Korean carriers count bytes, what a recipient number is, the schedule window,
 * the advertisement law, and the statuses a send request and its recipients move through. Pure: no I/O, no clock
 * (callers pass `now`). Violations are values with the numbers a person needs; the use cases turn them into words.
 */

export const SMS_TYPES = ['SMS', 'MMS'] as const;
export type SmsType = (typeof SMS_TYPES)[number];

export const SMS_LIMITS = {
  smsBodyBytes: 90,
  mmsBodyBytes: 2000,
  mmsTitleBytes: 40,
  imageBytes: 300 * 1024,
  imageMaxPixels: 1000,
  /** NHN takes at most 1,000 recipients per request (-2016 above). */
  recipientsPerProviderRequest: 1000,
  /** Our own cap per send request (ten provider requests). */
  recipientsPerRequest: 10_000,
  recipientDigits: { min: 10, max: 13 },
  scheduleMinAheadMs: 30 * 60_000,
  scheduleMaxAheadMs: 24 * 60 * 60_000,
} as const;

/** What a send request is, as people and the API see it. */
export const SMS_REQUEST_STATUSES = [
  'queued',
  'scheduled',
  'sending',
  'sent',
  'partially_failed',
  'failed',
  'cancelled',
] as const;
export type SmsRequestStatus = (typeof SMS_REQUEST_STATUSES)[number];

/** One recipient's delivery: pending until the carrier's final answer (or our refusal / a cancel). */
export const SMS_RECIPIENT_STATUSES = ['pending', 'success', 'failed', 'cancelled'] as const;
export type SmsRecipientStatus = (typeof SMS_RECIPIENT_STATUSES)[number];

/** A provider request of ≤ 1,000 recipients: `pending → sending → accepted | failed` (never resent once accepted). */
export const SMS_CHUNK_STATES = ['pending', 'sending', 'accepted', 'failed'] as const;
export type SmsChunkState = (typeof SMS_CHUNK_STATES)[number];

export interface ByteCount {
  bytes: number;
  /** Characters CP949 cannot carry, each once, in order of appearance (emoji, many symbols). */
  unencodable: string[];
}

/** Bytes as Korean carriers count them (CP949: Hangul and other double-byte characters 2, ASCII 1). */
export function countCp949Bytes(text: string): ByteCount {
  let bytes = 0;
  const unencodable: string[] = [];
  // By code point: an emoji is two UTF-16 units but one character a person sees and has to remove.
  for (const character of text) {
    const length = cp949Length(character);
    if (length === null) {
      // iconv-lite would send it as `?`: one byte, so the count stays what the codec produces.
      bytes += 1;
      if (!unencodable.includes(character)) unencodable.push(character);
    } else bytes += length;
  }
  return { bytes, unencodable };
}

const cp949Lengths = new Map<string, number | null>();

/**
 * One character's length in CP949, or null when CP949 has no such character. iconv-lite writes `?` for a character
 * it cannot encode, so the round trip is what tells them apart: a real `?` comes back as itself, an emoji does not.
 */
function cp949Length(character: string): number | null {
  const known = cp949Lengths.get(character);
  if (known !== undefined) return known;
  const encoded = iconv.encode(character, 'cp949');
  const length = iconv.decode(encoded, 'cp949') === character ? encoded.length : null;
  // Bounded: a body is at most a few thousand distinct characters, and CP949 has ~17,000.
  if (cp949Lengths.size < 20_000) cp949Lengths.set(character, length);
  return length;
}

export interface RecipientList {
  /** Digits only, first occurrence order, duplicates removed. */
  recipients: string[];
  /**
   * Every entry that is not 10-13 digits after stripping spaces, hyphens, brackets and dots, as the person typed it
   * (trimmed), each once, in order.
   */
  invalid: string[];
  /** Valid entries dropped because the same number came earlier. */
  duplicatesRemoved: number;
}

/** What may separate the digits of one number: `010-1234-5678`, `(02) 1234 5678`, `010.1234.5678`. */
const NUMBER_SEPARATORS = /[\s\-.()[\]]/g;
/** What separates numbers in a typed list. */
const LIST_SEPARATORS = /[,;\n\r]+/;

/** A comma (or newline, or semicolon) separated list, or an array of numbers; empty entries are ignored. */
export function parseRecipients(input: string | readonly string[]): RecipientList {
  const entries = typeof input === 'string' ? input.split(LIST_SEPARATORS) : input;
  const recipients: string[] = [];
  const seen = new Set<string>();
  const invalid: string[] = [];
  const invalidSeen = new Set<string>();
  let duplicatesRemoved = 0;
  const { min, max } = SMS_LIMITS.recipientDigits;
  const valid = new RegExp(`^\\d{${min},${max}}$`);
  for (const entry of entries) {
    const typed = String(entry).trim();
    if (typed === '') continue;
    const digits = typed.replace(NUMBER_SEPARATORS, '');
    if (!valid.test(digits)) {
      if (!invalidSeen.has(typed)) invalid.push(typed);
      invalidSeen.add(typed);
    } else if (seen.has(digits)) duplicatesRemoved += 1;
    else {
      seen.add(digits);
      recipients.push(digits);
    }
  }
  return { recipients, invalid, duplicatesRemoved };
}

export interface SmsImage {
  fileName: string;
  data: Uint8Array;
}

/** What a person (or an integration) asks to send, before any rule is checked. */
export interface SmsDraft {
  type: SmsType;
  body: string;
  title: string | null;
  recipients: string | readonly string[];
  sendNo: string | null;
  /** null: send now. */
  sendAt: Date | null;
  advertisement: boolean;
  image: SmsImage | null;
}

export interface SmsRulesContext {
  now: Date;
  /** The service's registered sender numbers (digits). */
  senderNumbers: readonly string[];
  /** The service's free opt-out number (080…), required for advertisements. */
  optOutNumber: string | null;
  /** The service recorded separate consent for advertisements between 21:00 and 08:00 KST. */
  adNightConsent: boolean;
}

export type SmsField =
  'type' | 'body' | 'title' | 'recipients' | 'sendNo' | 'sendAt' | 'image' | 'advertisement';

/** One broken rule, with what a person needs to fix it. */
export type SmsViolation =
  | { field: 'body'; rule: 'empty' }
  | { field: 'body'; rule: 'tooLong'; bytes: number; limit: number; suggestMms: boolean }
  | { field: 'body' | 'title'; rule: 'unencodable'; characters: string[] }
  | { field: 'title'; rule: 'required' }
  | { field: 'title'; rule: 'tooLong'; bytes: number; limit: number }
  | { field: 'recipients'; rule: 'empty' }
  | { field: 'recipients'; rule: 'invalid'; entries: string[] }
  | { field: 'recipients'; rule: 'tooMany'; count: number; limit: number }
  | { field: 'sendNo'; rule: 'noneRegistered' }
  | { field: 'sendNo'; rule: 'notRegistered'; sendNo: string }
  | { field: 'sendAt'; rule: 'tooSoon' | 'tooLate'; earliest: Date; latest: Date }
  | { field: 'image'; rule: 'smsCannotCarry' }
  | { field: 'image'; rule: 'notJpeg' }
  | { field: 'image'; rule: 'tooLarge'; bytes: number; limit: number }
  | { field: 'image'; rule: 'tooManyPixels'; width: number; height: number; limit: number }
  | { field: 'advertisement'; rule: 'missingPrefix' }
  | { field: 'advertisement'; rule: 'missingOptOut'; optOutNumber: string | null }
  | { field: 'advertisement'; rule: 'noOptOutNumber' }
  | { field: 'advertisement'; rule: 'nightBlocked'; at: Date };

export interface CheckedSmsDraft {
  violations: SmsViolation[];
  bodyBytes: number;
  titleBytes: number;
  recipients: string[];
  /** The sender number to use: the draft's, or the service's first. */
  sendNo: string | null;
}

/** Every rule of docs/sms.md at once, so a form can mark every wrong field in one answer. */
export function checkSmsDraft(draft: SmsDraft, context: SmsRulesContext): CheckedSmsDraft {
  const violations: SmsViolation[] = [];
  const body = countCp949Bytes(draft.body);
  const title = countCp949Bytes(draft.title ?? '');

  if (draft.body.trim() === '') violations.push({ field: 'body', rule: 'empty' });
  const bodyLimit = draft.type === 'SMS' ? SMS_LIMITS.smsBodyBytes : SMS_LIMITS.mmsBodyBytes;
  if (body.bytes > bodyLimit)
    violations.push({
      field: 'body',
      rule: 'tooLong',
      bytes: body.bytes,
      limit: bodyLimit,
      suggestMms: draft.type === 'SMS' && body.bytes <= SMS_LIMITS.mmsBodyBytes,
    });
  if (body.unencodable.length > 0)
    violations.push({ field: 'body', rule: 'unencodable', characters: body.unencodable });

  // NHN's MMS/LMS endpoint requires a title; an SMS has none, so whatever came along is not checked.
  if (draft.type === 'MMS') {
    if ((draft.title ?? '').trim() === '') violations.push({ field: 'title', rule: 'required' });
    else if (title.bytes > SMS_LIMITS.mmsTitleBytes)
      violations.push({
        field: 'title',
        rule: 'tooLong',
        bytes: title.bytes,
        limit: SMS_LIMITS.mmsTitleBytes,
      });
    if (title.unencodable.length > 0)
      violations.push({ field: 'title', rule: 'unencodable', characters: title.unencodable });
  }

  if (draft.image) violations.push(...imageViolations(draft.type, draft.image));

  const recipients = parseRecipients(draft.recipients);
  if (recipients.invalid.length > 0)
    violations.push({ field: 'recipients', rule: 'invalid', entries: recipients.invalid });
  else if (recipients.recipients.length === 0) violations.push({ field: 'recipients', rule: 'empty' });
  if (recipients.recipients.length > SMS_LIMITS.recipientsPerRequest)
    violations.push({
      field: 'recipients',
      rule: 'tooMany',
      count: recipients.recipients.length,
      limit: SMS_LIMITS.recipientsPerRequest,
    });

  const typedSendNo = draft.sendNo?.replace(NUMBER_SEPARATORS, '') || null;
  const sendNo = typedSendNo ?? context.senderNumbers[0] ?? null;
  if (context.senderNumbers.length === 0) violations.push({ field: 'sendNo', rule: 'noneRegistered' });
  else if (sendNo !== null && !context.senderNumbers.includes(sendNo))
    violations.push({ field: 'sendNo', rule: 'notRegistered', sendNo: draft.sendNo ?? sendNo });

  if (draft.sendAt) {
    const earliest = new Date(context.now.getTime() + SMS_LIMITS.scheduleMinAheadMs);
    const latest = new Date(context.now.getTime() + SMS_LIMITS.scheduleMaxAheadMs);
    if (draft.sendAt.getTime() < earliest.getTime())
      violations.push({ field: 'sendAt', rule: 'tooSoon', earliest, latest });
    else if (draft.sendAt.getTime() > latest.getTime())
      violations.push({ field: 'sendAt', rule: 'tooLate', earliest, latest });
  }

  if (draft.advertisement) violations.push(...advertisementViolations(draft, context));

  return {
    violations,
    bodyBytes: body.bytes,
    titleBytes: title.bytes,
    recipients: recipients.recipients,
    sendNo,
  };
}

/** What every JPEG starts with: SOI (FF D8) and the first marker's FF. */
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function imageViolations(type: SmsType, image: SmsImage): SmsViolation[] {
  if (type === 'SMS') return [{ field: 'image', rule: 'smsCannotCarry' }];
  const violations: SmsViolation[] = [];
  const { data } = image;
  // The bytes decide, not the file name: a PNG renamed .jpg is still a PNG to the carrier.
  const dimensions = JPEG_MAGIC.every((byte, i) => data[i] === byte) ? jpegDimensions(data) : null;
  if (!dimensions) violations.push({ field: 'image', rule: 'notJpeg' });
  if (data.byteLength > SMS_LIMITS.imageBytes)
    violations.push({
      field: 'image',
      rule: 'tooLarge',
      bytes: data.byteLength,
      limit: SMS_LIMITS.imageBytes,
    });
  if (
    dimensions &&
    (dimensions.width > SMS_LIMITS.imageMaxPixels || dimensions.height > SMS_LIMITS.imageMaxPixels)
  )
    violations.push({
      field: 'image',
      rule: 'tooManyPixels',
      width: dimensions.width,
      height: dimensions.height,
      limit: SMS_LIMITS.imageMaxPixels,
    });
  return violations;
}

/** Width and height from the JPEG's frame header, or null when the bytes are not a JPEG image-size can read. */
function jpegDimensions(data: Uint8Array): { width: number; height: number } | null {
  try {
    const size = imageSize(data);
    if (size.type !== 'jpg' || size.width === undefined || size.height === undefined) return null;
    return { width: size.width, height: size.height };
  } catch {
    // image-size throws on a truncated or corrupt file: to the carrier that is no JPEG either.
    return null;
  }
}

/** The law's clock: Korea Standard Time, whatever the service's own time zone. */
const KST_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Seoul',
  hour: '2-digit',
  hourCycle: 'h23',
});
export const AD_NIGHT = { fromHour: 21, untilHour: 8 } as const;

/** An advertisement may not be sent from 21:00 to 07:59 KST without the recipients' separate consent. */
export function isAdNight(at: Date): boolean {
  const hour = Number(KST_HOUR.format(at));
  return hour >= AD_NIGHT.fromHour || hour < AD_NIGHT.untilHour;
}

export const AD_PREFIX = '(광고)';
export const AD_OPT_OUT_WORD = '무료수신거부';

function advertisementViolations(draft: SmsDraft, context: SmsRulesContext): SmsViolation[] {
  const violations: SmsViolation[] = [];
  if (!draft.body.startsWith(AD_PREFIX)) violations.push({ field: 'advertisement', rule: 'missingPrefix' });
  if (context.optOutNumber === null) violations.push({ field: 'advertisement', rule: 'noOptOutNumber' });
  else if (!endsWithOptOutLine(draft.body, context.optOutNumber))
    violations.push({ field: 'advertisement', rule: 'missingOptOut', optOutNumber: context.optOutNumber });
  const at = draft.sendAt ?? context.now;
  if (!context.adNightConsent && isAdNight(at))
    violations.push({ field: 'advertisement', rule: 'nightBlocked', at });
  return violations;
}

/**
 * The body's last line carries the opt-out word and the service's free number: `무료수신거부 080-123-4567`
 * (spaces, hyphens, dots and brackets inside the number or the word do not matter).
 */
function endsWithOptOutLine(body: string, optOutNumber: string): boolean {
  const lines = body.trimEnd().split(/\r?\n/);
  const last = (lines[lines.length - 1] ?? '').replace(NUMBER_SEPARATORS, '');
  const wanted = optOutNumber.replace(NUMBER_SEPARATORS, '');
  return last.includes(AD_OPT_OUT_WORD) && (last.match(/\d+/g)?.includes(wanted) ?? false);
}

/** Recipients in provider-sized chunks, order kept. */
export function chunkRecipients(
  recipients: readonly string[],
  size: number = SMS_LIMITS.recipientsPerProviderRequest,
): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < recipients.length; i += size) chunks.push(recipients.slice(i, i + size));
  return chunks;
}

export interface SmsCounts {
  total: number;
  pending: number;
  success: number;
  failed: number;
  cancelled: number;
}

/**
 * The request's status once sending has started, from its recipients: `sending` while any is pending, then `sent`
 * (all succeeded), `failed` (none did) or `partially_failed`.
 */
export function settledStatus(
  counts: SmsCounts,
): Extract<SmsRequestStatus, 'sending' | 'sent' | 'partially_failed' | 'failed' | 'cancelled'> {
  if (counts.pending > 0) return 'sending';
  if (counts.total > 0 && counts.cancelled === counts.total) return 'cancelled';
  if (counts.success === counts.total) return 'sent';
  if (counts.success === 0) return 'failed';
  return 'partially_failed';
}
