import { BlockList, isIP } from 'node:net';

/**
 * Which addresses an outgoing webhook may reach. A service admin chooses the webhook URLs, and anyone can create a
 * service and become its admin, so without these rules a URL could make the server call into its own host, its
 * private network or the cloud's metadata service (server-side request forgery). Pure: addresses in, verdicts out;
 * resolving names is the caller's job (integrations/webhooks.ts).
 */

/**
 * Every range that is not the public Internet: this host, private and shared networks, link-local, documentation,
 * benchmarking, multicast and reserved space. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) are matched against
 * the IPv4 rules by `BlockList` itself.
 */
const NON_PUBLIC_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (shared address space; Alibaba's metadata service lives here)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (AWS, Azure, GCP and Oracle metadata at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

const NON_PUBLIC_IPV6: readonly (readonly [string, number])[] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated; `::127.0.0.1`)
  ['64:ff9b::', 96], // NAT64: would reach whatever IPv4 address is embedded
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique-local (AWS metadata at fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const nonPublic = new BlockList();
for (const [address, prefix] of NON_PUBLIC_IPV4) nonPublic.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of NON_PUBLIC_IPV6) nonPublic.addSubnet(address, prefix, 'ipv6');

/**
 * Cloud metadata services hand out credentials. They stay refused even inside a range the operator allows: a PBX
 * on the LAN is a reason to allow 10.0.0.0/8, never to let a service admin read the server's cloud identity.
 */
const METADATA_ADDRESSES = new BlockList();
for (const address of ['169.254.169.254', '169.254.170.2', '169.254.169.123', '100.100.100.200'])
  METADATA_ADDRESSES.addAddress(address, 'ipv4');
for (const address of ['fd00:ec2::254', 'fd00:ec2::23']) METADATA_ADDRESSES.addAddress(address, 'ipv6');

const METADATA_HOST_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** The host of a URL as the resolver and `isIP` want it: no IPv6 brackets, no trailing root dot, lower case. */
export function bareHost(hostname: string): string {
  const unbracketed = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return unbracketed.replace(/\.$/, '').toLowerCase();
}

/** A name that reaches a cloud metadata service on the machine's own network. */
export function isMetadataHostName(hostname: string): boolean {
  return METADATA_HOST_NAMES.has(bareHost(hostname));
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** The ranges an operator allows webhooks to reach although they are not public (`WEBHOOK_ALLOW_PRIVATE_NETWORKS`). */
export interface AllowedNetworks {
  readonly entries: readonly string[];
  includes(address: string): boolean;
}

/**
 * Reads a comma-separated list of addresses and CIDR ranges (`10.1.2.0/24, 192.168.0.10, fd12::/64`). Entries it
 * cannot read come back in `invalid`, so configuration can name them.
 */
export function parseAllowedNetworks(text: string | undefined): {
  networks: AllowedNetworks;
  invalid: string[];
} {
  const list = new BlockList();
  const entries: string[] = [];
  const invalid: string[] = [];
  for (const entry of (text ?? '').split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const [address = '', prefixText, extra] = entry.split('/');
    const family = familyOf(address);
    const maxPrefix = family === 'ipv4' ? 32 : 128;
    const prefix =
      prefixText === undefined ? maxPrefix : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!family || extra !== undefined || !(prefix >= 0 && prefix <= maxPrefix)) {
      invalid.push(entry);
      continue;
    }
    list.addSubnet(address, prefix, family);
    entries.push(entry);
  }
  return {
    networks: {
      entries,
      includes: (address) => {
        const family = familyOf(address);
        return entries.length > 0 && family !== undefined && list.check(address, family);
      },
    },
    invalid,
  };
}

export const NO_ALLOWED_NETWORKS: AllowedNetworks = parseAllowedNetworks('').networks;

/** Why an address is refused as a webhook target; `undefined` when it may be called. */
export type AddressRefusal = 'not_an_address' | 'metadata' | 'non_public';

export function refuseWebhookAddress(address: string, allowed: AllowedNetworks): AddressRefusal | undefined {
  const bare = bareHost(address);
  const family = familyOf(bare);
  if (!family) return 'not_an_address';
  if (METADATA_ADDRESSES.check(bare, family)) return 'metadata';
  if (nonPublic.check(bare, family) && !allowed.includes(bare)) return 'non_public';
  return undefined;
}
