import type { App } from '@slack/bolt';
import { CALLBACK_VIEWS } from '../../action-ids.js';
import { renderInlineErrors } from '../../blocks/problem.js';
import { renderUnassignSummary, UNASSIGN_BLOCKS } from '../../blocks/unassign-modal.js';
import type { SlackDeps } from '../../deps.js';
import { onModalSubmission } from './on-submission.js';
import { selectedValues, type ViewStateValues } from '../../view-state.js';
import { answerSubmission } from './answer-submission.js';

/** The unassign modal: the picked callbacks (or all of the picked agents') go back to the pool. */
export function registerUnassignSubmission(app: App, deps: SlackDeps): void {
  onModalSubmission(app, deps, CALLBACK_VIEWS.unassign, async (args, { metadata, ctx }) => {
    const { view } = args;
    const values = view.state.values as ViewStateValues;
    const work = deps.usecases.callbacks.unassignCallbacks(
      ctx.actor,
      metadata.serviceId,
      selectedValues(values, UNASSIGN_BLOCKS.callbacks),
      selectedValues(values, UNASSIGN_BLOCKS.agents),
    );
    const done = (report: Parameters<typeof renderUnassignSummary>[1]) =>
      renderUnassignSummary(ctx.locale, report);
    await answerSubmission(deps, args, ctx, 'cbcmd.unassign.title', work, {
      inTime: (result) =>
        result.ok
          ? { response_action: 'update', view: done(result.value) }
          : renderInlineErrors(
              ctx.locale,
              result.problem,
              () => UNASSIGN_BLOCKS.callbacks,
              UNASSIGN_BLOCKS.callbacks,
              values,
            ),
      done,
    });
  });
}
