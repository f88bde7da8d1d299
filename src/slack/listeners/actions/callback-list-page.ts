import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { CALLBACK_ACTIONS } from '../../action-ids.js';
import { decodeListPage } from '../../blocks/callback-list.js';
import { loadActionContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';
import { showCallbackList } from '../commands/callback-list.js';

type ButtonArgs = ActionArgs<BlockAction<ButtonAction>>;

/** Prev / Next under a `/callback list` answer: the page replaces the one shown. */
export function registerCallbackListPaging(app: App, deps: SlackDeps): void {
  for (const actionId of [CALLBACK_ACTIONS.listPagePrev, CALLBACK_ACTIONS.listPage])
    app.action<BlockAction<ButtonAction>>(
      actionId,
      replyOnFailure<ButtonArgs>(deps.log, async ({ ack, body, action, client, respond }) => {
        await ack();
        const query = decodeListPage(action.value);
        if (!query) return;
        const ctx = await loadActionContext(deps, client, body, query.serviceId);
        if (!ctx.service) return;
        await showCallbackList(deps, ctx, respond, query, true);
      }),
    );
}
