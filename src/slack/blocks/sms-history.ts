import type { Button, KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { formatKoreanPhone } from '../../domain/callbacks.js';
import { SMS_REQUEST_STATUSES, type SmsRequestStatus } from '../../domain/sms.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type {
  SmsHistoryPage,
  SmsRecipientView,
  SmsRequestDetail,
  SmsRequestSummary,
} from '../../usecases/sms/types.js';
import { smsResultMeaning } from '../../usecases/sms/result-meaning.js';
import { SMS_ACTIONS, SMS_VIEWS } from '../action-ids.js';
import { clip, context, escapeMrkdwn, header, modal, plain, section } from './text.js';

/**
 * `/sms history` (PRODUCT §3 History, the guide's 발송 내역): a paged ephemeral list of send requests and the detail
 * modal of one, with Cancel on a scheduled request that has not started and an Excel export of the listed rows.
 */

export const SMS_HISTORY_PAGE_SIZE = 10;
/** The detail modal lists this many recipients; the export has them all. */
const DETAIL_LISTED = 100;
const DETAIL_PER_SECTION = 20;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const historyQuerySchema = z.object({
  serviceId: z.string(),
  fromDay: day.optional(),
  toDay: day.optional(),
  status: z.enum(SMS_REQUEST_STATUSES).optional(),
  page: z.number().int().min(1),
});
/** What a history message shows; carried in its buttons so paging and export repeat the same query. */
export type SmsHistoryView = z.infer<typeof historyQuerySchema>;

export const encodeHistoryQuery = (query: SmsHistoryView): string => JSON.stringify(query);

export function decodeHistoryQuery(value: string | undefined): SmsHistoryView | undefined {
  try {
    const parsed = historyQuerySchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `<serviceId>:<requestId>` on the detail and cancel buttons (ids never contain a colon). */
export const requestButtonValue = (serviceId: string, requestId: string) => `${serviceId}:${requestId}`;
export function decodeRequestButton(
  value: string | undefined,
): { serviceId: string; id: string } | undefined {
  const [serviceId, id, ...rest] = (value ?? '').split(':');
  return serviceId && id && rest.length === 0 ? { serviceId, id } : undefined;
}

export const smsStatusText = (locale: Locale, status: SmsRequestStatus) =>
  translate(locale, `smsSlack.status.${status}`);

/** A scheduled request that has not started can be cancelled (the use case decides the race). */
export const isCancellable = (request: Pick<SmsRequestSummary, 'status' | 'startedAt'>) =>
  request.status === 'scheduled' && request.startedAt === null;

const STATUS_ICON: Record<SmsRequestStatus, string> = {
  queued: ':hourglass_flowing_sand:',
  scheduled: ':alarm_clock:',
  sending: ':outbox_tray:',
  sent: ':white_check_mark:',
  partially_failed: ':warning:',
  failed: ':x:',
  cancelled: ':no_entry_sign:',
};

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: plain(text, 75), action_id: actionId, value, ...(style ? { style } : {}) };
}

/** The Cancel button with Slack's confirm dialog. */
export function cancelButton(
  locale: Locale,
  serviceId: string,
  request: SmsRequestSummary,
  timeZone: string,
) {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  return {
    ...button(
      t('smsSlack.history.cancel'),
      SMS_ACTIONS.cancel,
      requestButtonValue(serviceId, request.id),
      'danger',
    ),
    confirm: {
      title: plain(t('smsSlack.cancel.confirmTitle'), 100),
      text: plain(
        t('smsSlack.cancel.confirmText', {
          at: request.sendAt ? formatDateTime(request.sendAt, timeZone, locale) : '',
          count: request.counts.total,
        }),
        300,
      ),
      confirm: plain(t('smsSlack.cancel.confirm'), 30),
      deny: plain(t('smsSlack.cancel.keep'), 30),
      style: 'danger' as const,
    },
  };
}

function rangeLabel(locale: Locale, query: SmsHistoryView): string {
  if (!query.fromDay && !query.toDay) return translate(locale, 'smsSlack.history.anyRange');
  if (query.fromDay === query.toDay) return query.fromDay!;
  return `${query.fromDay ?? ''}..${query.toDay ?? ''}`;
}

/** One page of the history: a row per request (time, schedule, sender, type, recipients, counts, status). */
export function renderSmsHistory(
  locale: Locale,
  page: SmsHistoryPage,
  query: SmsHistoryView,
  view: { timeZone: string; ownOnly: boolean },
): { text: string; blocks: KnownBlock[] } {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const at = (date: Date) => formatDateTime(date, view.timeZone, locale);
  const blocks: KnownBlock[] = [
    header(t('smsSlack.history.title')),
    context(
      [
        t('smsSlack.history.filter', {
          range: rangeLabel(locale, query),
          status: query.status ? smsStatusText(locale, query.status) : t('smsSlack.history.anyStatus'),
          total: page.total.toLocaleString('en-US'),
          zone: view.timeZone,
        }),
        view.ownOnly ? t('smsSlack.history.ownOnly') : '',
      ]
        .filter(Boolean)
        .join(' '),
    ),
  ];
  if (page.items.length === 0) blocks.push(section(t('smsSlack.history.empty')));
  for (const request of page.items.slice(0, SMS_HISTORY_PAGE_SIZE)) {
    const value = requestButtonValue(query.serviceId, request.id);
    const row = t('smsSlack.history.row', {
      at: at(request.createdAt),
      type: request.advertisement ? `${request.type}${t('smsSlack.detail.adTag')}` : request.type,
      sendNo: formatKoreanPhone(request.sendNo),
      count: request.counts.total.toLocaleString('en-US'),
      scheduled: request.sendAt ? t('smsSlack.history.scheduledFor', { at: at(request.sendAt) }) : '',
    });
    const counts = t('smsSlack.history.counts', {
      success: request.counts.success,
      failed: request.counts.failed,
      pending: request.counts.pending,
      cancelled: request.counts.cancelled
        ? t('smsSlack.history.cancelledCount', { count: request.counts.cancelled })
        : '',
      status: `${STATUS_ICON[request.status]} ${smsStatusText(locale, request.status)}`,
      by: escapeMrkdwn(request.requestedBy.name),
    });
    blocks.push({
      type: 'section',
      block_id: `sms_row_${request.id}`.slice(0, 255),
      text: {
        type: 'mrkdwn',
        text: clip(`${row}\n${counts}\n>${escapeMrkdwn(clip(request.body, 80))}`, 3000),
      },
      accessory: button(t('smsSlack.history.detail'), SMS_ACTIONS.detailOpen, value),
    });
    if (isCancellable(request))
      blocks.push({
        type: 'actions',
        block_id: `sms_cancel_${request.id}`.slice(0, 255),
        elements: [cancelButton(locale, query.serviceId, request, view.timeZone)],
      });
  }
  const pages = Math.max(1, Math.ceil(page.total / Math.max(1, page.pageSize)));
  const nav: Button[] = [];
  if (page.page > 1)
    nav.push(
      button(
        t('smsSlack.history.prev'),
        SMS_ACTIONS.historyPrev,
        encodeHistoryQuery({ ...query, page: page.page - 1 }),
      ),
    );
  if (page.page < pages)
    nav.push(
      button(
        t('smsSlack.history.next'),
        SMS_ACTIONS.historyNext,
        encodeHistoryQuery({ ...query, page: page.page + 1 }),
      ),
    );
  if (page.total > 0)
    nav.push(button(t('smsSlack.history.export'), SMS_ACTIONS.exportHistory, encodeHistoryQuery(query)));
  if (pages > 1) blocks.push(context(t('smsSlack.history.page', { page: page.page, pages })));
  if (nav.length) blocks.push({ type: 'actions', block_id: 'sms_history_nav', elements: nav });
  return {
    text: `${t('smsSlack.history.title')}: ${page.total.toLocaleString('en-US')}`,
    blocks,
  };
}

/** A result code with its meaning: `3006 수신 거부` (the provider's message when the code is not known). */
function resultText(recipient: SmsRecipientView, locale: Locale): string {
  if (!recipient.resultCode) return '';
  const meaning = smsResultMeaning(recipient.resultCode, locale) ?? recipient.resultMessage ?? '';
  return ` · ${escapeMrkdwn(recipient.resultCode)}${meaning ? ` ${escapeMrkdwn(meaning)}` : ''}`;
}

/** One request: who, when, what, the counts, and per recipient its status, result code and delivered time. */
export function renderSmsDetailModal(
  locale: Locale,
  detail: SmsRequestDetail,
  view: { timeZone: string; serviceId: string },
  /** What just happened (a cancel's outcome), shown on top. */
  notice?: string,
): ModalView {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const at = (date: Date) => formatDateTime(date, view.timeZone, locale);
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(section(notice));
  blocks.push(
    section(
      t('smsSlack.detail.summary', {
        at: at(detail.createdAt),
        by: escapeMrkdwn(detail.requestedBy.name),
        type: detail.type,
        ad: detail.advertisement ? t('smsSlack.detail.adTag') : '',
        sendNo: formatKoreanPhone(detail.sendNo),
        status: `${STATUS_ICON[detail.status]} ${smsStatusText(locale, detail.status)}`,
        scheduled: detail.sendAt ? t('smsSlack.detail.scheduled', { at: at(detail.sendAt) }) : '',
      }),
    ),
  );
  const message = [detail.title ? `*${escapeMrkdwn(detail.title)}*` : '', escapeMrkdwn(detail.body)]
    .filter(Boolean)
    .join('\n');
  blocks.push(section(`>>> ${clip(message, 2900)}`));
  blocks.push(context(t('smsSlack.detail.counts', { ...detail.counts })));
  if (isCancellable(detail))
    blocks.push({
      type: 'actions',
      block_id: 'sms_detail_cancel',
      elements: [cancelButton(locale, view.serviceId, detail, view.timeZone)],
    });
  blocks.push(header(t('smsSlack.detail.recipients')));
  const lines = detail.recipients.slice(0, DETAIL_LISTED).map((r) =>
    t('smsSlack.detail.recipientLine', {
      phone: `*${formatKoreanPhone(r.phone)}*`,
      status: t(`smsSlack.recipientStatus.${r.status}`),
      result: resultText(r, locale),
      delivered: r.deliveredAt ? t('smsSlack.detail.deliveredAt', { at: at(r.deliveredAt) }) : '',
    }),
  );
  for (let i = 0; i < lines.length; i += DETAIL_PER_SECTION)
    blocks.push(section(lines.slice(i, i + DETAIL_PER_SECTION).join('\n')));
  const more = detail.recipientPage.total - Math.min(detail.recipients.length, DETAIL_LISTED);
  if (more > 0) blocks.push(context(t('smsSlack.detail.more', { count: more.toLocaleString('en-US') })));
  return modal({
    callbackId: SMS_VIEWS.detail,
    title: t('smsSlack.detail.title'),
    close: t('smsSlack.detail.close'),
    blocks,
  });
}
