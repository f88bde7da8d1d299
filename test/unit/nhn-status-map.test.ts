import { describe, expect, it } from '@jest/globals';
import type { SmsErrorCode } from '../../src/integrations/nhn-sms/provider.js';
import {
  errorCodeOf,
  providerErrorMessage,
  recipientStatusOf,
  recipientStatusOfMessageStatus,
  resultCodeMeaning,
} from '../../src/integrations/nhn-sms/status-map.js';
import { formatKst, lenientInt, parseKst } from '../../src/integrations/nhn-sms/wire.js';

describe('NHN header codes → our error codes', () => {
  it.each([
    [-1000, 'invalid_credentials'],
    [-2001, 'no_recipients'],
    [-2014, 'empty_body'],
    [-2015, 'body_too_long'],
    [-2016, 'too_many_recipients'],
    [-2018, 'invalid_recipient'],
    [-2019, 'invalid_recipient'],
    [-2023, 'unencodable_characters'],
    [-2052, 'quota_exceeded'],
    [-2312, 'unregistered_sender'],
    [-2313, 'blocked_sender'],
    [-9996, 'invalid_request'],
    [-9997, 'invalid_request'],
  ])('%i → %s', (nhn, ours) => {
    expect(errorCodeOf(nhn)).toBe(ours);
  });

  it('an NHN code we do not know is an invalid request, not a success', () => {
    expect(errorCodeOf(-2099)).toBe('invalid_request');
  });
});

describe('msgStatus → recipient status', () => {
  it.each([
    ['0', '3006', 'failed'],
    ['1', null, 'pending'],
    ['2', null, 'pending'],
    ['3', '1000', 'success'],
    ['3', '3006', 'failed'],
    ['4', null, 'cancelled'],
    ['5', null, 'failed'],
    ['6', null, 'failed'],
    ['7', null, 'pending'],
    // /message-results rows have no msgStatus: the delivery code decides.
    [null, '1000', 'success'],
    [null, '2000', 'failed'],
    [null, 'E915', 'failed'],
    [null, null, 'pending'],
  ] as const)('msgStatus %s with result %s → %s', (msgStatus, resultCode, status) => {
    expect(recipientStatusOf(msgStatus, resultCode)).toBe(status);
  });

  it('webhook messageStatus', () => {
    expect(recipientStatusOfMessageStatus('COMPLETED', '1000')).toBe('success');
    expect(recipientStatusOfMessageStatus('FAILED', '3006')).toBe('failed');
    expect(recipientStatusOfMessageStatus('DUPLICATED', null)).toBe('failed');
    expect(recipientStatusOfMessageStatus('FAILED_AD', null)).toBe('failed');
    expect(recipientStatusOfMessageStatus('CANCEL', null)).toBe('cancelled');
    expect(recipientStatusOfMessageStatus('RESERVED', null)).toBe('pending');
  });
});

describe('delivery result code meanings (history screen)', () => {
  it('names the codes people see most, in Korean and English', () => {
    expect(resultCodeMeaning('1000')).toEqual({ ko: '성공', en: 'Delivered' });
    expect(resultCodeMeaning(2000)).toEqual({ ko: '전송 시간 초과', en: 'Delivery timed out' });
    expect(resultCodeMeaning('3006')).toEqual({ ko: '수신 거부', en: 'Refused by the recipient' });
    expect(resultCodeMeaning('3012')?.en).toBe('Blocked as spam');
    expect(resultCodeMeaning('e915')).toEqual({ ko: '중복 메시지', en: 'Duplicate message' });
  });

  it('gives the family meaning of a code not in the table, and nothing for no code', () => {
    expect(resultCodeMeaning('3099')).toEqual({ ko: '전달할 수 없음', en: 'Undeliverable' });
    expect(resultCodeMeaning('E942')?.en).toBe('NHN Cloud sending error');
    expect(resultCodeMeaning(null)).toBeNull();
    expect(resultCodeMeaning('')).toBeNull();
  });
});

describe('provider error messages', () => {
  const codes: SmsErrorCode[] = [
    'invalid_credentials',
    'unregistered_sender',
    'blocked_sender',
    'too_many_recipients',
    'invalid_recipient',
    'no_recipients',
    'unencodable_characters',
    'body_too_long',
    'empty_body',
    'quota_exceeded',
    'invalid_request',
    'provider_unavailable',
    'timeout',
    'network',
    'unknown',
  ];

  it('every code has a Korean and an English sentence, all different', () => {
    const ko = codes.map((c) => providerErrorMessage(c, 'ko'));
    const en = codes.map((c) => providerErrorMessage(c, 'en'));
    for (const text of [...ko, ...en]) expect(text.length).toBeGreaterThan(5);
    expect(new Set(ko).size).toBe(codes.length);
    expect(new Set(en).size).toBe(codes.length);
    expect(providerErrorMessage('unregistered_sender', 'ko')).toContain('발신번호');
  });
});

describe('wire helpers', () => {
  it('numbers arrive as numbers or digit strings', () => {
    expect(lenientInt.parse(1000)).toBe(1000);
    expect(lenientInt.parse('-2016')).toBe(-2016);
    expect(lenientInt.safeParse('12a').success).toBe(false);
  });

  it('dates are Korea time both ways', () => {
    expect(formatKst(new Date('2026-03-01T15:04:05Z'))).toBe('2026-03-02 00:04:05');
    expect(formatKst(new Date('2026-03-01T15:04:05Z'), false)).toBe('2026-03-02 00:04');
    expect(parseKst('2018-08-10 10:06:42.0')?.toISOString()).toBe('2018-08-10T01:06:42.000Z');
    expect(parseKst('2024-04-29T20:58:04')?.toISOString()).toBe('2024-04-29T11:58:04.000Z');
    expect(parseKst('2020-09-09T11:25:10.000+09:00')?.toISOString()).toBe('2020-09-09T02:25:10.000Z');
    expect(parseKst('yesterday')).toBeNull();
  });
});
