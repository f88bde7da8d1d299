import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  dayRangeIn,
  parseRangeWord,
  startOfDay,
  todayIn,
} from '../../src/domain/callback-ranges.js';

const iso = (date: Date | undefined) => date?.toISOString();

describe('calendar days in a time zone', () => {
  it.each([
    ['Asia/Seoul', '2026-11-22', '2026-11-21T15:00:00.000Z'],
    ['UTC', '2026-11-22', '2026-11-22T00:00:00.000Z'],
    ['America/New_York', '2026-11-22', '2026-11-22T05:00:00.000Z'],
    // The day daylight saving time starts: midnight is still EST.
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z'],
    ['America/New_York', '2026-03-09', '2026-03-09T04:00:00.000Z'],
    // Zones more than 12 hours from UTC, where noon UTC falls on another local day.
    ['Pacific/Kiritimati', '2026-11-22', '2026-11-21T10:00:00.000Z'],
    ['Pacific/Pago_Pago', '2026-11-22', '2026-11-22T11:00:00.000Z'],
  ])('in %s, %s starts at %s', (timeZone, day, start) => {
    expect(iso(startOfDay(day, timeZone))).toBe(start);
  });

  it('adds days across months and years, and back', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-22', 0)).toBe('2026-11-22');
    expect(addDays('2026-11-22', -30)).toBe('2026-10-23');
  });

  it("today is the zone's today, whatever the server's clock says", () => {
    const now = new Date('2026-11-21T15:30:00Z');
    expect(todayIn('Asia/Seoul', now)).toBe('2026-11-22');
    expect(todayIn('America/New_York', now)).toBe('2026-11-21');
  });
});

describe('day ranges', () => {
  it('turns inclusive days into instants from the first local midnight to the midnight after the last day', () => {
    expect(dayRangeIn('Asia/Seoul', '2026-11-01', '2026-11-30')).toEqual({
      ok: true,
      fromDay: '2026-11-01',
      toDay: '2026-11-30',
      from: new Date('2026-10-31T15:00:00Z'),
      to: new Date('2026-11-30T15:00:00Z'),
    });
  });

  it('leaves an end open when it is not given', () => {
    expect(dayRangeIn('UTC', '2026-11-01')).toEqual({
      ok: true,
      fromDay: '2026-11-01',
      toDay: undefined,
      from: new Date('2026-11-01T00:00:00Z'),
      to: undefined,
    });
    expect(dayRangeIn('UTC', undefined, '2026-11-01')).toMatchObject({
      ok: true,
      from: undefined,
      to: new Date('2026-11-02T00:00:00Z'),
    });
    expect(dayRangeIn('UTC')).toEqual({ ok: true });
  });

  it('allows a single day', () => {
    expect(dayRangeIn('UTC', '2026-11-01', '2026-11-01').ok).toBe(true);
  });

  it('refuses days that do not exist, other formats, and a reversed range', () => {
    expect(dayRangeIn('UTC', '2026-02-29')).toEqual({
      ok: false,
      error: '2026-02-29 is not a date (YYYY-MM-DD)',
    });
    expect(dayRangeIn('UTC', '2026-11-01', '2026-13-01')).toEqual({
      ok: false,
      error: '2026-13-01 is not a date (YYYY-MM-DD)',
    });
    expect(dayRangeIn('UTC', '2026-1-01').ok).toBe(false);
    expect(dayRangeIn('UTC', 'x2026-11-01').ok).toBe(false);
    expect(dayRangeIn('UTC', '2026-11-01x').ok).toBe(false);
    expect(dayRangeIn('UTC', '2026-11-02', '2026-11-01')).toEqual({
      ok: false,
      error: '2026-11-02 is after 2026-11-01',
    });
  });
});

describe('range words of /callback list and /callback stats', () => {
  const now = new Date('2026-11-21T15:30:00Z'); // 2026-11-22 00:30 in Seoul
  const days = (word: string) => {
    const range = parseRangeWord(word, 'Asia/Seoul', now);
    return range?.ok ? [range.fromDay, range.toDay] : range;
  };

  it("today is the service's today", () => {
    expect(days('today')).toEqual(['2026-11-22', '2026-11-22']);
    expect(days(' TODAY ')).toEqual(['2026-11-22', '2026-11-22']);
  });

  it('Nd is the N days ending today, 1 to 366', () => {
    expect(days('1d')).toEqual(['2026-11-22', '2026-11-22']);
    expect(days('7d')).toEqual(['2026-11-16', '2026-11-22']);
    expect(days('30D')).toEqual(['2026-10-24', '2026-11-22']);
    expect(days('366d')).toEqual(['2025-11-22', '2026-11-22']);
    expect(days('0d')).toEqual({ ok: false, error: '0d: 1d to 366d' });
    expect(days('367d')).toEqual({ ok: false, error: '367d: 1d to 366d' });
  });

  it('a day, or a span of days', () => {
    expect(days('2026-11-01')).toEqual(['2026-11-01', '2026-11-01']);
    expect(days('2026-11-01..2026-11-15')).toEqual(['2026-11-01', '2026-11-15']);
    expect(days('2026-11-31')).toEqual({ ok: false, error: '2026-11-31 is not a date (YYYY-MM-DD)' });
    expect(days('2026-11-15..2026-11-01')).toEqual({ ok: false, error: '2026-11-15 is after 2026-11-01' });
  });

  it('anything else is not a range word', () => {
    for (const word of [
      'yesterday',
      '1000d',
      'd',
      '7days',
      '2026-11-01..',
      '..2026-11-01',
      '2026-11-01...2026-11-02',
    ])
      expect(parseRangeWord(word, 'Asia/Seoul', now)).toBeUndefined();
  });
});
