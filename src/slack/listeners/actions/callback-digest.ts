import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import { DIGEST_ACTIONS } from '../../action-ids.js';
import { displayPhone } from '../../blocks/callback-card.js';
import { renderProblemText } from '../../blocks/problem.js';
import { loadActionContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { replyWhereActed, whereClicked } from '../../reply.js';
import { openAssignModal } from '../commands/callback-assign.js';
import { showCallbackList } from '../commands/callback-list.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

type ButtonArgs = ActionArgs<BlockAction<ButtonAction>>;

/**
 * The buttons of a digest of new callbacks (value: the digest's id). The use cases decide who may; a refusal is
 * answered privately where the person clicked.
 */
export function registerDigestActions(app: App, deps: SlackDeps): void {
  const { callbacks } = deps.usecases;
  const context = async (args: ButtonArgs) => {
    const digestId = args.action.value ?? '';
    const serviceId = await callbacks.serviceOfDigest(digestId);
    const ctx = await loadActionContext(deps, args.client, args.body, serviceId);
    const reply = (text: string) => replyWhereActed(whereClicked(args), { text });
    return { digestId, ctx, reply };
  };

  app.action<BlockAction<ButtonAction>>(
    DIGEST_ACTIONS.assignNextToMe,
    replyOnFailure<ButtonArgs>(deps.log, async (args) => {
      await args.ack();
      const { digestId, ctx, reply } = await context(args);
      const taken = await callbacks.assignNextFromDigest(ctx.actor, digestId);
      if (!taken.ok) return void (await reply(renderProblemText(ctx.locale, taken.problem)));
      await reply(
        `:white_check_mark: ${translate(ctx.locale, 'callbackAction.assigned', { phone: displayPhone(taken.value) })}`,
      );
    }),
  );

  for (const [actionId, mode] of [
    [DIGEST_ACTIONS.distributeEvenly, 'even'],
    [DIGEST_ACTIONS.assignManually, 'manual'],
  ] as const)
    app.action<BlockAction<ButtonAction>>(
      actionId,
      replyOnFailure<ButtonArgs>(deps.log, async (args) => {
        await args.ack();
        const { digestId, ctx, reply } = await context(args);
        const picked = await callbacks.digestCallbacksToAssign(ctx.actor, digestId);
        if (!picked.ok) return void (await reply(renderProblemText(ctx.locale, picked.problem)));
        await openAssignModal(
          deps,
          ctx,
          args.client,
          args.body.trigger_id,
          reply,
          picked.value.callbackIds,
          mode,
        );
      }),
    );

  app.action<BlockAction<ButtonAction>>(
    DIGEST_ACTIONS.listUnassigned,
    replyOnFailure<ButtonArgs>(deps.log, async (args) => {
      await args.ack();
      const { digestId, ctx, reply } = await context(args);
      const allowed = await callbacks.digestUnassignedList(ctx.actor, digestId);
      if (!allowed.ok) return void (await reply(renderProblemText(ctx.locale, allowed.problem)));
      await showCallbackList(
        deps,
        ctx,
        args.respond,
        { serviceId: allowed.value.serviceId, scope: 'unassigned', page: 1 },
        false,
      );
    }),
  );
}
