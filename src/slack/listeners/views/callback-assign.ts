import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import type { AssignmentReport } from '../../../usecases/callbacks.js';
import { CALLBACK_VIEWS } from '../../action-ids.js';
import { ASSIGN_BLOCKS, renderAssignmentSummary } from '../../blocks/assign-modal.js';
import { inlineError, renderInlineErrors } from '../../blocks/problem.js';
import type { SlackDeps } from '../../deps.js';
import { onModalSubmission } from './on-submission.js';
import { blockIdIn, inputOf, selectedValues, type ViewStateValues } from '../../view-state.js';
import { answerSubmission } from './answer-submission.js';

/** The assign modal: picked callbacks (or the oldest N) handed to agents, evenly or as picked. */
export function registerAssignSubmission(app: App, deps: SlackDeps): void {
  onModalSubmission(app, deps, CALLBACK_VIEWS.assign, async (args, { metadata, ctx }) => {
    const { ack, view } = args;
    const values = view.state.values as ViewStateValues;
    const picked = selectedValues(values, ASSIGN_BLOCKS.callbacks);
    const oldestText = inputOf(values, ASSIGN_BLOCKS.oldest)?.value?.trim() ?? '';
    const oldest = oldestText ? Number(oldestText) : undefined;
    const oldestBlock = blockIdIn(values, ASSIGN_BLOCKS.oldest);
    if (oldest !== undefined && (!Number.isInteger(oldest) || oldest < 1 || oldest > 10_000))
      return void (await ack(inlineError(oldestBlock, translate(ctx.locale, 'cbcmd.assign.oldestInvalid'))));
    if (oldest !== undefined && picked.length > 0)
      return void (await ack(inlineError(oldestBlock, translate(ctx.locale, 'cbcmd.assign.pickOrOldest'))));
    const mode = inputOf(values, ASSIGN_BLOCKS.mode)?.selected_option?.value === 'manual' ? 'manual' : 'even';
    const work = deps.usecases.callbacks.assignCallbacks(ctx.actor, metadata.serviceId, {
      callbackIds: picked,
      oldest,
      agentIds: selectedValues(values, ASSIGN_BLOCKS.agents),
      mode,
    });
    // "Pick callbacks" problems belong where the person picks: the list if the modal has one, else "oldest N".
    const callbacksBlock = values[blockIdIn(values, ASSIGN_BLOCKS.callbacks)]
      ? ASSIGN_BLOCKS.callbacks
      : ASSIGN_BLOCKS.oldest;
    const blockOf = (field: string) => (field === 'callbacks' ? callbacksBlock : ASSIGN_BLOCKS.agents);
    const done = (report: AssignmentReport) => renderAssignmentSummary(ctx.locale, report);
    await answerSubmission(deps, args, ctx, 'cbcmd.assign.title', work, {
      inTime: (result) =>
        result.ok
          ? { response_action: 'update', view: done(result.value) }
          : renderInlineErrors(ctx.locale, result.problem, blockOf, ASSIGN_BLOCKS.agents, values),
      done,
    });
  });
}
