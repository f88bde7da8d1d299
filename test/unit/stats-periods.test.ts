import { describe, expect, it } from '@jest/globals';
import { dayRangeIn, parseRangeWord, startOfDay } from '../../src/domain/callback-ranges.js';
import { defaultStatsRange, periodOf, periodsBetween } from '../../src/domain/stats-periods.js';

describe('days of the processing status start at the service’s day start', () => {
  it('a day starting at 06:00 Seoul time is 21:00 UTC the day before', () => {
    expect(startOfDay('2026-10-01', 'Asia/Seoul', '06:00').toISOString()).toBe('2026-09-30T21:00:00.000Z');
    expect(startOfDay('2026-10-01', 'Asia/Seoul').toISOString()).toBe('2026-09-30T15:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/New_York', '06:00').toISOString()).toBe(
      '2026-03-08T10:00:00.000Z',
    );
    expect(startOfDay('2026-01-01', 'Pacific/Kiritimati', '23:30').toISOString()).toBe(
      '2026-01-01T09:30:00.000Z',
    );
  });

  it('a range of days runs from the first day’s start to the start of the day after the last', () => {
    const range = dayRangeIn('Asia/Seoul', '2026-09-01', '2026-09-30', '06:00');
    expect(range.ok && [range.from?.toISOString(), range.to?.toISOString()]).toEqual([
      '2026-08-31T21:00:00.000Z',
      '2026-09-30T21:00:00.000Z',
    ]);
  });

  it('today is the business day: 05:59 is still yesterday', () => {
    const at = new Date('2026-11-01T20:59:00Z'); // 2026-11-02 05:59 in Seoul
    const days = (word: string) => {
      const range = parseRangeWord(word, 'Asia/Seoul', at, '06:00');
      return range?.ok ? [range.fromDay, range.toDay] : range;
    };
    expect(days('today')).toEqual(['2026-11-01', '2026-11-01']);
    expect(days('2026-10')).toEqual(['2026-10-01', '2026-10-31']);
    expect(days('2026-09..2026-10')).toEqual(['2026-09-01', '2026-10-31']);
    // The month under way ends today.
    expect(days('2026-10..2026-11')).toEqual(['2026-10-01', '2026-11-01']);
    expect(days('2026-12')).toEqual({ ok: false, error: '2026-12 has not begun' });
    expect(days('2026-13')).toEqual({ ok: false, error: '2026-13 is not a month (YYYY-MM)' });
    expect(days('2026-11..2026-10')).toEqual({ ok: false, error: '2026-11 is after 2026-10' });
  });
});

describe('periods', () => {
  it('a day, its week’s Monday, its calendar month', () => {
    expect(periodOf('2026-10-01', 'day')).toBe('2026-10-01');
    expect(periodOf('2026-10-04', 'week')).toBe('2026-09-28'); // a Sunday
    expect(periodOf('2026-09-28', 'week')).toBe('2026-09-28'); // a Monday
    expect(periodOf('2026-10-31', 'month')).toBe('2026-10');
  });

  it('every period between two days, empty ones included, across a year', () => {
    expect(periodsBetween('2026-12-30', '2027-01-02', 'day')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(periodsBetween('2026-12-30', '2027-01-12', 'week')).toEqual([
      '2026-12-28',
      '2027-01-04',
      '2027-01-11',
    ]);
    expect(periodsBetween('2026-11-15', '2027-02-01', 'month')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });

  it('defaults: 7 days, 4 weeks from a Monday, 3 calendar months from the 1st; each up to today', () => {
    const at = new Date('2027-01-06T03:00:00Z'); // Wednesday 2027-01-06 12:00 in Seoul
    const days = (granularity: 'day' | 'week' | 'month') => {
      const range = defaultStatsRange(granularity, 'Asia/Seoul', at, '06:00');
      return range.ok ? [range.fromDay, range.toDay] : range;
    };
    expect(days('day')).toEqual(['2026-12-31', '2027-01-06']);
    expect(days('week')).toEqual(['2026-12-14', '2027-01-06']);
    expect(days('month')).toEqual(['2026-11-01', '2027-01-06']);
  });
});
