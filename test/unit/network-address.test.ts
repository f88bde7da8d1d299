import { describe, expect, it } from '@jest/globals';
import {
  isMetadataHostName,
  NO_ALLOWED_NETWORKS,
  parseAllowedNetworks,
  refuseWebhookAddress,
} from '../../src/domain/network-address.js';

/** The address rules for outgoing webhooks (server-side request forgery): which addresses are not the Internet. */
describe('refuseWebhookAddress', () => {
  it.each([
    ['127.0.0.1'],
    ['127.255.255.254'],
    ['0.0.0.0'],
    ['0.1.2.3'],
    ['10.0.0.1'],
    ['100.64.0.1'],
    ['100.127.255.255'],
    ['172.16.0.1'],
    ['172.31.255.255'],
    ['192.168.1.1'],
    ['169.254.1.1'],
    ['192.0.0.8'],
    ['192.0.2.1'],
    ['198.18.0.1'],
    ['198.51.100.1'],
    ['203.0.113.1'],
    ['224.0.0.251'],
    ['239.255.255.250'],
    ['240.0.0.1'],
    ['255.255.255.255'],
    ['::'],
    ['::1'],
    ['[::1]'],
    ['::ffff:127.0.0.1'],
    ['::ffff:7f00:1'],
    ['::ffff:10.0.0.1'],
    ['::ffff:c0a8:101'],
    ['::7f00:1'],
    ['64:ff9b::a00:1'],
    ['2001:db8::1'],
    ['2002:7f00:1::'],
    ['fc00::1'],
    ['fd12:3456::1'],
    ['fe80::1'],
    ['fec0::1'],
    ['ff02::1'],
  ])('%s is not public', (address) => {
    expect(refuseWebhookAddress(address, NO_ALLOWED_NETWORKS)).toBe('non_public');
  });

  it.each([['169.254.169.254'], ['::ffff:169.254.169.254'], ['100.100.100.200'], ['fd00:ec2::254']])(
    '%s is a cloud metadata service',
    (address) => {
      expect(refuseWebhookAddress(address, NO_ALLOWED_NETWORKS)).toBe('metadata');
    },
  );

  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['9.255.255.255'],
    ['11.0.0.0'],
    ['100.63.255.255'],
    ['100.128.0.0'],
    ['172.15.255.255'],
    ['172.32.0.0'],
    ['192.167.255.255'],
    ['192.169.0.0'],
    ['223.255.255.255'],
    ['::ffff:8.8.8.8'],
    ['2606:4700:4700::1111'],
    ['2a00:1450:4001:80b::200e'],
  ])('%s is public', (address) => {
    expect(refuseWebhookAddress(address, NO_ALLOWED_NETWORKS)).toBeUndefined();
  });

  it('refuses what is not an address at all (names are resolved first)', () => {
    expect(refuseWebhookAddress('localhost', NO_ALLOWED_NETWORKS)).toBe('not_an_address');
    expect(refuseWebhookAddress('0x7f000001', NO_ALLOWED_NETWORKS)).toBe('not_an_address');
  });

  it('lets through the networks an operator allows, IPv4-mapped forms included, but never metadata', () => {
    const { networks, invalid } = parseAllowedNetworks(
      ' 10.20.0.0/16 , 127.0.0.1, fd12::/64, 169.254.0.0/16 ',
    );
    expect(invalid).toEqual([]);
    expect(networks.entries).toEqual(['10.20.0.0/16', '127.0.0.1', 'fd12::/64', '169.254.0.0/16']);
    for (const address of ['10.20.3.4', '127.0.0.1', '::ffff:127.0.0.1', 'fd12::9', '169.254.1.1'])
      expect([address, refuseWebhookAddress(address, networks)]).toEqual([address, undefined]);
    for (const address of ['10.21.0.1', '127.0.0.2', '::1', 'fd13::1'])
      expect([address, refuseWebhookAddress(address, networks)]).toEqual([address, 'non_public']);
    expect(refuseWebhookAddress('169.254.169.254', networks)).toBe('metadata');
  });

  it('names the list entries it cannot read', () => {
    expect(parseAllowedNetworks('10.0.0.0/8,lan,1.2.3.4/33,::1/129,10.0.0.0/8/1,1.2.3.4/x').invalid).toEqual([
      'lan',
      '1.2.3.4/33',
      '::1/129',
      '10.0.0.0/8/1',
      '1.2.3.4/x',
    ]);
    expect(parseAllowedNetworks(undefined).networks.includes('127.0.0.1')).toBe(false);
  });
});

describe('isMetadataHostName', () => {
  it('knows the metadata names of the big clouds, in any case and with a root dot', () => {
    for (const name of ['metadata.google.internal', 'METADATA.google.internal.', 'metadata', 'instance-data'])
      expect([name, isMetadataHostName(name)]).toEqual([name, true]);
    expect(isMetadataHostName('metadata.example.com')).toBe(false);
  });
});
