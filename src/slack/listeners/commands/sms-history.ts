import type { RespondFn } from '@slack/bolt';
import { renderProblemText } from '../../blocks/problem.js';
import { renderSmsHistory, SMS_HISTORY_PAGE_SIZE, type SmsHistoryView } from '../../blocks/sms-history.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeralBeside } from '../../reply.js';
import { smsHistoryQueryOf } from '../../../usecases/sms/command-words.js';
import type { SmsHistoryQuery } from '../../../usecases/sms/types.js';

/** The use case's query for a history view: its days as instants in the service's time zone. */
export function historyQueryOf(view: SmsHistoryView, timeZone: string): SmsHistoryQuery {
  return smsHistoryQueryOf(view, timeZone, SMS_HISTORY_PAGE_SIZE);
}

/** `/sms history …` and its Prev/Next buttons: one page, members their own requests, admins all. */
export async function showSmsHistory(
  deps: SlackDeps,
  ctx: SlackContext,
  respond: RespondFn,
  view: SmsHistoryView,
  replace = false,
): Promise<void> {
  const timeZone = ctx.service!.settings.timeZone;
  const page = await deps.usecases.sms.listSmsRequests(
    ctx.actor,
    view.serviceId,
    historyQueryOf(view, timeZone),
  );
  if (!page.ok) return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, page.problem)));
  const message = renderSmsHistory(ctx.locale, page.value, view, { timeZone, ownOnly: page.value.ownOnly });
  await respond({ response_type: 'ephemeral', replace_original: replace, ...message });
}
