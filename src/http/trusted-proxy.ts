import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/**
 * `TRUST_PROXY` as Fastify's `trustProxy`. Fastify's own reading does not fit a proxy in front of us: `true` trusts
 * every hop, so the client address is the leftmost `X-Forwarded-For` entry, which any client can write; and a
 * number trusts nothing at all (Fastify 5.12). We trust hops counted from our side instead, as Express does: `true`
 * is one proxy (the address our proxy appended, the rightmost entry), `N` is a chain of N proxies, and a list of
 * addresses or CIDR ranges trusts exactly those proxies (Fastify compiles it with proxy-addr).
 */
export function trustProxyOption(setting: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (setting === false) return false;
  if (setting === true) return trustHops(1);
  if (typeof setting === 'number') return setting > 0 ? trustHops(setting) : false;
  return setting;
}

/** proxy-addr asks hop by hop, from the socket's peer (hop 0) towards the client, until one is not trusted. */
function trustHops(count: number) {
  return (_address: string, hop: number) => hop < count;
}
