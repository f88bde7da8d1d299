import type { RespondFn } from '@slack/bolt';
import { dayRangeIn } from '../../../domain/callback-ranges.js';
import { LIST_PAGE_SIZE, renderCallbackList, type ListQuery } from '../../blocks/callback-list.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeralBeside } from '../../reply.js';

/** `/callback list …` and the Prev/Next buttons: one page of the list, agents narrowed to their own. */
export async function showCallbackList(
  deps: SlackDeps,
  ctx: SlackContext,
  respond: RespondFn,
  query: ListQuery,
  replace: boolean,
): Promise<void> {
  const timeZone = ctx.service!.settings.timeZone;
  const range = dayRangeIn(timeZone, query.fromDay, query.toDay);
  const page = await deps.usecases.callbacks.listCallbacks(ctx.actor, query.serviceId, {
    scope: query.scope,
    from: range.ok ? range.from : undefined,
    to: range.ok ? range.to : undefined,
    page: query.page,
    pageSize: LIST_PAGE_SIZE,
    q: query.q,
  });
  if (!page.ok) return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, page.problem)));
  const message = renderCallbackList(ctx.locale, page.value, query, timeZone);
  await respond({ response_type: 'ephemeral', replace_original: replace, ...message });
}
