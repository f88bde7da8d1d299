import { updateViewOnFailure, type ViewArgs } from '../guard.js';
import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import { linkService, setupService } from '../../../usecases/services.js';
import { renderProblemText } from '../../blocks/problem.js';
import { SETUP_BLOCKS, SETUP_CALLBACK_ID } from '../../blocks/setup-modal.js';
import {
  decodeMetadata,
  inputOf,
  loadSlackContext,
  type SlackDeps,
  type ViewStateValues,
} from '../../deps.js';

/** The setup modal: exactly one of "new name" or "existing service"; problems show inline on the field. */
export function registerSetupSubmission(app: App, deps: SlackDeps): void {
  app.view(
    SETUP_CALLBACK_ID,
    updateViewOnFailure<ViewArgs>(deps.log, async ({ ack, body, view, client }) => {
      const metadata = decodeMetadata(view.private_metadata);
      if (!metadata) return void (await ack());
      const ctx = await loadSlackContext(deps, client, {
        teamId: metadata.teamId,
        userId: body.user.id,
        channelId: metadata.channelId,
      });
      const values = view.state.values as ViewStateValues;
      const name = inputOf(values, SETUP_BLOCKS.name)?.value?.trim() ?? '';
      const existing = inputOf(values, SETUP_BLOCKS.existing)?.selected_option?.value;
      if (Boolean(name) === Boolean(existing)) {
        return void (await ack({
          response_action: 'errors',
          errors: { [SETUP_BLOCKS.name]: translate(ctx.locale, 'setup.chooseOne') },
        }));
      }
      const result = name
        ? await setupService(deps.store, { name, place: ctx.place, person: ctx.person })
        : await linkService(deps.store, { serviceId: existing!, place: ctx.place, person: ctx.person });
      if (!result.ok) {
        const block = name ? SETUP_BLOCKS.name : SETUP_BLOCKS.existing;
        return void (await ack({
          response_action: 'errors',
          errors: { [block]: renderProblemText(ctx.locale, result.problem) },
        }));
      }
      await ack();
      const text = name
        ? translate(ctx.locale, 'setup.created', { name: result.value.service.name })
        : translate(ctx.locale, 'setup.linked', { name: result.value.service.name });
      await client.chat
        .postEphemeral({ channel: metadata.channelId, user: body.user.id, text })
        .catch((error: unknown) => deps.log.warn({ err: error }, 'could not confirm setup in channel'));
    }),
  );
}
