import type { z } from 'zod';
import type { MessageKey, MessageParams } from '../i18n/index.js';

/**
 * Errors a person can cause are values, not exceptions: a stable `code` for machines (HTTP bodies, tests) and a
 * message key the surface translates where the person acted. Bugs stay exceptions.
 */
export type ProblemCode =
  'not_member' | 'forbidden' | 'feature_disabled' | 'not_found' | 'invalid_input' | 'conflict' | 'not_linked';

export interface Problem {
  code: ProblemCode;
  message: MessageKey;
  params?: MessageParams;
  /** Field-level errors for forms: field name → message key (+ params). */
  fields?: Record<string, { message: MessageKey; params?: MessageParams }>;
  /** For `conflict`s that clear on their own: when trying again can succeed (HTTP `Retry-After`). */
  retryAfterSeconds?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(problem: Problem): Result<T> => ({ ok: false, problem });

/**
 * A zod failure as the problem a form shows: per field the first issue, in zod's words; issues about no field go
 * on `fallbackField`. Callers may add their own field problems to `fields` before failing with it.
 */
export function problemFromZod(
  error: z.ZodError,
  fallbackField: string,
): Problem & { fields: NonNullable<Problem['fields']> } {
  const fields: NonNullable<Problem['fields']> = {};
  for (const issue of error.issues)
    fields[String(issue.path[0] ?? fallbackField)] ??= {
      message: 'callbacks.invalidField',
      params: { problem: issue.message },
    };
  return { code: 'invalid_input', message: 'callbacks.invalidRequest', fields };
}
