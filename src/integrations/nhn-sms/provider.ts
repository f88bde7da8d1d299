import type { SmsRecipientStatus, SmsType } from '../../domain/sms.js';

/**
 * What Switchboard needs from an SMS provider, in its own words (the shape of Novu's providers: one interface, one
 * folder per provider). NHN Cloud Notification SMS v3.0 implements it in `nhn-client.ts`.
 */
export interface SmsProvider {
  /** One provider request of ≤ 1,000 recipients. Never retried by the client once the provider may have accepted it. */
  send(request: ProviderSendRequest): Promise<ProviderSendOutcome>;
  /** JPG for MMS → the provider's file id. */
  uploadImage(image: { fileName: string; data: Uint8Array }): Promise<ProviderResult<{ fileId: number }>>;
  /**
   * Was a request with this `senderGroupingKey` accepted? Asked before (re)sending a chunk whose outcome is unknown.
   * `between` bounds the provider's date-range search (it requires one).
   */
  findByGroupingKey(
    senderGroupingKey: string,
    type: SmsType,
    between: { from: Date; to: Date },
  ): Promise<
    ProviderResult<
      { found: false } | { found: true; requestId: string; recipients: ProviderRecipientResult[] }
    >
  >;
  /** Every recipient of one accepted request, with its current delivery status. */
  recipientsOf(requestId: string, type: SmsType): Promise<ProviderResult<ProviderRecipientResult[]>>;
  /** Results that changed in a window (≤ 1 day). */
  resultsUpdatedBetween(from: Date, to: Date): Promise<ProviderResult<ProviderRecipientResult[]>>;
  /** Cancels a provider-side reservation (only `RESERVED` recipients). */
  cancelReservation(
    requestId: string,
    recipientSeqs: number[],
  ): Promise<ProviderResult<{ canceledCount: number }>>;
  /** Sender numbers registered with the provider (digits). */
  senderNumbers(): Promise<ProviderResult<string[]>>;
}

export interface ProviderSendRequest {
  type: SmsType;
  advertisement: boolean;
  body: string;
  /** MMS only. */
  title: string | null;
  sendNo: string;
  recipients: readonly string[];
  /** Stable id of this chunk: the key the exactly-once check searches for. */
  senderGroupingKey: string;
  attachFileIds?: number[];
  userId?: string;
  /**
   * A provider-side reservation (NHN `requestDate`, minute precision). Switchboard schedules with Agenda and leaves
   * this unset; it exists so `cancelReservation` has something to cancel in tests and tools.
   */
  reserveAt?: Date;
}

export interface ProviderRecipientResult {
  requestId: string;
  recipientSeq: number;
  recipientNo: string;
  status: SmsRecipientStatus;
  /** The carrier's delivery code (`1000` success, `3006` rejected, …) or the accept-time code; null while pending. */
  resultCode: string | null;
  resultMessage: string | null;
  deliveredAt: Date | null;
  senderGroupingKey?: string | null;
}

/** Our error vocabulary for provider answers (NHN codes map here in `status-map.ts`). */
export type SmsErrorCode =
  | 'invalid_credentials'
  | 'unregistered_sender'
  | 'blocked_sender'
  | 'too_many_recipients'
  | 'invalid_recipient'
  | 'no_recipients'
  | 'unencodable_characters'
  | 'body_too_long'
  | 'empty_body'
  | 'quota_exceeded'
  | 'invalid_request'
  | 'provider_unavailable'
  | 'timeout'
  | 'network'
  | 'unknown';

export interface SmsProviderError {
  code: SmsErrorCode;
  /** NHN's own `resultCode`, when it answered. */
  providerCode: number | null;
  /** NHN's `resultMessage` or the transport error. */
  detail: string;
  /**
   * True only when nothing can have been accepted, so trying again is safe: for a send, only a connection that was
   * never made (a 5xx may come from a gateway after NHN accepted); for reads, also time-outs and 5xx.
   */
  retryable: boolean;
}

export type ProviderResult<T> = { ok: true; value: T } | { ok: false; error: SmsProviderError };

export type ProviderSendOutcome =
  /** The provider took the request; per-recipient accept codes (0 = accepted). */
  | { kind: 'accepted'; requestId: string; recipients: ProviderRecipientResult[] }
  /** The provider answered and refused it: nothing was sent. */
  | { kind: 'rejected'; error: SmsProviderError }
  /** No answer we can trust (time-out, connection dropped after sending): ask by grouping key before resending. */
  | { kind: 'unknown'; error: SmsProviderError };
