import { translate } from '../../../i18n/index.js';
import { listServicesAdministeredBy, setupService } from '../../../usecases/services.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderSetupModal } from '../../blocks/setup-modal.js';
import { encodeMetadata } from '../../deps.js';
import type { CommandRun } from './switchboard.js';

/** `/switchboard setup <name>` creates at once; without a name, a modal to create or link. */
export async function runSetup({ deps, client, command, respond, ctx, args }: CommandRun): Promise<void> {
  if (args.trim()) {
    const result = await setupService(deps.store, { name: args, place: ctx.place, person: ctx.person });
    const text = result.ok
      ? translate(ctx.locale, 'setup.created', { name: result.value.service.name })
      : renderProblemText(ctx.locale, result.problem);
    await respond({ response_type: 'ephemeral', text });
    return;
  }
  const administered = await listServicesAdministeredBy(deps.store, ctx.person.identity);
  await client.views.open({
    trigger_id: command.trigger_id,
    view: renderSetupModal(
      ctx.locale,
      administered,
      encodeMetadata({ teamId: ctx.teamId, channelId: ctx.channelId }),
    ),
  });
}
