import { translate } from '../../../i18n/index.js';
import { memberActor } from '../../../usecases/actor.js';
import { getServiceSettings } from '../../../usecases/settings.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderSettingsModal, settingsFingerprint } from '../../blocks/settings-modal.js';
import { encodeMetadata } from '../../deps.js';
import type { CommandRun } from './switchboard.js';

export async function openSettings({ deps, client, command, respond, ctx }: CommandRun): Promise<void> {
  if (!ctx.service)
    return void (await respond({
      response_type: 'ephemeral',
      text: translate(ctx.locale, 'service.notLinked'),
    }));
  const result = await getServiceSettings(deps.store, memberActor(ctx.member, 'slack'), ctx.service._id);
  if (!result.ok)
    return void (await respond({
      response_type: 'ephemeral',
      text: renderProblemText(ctx.locale, result.problem),
    }));
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
