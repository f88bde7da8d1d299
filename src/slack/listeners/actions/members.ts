import type { App, BlockAction, UsersSelectAction } from '@slack/bolt';
import { slackIdentity } from '../../../domain/members.js';
import { MEMBERS_BLOCKS, renderMembersModal } from '../../blocks/members-modal.js';
import { loadModalContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

/** Picking a user in the members modal fills the form with that member's current role, permissions and CTI id. */
export function registerMemberActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<UsersSelectAction>>(
    { action_id: 'value', block_id: new RegExp(`^${MEMBERS_BLOCKS.user}(_\\d+)?$`) },
    replyOnFailure<ActionArgs<BlockAction<UsersSelectAction>>>(
      deps.log,
      async ({ ack, body, action, client }) => {
        await ack();
        const view = body.view;
        const modal = view && (await loadModalContext(deps, client, body.user.id, view.private_metadata));
        if (!view || !modal) return;
        const { metadata, ctx } = modal;
        const members = await deps.usecases.members.listMembers(ctx.actor, metadata.serviceId);
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
