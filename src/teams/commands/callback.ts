import { dayRangeIn } from '../../domain/callback-ranges.js';
import { STATS_GRANULARITIES, type StatsGranularity } from '../../domain/stats-periods.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { LIST_SCOPES, type ListScope } from '../../usecases/callbacks.js';
import { parseCallbackCommand } from '../../usecases/callbacks/command-words.js';
import type { ExportLink, StatsChartImage } from '../../usecases/export-links.js';
import type { Problem, Result } from '../../usecases/result.js';
import { cardText } from '../cards/callback-forms.js';
import { renderPhoneHistoryCard } from '../cards/callback-history-card.js';
import {
  CALLBACK_LIST_VERBS,
  LIST_PAGE_SIZE,
  renderCallbackHelpCard,
  renderCallbackListCard,
  renderCallbackStatsCard,
  renderOpenDialogCard,
  withChartUrl,
  type ListQuery,
} from '../cards/callback-list-card.js';
import type { AdaptiveCard } from '../cards/card.js';
import { linkMinutesLeft, renderExportLinkCard } from '../cards/export-link-card.js';
import { replyPrivately } from '../private-reply.js';
import { problemWarning, replyCard, replyProblem, replyText } from '../reply.js';
import type { CardActionAnswer, TeamsCardAction, TeamsCommand, TeamsTurn } from '../router.js';
import { callbacksUnavailable, optionalText, type CardData } from '../card-data.js';

/**
 * `callback …` (`콜백 …`) in Teams: the same words as Slack's `/callback` (one parser, in the use cases), answered
 * with cards. Without words it explains itself; `assign` and `unassign` answer with a button that opens the
 * dialog (a text command cannot open one); `export` and the export buttons answer with a download link.
 */

async function listCard(turn: TeamsTurn, query: ListQuery): Promise<Result<AdaptiveCard>> {
  const timeZone = turn.ctx.service!.settings.timeZone;
  const range = dayRangeIn(timeZone, query.fromDay, query.toDay);
  // A bad range cannot come from the parser; the list then spans every date, as Slack's does.
  const window = range.ok ? { from: range.from, to: range.to } : {};
  const { scope, q, page: pageNumber } = query;
  const page = await turn.deps.usecases.callbacks.listCallbacks(turn.ctx.actor, query.serviceId, {
    scope,
    ...window,
    q,
    page: pageNumber,
    pageSize: LIST_PAGE_SIZE,
  });
  if (!page.ok) return page;
  return { ok: true, value: renderCallbackListCard(turn.ctx.locale, page.value, query, timeZone) };
}

function exportCard(turn: TeamsTurn, link: ExportLink, what: 'list' | 'stats'): AdaptiveCard {
  const { locale } = turn.ctx;
  return renderExportLinkCard(locale, {
    link,
    what: cardText(locale, `callbackExport.what.${what}`),
    url: `${turn.deps.publicUrl}${link.path}`,
    linkMinutes: linkMinutesLeft(link),
    notes: link.ownOnly ? [cardText(locale, 'callbackExport.ownOnly')] : [],
  });
}

async function exportList(turn: TeamsTurn, query: Omit<ListQuery, 'page'>): Promise<Result<AdaptiveCard>> {
  const link = await turn.deps.usecases.exportLinks.exportCallbackListLink(
    turn.ctx.actor,
    query.serviceId,
    { scope: query.scope, fromDay: query.fromDay, toDay: query.toDay, q: query.q },
    turn.ctx.locale,
  );
  if (!link.ok) return link;
  return { ok: true, value: exportCard(turn, link.value, 'list') };
}

async function statsCard(
  turn: TeamsTurn,
  query: { granularity: StatsGranularity; fromDay: string; toDay: string },
): Promise<Result<AdaptiveCard>> {
  const service = turn.ctx.service!;
  const { usecases } = turn.deps;
  const stats = await usecases.callbacks.callbackStats(turn.ctx.actor, service._id, query);
  if (!stats.ok) return stats;
  let chart: StatsChartImage | undefined;
  let chartFailed = false;
  try {
    const drawn = await usecases.exportLinks.callbackStatsChart(
      turn.ctx.actor,
      service._id,
      query,
      turn.ctx.locale,
    );
    if (drawn.ok) chart = drawn.value;
  } catch (error) {
    // Ours to fix (a missing font names itself here): the table still answers.
    turn.deps.log.error({ err: error }, 'callback stats chart not drawn');
    chartFailed = true;
  }
  const card = renderCallbackStatsCard(
    turn.ctx.locale,
    stats.value,
    { serviceId: service._id, ...query },
    chart,
    chartFailed,
  );
  return {
    ok: true,
    value: chart?.link ? withChartUrl(card, `${turn.deps.publicUrl}${chart.link.path}`) : card,
  };
}

/** The list, the processing status and export links are the person's: in a channel they go to their personal chat. */
async function reply(turn: TeamsTurn, result: Result<AdaptiveCard>): Promise<void> {
  if (!result.ok) return replyProblem(turn, result.problem);
  await replyPrivately(turn, result.value);
}

export const callbackCommand: TeamsCommand = {
  name: 'callback',
  aliases: ['콜백', 'callbacks'],
  async run(turn, args) {
    const { locale } = turn.ctx;
    const t = (key: MessageKey, params?: Record<string, string | number>) => cardText(locale, key, params);
    const first = args.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (first === '' || first === 'help' || first === '도움말')
      return void (await replyCard(turn, renderCallbackHelpCard(locale)));
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return replyProblem(turn, unusable);
    const service = turn.ctx.service!;
    const { timeZone, dayStart } = service.settings;
    // `callback export [list words]`: the list those words give, as a download.
    const exporting = first === 'export';
    const words = exporting ? `list ${args.slice(first.length)}` : args;
    const parsed = parseCallbackCommand(words, timeZone, new Date(), dayStart);
    if (exporting && parsed.kind === 'list')
      return reply(turn, await exportList(turn, { serviceId: service._id, ...parsed }));
    switch (parsed.kind) {
      case 'list':
        return reply(turn, await listCard(turn, { serviceId: service._id, ...parsed, page: 1 }));
      case 'assign':
      case 'unassign':
        return void (await replyCard(turn, renderOpenDialogCard(locale, parsed.kind, service._id)));
      case 'new':
        return replyText(turn, t('teamsCb.newInSlackOnly'));
      case 'stats':
        return reply(turn, await statsCard(turn, parsed));
      case 'history':
        return showPhoneHistory(turn, parsed.phone);
      case 'historyUsage':
        return replyText(turn, t('teamsCb.historyUsage'));
      case 'help':
        return void (await replyCard(turn, renderCallbackHelpCard(locale)));
      case 'statsUsage':
        return replyText(
          turn,
          `${t('teamsCb.unknownWord', { word: parsed.word })}\n\n${t('callbackStats.usage').replace(/\/callback/g, 'callback')}`,
        );
      case 'badRange':
        return replyText(turn, t('cbcmd.badRange', { error: parsed.error }));
      case 'unknown':
        await replyText(turn, t('teamsCb.unknownWord', { word: parsed.word }));
        return void (await replyCard(turn, renderCallbackHelpCard(locale)));
    }
  },
};

/** `callback history <phone>`: that number's latest interaction records (an agent's own only). */
async function showPhoneHistory(turn: TeamsTurn, phone: string): Promise<void> {
  const service = turn.ctx.service!;
  const page = await turn.deps.usecases.callbacks.listInteractions(turn.ctx.actor, service._id, {
    phone,
    limit: 10,
  });
  if (!page.ok) return replyProblem(turn, page.problem);
  await replyPrivately(
    turn,
    renderPhoneHistoryCard(turn.ctx.locale, page.value, phone, service.settings.timeZone),
  );
}

// Buttons of the list and stats cards

const isScope = (v: unknown): v is ListScope =>
  typeof v === 'string' && (LIST_SCOPES as readonly string[]).includes(v);
const isGranularity = (v: unknown): v is StatsGranularity =>
  typeof v === 'string' && (STATS_GRANULARITIES as readonly string[]).includes(v);

function listQueryOf(turn: TeamsTurn, data: CardData): Omit<ListQuery, 'page'> | undefined {
  const service = turn.ctx.service;
  if (!service || !isScope(data.scope)) return undefined;
  return {
    serviceId: service._id,
    scope: data.scope,
    fromDay: optionalText(data.fromDay),
    toDay: optionalText(data.toDay),
    q: optionalText(data.q),
  };
}

const problemAnswer = (turn: TeamsTurn, problem: Problem): CardActionAnswer => ({
  kind: 'message',
  text: problemWarning(turn, problem),
});
const invalidButton = (turn: TeamsTurn) =>
  problemAnswer(turn, { code: 'invalid_input', message: 'callbacks.invalidRequest' });

/** The list a row's button came from, shown again after the press (undefined when the button carried none). */
export async function listAfterRowAction(
  turn: TeamsTurn,
  data: CardData,
): Promise<CardActionAnswer | undefined> {
  const list = data.list && typeof data.list === 'object' ? (data.list as CardData) : undefined;
  const query = list && listQueryOf(turn, list);
  const page = Number(list?.page);
  if (!query || !Number.isInteger(page) || page < 1) return undefined;
  const card = await listCard(turn, { ...query, page });
  return card.ok ? { kind: 'card', card: card.value } : undefined;
}

const listPage: TeamsCardAction = {
  verb: CALLBACK_LIST_VERBS.page,
  async run(turn, data) {
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return problemAnswer(turn, unusable);
    const query = listQueryOf(turn, data);
    const page = Number(data.page);
    if (!query || !Number.isInteger(page) || page < 1) return invalidButton(turn);
    const card = await listCard(turn, { ...query, page });
    return card.ok ? { kind: 'card', card: card.value } : problemAnswer(turn, card.problem);
  },
};

/**
 * An export button: the download link arrives as a new card (in a channel, in the person's personal chat: a link
 * is for whoever holds it); the pressed card stays.
 */
async function sendExport(turn: TeamsTurn, card: Result<AdaptiveCard>): Promise<CardActionAnswer> {
  if (!card.ok) return problemAnswer(turn, card.problem);
  await replyPrivately(turn, card.value);
  return { kind: 'message', text: translate(turn.ctx.locale, 'teamsCb.export.title') };
}

const exportListButton: TeamsCardAction = {
  verb: CALLBACK_LIST_VERBS.exportList,
  async run(turn, data) {
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return problemAnswer(turn, unusable);
    const query = listQueryOf(turn, data);
    if (!query) return invalidButton(turn);
    return sendExport(turn, await exportList(turn, query));
  },
};

const exportStatsButton: TeamsCardAction = {
  verb: CALLBACK_LIST_VERBS.exportStats,
  async run(turn, data) {
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return problemAnswer(turn, unusable);
    const fromDay = optionalText(data.fromDay);
    const toDay = optionalText(data.toDay);
    if (!isGranularity(data.granularity) || !fromDay || !toDay) return invalidButton(turn);
    const link = await turn.deps.usecases.exportLinks.exportCallbackStatsLink(
      turn.ctx.actor,
      turn.ctx.service!._id,
      { granularity: data.granularity, fromDay, toDay },
      turn.ctx.locale,
    );
    return sendExport(turn, link.ok ? { ok: true, value: exportCard(turn, link.value, 'stats') } : link);
  },
};

export const callbackListActions: TeamsCardAction[] = [listPage, exportListButton, exportStatsButton];
