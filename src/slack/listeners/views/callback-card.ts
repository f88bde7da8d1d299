import type { App } from '@slack/bolt';
import { formatKoreanPhone, type CallOutcome } from '../../../domain/callbacks.js';
import { translate } from '../../../i18n/index.js';
import { CALLBACK_VIEWS } from '../../action-ids.js';
import { CANCEL_REASON_BLOCK, COMPLETE_BLOCKS, completeBlockOf } from '../../blocks/complete-modal.js';
import { HISTORY_BLOCKS, historyBlockOf } from '../../blocks/history-modal.js';
import { renderInlineErrors } from '../../blocks/problem.js';
import { loadModalContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { inputOf, type ViewStateValues } from '../../view-state.js';
import { updateViewOnFailure, type ViewArgs } from '../guard.js';

/** Submissions of the Complete, Cancel and Register history modals: errors stay in the modal, next to the field. */
export function registerCallbackCardViews(app: App, deps: SlackDeps): void {
  app.view(
    CALLBACK_VIEWS.complete,
    updateViewOnFailure<ViewArgs>(deps.log, (args) => submitComplete(deps, args)),
  );
  app.view(
    CALLBACK_VIEWS.cancel,
    updateViewOnFailure<ViewArgs>(deps.log, (args) => submitCancel(deps, args)),
  );
  app.view(
    CALLBACK_VIEWS.history,
    updateViewOnFailure<ViewArgs>(deps.log, (args) => submitHistory(deps, args)),
  );
}

/** Complete: optional outcome and note; the modal closes when the callback is completed. */
async function submitComplete(deps: SlackDeps, { ack, view, body, client }: ViewArgs): Promise<void> {
  const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
  const callbackId = modal?.metadata.callbackId;
  if (!modal || !callbackId) return void (await ack());
  const { ctx } = modal;
  const values = view.state.values as ViewStateValues;
  const result = await deps.usecases.callbacks.completeCallback(ctx.actor, callbackId, {
    // The select offers only CALL_OUTCOMES; the use case's schema checks it all the same.
    outcome: (inputOf(values, COMPLETE_BLOCKS.outcome)?.selected_option?.value ?? null) as CallOutcome | null,
    note: inputOf(values, COMPLETE_BLOCKS.note)?.value ?? null,
  });
  if (!result.ok)
    return void (await ack(
      renderInlineErrors(ctx.locale, result.problem, completeBlockOf, COMPLETE_BLOCKS.outcome),
    ));
  await ack();
}

/** Cancel: the reason is required; the modal closes when the callback is cancelled (its cards follow). */
async function submitCancel(deps: SlackDeps, { ack, view, body, client }: ViewArgs): Promise<void> {
  const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
  const callbackId = modal?.metadata.callbackId;
  if (!modal || !callbackId) return void (await ack());
  const { ctx } = modal;
  const reason = inputOf(view.state.values as ViewStateValues, CANCEL_REASON_BLOCK)?.value ?? '';
  const result = await deps.usecases.callbacks.cancelCallback(ctx.actor, callbackId, reason);
  if (!result.ok)
    return void (await ack(
      renderInlineErrors(ctx.locale, result.problem, () => CANCEL_REASON_BLOCK, CANCEL_REASON_BLOCK),
    ));
  await ack();
}

/** Register history: the interaction is recorded (and forwarded when a ticket webhook is set); confirmed in place. */
async function submitHistory(deps: SlackDeps, { ack, view, body, client }: ViewArgs): Promise<void> {
  const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
  if (!modal) return void (await ack());
  const { metadata, ctx } = modal;
  const values = view.state.values as ViewStateValues;
  const callbackId = metadata.callbackId ?? null;
  const hasPhoneBlock = !callbackId;
  const result = await deps.usecases.callbacks.registerHistory(ctx.actor, metadata.serviceId, {
    callbackId,
    phone: hasPhoneBlock ? (inputOf(values, HISTORY_BLOCKS.phone)?.value ?? null) : null,
    customerName: hasPhoneBlock ? (inputOf(values, HISTORY_BLOCKS.customerName)?.value ?? null) : null,
    channel: (inputOf(values, HISTORY_BLOCKS.channel)?.selected_option?.value ?? 'phone') as 'phone',
    summary: inputOf(values, HISTORY_BLOCKS.summary)?.value ?? '',
    note: inputOf(values, HISTORY_BLOCKS.note)?.value ?? null,
  });
  if (!result.ok)
    return void (await ack(
      renderInlineErrors(
        ctx.locale,
        result.problem,
        (field) => historyBlockOf(field, hasPhoneBlock),
        HISTORY_BLOCKS.summary,
      ),
    ));
  await ack();
  if (!metadata.channelId) return;
  await client.chat
    .postEphemeral({
      channel: metadata.channelId,
      user: body.user.id,
      // Where to see it again, rather than its internal id.
      text: `:memo: ${
        result.value.phone
          ? translate(ctx.locale, 'interactions.registered', { phone: formatKoreanPhone(result.value.phone) })
          : translate(ctx.locale, 'interactions.registeredNoPhone')
      }`,
    })
    .catch((error: unknown) =>
      deps.log.warn({ err: error }, 'could not confirm the history record in channel'),
    );
}
