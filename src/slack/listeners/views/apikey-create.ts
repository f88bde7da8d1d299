import { updateViewOnFailure, type ViewArgs } from '../guard.js';
import type { App } from '@slack/bolt';
import { APIKEY_BLOCKS, APIKEY_CREATE_CALLBACK_ID, renderApiKeyCreatedModal } from '../../blocks/api-keys.js';
import { renderInlineErrors } from '../../blocks/problem.js';
import { loadModalContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { inputOf, type ViewStateValues } from '../../view-state.js';

export function registerApiKeyCreateSubmission(app: App, deps: SlackDeps): void {
  app.view(
    APIKEY_CREATE_CALLBACK_ID,
    updateViewOnFailure<ViewArgs>(deps.log, async ({ ack, body, view, client }) => {
      const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
      if (!modal) return void (await ack());
      const { metadata, ctx } = modal;
      const values = view.state.values as ViewStateValues;
      const result = await deps.usecases.apiKeys.createApiKey(ctx.actor, metadata.serviceId, {
        name: inputOf(values, APIKEY_BLOCKS.name)?.value ?? '',
        allowedIps: (inputOf(values, APIKEY_BLOCKS.allowedIps)?.value ?? '').split(/[,\s]+/).filter(Boolean),
      });
      if (!result.ok)
        return void (await ack(
          renderInlineErrors(ctx.locale, result.problem, () => APIKEY_BLOCKS.allowedIps, APIKEY_BLOCKS.name),
        ));
      await ack({
        response_action: 'update',
        view: renderApiKeyCreatedModal(ctx.locale, result.value.apiKey.name, result.value.key),
      });
    }),
  );
}
