import { replyOnFailure, type ActionArgs } from '../guard.js';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { memberActor } from '../../../usecases/actor.js';
import { listApiKeys, revokeApiKey } from '../../../usecases/api-keys.js';
import { APIKEY_ACTIONS, renderApiKeyCreateModal, renderApiKeyList } from '../../blocks/api-keys.js';
import { renderProblemText } from '../../blocks/problem.js';
import { encodeMetadata, type SlackDeps, loadActionContext } from '../../deps.js';

/** Buttons on the `/switchboard apikey` message. */
export function registerApiKeyActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    APIKEY_ACTIONS.create,
    replyOnFailure<ActionArgs<BlockAction<ButtonAction>>>(
      deps.log,
      async ({ ack, body, client, respond }) => {
        await ack();
        const ctx = await loadActionContext(deps, client, body);
        if (!ctx.service) return;
        const refused = await listApiKeys(deps.store, memberActor(ctx.member, 'slack'), ctx.service._id);
        if (!refused.ok)
          return void (await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: renderProblemText(ctx.locale, refused.problem),
          }));
        await client.views.open({
          trigger_id: body.trigger_id,
          view: renderApiKeyCreateModal(
            ctx.locale,
            encodeMetadata({ serviceId: ctx.service._id, teamId: ctx.teamId, channelId: ctx.channelId }),
          ),
        });
      },
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    APIKEY_ACTIONS.revoke,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const ctx = await loadActionContext(deps, client, body);
      if (!ctx.service) return;
      const actor = memberActor(ctx.member, 'slack');
      const result = await revokeApiKey(deps.store, actor, ctx.service._id, action.value ?? '');
      if (!result.ok)
        return void (await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: renderProblemText(ctx.locale, result.problem),
        }));
      const keys = await listApiKeys(deps.store, actor, ctx.service._id);
      if (keys.ok)
        await respond({
          replace_original: true,
          ...renderApiKeyList(ctx.locale, keys.value, ctx.service.settings.timeZone),
        });
    },
  );
}
