import { updateViewOnFailure, type ViewArgs } from '../guard.js';
import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import { inlineError, renderProblemText } from '../../blocks/problem.js';
import { SETUP_BLOCKS, SETUP_CALLBACK_ID } from '../../blocks/setup-modal.js';
import { loadSlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { inviteLineFor, confirmInChannel } from '../../membership.js';
import { decodeMetadata } from '../../modal-metadata.js';
import { inputOf, type ViewStateValues } from '../../view-state.js';
import { callbackChannelNote } from '../commands/switchboard-setup.js';

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
      if (Boolean(name) === Boolean(existing))
        return void (await ack(inlineError(SETUP_BLOCKS.name, translate(ctx.locale, 'setup.chooseOne'))));
      const { services } = deps.usecases;
      const result = name
        ? await services.setupService({ name, place: ctx.place, person: ctx.person })
        : await services.linkService({ serviceId: existing!, place: ctx.place, person: ctx.person });
      if (!result.ok)
        return void (await ack(
          inlineError(
            name ? SETUP_BLOCKS.name : SETUP_BLOCKS.existing,
            renderProblemText(ctx.locale, result.problem),
          ),
        ));
      await ack();
      const done = name
        ? translate(ctx.locale, 'setup.created', { name: result.value.service.name })
        : translate(ctx.locale, 'setup.linked', { name: result.value.service.name });
      const text = `${done}\n${callbackChannelNote(ctx.locale, result.value.service)}`;
      const invite = await inviteLineFor(client, metadata.channelId, ctx.locale);
      await confirmInChannel(
        { client, log: deps.log, userId: body.user.id, channelId: metadata.channelId, locale: ctx.locale },
        `${text}${invite}`,
      );
    }),
  );
}
