import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { CallbackDoc } from '../../../domain/callbacks.js';
import type { Locale } from '../../../domain/service-settings.js';
import { translate } from '../../../i18n/index.js';
import { refusal } from '../../../usecases/actor.js';
import type { UseCases } from '../../../usecases/index.js';
import type { Problem } from '../../../usecases/result.js';
import { CALLBACK_ACTIONS } from '../../action-ids.js';
import {
  decodeOutcomeValue,
  displayPhone,
  renderCallStarted,
  type CallbackView,
} from '../../blocks/callback-card.js';
import { renderCancelModal, renderCompleteModal } from '../../blocks/complete-modal.js';
import { renderHistoryModal } from '../../blocks/history-modal.js';
import { renderProblemText } from '../../blocks/problem.js';
import { loadActionContext, loadCallbackContext, type SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { replyWhereActed, whereClicked, type SlackMessageText } from '../../reply.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

type ButtonArgs = ActionArgs<BlockAction<ButtonAction>>;
type SelectArgs = ActionArgs<BlockAction<StaticSelectAction>>;

/**
 * The buttons of a callback card (and of list rows, the App Home and DMs that reuse them): one listener per thing a
 * person does. Each acknowledges at once, asks the use case, and answers privately where the person clicked;
 * refusals are never silent. Cards themselves are edited by the refresh job when the use case publishes the change.
 */
export function registerCallbackCardActions(app: App, deps: SlackDeps): void {
  const { callbacks } = deps.usecases;
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.assignToMe,
    replyOnFailure<ButtonArgs>(deps.log, (args) => takeCallback(deps, args)),
  );
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.call,
    replyOnFailure<ButtonArgs>(deps.log, (args) => callCustomer(deps, args)),
  );
  app.action<BlockAction<StaticSelectAction>>(
    CALLBACK_ACTIONS.outcome,
    replyOnFailure<SelectArgs>(deps.log, (args) => recordOutcome(deps, args)),
  );
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.completeOpen,
    replyOnFailure<ButtonArgs>(deps.log, (args) =>
      openCallbackModal(deps, args, callbacks.callbackToWorkOn, renderCompleteModal),
    ),
  );
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.cancelOpen,
    replyOnFailure<ButtonArgs>(deps.log, (args) =>
      openCallbackModal(deps, args, callbacks.callbackToCancel, renderCancelModal),
    ),
  );
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.historyOpen,
    replyOnFailure<ButtonArgs>(deps.log, (args) => openHistoryModal(deps, args)),
  );
}

const answer = (args: ButtonArgs | SelectArgs, message: SlackMessageText, replaceOriginal = false) =>
  replyWhereActed(whereClicked(args), message, { replaceOriginal });

const answerProblem = (args: ButtonArgs | SelectArgs, locale: Locale, problem: Problem) =>
  answer(args, { text: renderProblemText(locale, problem) });

/** "Assign to me": a `phone` member (or admin) takes an unassigned callback. */
async function takeCallback(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  const ctx = await loadCallbackContext(deps, client, body, action.value ?? '');
  const result = await deps.usecases.callbacks.assignToMe(ctx.actor, action.value ?? '');
  if (!result.ok) return answerProblem(args, ctx.locale, result.problem);
  await answer(args, {
    text: `:white_check_mark: ${translate(ctx.locale, 'callbackAction.assigned', { phone: displayPhone(result.value) })}`,
  });
}

/** Call: dial through CTI (or hand out a `tel:` link), then offer the outcome select for this attempt. */
async function callCustomer(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  const ctx = await loadCallbackContext(deps, client, body, action.value ?? '');
  const result = await deps.usecases.callbacks.startCall(ctx.actor, action.value ?? '');
  if (!result.ok) return answerProblem(args, ctx.locale, result.problem);
  const { callback, attemptId, dial, interaction } = result.value;
  // A failed dial comes back as a refusal above; an accepted one went through the webhook or is a tel: link.
  const placed = dial.kind === 'webhook' ? dial : { kind: 'tel' as const, uri: `tel:${callback.phone}` };
  await answer(
    args,
    renderCallStarted(ctx.locale, callback, {
      attemptId,
      dial: placed,
      ...(interaction ? { interactionId: interaction._id } : {}),
    }),
  );
}

/** The outcome picked after a call: recorded on that attempt; the prompt becomes the confirmation. */
async function recordOutcome(deps: SlackDeps, args: SelectArgs): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  const picked = decodeOutcomeValue(action.selected_option?.value ?? '');
  const ctx = await loadCallbackContext(deps, client, body, picked?.callbackId ?? '');
  if (!picked)
    return answerProblem(args, ctx.locale, { code: 'invalid_input', message: 'callbacks.invalidOutcome' });
  const result = await deps.usecases.callbacks.recordCallOutcome(
    ctx.actor,
    picked.callbackId,
    picked.attemptId,
    picked.outcome,
  );
  if (!result.ok) return answerProblem(args, ctx.locale, result.problem);
  const outcome = translate(
    ctx.locale,
    `callbacks.outcome.${picked.outcome}` as 'callbacks.outcome.connected',
  );
  await answer(
    args,
    {
      text: `:memo: ${translate(ctx.locale, 'callbackCall.outcomeRecorded', { phone: displayPhone(result.value), outcome })}`,
    },
    true,
  );
}

type CallbackModal = (
  locale: Locale,
  callback: CallbackDoc,
  view: CallbackView,
  metadata: string,
) => ModalView;

/**
 * Opens a modal about one callback once `allowed` (the use case's early answer) says the person may act on it, so
 * a person who may not is told at once instead of after filling in the form; the use case decides again on submit.
 */
async function openCallbackModal(
  deps: SlackDeps,
  args: ButtonArgs,
  allowed: UseCases['callbacks']['callbackToWorkOn'],
  render: CallbackModal,
): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  const callbackId = action.value ?? '';
  const ctx = await loadCallbackContext(deps, client, body, callbackId);
  const found = await allowed(ctx.actor, callbackId);
  if (!found.ok) return answerProblem(args, ctx.locale, found.problem);
  const { callback, service, names } = found.value;
  await client.views.open({
    trigger_id: body.trigger_id,
    view: render(
      ctx.locale,
      callback,
      { timeZone: service.settings.timeZone, assigneeName: names.get(callback.assigneeId ?? '') ?? null },
      encodeMetadata({ serviceId: service._id, teamId: ctx.teamId, channelId: ctx.channelId, callbackId }),
    ),
  });
}

/**
 * Register history: from a card, about that callback; with an empty value (list, App Home), about whoever the
 * person enters. Permission is checked before the modal opens; the use case checks again on submit.
 */
async function openHistoryModal(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  const callbackId = action.value ?? '';
  const target = callbackId
    ? await historyAboutCallback(deps, args, callbackId)
    : await historyWithoutCallback(deps, args);
  if ('problem' in target) return answerProblem(args, target.locale, target.problem);
  const { ctx } = target;
  const refused = refusal(ctx.actor, 'callbacks.registerHistory');
  if (refused) return answerProblem(args, ctx.locale, refused);
  await client.views.open({
    trigger_id: body.trigger_id,
    view: renderHistoryModal(
      ctx.locale,
      target.about,
      encodeMetadata({
        serviceId: target.serviceId,
        teamId: ctx.teamId,
        channelId: ctx.channelId,
        callbackId: callbackId || null,
      }),
    ),
  });
}

type HistoryTarget =
  | { ctx: SlackContext; serviceId: string; about: Parameters<typeof renderHistoryModal>[1] }
  | { locale: Locale; problem: Problem };

async function historyAboutCallback(
  deps: SlackDeps,
  args: ButtonArgs,
  callbackId: string,
): Promise<HistoryTarget> {
  const ctx = await loadCallbackContext(deps, args.client, args.body, callbackId);
  const found = await deps.usecases.callbacks.getCallback(ctx.actor, callbackId);
  if (!found.ok) return { locale: ctx.locale, problem: found.problem };
  const { callback, service, names } = found.value;
  const view = {
    timeZone: service.settings.timeZone,
    assigneeName: names.get(callback.assigneeId ?? '') ?? null,
  };
  return { ctx, serviceId: service._id, about: { callback, view } };
}

/** Without a callback the service is the one of the place clicked in (or the person's only one). */
async function historyWithoutCallback(deps: SlackDeps, args: ButtonArgs): Promise<HistoryTarget> {
  const ctx = await loadActionContext(deps, args.client, args.body);
  if (!ctx.service)
    return { locale: ctx.locale, problem: { code: 'not_linked', message: 'service.notLinked' } };
  return { ctx, serviceId: ctx.service._id, about: undefined };
}
