import type { z } from 'zod';
import { translate } from '../i18n/index.js';
import type { Locale } from '../domain/service-settings.js';
import type { Problem, ProblemCode } from '../usecases/result.js';

/** The one error shape of the HTTP API (see the README): `{ "error": { "code", "message", "details"? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Thrown inside routes for the errors the caller can fix; the error handler turns it into the JSON body. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const STATUS_BY_PROBLEM: Record<ProblemCode, number> = {
  not_member: 403,
  forbidden: 403,
  feature_disabled: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  not_linked: 404,
};

export function apiErrorFromProblem(problem: Problem, locale: Locale): ApiError {
  const details = problem.fields
    ? Object.fromEntries(
        Object.entries(problem.fields).map(([f, m]) => [f, translate(locale, m.message, m.params)]),
      )
    : undefined;
  return new ApiError(
    STATUS_BY_PROBLEM[problem.code],
    problem.code,
    translate(locale, problem.message, problem.params),
    details,
  );
}

/** zod at the edge: a bad body or query becomes 400 `invalid_request` with one entry per field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ApiError(
    400,
    'invalid_request',
    `The request ${where} is not valid: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
    details,
  );
}
