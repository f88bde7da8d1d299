import { memberActor } from '../../../usecases/actor.js';
import { listMembers } from '../../../usecases/members.js';
import { renderMembersModal } from '../../blocks/members-modal.js';
import { renderProblemText } from '../../blocks/problem.js';
import { encodeMetadata } from '../../deps.js';
import type { CommandRun } from './switchboard.js';
import { translate } from '../../../i18n/index.js';

export async function openMembers({ deps, client, command, respond, ctx }: CommandRun): Promise<void> {
  if (!ctx.service)
    return void (await respond({
      response_type: 'ephemeral',
      text: translate(ctx.locale, 'service.notLinked'),
    }));
  const result = await listMembers(deps.store, memberActor(ctx.member, 'slack'), ctx.service._id);
  if (!result.ok)
    return void (await respond({
      response_type: 'ephemeral',
      text: renderProblemText(ctx.locale, result.problem),
    }));
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
