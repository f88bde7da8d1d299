import { BlockList, isIP } from 'node:net';

/**
 * API keys may be limited to addresses or CIDR ranges (like the original product's Open API key).
 * An empty list allows every address.
 */
export function invalidAllowlistEntries(entries: string[]): string[] {
  return entries.filter((entry) => !parseEntry(entry));
}

function parseEntry(
  entry: string,
): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, prefixText, extra] = entry.trim().split('/');
  if (!address || extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, family };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family };
}

export function isAddressAllowed(entries: string[], remoteAddress: string): boolean {
  if (entries.length === 0) return true;
  // Node reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d.
  const address =
    remoteAddress.startsWith('::ffff:') && isIP(remoteAddress.slice(7)) === 4
      ? remoteAddress.slice(7)
      : remoteAddress;
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed) continue;
    if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return list.check(address, family);
}
