import type { Locale } from '../domain/service-settings.js';
import { messages, type MessageKey } from './messages.js';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template: string = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The language a person reads: their own chat locale when we know it and support it, else the service default.
 * Slack locales look like `ko-KR` / `en-US`; Teams like `ko-kr`.
 */
export function pickLocale(personLocale: string | undefined, serviceDefault: Locale | undefined): Locale {
  const lang = personLocale?.slice(0, 2).toLowerCase();
  if (lang === 'ko' || lang === 'en') return lang;
  return serviceDefault ?? 'ko';
}

/** From an HTTP `Accept-Language` header: the first of ko/en it names, English otherwise (integrators' default). */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  for (const part of (header ?? '').split(',')) {
    const lang = part.trim().slice(0, 2).toLowerCase();
    if (lang === 'ko' || lang === 'en') return lang;
  }
  return 'en';
}
