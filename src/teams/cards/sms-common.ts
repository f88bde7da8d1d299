import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { Problem } from '../../usecases/result.js';
import { textBlock, type CardElement } from './card.js';
import { cardSentence } from './card.js';

/** What the SMS cards share: translation to card markdown, inline errors, dates in the service's time zone. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const translatorFor =
  (locale: Locale): Translate =>
  (key, params) =>
    cardSentence(locale, key, params);

/** A field's problem, right under the field. */
export function fieldError(text: string): CardElement {
  return textBlock(`⚠️ ${text}`, { color: 'Attention', size: 'Small', spacing: 'None' });
}

/** A use case's problem, per field, in the person's words. */
export function fieldErrorsOf(locale: Locale, problem: Problem): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, said] of Object.entries(problem.fields ?? {}))
    errors[field] = translate(locale, said.message, said.params);
  return errors;
}

/** `12-03 14:30` in the service's time zone. */
export function monthDayTime(date: Date, timeZone: string, locale: Locale): string {
  return formatDateTime(date, timeZone, locale).slice(5);
}

/** A dialog's submit data: strings only (Teams sends inputs as strings). */
export function stringOf(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : '';
}
