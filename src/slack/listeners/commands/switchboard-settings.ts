import { translate } from '../../../i18n/index.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderSettingsModal, settingsFingerprint } from '../../blocks/settings-modal.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { ephemeral } from '../../reply.js';
import type { CommandRun } from './switchboard.js';

/** `/switchboard settings`: the settings modal (admins), remembering what it showed so a save writes only edits. */
export async function openSettings({ deps, client, command, respond, ctx }: CommandRun): Promise<void> {
  if (!ctx.service) return void (await ephemeral(respond, translate(ctx.locale, 'service.notLinked')));
  const result = await deps.usecases.settings.getServiceSettings(ctx.actor, ctx.service._id);
  if (!result.ok) return void (await ephemeral(respond, renderProblemText(ctx.locale, result.problem)));
  await client.views.open({
    trigger_id: command.trigger_id,
    view: renderSettingsModal(
      ctx.locale,
      result.value.settings,
      encodeMetadata({
        serviceId: ctx.service._id,
        teamId: ctx.teamId,
        channelId: ctx.channelId,
        shown: settingsFingerprint(result.value.settings),
      }),
    ),
  });
}
