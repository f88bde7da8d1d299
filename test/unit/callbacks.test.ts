import { describe, expect, it } from '@jest/globals';
import {
  CALLBACK_STATUSES,
  distributeEvenly,
  formatKoreanPhone,
  isOpen,
  median,
  normalizeCallbackPhone,
  OPEN_STATUSES,
  type AgentLoad,
  type CallbackStatus,
  TRANSITION_FROM,
  type CallbackTransition,
} from '../../src/domain/callbacks.js';

describe('callback states (docs/callbacks.md)', () => {
  it('open means unassigned or assigned', () => {
    expect(CALLBACK_STATUSES.filter(isOpen)).toEqual(['unassigned', 'assigned']);
    expect([...OPEN_STATUSES]).toEqual(['unassigned', 'assigned']);
  });

  /** Every transition from every state: the table of docs/callbacks.md, completed and cancelled final. */
  const ALLOWED: Record<CallbackTransition, CallbackStatus[]> = {
    assign: ['unassigned'],
    unassign: ['assigned'],
    complete: ['assigned'],
    cancel: ['unassigned', 'assigned'],
    logAttempt: ['assigned'],
  };
  const cases = Object.entries(ALLOWED).flatMap(([transition, from]) =>
    CALLBACK_STATUSES.map(
      (status) => [transition as CallbackTransition, status, from.includes(status)] as const,
    ),
  );
  it.each(cases)('%s from %s → %s', (transition, status, allowed) => {
    expect(TRANSITION_FROM[transition].includes(status)).toBe(allowed);
  });
});

describe('callback phone numbers', () => {
  const accepted = (input: string) => {
    const result = normalizeCallbackPhone(input);
    if (!result.ok) throw new Error(`${input} refused: ${result.problem}`);
    return result.phone;
  };
  const problem = (input: string) => {
    const result = normalizeCallbackPhone(input);
    return result.ok ? `accepted as ${result.phone}` : result.problem;
  };

  it('keeps the digits, tolerating spaces, hyphens, dots and brackets', () => {
    expect(accepted('010-1234-5678')).toBe('01012345678');
    expect(accepted(' (02) 123.4567 ')).toBe('021234567');
    expect(accepted('031 123 4567')).toBe('0311234567');
  });

  it('turns the Korean +82 prefix into the domestic 0, with or without the trunk 0 written', () => {
    expect(accepted('+82 10-1234-5678')).toBe('01012345678');
    expect(accepted('+82 (0)10 1234 5678')).toBe('01012345678');
    expect(accepted('+82-2-123-4567')).toBe('021234567');
  });

  it('keeps other international numbers as their digits', () => {
    expect(accepted('+1 415 555 0100')).toBe('14155550100');
    // Without the +, 82 is not a country code but the first digits of the number.
    expect(accepted('821012345678')).toBe('821012345678');
  });

  it('accepts 9 to 13 digits, both ends included', () => {
    expect(problem('12345678')).toBe('wrongLength'); // 8
    expect(accepted('123456789')).toBe('123456789'); // 9: 02-123-4567
    expect(accepted('1234567890123')).toBe('1234567890123'); // 13: the longest international form
    expect(problem('12345678901234')).toBe('wrongLength'); // 14
    expect(accepted('+44 20 7946 09581')).toBe('4420794609581'); // 13 with a +
    expect(problem('+44 20 7946 095812')).toBe('wrongLength'); // 14 with a +
  });

  it('refuses empty input and anything but digits and separators', () => {
    expect(problem('')).toBe('empty');
    expect(problem('   ')).toBe('empty');
    expect(problem('010-1234-567O')).toBe('invalidCharacters');
    expect(problem('call 01012345678')).toBe('invalidCharacters');
    expect(problem('01012345678 ext')).toBe('invalidCharacters');
    expect(problem('010+1234+5678')).toBe('invalidCharacters'); // + only leads
    expect(problem('++821012345678')).toBe('invalidCharacters');
    expect(problem('010/1234/5678')).toBe('invalidCharacters');
    expect(problem('( )')).toBe('wrongLength');
  });
});

describe('Korean display format', () => {
  it.each([
    ['021234567', '02-123-4567'],
    ['0212345678', '02-1234-5678'],
    ['0311234567', '031-123-4567'],
    ['03112345678', '031-1234-5678'],
    ['0641234567', '064-123-4567'],
    ['0101234567', '010-123-4567'],
    ['01012345678', '010-1234-5678'],
    ['07012345678', '070-1234-5678'],
    ['05051234567', '0505-123-4567'],
    ['050412345678', '0504-1234-5678'],
    ['15881234', '1588-1234'],
    ['19991234', '1999-1234'],
  ])('%s → %s', (digits, shown) => {
    expect(formatKoreanPhone(digits)).toBe(shown);
  });

  it.each([
    ['02123456', 'Seoul, too short'],
    ['02123456789', 'Seoul, too long'],
    ['031123456', 'area code, too short'],
    ['031123456789', 'area code, too long'],
    ['0711234567', 'no such area code'],
    ['0801234567', 'no such prefix'],
    ['0505123456', '050x, too short'],
    ['158812345', 'nationwide number, too long'],
    ['14881234', 'nationwide numbers start 15–19'],
    ['1234567890123', 'international'],
    ['010-1234-5678', 'not digits only'],
    ['', 'empty'],
  ])('%s (%s) is shown as stored', (digits) => {
    expect(formatKoreanPhone(digits)).toBe(digits);
  });
});

describe('distribute evenly', () => {
  const agent = (id: string, name: string, open: number): AgentLoad => ({ id, name, open });
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i + 1}`);
  const asObject = (deal: Map<string, string[]>) => Object.fromEntries(deal);

  it('deals oldest first, round-robin, starting with the agent with the fewest open callbacks', () => {
    const deal = distributeEvenly(ids(7), [agent('a', '가', 3), agent('b', '나', 0), agent('c', '다', 1)]);
    expect(asObject(deal)).toEqual({ b: ['c1', 'c4', 'c7'], c: ['c2', 'c5'], a: ['c3', 'c6'] });
  });

  it('breaks equal loads by name (Korean order), then by id', () => {
    const agents = [
      agent('x9', '하늘', 2),
      agent('x2', '가람', 2),
      agent('x3', '나래', 2),
      agent('x1', '가람', 2),
    ];
    const deal = distributeEvenly(ids(4), agents);
    expect([...deal.keys()]).toEqual(['x1', 'x2', 'x3', 'x9']);
    expect(asObject(deal)).toEqual({ x1: ['c1'], x2: ['c2'], x3: ['c3'], x9: ['c4'] });
  });

  it('gives the extra callbacks of an uneven batch to the least loaded, whatever the input order', () => {
    const agents = [agent('m1', 'Mina', 5), agent('j1', 'Jun', 2), agent('s1', 'Sora', 2)];
    for (const order of [agents, [...agents].reverse()]) {
      const deal = distributeEvenly(ids(2), order);
      expect(asObject(deal)).toEqual({ j1: ['c1'], s1: ['c2'], m1: [] });
    }
  });

  it("keeps each agent's share within one of the others' for any batch", () => {
    const agents = [agent('a', 'A', 4), agent('b', 'B', 0), agent('c', 'C', 9)];
    for (let n = 0; n <= 10; n++) {
      const sizes = [...distributeEvenly(ids(n), agents).values()].map((dealt) => dealt.length);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(n);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('deals nothing to nobody', () => {
    expect(distributeEvenly(ids(3), []).size).toBe(0);
    expect(asObject(distributeEvenly([], [agent('a', 'A', 0)]))).toEqual({ a: [] });
  });
});

describe('median', () => {
  it('is undefined for no values', () => {
    expect(median([])).toBeUndefined();
  });
  it('is the middle value of an odd count, in numeric order', () => {
    expect(median([7])).toBe(7);
    expect(median([100, 9, 10])).toBe(10);
    expect(median([3, -1, 2, 50, 1])).toBe(2);
  });
  it('is the mean of the two middle values of an even count', () => {
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([100, 9])).toBe(54.5);
  });
  it('leaves its input as it was', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
