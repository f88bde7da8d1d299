import { SMS_REQUEST_STATUSES, type SmsRequestStatus } from '../../domain/sms.js';
import { translate } from '../../i18n/index.js';
import { smsHistoryQueryOf } from '../../usecases/sms/command-words.js';
import {
  renderSmsDetailCard,
  renderSmsHistoryCard,
  SMS_HISTORY_PAGE_SIZE,
  SMS_VERBS,
  type SmsHistoryRef,
} from '../cards/sms-history.js';
import { monthDayTime, stringOf, translatorFor } from '../cards/sms-common.js';
import { linkMinutesLeft, renderExportLinkCard } from '../cards/export-link-card.js';
import { replyPrivately } from '../private-reply.js';
import { problemText } from '../reply.js';
import type { CardActionAnswer, TeamsCardAction, TeamsTurn } from '../router.js';

type Data = Record<string, unknown>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The history a button came from (anything unreadable falls back to the first page of everything). */
export function historyRefOf(data: Data, serviceId: string): SmsHistoryRef {
  const page = Number(data.page);
  const status = stringOf(data, 'status');
  const fromDay = stringOf(data, 'fromDay');
  const toDay = stringOf(data, 'toDay');
  return {
    serviceId,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    ...(DAY.test(fromDay) ? { fromDay } : {}),
    ...(DAY.test(toDay) ? { toDay } : {}),
    ...((SMS_REQUEST_STATUSES as readonly string[]).includes(status)
      ? { status: status as SmsRequestStatus }
      : {}),
  };
}

const noService = (turn: TeamsTurn): CardActionAnswer => ({
  kind: 'message',
  text: translate(turn.ctx.locale, 'teamsSms.notLinked'),
});

/** One page of the history as a card, or the use case's refusal in words. */
export async function smsHistoryAnswer(
  turn: TeamsTurn,
  ref: SmsHistoryRef,
  notice?: string,
): Promise<CardActionAnswer> {
  const { ctx, deps } = turn;
  if (!ctx.service) return noService(turn);
  const timeZone = ctx.service.settings.timeZone;
  const page = await deps.usecases.sms.listSmsRequests(
    ctx.actor,
    ref.serviceId,
    smsHistoryQueryOf(ref, timeZone, SMS_HISTORY_PAGE_SIZE),
  );
  if (!page.ok) return { kind: 'message', text: problemText(turn, page.problem) };
  return {
    kind: 'card',
    card: renderSmsHistoryCard(ctx.locale, {
      ref,
      page: page.value,
      timeZone,
      ownOnly: page.value.ownOnly,
      ...(notice ? { notice } : {}),
    }),
  };
}

async function detailAnswer(turn: TeamsTurn, data: Data, confirmCancel: boolean): Promise<CardActionAnswer> {
  const { ctx, deps } = turn;
  if (!ctx.service) return noService(turn);
  const ref = historyRefOf(data, ctx.service._id);
  const detail = await deps.usecases.sms.getSmsRequest(ctx.actor, ref.serviceId, stringOf(data, 'id'));
  if (!detail.ok) return { kind: 'message', text: problemText(turn, detail.problem) };
  return {
    kind: 'card',
    card: renderSmsDetailCard(ctx.locale, {
      ref,
      detail: detail.value,
      timeZone: ctx.service.settings.timeZone,
      confirmCancel,
    }),
  };
}

/** `sms.history`: Previous / Next / Back to history. */
const history: TeamsCardAction = {
  verb: SMS_VERBS.history,
  run: async (turn, data) =>
    turn.ctx.service ? smsHistoryAnswer(turn, historyRefOf(data, turn.ctx.service._id)) : noService(turn),
};

/** `sms.detail`: one request with its per-recipient results. */
const detail: TeamsCardAction = {
  verb: SMS_VERBS.detail,
  run: (turn, data) => detailAnswer(turn, data, false),
};

/**
 * `sms.cancel`: first the question (the request's time and count), then, `confirmed`, the cancel; a send that
 * started or ended meanwhile is told in words (the use case's conflict), the card stays.
 */
const cancel: TeamsCardAction = {
  verb: SMS_VERBS.cancel,
  run: async (turn, data) => {
    if (data.confirmed !== true) return detailAnswer(turn, data, true);
    const { ctx, deps } = turn;
    if (!ctx.service) return noService(turn);
    const ref = historyRefOf(data, ctx.service._id);
    const id = stringOf(data, 'id');
    const before = await deps.usecases.sms.getSmsRequest(ctx.actor, ref.serviceId, id);
    if (!before.ok) return { kind: 'message', text: problemText(turn, before.problem) };
    const cancelled = await deps.usecases.sms.cancelSmsRequest(ctx.actor, ref.serviceId, id);
    if (!cancelled.ok) return { kind: 'message', text: problemText(turn, cancelled.problem) };
    const at = before.value.sendAt
      ? monthDayTime(before.value.sendAt, ctx.service.settings.timeZone, ctx.locale)
      : '';
    const notice = translate(ctx.locale, 'teamsSms.cancel.done', { at, count: before.value.counts.total });
    return smsHistoryAnswer(turn, ref, notice);
  },
};

/**
 * `sms.export`: the listed requests (every page of the card's filter) as an Excel download link, in a new card (in
 * a channel, in the person's personal chat); the history card stays. Who may export and what is in it is `exportSmsHistoryLink`'s (as Slack's Excel button).
 */
const exportHistory: TeamsCardAction = {
  verb: SMS_VERBS.export,
  run: async (turn, data) => {
    const { ctx, deps } = turn;
    if (!ctx.service) return noService(turn);
    if (!ctx.service.settings.smsEnabled)
      return { kind: 'message', text: `⛔ ${translate(ctx.locale, 'smsDelivery.disabled')}` };
    const { page: _page, serviceId, ...filter } = historyRefOf(data, ctx.service._id);
    const link = await deps.usecases.exportLinks.exportSmsHistoryLink(
      ctx.actor,
      serviceId,
      filter,
      ctx.locale,
    );
    if (!link.ok) return { kind: 'message', text: problemText(turn, link.problem) };
    const t = translatorFor(ctx.locale);
    const { recipients, truncated } = link.value;
    const counts = t('teamsSmsExport.counts', {
      requests: link.value.rows.toLocaleString('en-US'),
      recipients: recipients.toLocaleString('en-US'),
    });
    await replyPrivately(
      turn,
      renderExportLinkCard(ctx.locale, {
        link: link.value,
        what: t('teamsSmsExport.what'),
        url: `${deps.publicUrl}${link.value.path}`,
        linkMinutes: linkMinutesLeft(link.value),
        notes: [
          counts,
          ...(link.value.ownOnly ? [t('smsSlack.history.ownOnly')] : []),
          ...(truncated ? [t('smsSlack.export.truncated')] : []),
        ],
      }),
    );
    return { kind: 'message', text: translate(ctx.locale, 'teamsCb.export.title') };
  },
};

export const smsCardActions: TeamsCardAction[] = [history, detail, cancel, exportHistory];
