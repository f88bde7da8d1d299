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

describe('API key IP allow-list entries, one rule at a time', () => {
  it('accepts addresses and ranges with blanks around them, and prefixes up to the family size', () => {
    expect(
      invalidAllowlistEntries([' 10.0.0.1 ', '10.0.0.0/0', '10.0.0.0/32', '2001:db8::/128', '::/0']),
    ).toEqual([]);
    expect(isAddressAllowed([' 10.0.0.1 '], '10.0.0.1')).toBe(true);
  });

  it('refuses an empty entry, an empty prefix, a prefix of four digits, and IPv6 prefixes past 128', () => {
    expect(
      invalidAllowlistEntries(['', '/8', '10.0.0.0/', '10.0.0.0/0008', '10.0.0.0/-1', '2001:db8::/129']),
    ).toEqual(['', '/8', '10.0.0.0/', '10.0.0.0/0008', '10.0.0.0/-1', '2001:db8::/129']);
  });

  it('/0 allows every address of its family, and only of its family', () => {
    expect(isAddressAllowed(['0.0.0.0/0'], '198.51.100.1')).toBe(true);
    expect(isAddressAllowed(['0.0.0.0/0'], '2001:db8::1')).toBe(false);
    expect(isAddressAllowed(['::/0'], '2001:db8::1')).toBe(true);
  });

  it('a prefix is a range, not just its first address', () => {
    expect(isAddressAllowed(['10.1.0.0/16'], '10.1.255.254')).toBe(true);
    expect(isAddressAllowed(['10.1.0.0/16'], '10.2.0.1')).toBe(false);
    expect(isAddressAllowed(['10.1.0.0'], '10.1.0.1')).toBe(false);
  });

  it('skips invalid entries of an old list but still applies the valid ones', () => {
    expect(isAddressAllowed(['intranet', '192.0.2.1'], '192.0.2.1')).toBe(true);
    expect(isAddressAllowed(['intranet'], '192.0.2.1')).toBe(false);
  });

  it('matches IPv6 clients as IPv6, and an IPv4-mapped address in either notation as its IPv4 address', () => {
    expect(isAddressAllowed(['2001:db8::1'], '2001:db8::1')).toBe(true);
    expect(isAddressAllowed(['192.0.2.1'], '::ffff:192.0.2.1')).toBe(true);
    expect(isAddressAllowed(['::ffff:0:0/96'], '::ffff:c000:201')).toBe(true);
    expect(isAddressAllowed(['192.0.2.1'], '::ffff:c000:201')).toBe(true);
    expect(isAddressAllowed(['192.0.2.1'], '::ffff:c000:202')).toBe(false);
  });
});
