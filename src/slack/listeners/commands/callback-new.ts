import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { refusal } from '../../../usecases/actor.js';
import { renderNewCallbackModal } from '../../blocks/new-callback-modal.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { SlackContext } from '../../context.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { ephemeral } from '../../reply.js';

/** `/callback new`: the intake modal (who may file one is checked before it opens, and again on submit). */
export async function openNewCallbackModal(
  ctx: SlackContext,
  client: WebClient,
  triggerId: string,
  respond: RespondFn,
): Promise<void> {
  const refused = refusal(ctx.actor, 'callbacks.create');
  if (refused) return void (await ephemeral(respond, renderProblemText(ctx.locale, refused)));
  await client.views.open({
    trigger_id: triggerId,
    view: renderNewCallbackModal(
      ctx.locale,
      encodeMetadata({ serviceId: ctx.service!._id, teamId: ctx.teamId, channelId: ctx.channelId }),
    ),
  });
}
