import type { WebClient } from '@slack/web-api';
import { renderProblemText } from '../blocks/problem.js';
import { renderSmsTemplatesModal } from '../blocks/sms-templates.js';
import type { SlackContext } from '../context.js';
import type { SlackDeps } from '../deps.js';
import type { ModalMetadata } from '../modal-metadata.js';
import { encodeSmsTemplatesMetadata } from '../sms-templates-metadata.js';
import type { Problem } from '../../usecases/result.js';

/**
 * Redraws the template screen (`viewId`) from the current tree, with a note on top: what was just done, or why it
 * was refused. The screen's actions and the forms pushed on it all end here.
 */
export async function refreshSmsTemplatesScreen(
  deps: SlackDeps,
  client: WebClient,
  ctx: SlackContext,
  input: {
    metadata: Pick<ModalMetadata, 'teamId' | 'channelId'> & { serviceId: string };
    viewId: string;
    selectedId: string | null;
    notice?: string;
    problem?: Problem;
  },
): Promise<void> {
  const tree = await deps.usecases.sms.smsTemplateTree(ctx.actor, input.metadata.serviceId);
  const problem = input.problem ?? (tree.ok ? undefined : tree.problem);
  const notice = problem
    ? { text: renderProblemText(ctx.locale, problem).replace(/^:warning: /, ''), warning: true }
    : input.notice
      ? { text: input.notice }
      : undefined;
  await client.views.update({
    view_id: input.viewId,
    view: renderSmsTemplatesModal(ctx.locale, {
      serviceName: ctx.service?.name ?? '',
      tree: tree.ok ? tree.value : { categories: [] },
      selectedId: input.selectedId,
      privateMetadata: encodeSmsTemplatesMetadata(input.metadata, { selected: input.selectedId }),
      ...(notice ? { notice } : {}),
    }),
  });
}
