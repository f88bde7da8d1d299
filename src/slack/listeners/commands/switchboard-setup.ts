import type { Locale } from '../../../domain/service-settings.js';
import { translate } from '../../../i18n/index.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderSetupModal } from '../../blocks/setup-modal.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { inviteLineFor } from '../../membership.js';
import { ephemeral } from '../../reply.js';
import type { CommandRun } from './switchboard.js';

/** Setup's answer says where new callbacks will be announced, and how to change it. */
export function callbackChannelNote(
  locale: Locale,
  service: { settings: { slackCallbackChannelId: string | null } },
): string {
  const channel = service.settings.slackCallbackChannelId;
  return channel
    ? translate(locale, 'setup.callbackChannel', { channel })
    : translate(locale, 'setup.noCallbackChannel');
}

/** `/switchboard setup <name>` creates at once; without a name, a modal to create or link. */
export async function runSetup({ deps, client, command, respond, ctx, args }: CommandRun): Promise<void> {
  const { services } = deps.usecases;
  if (args.trim()) {
    const result = await services.setupService({ name: args, place: ctx.place, person: ctx.person });
    if (!result.ok) return void (await ephemeral(respond, renderProblemText(ctx.locale, result.problem)));
    // The channel is the service's from now on: if the bot is not in it, say how to invite it right away.
    const invite = await inviteLineFor(client, ctx.channelId, ctx.locale);
    return void (await ephemeral(
      respond,
      `${translate(ctx.locale, 'setup.created', { name: result.value.service.name })}\n${callbackChannelNote(ctx.locale, result.value.service)}${invite}`,
    ));
  }
  const administered = await services.listServicesAdministeredBy(ctx.person.identity);
  await client.views.open({
    trigger_id: command.trigger_id,
    view: renderSetupModal(
      ctx.locale,
      administered,
      encodeMetadata({ teamId: ctx.teamId, channelId: ctx.channelId }),
    ),
  });
}
