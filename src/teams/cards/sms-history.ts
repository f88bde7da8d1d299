import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import type { SmsHistoryFilter } from '../../usecases/sms/command-words.js';
import { smsResultMeaning } from '../../usecases/sms/result-meaning.js';
import type { SmsHistoryPage, SmsRequestDetail, SmsRequestSummary } from '../../usecases/sms/types.js';
import {
  adaptiveCard,
  executeAction,
  factSet,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './card.js';
import { monthDayTime, translatorFor, type Translate } from './sms-common.js';

export const SMS_HISTORY_PAGE_SIZE = 10;
/** Recipients listed on the details card; the rest is counted. */
export const SMS_DETAIL_RECIPIENTS = 50;

export const SMS_VERBS = {
  history: 'sms.history',
  detail: 'sms.detail',
  cancel: 'sms.cancel',
  /** The listed requests (the whole filter, every page) as an Excel download link. */
  export: 'sms.export',
} as const;

/** What every history button carries: the service and the filter to come back to. */
export type SmsHistoryRef = SmsHistoryFilter & { serviceId: string };

export interface SmsHistoryCardInput {
  ref: SmsHistoryRef;
  page: SmsHistoryPage;
  timeZone: string;
  ownOnly: boolean;
  /** A line on top: what just happened (a cancel). */
  notice?: string;
}

const refData = (ref: SmsHistoryRef) => ({
  serviceId: ref.serviceId,
  page: ref.page,
  ...(ref.fromDay ? { fromDay: ref.fromDay } : {}),
  ...(ref.toDay ? { toDay: ref.toDay } : {}),
  ...(ref.status ? { status: ref.status } : {}),
});

const statusOf = (t: Translate, status: string) => t(`smsSlack.status.${status}` as Parameters<Translate>[0]);

function row(t: Translate, locale: Locale, item: SmsRequestSummary, input: SmsHistoryCardInput): CardElement {
  const at = (date: Date) => monthDayTime(date, input.timeZone, locale);
  const c = item.counts;
  const buttons = [
    executeAction(t('smsSlack.history.detail'), SMS_VERBS.detail, { ...refData(input.ref), id: item.id }),
  ];
  if (item.status === 'scheduled')
    buttons.push(
      executeAction(t('smsSlack.history.cancel'), SMS_VERBS.cancel, { ...refData(input.ref), id: item.id }),
    );
  return {
    type: 'Container',
    separator: true,
    items: [
      textBlock(
        t('teamsSms.history.row', {
          at: at(item.createdAt),
          type: item.type,
          sendNo: formatKoreanPhone(item.sendNo),
          count: c.total.toLocaleString('en-US'),
          scheduled: item.sendAt ? t('smsSlack.history.scheduledFor', { at: at(item.sendAt) }) : '',
        }),
      ),
      textBlock(
        t('smsSlack.history.counts', {
          success: c.success,
          failed: c.failed,
          pending: c.pending,
          cancelled: c.cancelled ? t('smsSlack.history.cancelledCount', { count: c.cancelled }) : '',
          status: statusOf(t, item.status),
          by: item.requestedBy.name,
        }),
        { isSubtle: true, spacing: 'None' },
      ),
      { type: 'ActionSet', actions: buttons },
    ],
  };
}

/** `sms history`: one page of requests, newest first, with Details and (scheduled ones) Cancel. */
export function renderSmsHistoryCard(locale: Locale, input: SmsHistoryCardInput): AdaptiveCard {
  const t = translatorFor(locale);
  const { ref, page } = input;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const range =
    ref.fromDay || ref.toDay ? `${ref.fromDay ?? ''}..${ref.toDay ?? ''}` : t('smsSlack.history.anyRange');
  const body: CardElement[] = [heading(t('smsSlack.history.title'))];
  if (input.notice) body.push(textBlock(input.notice, { weight: 'Bolder' }));
  body.push(
    textBlock(
      t('smsSlack.history.filter', {
        range,
        status: ref.status ? statusOf(t, ref.status) : t('smsSlack.history.anyStatus'),
        total: page.total.toLocaleString('en-US'),
        zone: input.timeZone,
      }),
      { isSubtle: true },
    ),
  );
  if (input.ownOnly) body.push(textBlock(t('smsSlack.history.ownOnly'), { isSubtle: true, spacing: 'None' }));
  if (page.items.length === 0) body.push(textBlock(t('smsSlack.history.empty')));
  for (const item of page.items) body.push(row(t, locale, item, input));
  const actions: CardElement[] = [];
  if (page.page > 1)
    actions.push(
      executeAction(t('smsSlack.history.prev'), SMS_VERBS.history, refData({ ...ref, page: page.page - 1 })),
    );
  if (page.page < pages)
    actions.push(
      executeAction(t('smsSlack.history.next'), SMS_VERBS.history, refData({ ...ref, page: page.page + 1 })),
    );
  if (page.total > 0)
    actions.push(executeAction(t('smsSlack.history.export'), SMS_VERBS.export, refData({ ...ref, page: 1 })));
  if (pages > 1)
    body.push(textBlock(t('smsSlack.history.page', { page: page.page, pages }), { isSubtle: true }));
  return adaptiveCard(body, actions.length ? { actions } : {});
}

export interface SmsDetailCardInput {
  ref: SmsHistoryRef;
  detail: SmsRequestDetail;
  timeZone: string;
  /** Asking before a cancel: the question and its buttons instead of the usual ones. */
  confirmCancel?: boolean;
}

/** One request: its summary, counts and per-recipient results (the carrier's code in words). */
export function renderSmsDetailCard(locale: Locale, input: SmsDetailCardInput): AdaptiveCard {
  const t = translatorFor(locale);
  const { detail, ref } = input;
  const at = (date: Date) => monthDayTime(date, input.timeZone, locale);
  const c = detail.counts;
  const body: CardElement[] = [heading(t('smsSlack.detail.title'))];
  body.push(
    factSet([
      {
        title: t('smsSlack.send.type'),
        value: `${detail.type}${detail.advertisement ? t('smsSlack.detail.adTag') : ''}`,
      },
      { title: t('smsSlack.send.sendNo'), value: formatKoreanPhone(detail.sendNo) },
      {
        title: t('teamsSms.detail.requested'),
        value: `${at(detail.createdAt)} · ${detail.requestedBy.name}`,
      },
      { title: t('smsSlack.send.sendAt'), value: detail.sendAt ? at(detail.sendAt) : '' },
      { title: t('teamsSms.detail.status'), value: statusOf(t, detail.status) },
    ]),
  );
  if (detail.title) body.push(textBlock(`**${detail.title}**`));
  body.push(textBlock(detail.body, { isSubtle: true }));
  body.push(
    textBlock(
      t('smsSlack.detail.counts', {
        total: c.total,
        success: c.success,
        failed: c.failed,
        pending: c.pending,
        cancelled: c.cancelled,
      }),
    ),
  );
  body.push(textBlock(t('smsSlack.detail.recipients'), { weight: 'Bolder' }));
  const lines = detail.recipients.slice(0, SMS_DETAIL_RECIPIENTS).map((r) => {
    const meaning = smsResultMeaning(r.resultCode, locale) ?? r.resultMessage;
    return t('smsSlack.detail.recipientLine', {
      phone: formatKoreanPhone(r.phone),
      status: t(`smsSlack.recipientStatus.${r.status}` as Parameters<Translate>[0]),
      result: meaning
        ? t('teamsSms.detail.result', { meaning: r.resultCode ? `${r.resultCode} ${meaning}` : meaning })
        : '',
      delivered: r.deliveredAt ? t('smsSlack.detail.deliveredAt', { at: at(r.deliveredAt) }) : '',
    });
  });
  const more = detail.recipientPage.total - lines.length;
  if (more > 0) lines.push(t('teamsSms.detail.more', { count: more.toLocaleString('en-US') }));
  body.push(textBlock(lines.map((l) => `- ${l}`).join('\n')));
  const data = { ...refData(ref), id: detail.id };
  const actions: CardElement[] = [];
  if (input.confirmCancel) {
    body.push(
      textBlock(
        t('smsSlack.cancel.confirmText', { at: detail.sendAt ? at(detail.sendAt) : '', count: c.total }),
        { weight: 'Bolder', color: 'Attention' },
      ),
    );
    actions.push(executeAction(t('smsSlack.cancel.confirm'), SMS_VERBS.cancel, { ...data, confirmed: true }));
    actions.push(executeAction(t('smsSlack.cancel.keep'), SMS_VERBS.detail, data));
  } else {
    if (detail.status === 'scheduled') {
      body.push(textBlock(t('smsSlack.detail.cancelHint'), { isSubtle: true }));
      actions.push(executeAction(t('smsSlack.history.cancel'), SMS_VERBS.cancel, data));
    }
    actions.push(executeAction(t('teamsSms.history.back'), SMS_VERBS.history, refData(ref)));
  }
  return adaptiveCard(body, { actions });
}
