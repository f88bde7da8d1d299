import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { MAX_SELECT_OPTIONS } from '../../blocks/assign-modal.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderUnassignModal } from '../../blocks/unassign-modal.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { ephemeralBeside } from '../../reply.js';

/** `/callback unassign`: open callbacks per agent, and the assigned ones to return to the pool. */
export async function openUnassignModal(
  deps: SlackDeps,
  ctx: SlackContext,
  client: WebClient,
  triggerId: string,
  respond: RespondFn,
): Promise<void> {
  const service = ctx.service!;
  const { callbacks } = deps.usecases;
  const loads = await callbacks.openLoads(ctx.actor, service._id);
  if (!loads.ok) return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, loads.problem)));
  const assigned = await callbacks.assignmentPool(ctx.actor, service._id, {
    status: 'assigned',
    limit: MAX_SELECT_OPTIONS,
  });
  if (!assigned.ok)
    return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, assigned.problem)));
  await client.views.open({
    trigger_id: triggerId,
    view: renderUnassignModal(
      ctx.locale,
      {
        loads: loads.value,
        assigned: assigned.value.items,
        names: new Map(loads.value.map((l) => [l.agentId, l.name])),
        timeZone: service.settings.timeZone,
      },
      encodeMetadata({ serviceId: service._id, teamId: ctx.teamId, channelId: ctx.channelId }),
    ),
  });
}
