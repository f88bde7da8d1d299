import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { CALLBACK_ACTIONS } from '../../action-ids.js';
import { renderCallbackHistoryModal } from '../../blocks/interaction-history.js';
import { renderProblemText } from '../../blocks/problem.js';
import { loadCallbackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { replyWhereActed, whereClicked } from '../../reply.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

type ButtonArgs = ActionArgs<BlockAction<ButtonAction>>;

/** The card's [View history] (이력 보기): the callback's interaction records in a modal, or why not. */
export function registerCallbackHistoryView(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.historyView,
    replyOnFailure<ButtonArgs>(deps.log, (args) => openCallbackHistory(deps, args)),
  );
}

async function openCallbackHistory(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  const callbackId = action.value ?? '';
  const ctx = await loadCallbackContext(deps, client, body, callbackId);
  const found = await deps.usecases.callbacks.callbackInteractions(ctx.actor, callbackId);
  if (!found.ok)
    return replyWhereActed(whereClicked(args), { text: renderProblemText(ctx.locale, found.problem) });
  const { callback, service, names, items } = found.value;
  await client.views.open({
    trigger_id: body.trigger_id,
    view: renderCallbackHistoryModal(
      ctx.locale,
      callback,
      { timeZone: service.settings.timeZone, assigneeName: names.get(callback.assigneeId ?? '') ?? null },
      items,
    ),
  });
}
