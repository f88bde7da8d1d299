import type { WebClient } from '@slack/web-api';
import { MAX_SELECT_OPTIONS, renderAssignModal } from '../../blocks/assign-modal.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { encodeMetadata } from '../../modal-metadata.js';

/** `/callback assign` and a callback's Assign… button: unassigned callbacks, agents with loads, the mode. */
export async function openAssignModal(
  deps: SlackDeps,
  ctx: SlackContext,
  client: WebClient,
  triggerId: string,
  reply: (text: string) => Promise<unknown>,
  preselected?: string | readonly string[],
  initialMode?: 'even' | 'manual',
): Promise<void> {
  const picked = typeof preselected === 'string' ? [preselected] : [...(preselected ?? [])];
  const service = ctx.service!;
  const { callbacks } = deps.usecases;
  const agents = await callbacks.assignableAgents(ctx.actor, service._id);
  if (!agents.ok) return void (await reply(renderProblemText(ctx.locale, agents.problem)));
  // A callback picked from its button stays pickable even when it is not among the 100 oldest.
  const pool = await callbacks.assignmentPool(ctx.actor, service._id, {
    status: 'unassigned',
    limit: MAX_SELECT_OPTIONS,
    include: picked,
  });
  if (!pool.ok) return void (await reply(renderProblemText(ctx.locale, pool.problem)));
  await client.views.open({
    trigger_id: triggerId,
    view: renderAssignModal(
      ctx.locale,
      {
        unassigned: pool.value.items,
        unassignedTotal: pool.value.total,
        agents: agents.value,
        preselected: picked,
        initialMode,
        timeZone: service.settings.timeZone,
      },
      encodeMetadata({ serviceId: service._id, teamId: ctx.teamId, channelId: ctx.channelId }),
    ),
  });
}
