import { translate } from '../../../i18n/index.js';
import { renderMembersModal } from '../../blocks/members-modal.js';
import { renderProblemText } from '../../blocks/problem.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { ephemeral } from '../../reply.js';
import type { CommandRun } from './switchboard.js';

/** `/switchboard members`: the members modal (admins), to add people and set their role and permissions. */
export async function openMembers({ deps, client, command, respond, ctx }: CommandRun): Promise<void> {
  if (!ctx.service) return void (await ephemeral(respond, translate(ctx.locale, 'service.notLinked')));
  const result = await deps.usecases.members.listMembers(ctx.actor, ctx.service._id);
  if (!result.ok) return void (await ephemeral(respond, renderProblemText(ctx.locale, result.problem)));
  await client.views.open({
    trigger_id: command.trigger_id,
    view: renderMembersModal(ctx.locale, {
      serviceName: ctx.service.name,
      members: result.value,
      privateMetadata: encodeMetadata({
        serviceId: ctx.service._id,
        teamId: ctx.teamId,
        channelId: ctx.channelId,
      }),
    }),
  });
}
