import type { App } from '@slack/bolt';
import { CALLBACK_VIEWS } from '../../action-ids.js';
import { NEW_BLOCKS, newModalBlockOf, renderIntakeConfirmation } from '../../blocks/new-callback-modal.js';
import { renderInlineErrors } from '../../blocks/problem.js';
import type { SlackDeps } from '../../deps.js';
import { onModalSubmission } from './on-submission.js';
import { replyWhereActed } from '../../reply.js';
import { inputOf, type ViewStateValues } from '../../view-state.js';

/** The `/callback new` modal: the callback is filed, and confirmed where the modal was opened. */
export function registerNewCallbackSubmission(app: App, deps: SlackDeps): void {
  onModalSubmission(
    app,
    deps,
    CALLBACK_VIEWS.create,
    async ({ ack, body, view, client }, { metadata, ctx }) => {
      const values = view.state.values as ViewStateValues;
      // Slack sends the picked date-time as Unix seconds; the use case takes ISO 8601.
      const preferred = (
        inputOf(values, NEW_BLOCKS.preferredAt) as { selected_date_time?: number | null } | undefined
      )?.selected_date_time;
      const result = await deps.usecases.callbacks.receiveCallback(
        ctx.actor,
        metadata.serviceId,
        {
          phone: inputOf(values, NEW_BLOCKS.phone)?.value ?? '',
          name: inputOf(values, NEW_BLOCKS.name)?.value ?? null,
          note: inputOf(values, NEW_BLOCKS.note)?.value ?? null,
          preferredAt: preferred ? new Date(preferred * 1000).toISOString() : null,
        },
        { defaultSource: 'manual' },
      );
      if (!result.ok)
        return void (await ack(
          renderInlineErrors(ctx.locale, result.problem, newModalBlockOf, NEW_BLOCKS.phone, values),
        ));
      await ack();
      await replyWhereActed(
        { client, userId: body.user.id, channelId: metadata.channelId },
        { text: renderIntakeConfirmation(ctx.locale, result.value.callback, result.value.outcome) },
      );
    },
  );
}
