import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { CALLBACK_ACTIONS } from '../../action-ids.js';
import { renderProblemText } from '../../blocks/problem.js';
import { loadActionContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { replyWhereActed, whereClicked } from '../../reply.js';
import { openAssignModal } from '../commands/callback-assign.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

type ButtonArgs = ActionArgs<BlockAction<ButtonAction>>;

/** A callback's Assign… button (card, list row): the assign modal with that callback picked. */
export function registerCallbackAssignButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.assignOpen,
    replyOnFailure<ButtonArgs>(deps.log, async (args) => {
      const { ack, body, action, client } = args;
      await ack();
      const serviceId = await deps.usecases.callbacks.serviceOfCallback(action.value ?? '');
      const ctx = await loadActionContext(deps, client, body, serviceId);
      const reply = (text: string) => replyWhereActed(whereClicked(args), { text });
      if (!serviceId || !ctx.service)
        return void (await reply(
          renderProblemText(ctx.locale, { code: 'not_found', message: 'callbacks.notFound' }),
        ));
      await openAssignModal(deps, ctx, client, body.trigger_id, reply, action.value);
    }),
  );
}
