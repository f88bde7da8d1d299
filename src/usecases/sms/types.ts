/**
 * The SMS use cases' public shapes: what every surface (Slack, Teams, HTTP, the CLI) gets and gives. The functions
 * live beside this file (send.ts, delivery.ts, results.ts, history.ts, templates.ts) and are bound in
 * `usecases/index.ts` as `usecases.sms.*`.
 */
import type { SmsCounts, SmsImage, SmsRecipientStatus, SmsRequestStatus, SmsType } from '../../domain/sms.js';
import type { SmsCategoryDoc, SmsTemplateDoc } from '../../domain/sms-templates.js';

/** A send as a surface hands it in; rules are checked by `sendSms`, never by the surface. */
export interface SmsSendInput {
  type?: SmsType;
  body: string;
  title?: string | null;
  recipients: string | readonly string[];
  /** Default: the service's first registered sender number. */
  sendNo?: string | null;
  /** null / absent: now. */
  sendAt?: Date | null;
  /** The template it started from (a locked template's body must be sent as it is). */
  templateId?: string | null;
  advertisement?: boolean;
  image?: SmsImage | null;
  /** Sent from a callback card. */
  callbackId?: string | null;
  /** Same key, same service → the same request, nothing sent again. */
  idempotencyKey?: string | null;
}

/** What `sendSms` answers (HTTP 201 body). */
export interface SmsSendReceipt {
  id: string;
  status: Extract<SmsRequestStatus, 'queued' | 'scheduled'> | SmsRequestStatus;
  type: SmsType;
  bytes: number;
  recipientCount: number;
  sendAt: Date | null;
  /** True when an idempotency key matched an earlier request. */
  replayed: boolean;
}

export interface SmsRequestSummary {
  id: string;
  serviceId: string;
  status: SmsRequestStatus;
  type: SmsType;
  advertisement: boolean;
  body: string;
  title: string | null;
  sendNo: string;
  bytes: number;
  /** null: sent on submission. */
  sendAt: Date | null;
  createdAt: Date;
  /** When sending started / finished (null until then). */
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Who asked: a member id, `operator:NAME` or an API key id, and a display name. */
  requestedBy: { id: string; name: string };
  counts: SmsCounts;
}

export interface SmsRecipientView {
  phone: string;
  status: SmsRecipientStatus;
  resultCode: string | null;
  resultMessage: string | null;
  deliveredAt: Date | null;
}

export interface SmsRequestDetail extends SmsRequestSummary {
  recipients: SmsRecipientView[];
  /** Recipients are paged by 1,000 (one provider chunk per page). */
  recipientPage: { page: number; pageSize: number; total: number };
}

export interface SmsHistoryQuery {
  /** Created on or after / before these instants. */
  from?: Date;
  to?: Date;
  status?: SmsRequestStatus;
  page?: number;
  pageSize?: number;
}

export interface SmsHistoryPage {
  items: SmsRequestSummary[];
  page: number;
  pageSize: number;
  total: number;
  /** The reader sees only the requests they made (no `sms.viewAllHistory`). */
  ownOnly: boolean;
}

/** What the send screen offers: sendable templates (with their category path) and the sender numbers. */
export interface SmsComposeOptions {
  senderNumbers: string[];
  optOutNumber: string | null;
  templates: Array<SmsTemplateDoc & { path: [string, string] }>;
}

/** The template tree an admin manages. */
export interface SmsTemplateTree {
  categories: Array<SmsCategoryDoc & { children: Array<SmsCategoryDoc & { templates: SmsTemplateDoc[] }> }>;
}
