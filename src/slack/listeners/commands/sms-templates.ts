import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translate } from '../../../i18n/index.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderSmsTemplatesModal } from '../../blocks/sms-templates.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { encodeSmsTemplatesMetadata } from '../../sms-templates-metadata.js';

/** What `/sms templates` needs from the `/sms` command router (its run object has these and more). */
export interface SmsTemplatesCommandRun {
  deps: SlackDeps;
  client: WebClient;
  command: { trigger_id: string };
  respond: RespondFn;
  ctx: SlackContext;
}

/**
 * `/sms templates` (admins): opens the template screen. Refusals (not an admin, SMS off, no service here) are
 * answered privately in the channel instead.
 */
export async function openSmsTemplates({
  deps,
  client,
  command,
  respond,
  ctx,
}: SmsTemplatesCommandRun): Promise<void> {
  if (!ctx.service) return void (await ephemeral(respond, translate(ctx.locale, 'service.notLinked')));
  const tree = await deps.usecases.sms.smsTemplateTree(ctx.actor, ctx.service._id);
  if (!tree.ok) return void (await ephemeral(respond, renderProblemText(ctx.locale, tree.problem)));
  const base = { serviceId: ctx.service._id, teamId: ctx.teamId, channelId: ctx.channelId };
  const first = tree.value.categories[0];
  const selected = first?.children[0]?._id ?? first?._id ?? null;
  await client.views.open({
    trigger_id: command.trigger_id,
    view: renderSmsTemplatesModal(ctx.locale, {
      serviceName: ctx.service.name,
      tree: tree.value,
      selectedId: selected,
      privateMetadata: encodeSmsTemplatesMetadata(base, { selected }),
    }),
  });
}
