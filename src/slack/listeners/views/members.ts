import type { App } from '@slack/bolt';
import { PERMISSIONS, type Permission } from '../../../domain/access.js';
import { translate } from '../../../i18n/index.js';
import { slackIdentity } from '../../../domain/members.js';
import { MEMBERS_BLOCKS, MEMBERS_CALLBACK_ID, renderMembersModal } from '../../blocks/members-modal.js';
import { inlineError, renderInlineErrors } from '../../blocks/problem.js';
import type { SlackDeps } from '../../deps.js';
import { onModalSubmission } from './on-submission.js';
import { blockIdIn, inputOf, type ViewStateValues } from '../../view-state.js';

/** Saving a member keeps the modal open, refreshed, with a note saying what was saved — for adding several people. */
export function registerMembersSubmission(app: App, deps: SlackDeps): void {
  onModalSubmission(app, deps, MEMBERS_CALLBACK_ID, async ({ ack, view, client }, { metadata, ctx }) => {
    const values = view.state.values as ViewStateValues;
    const userId = inputOf(values, MEMBERS_BLOCKS.user)?.selected_user;
    const userBlock = blockIdIn(values, MEMBERS_BLOCKS.user);
    if (!userId) return void (await ack(inlineError(userBlock, translate(ctx.locale, 'members.pickUser'))));

    const target = await deps.people.lookup(client, metadata.teamId, userId);
    if (target.isBot)
      return void (await ack(inlineError(userBlock, translate(ctx.locale, 'members.botUser'))));
    const selected = new Set(
      (inputOf(values, MEMBERS_BLOCKS.permissions)?.selected_options ?? []).map((o) => o.value),
    );
    const permissions = Object.fromEntries(PERMISSIONS.map((p) => [p, selected.has(p)])) as Record<
      Permission,
      boolean
    >;
    const role =
      inputOf(values, MEMBERS_BLOCKS.role)?.selected_option?.value === 'admin' ? 'admin' : 'member';

    const { members } = deps.usecases;
    const result = await members.saveMember(ctx.actor, metadata.serviceId, {
      identity: slackIdentity(metadata.teamId, userId),
      displayName: target.person.displayName,
      role,
      permissions,
      ctiAgentId: inputOf(values, MEMBERS_BLOCKS.ctiAgentId)?.value ?? null,
      ...(target.person.locale ? { locale: target.person.locale } : {}),
    });
    if (!result.ok)
      return void (await ack(
        renderInlineErrors(
          ctx.locale,
          result.problem,
          (field) => MEMBERS_BLOCKS[field as keyof typeof MEMBERS_BLOCKS] ?? MEMBERS_BLOCKS.user,
          MEMBERS_BLOCKS.user,
          values,
        ),
      ));
    const listed = await members.listMembers(ctx.actor, metadata.serviceId);
    await ack({
      response_action: 'update',
      view: renderMembersModal(ctx.locale, {
        serviceName: ctx.service?.name ?? '',
        members: listed.ok ? listed.value : [],
        privateMetadata: view.private_metadata,
        notice: translate(ctx.locale, 'members.saved', {
          name: result.value.member.displayName,
          role: translate(ctx.locale, `role.${result.value.member.role}`),
        }),
        revision: Date.now() % 1_000_000,
      }),
    });
  });
}
