import { updateViewOnFailure, type ViewArgs } from '../guard.js';
import type { App } from '@slack/bolt';
import { memberActor } from '../../../usecases/actor.js';
import { createApiKey } from '../../../usecases/api-keys.js';
import { APIKEY_BLOCKS, APIKEY_CREATE_CALLBACK_ID, renderApiKeyCreatedModal } from '../../blocks/api-keys.js';
import { renderFieldErrors, renderProblemText } from '../../blocks/problem.js';
import { inputOf, type SlackDeps, type ViewStateValues, loadModalContext } from '../../deps.js';

export function registerApiKeyCreateSubmission(app: App, deps: SlackDeps): void {
  app.view(
    APIKEY_CREATE_CALLBACK_ID,
    updateViewOnFailure<ViewArgs>(deps.log, async ({ ack, body, view, client }) => {
      const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
      if (!modal) return void (await ack());
      const { metadata, ctx } = modal;
      const values = view.state.values as ViewStateValues;
      const result = await createApiKey(deps.store, memberActor(ctx.member, 'slack'), metadata.serviceId, {
        name: inputOf(values, APIKEY_BLOCKS.name)?.value ?? '',
        allowedIps: (inputOf(values, APIKEY_BLOCKS.allowedIps)?.value ?? '').split(/[,\s]+/).filter(Boolean),
      });
      if (!result.ok) {
        const errors = renderFieldErrors(ctx.locale, result.problem, () => APIKEY_BLOCKS.allowedIps);
        if (Object.keys(errors).length === 0)
          errors[APIKEY_BLOCKS.name] = renderProblemText(ctx.locale, result.problem);
        return void (await ack({ response_action: 'errors', errors }));
      }
      await ack({
        response_action: 'update',
        view: renderApiKeyCreatedModal(ctx.locale, result.value.apiKey.name, result.value.key),
      });
    }),
  );
}
