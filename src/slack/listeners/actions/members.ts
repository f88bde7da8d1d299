import { replyOnFailure, type ActionArgs } from '../guard.js';
import type { App, BlockAction, UsersSelectAction } from '@slack/bolt';
import { slackIdentity } from '../../../domain/members.js';
import { memberActor } from '../../../usecases/actor.js';
import { listMembers } from '../../../usecases/members.js';
import { MEMBERS_BLOCKS, renderMembersModal } from '../../blocks/members-modal.js';
import { decodeMetadata, loadSlackContext, type SlackDeps } from '../../deps.js';

/** Picking a user in the members modal fills the form with that member's current role, permissions and CTI id. */
export function registerMemberActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<UsersSelectAction>>(
    { action_id: 'value', block_id: new RegExp(`^${MEMBERS_BLOCKS.user}(_\\d+)?$`) },
    replyOnFailure<ActionArgs<BlockAction<UsersSelectAction>>>(
      deps.log,
      async ({ ack, body, action, client }) => {
        await ack();
        const view = body.view;
        const metadata = decodeMetadata(view?.private_metadata);
        if (!view || !metadata?.serviceId) return;
        const ctx = await loadSlackContext(deps, client, {
          teamId: metadata.teamId,
          userId: body.user.id,
          channelId: metadata.channelId,
          serviceId: metadata.serviceId,
        });
        const members = await listMembers(deps.store, memberActor(ctx.member, 'slack'), metadata.serviceId);
        if (!members.ok) return;
        const identity = slackIdentity(metadata.teamId, action.selected_user);
        const editing = members.value.find((m) => m.identities.includes(identity));
        await client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: renderMembersModal(ctx.locale, {
            serviceName: ctx.service?.name ?? '',
            members: members.value,
            privateMetadata: view.private_metadata,
            // An unknown user still gets a form bound to them, with defaults.
            editing: editing ?? { ...emptyMember(metadata.serviceId), identities: [identity] },
            revision: Date.now() % 1_000_000,
          }),
        });
      },
    ),
  );
}

function emptyMember(serviceId: string) {
  return {
    _id: '',
    serviceId,
    displayName: '',
    role: 'member' as const,
    permissions: { phone: false, callbackAssign: false, sms: false },
    identities: [],
    ctiAgentId: null,
    locale: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}
