import type { App } from '@slack/bolt';
import type { CallOutcome } from '../../domain/callbacks.js';
import { translate } from '../../i18n/index.js';
import { memberActor } from '../../usecases/actor.js';
import { cancelCallback, completeCallback, registerHistory } from '../../usecases/callbacks.js';
import type { Problem } from '../../usecases/result.js';
import { renderFieldErrors } from '../blocks/problem.js';
import { inputOf, loadSlackContext, type SlackDeps, type ViewStateValues } from '../deps.js';
import { updateViewOnFailure, type ViewArgs } from '../listeners/guard.js';
import { CALLBACK_VIEWS } from './action-ids.js';
import { callbackProblemText } from './card-context.js';
import { decodeCardModalMetadata, type CardModalMetadata } from './card-modals.js';
import { CANCEL_REASON_BLOCK, COMPLETE_BLOCKS, completeBlockOf } from './complete-modal.js';
import { HISTORY_BLOCKS, historyBlockOf } from './history-modal.js';

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

async function contextOf(deps: SlackDeps, args: ViewArgs, metadata: CardModalMetadata) {
  const ctx = await loadSlackContext(deps, args.client, {
    teamId: metadata.teamId,
    userId: args.body.user.id,
    channelId: metadata.channelId,
    serviceId: metadata.serviceId,
  });
  return { ctx, actor: memberActor(ctx.member, 'slack') };
}

/** Field errors on their inputs; a refusal that is about no field goes on `fallbackBlock`. */
function modalErrors(
  locale: Parameters<typeof translate>[0],
  problem: Problem,
  blockOf: (field: string) => string,
  fallbackBlock: string,
): Record<string, string> {
  const errors = renderFieldErrors(locale, problem, blockOf);
  if (Object.keys(errors).length === 0) errors[fallbackBlock] = callbackProblemText(locale, problem);
  return errors;
}

/** Complete: optional outcome and note; the modal closes when the callback is completed. */
async function submitComplete(deps: SlackDeps, args: ViewArgs): Promise<void> {
  const { ack, view } = args;
  const metadata = decodeCardModalMetadata(view.private_metadata);
  if (!metadata?.callbackId) return void (await ack());
  const { ctx, actor } = await contextOf(deps, args, metadata);
  const values = view.state.values as ViewStateValues;
  const result = await completeCallback(deps.callbacks, actor, metadata.callbackId, {
    // The select offers only CALL_OUTCOMES; the use case's schema checks it all the same.
    outcome: (inputOf(values, COMPLETE_BLOCKS.outcome)?.selected_option?.value ?? null) as CallOutcome | null,
    note: inputOf(values, COMPLETE_BLOCKS.note)?.value ?? null,
  });
  if (!result.ok)
    return void (await ack({
      response_action: 'errors',
      errors: modalErrors(ctx.locale, result.problem, completeBlockOf, COMPLETE_BLOCKS.outcome),
    }));
  await ack();
}

/** Cancel: the reason is required; the modal closes when the callback is cancelled (its cards follow). */
async function submitCancel(deps: SlackDeps, args: ViewArgs): Promise<void> {
  const { ack, view } = args;
  const metadata = decodeCardModalMetadata(view.private_metadata);
  if (!metadata?.callbackId) return void (await ack());
  const { ctx, actor } = await contextOf(deps, args, metadata);
  const reason = inputOf(view.state.values as ViewStateValues, CANCEL_REASON_BLOCK)?.value ?? '';
  const result = await cancelCallback(deps.callbacks, actor, metadata.callbackId, reason);
  if (!result.ok)
    return void (await ack({
      response_action: 'errors',
      errors: modalErrors(ctx.locale, result.problem, () => CANCEL_REASON_BLOCK, CANCEL_REASON_BLOCK),
    }));
  await ack();
}

/** Register history: the interaction is recorded (and forwarded when a ticket webhook is set); confirmed in place. */
async function submitHistory(deps: SlackDeps, args: ViewArgs): Promise<void> {
  const { ack, view, body, client } = args;
  const metadata = decodeCardModalMetadata(view.private_metadata);
  if (!metadata) return void (await ack());
  const { ctx, actor } = await contextOf(deps, args, metadata);
  const values = view.state.values as ViewStateValues;
  const hasPhoneBlock = !metadata.callbackId;
  const result = await registerHistory(deps.callbacks, actor, metadata.serviceId, {
    callbackId: metadata.callbackId,
    phone: hasPhoneBlock ? (inputOf(values, HISTORY_BLOCKS.phone)?.value ?? null) : null,
    customerName: hasPhoneBlock ? (inputOf(values, HISTORY_BLOCKS.customerName)?.value ?? null) : null,
    channel: (inputOf(values, HISTORY_BLOCKS.channel)?.selected_option?.value ?? 'phone') as 'phone',
    summary: inputOf(values, HISTORY_BLOCKS.summary)?.value ?? '',
    note: inputOf(values, HISTORY_BLOCKS.note)?.value ?? null,
  });
  if (!result.ok)
    return void (await ack({
      response_action: 'errors',
      errors: modalErrors(
        ctx.locale,
        result.problem,
        (field) => historyBlockOf(field, hasPhoneBlock),
        HISTORY_BLOCKS.summary,
      ),
    }));
  await ack();
  if (!metadata.channelId) return;
  await client.chat
    .postEphemeral({
      channel: metadata.channelId,
      user: body.user.id,
      text: `:memo: ${translate(ctx.locale, 'callbackHistory.registered', { id: result.value._id })}`,
    })
    .catch((error: unknown) =>
      deps.log.warn({ err: error }, 'could not confirm the history record in channel'),
    );
}
