import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { APIKEY_ACTIONS, renderApiKeyCreateModal, renderApiKeyList } from '../../blocks/api-keys.js';
import { renderProblemText } from '../../blocks/problem.js';
import { loadActionContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { ephemeralBeside } from '../../reply.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

type ButtonArgs = ActionArgs<BlockAction<ButtonAction>>;

/** Buttons on the `/switchboard apikey` message. */
export function registerApiKeyActions(app: App, deps: SlackDeps): void {
  const { apiKeys } = deps.usecases;
  app.action<BlockAction<ButtonAction>>(
    APIKEY_ACTIONS.create,
    replyOnFailure<ButtonArgs>(deps.log, async ({ ack, body, client, respond }) => {
      await ack();
      const ctx = await loadActionContext(deps, client, body);
      if (!ctx.service) return;
      // Listing is what only admins may do: asked first, so a member is told before filling in the form.
      const refused = await apiKeys.listApiKeys(ctx.actor, ctx.service._id);
      if (!refused.ok)
        return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, refused.problem)));
      await client.views.open({
        trigger_id: body.trigger_id,
        view: renderApiKeyCreateModal(
          ctx.locale,
          encodeMetadata({ serviceId: ctx.service._id, teamId: ctx.teamId, channelId: ctx.channelId }),
        ),
      });
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    APIKEY_ACTIONS.revoke,
    replyOnFailure<ButtonArgs>(deps.log, async ({ ack, body, action, client, respond }) => {
      await ack();
      const ctx = await loadActionContext(deps, client, body);
      if (!ctx.service) return;
      const result = await apiKeys.revokeApiKey(ctx.actor, ctx.service._id, action.value ?? '');
      if (!result.ok)
        return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, result.problem)));
      const keys = await apiKeys.listApiKeys(ctx.actor, ctx.service._id);
      if (keys.ok)
        await respond({
          replace_original: true,
          ...renderApiKeyList(ctx.locale, keys.value, ctx.service.settings.timeZone),
        });
    }),
  );
}
