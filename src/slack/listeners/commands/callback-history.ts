import type { RespondFn } from '@slack/bolt';
import { PHONE_HISTORY_LISTED, renderPhoneHistory } from '../../blocks/interaction-history.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeralBeside } from '../../reply.js';

/** `/callback history <phone>`: the latest interaction records of one number (an agent's own only). */
export async function showPhoneHistory(
  deps: SlackDeps,
  ctx: SlackContext,
  respond: RespondFn,
  phone: string,
): Promise<void> {
  const service = ctx.service!;
  const page = await deps.usecases.callbacks.listInteractions(ctx.actor, service._id, {
    phone,
    limit: PHONE_HISTORY_LISTED,
  });
  if (!page.ok) return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, page.problem)));
  const { items, nextCursor, ownOnly } = page.value;
  const message = renderPhoneHistory(
    ctx.locale,
    page.value.phone ?? phone,
    { items, more: nextCursor !== null, ownOnly },
    service.settings.timeZone,
  );
  await respond({ response_type: 'ephemeral', ...message });
}
