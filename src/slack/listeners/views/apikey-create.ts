import type { App } from '@slack/bolt';
import { APIKEY_BLOCKS, APIKEY_CREATE_CALLBACK_ID, renderApiKeyCreatedModal } from '../../blocks/api-keys.js';
import { renderInlineErrors } from '../../blocks/problem.js';
import type { SlackDeps } from '../../deps.js';
import { onModalSubmission } from './on-submission.js';
import { inputOf, type ViewStateValues } from '../../view-state.js';

export function registerApiKeyCreateSubmission(app: App, deps: SlackDeps): void {
  onModalSubmission(app, deps, APIKEY_CREATE_CALLBACK_ID, async ({ ack, view }, { metadata, ctx }) => {
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
  });
}
