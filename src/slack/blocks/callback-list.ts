import type { Button, KnownBlock } from '@slack/types';
import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { CallbackAction } from '../../domain/callback-actions.js';
import { LIST_SCOPES, type CallbackPage, type ListScope } from '../../usecases/callbacks.js';
import { context, escapeMrkdwn, header, plain, section } from './text.js';
import { CALLBACK_ACTIONS } from '../action-ids.js';
import { callbackButtons } from './callback-card.js';
import { LIST_PAGE_SIZE, type ListQuery } from '../../usecases/callbacks/command-words.js';

export { LIST_PAGE_SIZE, type ListQuery };

export function encodeListPage(query: ListQuery): string {
  return JSON.stringify(query);
}

export function decodeListPage(value: string | undefined): ListQuery | undefined {
  try {
    const raw = JSON.parse(value ?? '') as Partial<ListQuery>;
    if (typeof raw.serviceId !== 'string' || !LIST_SCOPES.includes(raw.scope as ListScope)) return undefined;
    const day = (d: unknown) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined);
    return {
      serviceId: raw.serviceId,
      scope: raw.scope as ListScope,
      fromDay: day(raw.fromDay),
      toDay: day(raw.toDay),
      ...(typeof raw.q === 'string' && raw.q ? { q: raw.q } : {}),
      page: Number.isInteger(raw.page) && raw.page! > 0 ? raw.page! : 1,
    };
  } catch {
    return undefined;
  }
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: plain(text, 75), action_id: actionId, value, ...(style ? { style } : {}) };
}

/** Rows of a page's callbacks (all of them, or the ones that fit), each with the buttons the page gives its viewer. */
export function renderCallbackRows(
  locale: Locale,
  page: Pick<CallbackPage, 'actions' | 'names'>,
  callbacks: readonly CallbackDoc[],
  timeZone: string,
): KnownBlock[] {
  return callbacks.flatMap((callback) =>
    renderCallbackRow(
      locale,
      callback,
      page.actions.get(callback._id) ?? [],
      page.names.get(callback.assigneeId ?? ''),
      timeZone,
    ),
  );
}

/** One callback as a list/Home row: number and name, then when, status, who and how often it was asked for. */
export function renderCallbackRow(
  locale: Locale,
  callback: CallbackDoc,
  /** The buttons this viewer is shown (the page's `actions`). */
  actions: readonly CallbackAction[],
  assigneeName: string | undefined,
  timeZone: string,
): KnownBlock[] {
  const t = translate;
  const when = (d: Date) => formatDateTime(d, timeZone, locale);
  const name = callback.name ? escapeMrkdwn(callback.name) : t(locale, 'cbcmd.list.noName');
  const facts = [
    t(locale, 'cbcmd.list.requested', { at: when(callback.lastRequestedAt) }),
    t(locale, `callbacks.status.${callback.status}`),
    callback.assigneeId
      ? t(locale, 'cbcmd.list.assignee', { name: escapeMrkdwn(assigneeName ?? callback.assigneeId) })
      : t(locale, 'cbcmd.list.noAssignee'),
    t(locale, 'cbcmd.list.requests', { count: callback.requestCount }),
    t(locale, `callbacks.source.${callback.source}`),
  ];
  if (callback.preferredAt) facts.push(t(locale, 'cbcmd.list.preferred', { at: when(callback.preferredAt) }));
  const row: KnownBlock[] = [
    section(`*${formatKoreanPhone(callback.phone)}* · ${name}\n${facts.join(' · ')}`),
  ];
  // The card's buttons, narrowed to what the viewer may do (none once it is closed).
  const buttons = callbackButtons(locale, {
    _id: callback._id,
    actions: [...actions],
    phone: callback.phone,
    name: callback.name,
  });
  if (buttons.length > 0)
    row.push({ type: 'actions', block_id: `cb_row_${callback._id}`.slice(0, 255), elements: buttons });
  return row;
}

export function scopeLabel(locale: Locale, scope: ListScope): string {
  return translate(locale, `cbcmd.list.scope.${scope}`);
}

/** `/callback list`: one page of rows, who is shown, the range, paging and the export button. */
export function renderCallbackList(
  locale: Locale,
  page: CallbackPage,
  query: ListQuery,
  timeZone: string,
): { text: string; blocks: KnownBlock[] } {
  const t = translate;
  const title = t(locale, 'cbcmd.list.title', { scope: scopeLabel(locale, query.scope) });
  const range =
    query.fromDay || query.toDay
      ? t(locale, 'cbcmd.list.range', { from: query.fromDay ?? '…', to: query.toDay ?? '…' })
      : t(locale, 'cbcmd.list.anyDate');
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const blocks: KnownBlock[] = [
    header(title),
    context(
      [
        page.ownOnly ? t(locale, 'cbcmd.list.ownOnly') : t(locale, 'cbcmd.list.everyone'),
        range,
        ...(query.q ? [t(locale, 'cbcmd.list.search', { q: `“${escapeMrkdwn(query.q)}”` })] : []),
        t(locale, 'cbcmd.list.pageOf', { page: page.page, pages, total: page.total }),
      ].join(' · '),
    ),
  ];
  if (page.items.length === 0) blocks.push(section(t(locale, 'cbcmd.list.empty')));
  blocks.push(...renderCallbackRows(locale, page, page.items, timeZone));
  const footer: Button[] = [];
  if (page.page > 1)
    footer.push(
      button(
        t(locale, 'cbcmd.list.prev'),
        CALLBACK_ACTIONS.listPagePrev,
        encodeListPage({ ...query, page: page.page - 1 }),
      ),
    );
  if (page.page < pages)
    footer.push(
      button(
        t(locale, 'cbcmd.list.next'),
        CALLBACK_ACTIONS.listPage,
        encodeListPage({ ...query, page: page.page + 1 }),
      ),
    );
  // The exports listener reads {scope, fromDay, toDay}; the service id keeps it right outside a linked channel.
  footer.push(
    button(
      t(locale, 'cbcmd.export'),
      CALLBACK_ACTIONS.exportList,
      JSON.stringify({
        scope: query.scope,
        fromDay: query.fromDay,
        toDay: query.toDay,
        q: query.q,
        serviceId: query.serviceId,
      }),
    ),
  );
  blocks.push({ type: 'actions', block_id: 'cb_list_nav', elements: footer });
  return { text: `${title} (${page.total})`, blocks };
}
