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
  void text;
  throw new Error('countCp949Bytes: not implemented yet');
}

export interface RecipientList {
  /** Digits only, first occurrence order, duplicates removed. */
  recipients: string[];
  /** Every entry that is not 10-13 digits after stripping spaces, hyphens and brackets, as the person typed it. */
  invalid: string[];
  duplicatesRemoved: number;
}

/** A comma (or newline) separated list, or an array of numbers. */
export function parseRecipients(input: string | readonly string[]): RecipientList {
  void input;
  throw new Error('parseRecipients: not implemented yet');
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
  void draft;
  void context;
  throw new Error('checkSmsDraft: not implemented yet');
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
