import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { Problem } from '../../usecases/result.js';

/** A refusal or input problem, as the one line the person reads where they acted. */
export function renderProblemText(locale: Locale, problem: Problem): string {
  const params = { ...problem.params };
  if (typeof params.permission === 'string' && params.permission) {
    params.permission = translate(locale, `permission.${params.permission}` as 'permission.phone');
  }
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
