import { todayIn } from '../../domain/callback-ranges.js';
import type { Locale } from '../../domain/service-settings.js';
import { writeSmsHistoryWorkbook, type SmsWorkbookRecipient } from '../../exports/sms-workbook.js';
import { translate } from '../../i18n/index.js';
import { resultCodeMeaning } from '../../integrations/nhn-sms/status-map.js';
import type { Actor } from '../actor.js';
import { fileName } from '../callback-exports.js';
import { ok, type Result } from '../result.js';
import type { SmsDeps } from './deps.js';
import { getSmsRequest, listSmsRequests } from './history.js';
import type { SmsHistoryQuery, SmsRequestSummary } from './types.js';

export interface SmsExportQuery extends SmsHistoryQuery {
  /** The reader's language; the service's when not given. */
  locale?: Locale;
}

export interface SmsHistoryExport {
  /** `발송내역_고객센터_2026-12-01~2026-12-02.xlsx` */
  fileName: string;
  data: Buffer;
  /** Send requests on sheet 1, recipient rows on sheet 2. */
  requests: number;
  recipients: number;
  /** True when more requests matched than one workbook holds (the newest `SMS_EXPORT_MAX_REQUESTS` are in it). */
  truncated: boolean;
}

/** Requests per workbook: a year of a busy line's sends; past that, narrow the range. */
export const SMS_EXPORT_MAX_REQUESTS = 5000;
const PAGE_SIZE = 100;

/**
 * The send history as `.xlsx` (발송 내역 엑셀): the requests the history list shows for the same filter (every page,
 * newest first; `page`/`pageSize` are ignored) on sheet 1, and each one's recipients with their results on sheet 2.
 * Read through `listSmsRequests` and `getSmsRequest`, so whoever may list may export, with the same rule: members
 * their own requests, admins and API keys all.
 */
export async function exportSmsHistory(
  deps: SmsDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: SmsExportQuery,
): Promise<Result<SmsHistoryExport>> {
  const { locale: askedLocale, page: _page, pageSize: _pageSize, ...filter } = query;
  const first = await listSmsRequests(deps, actor, serviceId, { ...filter, page: 1, pageSize: PAGE_SIZE });
  if (!first.ok) return first;
  const requests: SmsRequestSummary[] = [...first.value.items];
  const total = first.value.total;
  for (let page = 2; requests.length < Math.min(total, SMS_EXPORT_MAX_REQUESTS); page++) {
    const next = await listSmsRequests(deps, actor, serviceId, { ...filter, page, pageSize: PAGE_SIZE });
    if (!next.ok) return next;
    if (next.value.items.length === 0) break;
    requests.push(...next.value.items);
  }
  requests.splice(SMS_EXPORT_MAX_REQUESTS);

  const service = await deps.store.services.get(serviceId);
  const timeZone = service?.settings.timeZone ?? 'Asia/Seoul';
  const locale = askedLocale ?? service?.settings.locale ?? 'ko';

  let recipientRows = 0;
  async function* recipients(): AsyncGenerator<SmsWorkbookRecipient> {
    for (const request of requests) {
      for (let page = 1; ; page++) {
        const detail = await getSmsRequest(deps, actor, serviceId, request.id, { recipientPage: page });
        // Listed a moment ago and gone now (never deleted today): its summary row stays, without recipients.
        if (!detail.ok) break;
        for (const r of detail.value.recipients) {
          recipientRows++;
          yield { requestId: request.id, ...r };
        }
        const { pageSize, total: count } = detail.value.recipientPage;
        if (detail.value.recipients.length === 0 || page * pageSize >= count) break;
      }
    }
  }

  const data = await writeSmsHistoryWorkbook(requests, recipients(), {
    locale,
    timeZone,
    describeResultCode: (code) => resultCodeMeaning(code)?.[locale] ?? null,
  });
  return ok({
    fileName: fileName(
      translate(locale, 'smsExport.file', {
        service: service?.name ?? serviceId,
        range: fileRange(locale, timeZone, query.from, query.to),
      }),
    ),
    data,
    requests: requests.length,
    recipients: recipientRows,
    truncated: total > requests.length,
  });
}

/** The days the range covers in the service's zone; `to` is the exclusive end (the next day's start). */
function fileRange(locale: Locale, timeZone: string, from?: Date, to?: Date): string {
  if (!from && !to) return translate(locale, 'smsExport.range.all');
  const fromDay = from ? todayIn(timeZone, from) : '';
  const toDay = to ? todayIn(timeZone, new Date(to.getTime() - 1)) : '';
  return fromDay === toDay ? fromDay : `${fromDay}~${toDay}`;
}
