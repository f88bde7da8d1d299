import { describe, expect, it } from '@jest/globals';
import { invalidAllowlistEntries, isAddressAllowed } from '../../src/domain/ip-allowlist.js';

describe('API key IP allow-lists', () => {
  it('an empty list allows everyone', () => {
    expect(isAddressAllowed([], '198.51.100.1')).toBe(true);
  });
  it.each([
    [['203.0.113.0/24'], '203.0.113.77', true],
    [['203.0.113.0/24'], '203.0.114.1', false],
    [['198.51.100.7'], '198.51.100.7', true],
    [['198.51.100.7'], '::ffff:198.51.100.7', true],
    [['2001:db8::/32'], '2001:db8::1', true],
    [['2001:db8::/32'], '2001:db9::1', false],
    [['::1'], '::1', true],
  ])('%j allows %s: %s', (list, address, allowed) => {
    expect(isAddressAllowed(list, address)).toBe(allowed);
  });
  it('names every invalid entry', () => {
    expect(
      invalidAllowlistEntries([
        '10.0.0.0/8',
        '10.0.0.0/33',
        'example.com',
        '1.2.3.4/x',
        '::1/129',
        '1.2.3.4/8/9',
      ]),
    ).toEqual(['10.0.0.0/33', 'example.com', '1.2.3.4/x', '::1/129', '1.2.3.4/8/9']);
  });
});
