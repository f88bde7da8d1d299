import type { CallbackAction } from '../../domain/callback-actions.js';
import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import type { StatsGranularity } from '../../domain/stats-periods.js';
import { formatDateTime } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import type { CallbackStats } from '../../usecases/callback-stats.js';
import type { CallbackPage } from '../../usecases/callbacks.js';
import type { StatsChartImage } from '../../usecases/export-links.js';
import { LIST_PAGE_SIZE, type ListQuery } from '../../usecases/callbacks/command-words.js';
import { callbackActionButton, withinActionLimit } from './callback-card.js';
import { cardText, DIALOG_IDS } from './callback-forms.js';
import {
  adaptiveCard,
  dialogAction,
  executeAction,
  factSet,
  heading,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './card.js';

type Params = Record<string, string | number>;

/** Verbs of the buttons on these cards (handled in `commands/callback.ts`). */
export const CALLBACK_LIST_VERBS = {
  page: 'callback.list.page',
  exportList: 'callback.export.list',
  exportStats: 'callback.export.stats',
} as const;

export { LIST_PAGE_SIZE, type ListQuery };

/**
 * The row's buttons: exactly the actions the use case's view model gives this reader (`callbackActionsFor`), each
 * carrying the list, so Assign to me answers with this list again.
 */
function rowActions(
  locale: Locale,
  callbackId: string,
  actions: CallbackAction[],
  query: ListQuery,
): CardElement[] {
  return withinActionLimit(
    actions.map((action) => callbackActionButton(locale, callbackId, action, { list: query })),
  );
}

/** `callback list …`: one page, each row with the buttons true to the reader's role, paging and export. */
export function renderCallbackListCard(
  locale: Locale,
  page: CallbackPage,
  query: ListQuery,
  timeZone: string,
): AdaptiveCard {
  const t = (key: MessageKey, params?: Params) => cardText(locale, key, params);
  const range =
    query.fromDay || query.toDay
      ? t('cbcmd.list.range', { from: query.fromDay ?? '…', to: query.toDay ?? '…' })
      : t('cbcmd.list.anyDate');
  const body: CardElement[] = [
    heading(t('cbcmd.list.title', { scope: t(`cbcmd.list.scope.${query.scope}`) })),
    textBlock(
      [
        range,
        page.ownOnly ? t('cbcmd.list.ownOnly') : t('cbcmd.list.everyone'),
        query.q ? t('cbcmd.list.search', { q: query.q }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
      { isSubtle: true, spacing: 'None' },
    ),
  ];
  if (page.items.length === 0) body.push(textBlock(t('cbcmd.list.empty')));
  for (const c of page.items) {
    const phone = formatKoreanPhone(c.phone);
    const assignee = c.assigneeId
      ? t('cbcmd.list.assignee', { name: page.names.get(c.assigneeId) ?? c.assigneeId })
      : t('cbcmd.list.noAssignee');
    const lines = [
      `**${phone}** ${c.name ?? t('cbcmd.list.noName')} · ${t(`callbacks.status.${c.status}`)}`,
      [
        t('cbcmd.list.requested', { at: formatDateTime(c.requestedAt, timeZone, locale) }),
        c.requestCount > 1 ? t('cbcmd.list.requests', { count: c.requestCount }) : '',
        assignee,
      ]
        .filter(Boolean)
        .join(' · '),
    ];
    const actions = rowActions(locale, c._id, page.actions.get(c._id) ?? [], query);
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [textBlock(lines.join('\n\n')), ...(actions.length > 0 ? [{ type: 'ActionSet', actions }] : [])],
    });
  }
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  body.push(
    textBlock(t('cbcmd.list.pageOf', { page: page.page, pages, total: page.total }), {
      isSubtle: true,
      separator: true,
    }),
  );
  const listData = {
    serviceId: query.serviceId,
    scope: query.scope,
    ...(query.fromDay ? { fromDay: query.fromDay } : {}),
    ...(query.toDay ? { toDay: query.toDay } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
  const actions: CardElement[] = [];
  if (page.page > 1)
    actions.push(
      executeAction(t('cbcmd.list.prev'), CALLBACK_LIST_VERBS.page, { ...listData, page: page.page - 1 }),
    );
  if (page.page < pages)
    actions.push(
      executeAction(t('cbcmd.list.next'), CALLBACK_LIST_VERBS.page, { ...listData, page: page.page + 1 }),
    );
  if (page.total > 0)
    actions.push(executeAction(t('cbcmd.export'), CALLBACK_LIST_VERBS.exportList, listData));
  return adaptiveCard(body, actions.length > 0 ? { actions } : {});
}

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** `callback stats`: the processing status per period and per agent, its chart (alt text required), an export. */
export function renderCallbackStatsCard(
  locale: Locale,
  stats: CallbackStats,
  query: { serviceId: string; granularity: StatsGranularity; fromDay: string; toDay: string },
  chart: StatsChartImage | undefined,
  chartFailed: boolean,
): AdaptiveCard {
  const t = (key: MessageKey, params?: Params) => cardText(locale, key, params);
  const figures = (r: CallbackStats['total']) =>
    [
      `${t('callbackStats.col.received')} ${r.received}`,
      `${t('callbackStats.col.completed')} ${r.completed}`,
      `${t('callbackStats.col.cancelled')} ${r.cancelled}`,
      `${t('callbackStats.col.open')} ${r.open}`,
      `${t('callbackStats.col.completionRate')} ${percent(r.completionRate)}`,
    ].join(' · ');
  const body: CardElement[] = [
    heading(t('callbackStats.title')),
    textBlock(
      t('callbackStats.range', {
        from: query.fromDay,
        to: query.toDay,
        granularity: t(`callbackStats.${query.granularity}`),
        timeZone: stats.timeZone,
        dayStart: stats.dayStart,
      }),
      { isSubtle: true, spacing: 'None' },
    ),
    textBlock(`**${t('callbackStats.total')}**: ${figures(stats.total)}`),
  ];
  if (chart?.dataUri || chart?.link)
    body.push({
      type: 'Image',
      url: chart.dataUri ?? '',
      altText: chart.altText.slice(0, 1000),
      size: 'Stretch',
    });
  else if (chartFailed) body.push(textBlock(t('teamsCb.stats.chartFailed'), { isSubtle: true }));
  body.push(
    textBlock(t('callbackStats.byPeriod'), { weight: 'Bolder', spacing: 'Medium' }),
    factSet(stats.periods.slice(-31).map((p) => ({ title: p.label, value: figures(p) }))),
  );
  if (stats.agents.length > 0)
    body.push(
      textBlock(t('callbackStats.byAgent'), { weight: 'Bolder', spacing: 'Medium' }),
      factSet(stats.agents.slice(0, 50).map((a) => ({ title: a.label, value: figures(a) }))),
    );
  return adaptiveCard(body, {
    actions: [
      executeAction(t('teamsCb.export.statsButton'), CALLBACK_LIST_VERBS.exportStats, {
        serviceId: query.serviceId,
        granularity: query.granularity,
        fromDay: query.fromDay,
        toDay: query.toDay,
      }),
    ],
  });
}

/** A linked chart's image URL is only known with the public URL: the command fills it in. */
export function withChartUrl(card: AdaptiveCard, url: string): AdaptiveCard {
  return {
    ...card,
    body: card.body.map((e) => (e.type === 'Image' && e.url === '' ? { ...e, url } : e)),
  };
}

/** `callback`, `callback help`: what the person can do here. */
export function renderCallbackHelpCard(locale: Locale): AdaptiveCard {
  return adaptiveCard([
    heading(cardText(locale, 'teamsCb.help.title')),
    textBlock(cardText(locale, 'teamsCb.help')),
  ]);
}

/** `callback assign` / `unassign`: a text command cannot open a dialog; its button can. */
export function renderOpenDialogCard(
  locale: Locale,
  which: 'assign' | 'unassign',
  serviceId: string,
): AdaptiveCard {
  const t = (key: MessageKey) => cardText(locale, key);
  return which === 'assign'
    ? adaptiveCard([textBlock(t('teamsCb.assign.prompt'))], {
        actions: [dialogAction(t('cbcmd.assign.title'), DIALOG_IDS.assign, { serviceId })],
      })
    : adaptiveCard([textBlock(t('teamsCb.unassign.prompt'))], {
        actions: [dialogAction(t('cbcmd.unassign.title'), DIALOG_IDS.unassign, { serviceId })],
      });
}
