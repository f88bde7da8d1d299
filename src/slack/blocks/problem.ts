import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { Problem } from '../../usecases/result.js';
import { blockIdIn, type ViewStateValues } from '../view-state.js';

const CALLBACK_STATUSES = ['unassigned', 'assigned', 'completed', 'cancelled'];

/**
 * A refusal or input problem, as the one line the person reads where they acted. A permission or a callback's
 * state in it is said in words, not as its code.
 */
export function renderProblemText(locale: Locale, problem: Problem): string {
  const params = { ...problem.params };
  if (typeof params.permission === 'string' && params.permission) {
    params.permission = translate(locale, `permission.${params.permission}` as 'permission.phone');
  }
  if (typeof params.status === 'string' && CALLBACK_STATUSES.includes(params.status))
    params.status = translate(locale, `callbacks.status.${params.status}` as 'callbacks.status.assigned');
  return `:warning: ${translate(locale, problem.message, params)}`;
}

/** Field problems as Slack's `response_action: errors` map (block_id → message). */
export function renderFieldErrors(
  locale: Locale,
  problem: Problem,
  blockIdOf: (field: string) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, error] of Object.entries(problem.fields ?? {})) {
    errors[blockIdOf(field)] = translate(locale, error.message, error.params);
  }
  return errors;
}

/**
 * The one inline-error mapper of modal submissions: each field problem next to its input; a problem about no field
 * (a refusal, a feature switched off) under `fallbackBlock`, so it is never lost. Block ids are matched as the view
 * has them (with a `_rev` suffix) when `values` are given.
 */
export function renderInlineErrors(
  locale: Locale,
  problem: Problem,
  blockOf: (field: string) => string,
  fallbackBlock: string,
  values?: ViewStateValues,
): { response_action: 'errors'; errors: Record<string, string> } {
  const exact = (blockId: string) => (values ? blockIdIn(values, blockId) : blockId);
  const errors = renderFieldErrors(locale, problem, (field) => exact(blockOf(field)));
  if (Object.keys(errors).length === 0) errors[exact(fallbackBlock)] = renderProblemText(locale, problem);
  return { response_action: 'errors', errors };
}

/** One message next to one input (checks the surface makes before asking a use case). */
export const inlineError = (blockId: string, message: string) => ({
  response_action: 'errors' as const,
  errors: { [blockId]: message },
});
