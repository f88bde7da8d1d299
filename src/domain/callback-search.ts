/**
 * Searching callbacks (`/callback list <words>`, `GET /api/v1/callbacks?q=`): by any part of the phone number or
 * by the customer's name. Pure: the store turns the result into a filter both MongoDB and FerretDB v1 run
 * (`$regex` on one field; docs/operations.md).
 */

/** Longer searches are refused: nobody types more than a name or a number, and a regex stays cheap. */
export const CALLBACK_SEARCH_MAX_LENGTH = 50;

export type CallbackSearch =
  /** Any part of the stored number (digits only): `1234`, `010-1234` and `5678` all find 010-1234-5678. */
  | { kind: 'phone'; digits: string }
  /** Any part of the customer name, ignoring case. */
  | { kind: 'name'; text: string };

/**
 * What a search text means: with any digit in it, a part of the phone number (spaces, hyphens and brackets
 * dropped); otherwise a part of the name. Empty → no search.
 */
export function parseCallbackSearch(
  raw: string | undefined,
): { ok: true; search: CallbackSearch | undefined } | { ok: false; problem: 'tooLong' } {
  const text = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: true, search: undefined };
  if (text.length > CALLBACK_SEARCH_MAX_LENGTH) return { ok: false, problem: 'tooLong' };
  const digits = text.replace(/\D/g, '');
  return { ok: true, search: digits ? { kind: 'phone', digits } : { kind: 'name', text } };
}

/** The text as a regular expression that matches it literally (a name may hold `.`, `(`, `*`, …). */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
