import type { ModalView } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { header, modal, section } from './text.js';

/**
 * The two views of a modal submission answered late (`answerSubmission`): "working" while its work runs past the
 * window Slack gives the answer, and a refusal found after that (its inputs are gone, so the reason is the view).
 */
export function renderWorkingView(locale: Locale, callbackId: string, title: MessageKey): ModalView {
  return lateView(locale, callbackId, title, 'modal.working', translate(locale, 'modal.workingBody'));
}

export function renderRefusedView(
  locale: Locale,
  callbackId: string,
  title: MessageKey,
  reason: string,
): ModalView {
  return lateView(locale, callbackId, title, 'modal.notDone', reason);
}

function lateView(
  locale: Locale,
  callbackId: string,
  title: MessageKey,
  heading: MessageKey,
  body: string,
): ModalView {
  return modal({
    callbackId: callbackId,
    title: translate(locale, title),
    close: translate(locale, 'cbcmd.close'),
    blocks: [header(translate(locale, heading)), section(body)],
  });
}
