import { describe, expect, it } from '@jest/globals';
import { wallClockParts } from '../../src/domain/wall-clock.js';
import { businessDayOf, businessDayStart } from '../../src/domain/wallboard/business-day.js';

describe('wall-clock parts', () => {
  it('reads the time an instant shows in a zone, midnight as hour 0', () => {
    const at = new Date('2026-11-21T15:04:05Z');
    expect(wallClockParts(at, 'Asia/Seoul')).toEqual({
      year: 2026,
      month: 11,
      day: 22,
      hour: 0,
      minute: 4,
      second: 5,
    });
    expect(wallClockParts(at.getTime(), 'America/New_York')).toEqual({
      year: 2026,
      month: 11,
      day: 21,
      hour: 10,
      minute: 4,
      second: 5,
    });
    // Same zone again (its formatter is kept): still right for another instant.
    expect(wallClockParts(new Date('2026-12-31T23:59:59Z'), 'Asia/Seoul')).toMatchObject({
      year: 2027,
      month: 1,
      day: 1,
      hour: 8,
    });
  });
});

describe('business day', () => {
  /** 2026-11-22 hh:mm in Seoul. */
  const kst = (h: number, m: number, s = 0) => new Date(Date.UTC(2026, 10, 22, h - 9, m, s));

  it('an instant before the day start belongs to the day before', () => {
    expect(businessDayOf(kst(6, 29, 59), 'Asia/Seoul', '06:30')).toBe('2026-11-21');
    expect(businessDayOf(kst(6, 30), 'Asia/Seoul', '06:30')).toBe('2026-11-22');
    expect(businessDayOf(kst(5, 31), 'Asia/Seoul', '06:30')).toBe('2026-11-21');
    expect(businessDayOf(kst(7, 0), 'Asia/Seoul', '06:30')).toBe('2026-11-22');
  });

  it('the same instant has a different day in another zone or with another day start', () => {
    const at = kst(3, 0); // 2026-11-21 13:00 in New York
    expect(businessDayOf(at, 'Asia/Seoul', '00:00')).toBe('2026-11-22');
    expect(businessDayOf(at, 'America/New_York', '00:00')).toBe('2026-11-21');
    expect(businessDayOf(at, 'Asia/Seoul', '04:00')).toBe('2026-11-21');
    expect(businessDayOf(at, 'Asia/Seoul', '00:00')).toBe('2026-11-22');
  });

  it('moves on at the next minute', () => {
    expect(businessDayOf(kst(5, 59, 59), 'Asia/Seoul', '06:00')).toBe('2026-11-21');
    expect(businessDayOf(kst(6, 0, 0), 'Asia/Seoul', '06:00')).toBe('2026-11-22');
  });

  it('starts at the day start, to the millisecond', () => {
    const start = kst(6, 30);
    expect(businessDayStart(kst(12, 0), 'Asia/Seoul', '06:30')).toEqual(start);
    expect(businessDayStart(start, 'Asia/Seoul', '06:30')).toEqual(start);
    expect(businessDayStart(new Date(start.getTime() + 1), 'Asia/Seoul', '06:30')).toEqual(start);
    expect(businessDayStart(new Date(start.getTime() - 1), 'Asia/Seoul', '06:30')).toEqual(
      new Date(start.getTime() - 86_400_000),
    );
  });

  it('finds the start of a day that is 23 hours long (daylight saving time begins)', () => {
    // 2026-03-08 in New York: 00:00 EST = 05:00 UTC; the next midnight is EDT (04:00 UTC).
    expect(
      businessDayStart(new Date('2026-03-09T03:59:00Z'), 'America/New_York', '00:00').toISOString(),
    ).toBe('2026-03-08T05:00:00.000Z');
  });
});
