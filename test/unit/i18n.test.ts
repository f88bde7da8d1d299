import { describe, expect, it } from '@jest/globals';
import { localeFromAcceptLanguage, pickLocale, translate } from '../../src/i18n/index.js';
import { messageParts, messages, type MessageKey } from '../../src/i18n/messages.js';

describe('i18n', () => {
  it.each(Object.keys(messages) as MessageKey[])(
    '%s has Korean and English with the same placeholders',
    (key) => {
      const { ko, en } = messages[key];
      expect(ko.trim()).not.toBe('');
      expect(en.trim()).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ko)).toEqual(names(en));
    },
  );

  it('no feature file reuses another one’s key (a spread would silently replace it)', () => {
    const total = messageParts.reduce((n, part) => n + Object.keys(part).length, 0);
    expect(Object.keys(messages)).toHaveLength(total);
  });

  it('fills placeholders', () => {
    expect(translate('en', 'members.saved', { name: '김민지', role: 'Admin' })).toBe(
      'Saved 김민지 as Admin.',
    );
  });

  it('the person’s chat locale wins over the service default', () => {
    expect(pickLocale('en-US', 'ko')).toBe('en');
    expect(pickLocale('ko-KR', 'en')).toBe('ko');
    expect(pickLocale('ja-JP', 'en')).toBe('en');
    expect(pickLocale(undefined, undefined)).toBe('ko');
    expect(localeFromAcceptLanguage('fr, ko;q=0.8')).toBe('ko');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });
});
