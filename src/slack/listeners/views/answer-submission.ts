import type { ViewResponseAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { MessageKey } from '../../../i18n/index.js';
import type { Result } from '../../../usecases/result.js';
import { settledWithin } from '../../../settled-within.js';
import { renderRefusedView, renderWorkingView } from '../../blocks/late-answer.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import type { ViewArgs } from '../guard.js';

/** Slack waits 3 s for a modal submission's answer; what remains covers the network both ways. */
export const MODAL_ANSWER_WITHIN_MS = 2_000;

/**
 * Answers a modal submission whose work can outlast the 3 s Slack waits (thousands of callbacks on a slow
 * database): with `inTime(result)` when the work settles within the window, else with a "working" view at once and
 * the result (or the refusal, as a view) put into the same modal by `views.update` when it is done. Refusals are
 * checked before anything is written, so they are nearly always in time for an inline answer.
 */
export async function answerSubmission<T>(
  deps: SlackDeps,
  { ack, client, view }: Pick<ViewArgs, 'ack' | 'client' | 'view'>,
  ctx: SlackContext,
  title: MessageKey,
  work: Promise<Result<T>>,
  render: { inTime: (result: Result<T>) => ViewResponseAction; done: (value: T) => ModalView },
): Promise<void> {
  const early = await settledWithin(work, deps.modalAnswerWithinMs ?? MODAL_ANSWER_WITHIN_MS);
  if (early) return void (await ack(render.inTime(early.value)));
  const callbackId = view.callback_id;
  await ack({ response_action: 'update', view: renderWorkingView(ctx.locale, callbackId, title) });
  const late = await work;
  await client.views.update({
    view_id: view.id,
    view: late.ok
      ? render.done(late.value)
      : renderRefusedView(ctx.locale, callbackId, title, renderProblemText(ctx.locale, late.problem)),
  });
}
