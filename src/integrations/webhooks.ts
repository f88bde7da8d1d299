import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  bareHost,
  isMetadataHostName,
  NO_ALLOWED_NETWORKS,
  parseAllowedNetworks,
  refuseWebhookAddress,
  type AllowedNetworks,
} from '../domain/network-address.js';

/**
 * Outgoing JSON webhooks a service configures (click-to-dial on its CTI, its ticket system). The answer is a
 * value, never an exception: `timeout`, `status` (with the HTTP status), `network` (refused, DNS, TLS) or
 * `refused` (the target is not a public address and the operator did not allow its network). The details are for
 * the server log; a person is told only that the webhook failed, so the answers cannot be used to map a network.
 */
export type WebhookResult =
  | { ok: true; status: number }
  | { ok: false; reason: 'timeout' | 'network' | 'refused'; detail: string }
  | { ok: false; reason: 'status'; status: number; detail: string };

/** Why a URL may not be saved as a webhook. */
export type WebhookTargetProblem =
  | { problem: 'invalid_url' }
  | { problem: 'host_not_found'; host: string }
  | { problem: 'not_allowed'; host: string };

export interface WebhookClient {
  postJson(url: string, body: unknown, options?: { timeoutMs?: number }): Promise<WebhookResult>;
  /** At save time: resolves the host and says why the URL may not be used, or `undefined` when it may. */
  checkTarget(url: string): Promise<WebhookTargetProblem | undefined>;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
/** A name that does not resolve in this long is reported as not found rather than holding a Slack modal open. */
const SAVE_LOOKUP_TIMEOUT_MS = 2500;

interface WarnLog {
  warn(details: object, message: string): void;
}

/** Raised inside the connection's own lookup, so it ends the request before any socket is opened. */
class TargetRefusedError extends Error {
  readonly code = 'WEBHOOK_TARGET_REFUSED';
}

function refusalOf(host: string, allowed: AllowedNetworks): string | undefined {
  if (isMetadataHostName(host)) return `${host} is a cloud metadata host`;
  if (isIP(host) === 0) return undefined;
  const why = refuseWebhookAddress(host, allowed);
  return why && `${host} is not a public address (${why})`;
}

/**
 * The resolver every webhook connection uses: the addresses it returns are the ones the socket connects to, so a
 * name that resolved to a public address when it was saved (or a moment ago) cannot be re-pointed at a private
 * one in between (DNS rebinding). One refused address refuses the name, whichever one the socket would pick.
 */
function guardedLookup(allowed: AllowedNetworks, resolve: Resolver) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const named = refusalOf(bareHost(hostname), allowed);
    if (named) return callback(new TargetRefusedError(named), '');
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((a) => refuseWebhookAddress(a.address, allowed));
      if (refused)
        return callback(
          new TargetRefusedError(`${hostname} resolves to ${refused.address}, not a public address`),
          '',
        );
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** `dns.lookup` with `all: true`; tests pass one that answers differently from call to call (DNS rebinding). */
export type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, options, callback) => dnsLookup(hostname, options, callback);

function resolveAll(resolver: Resolver, host: string): Promise<LookupAddress[] | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), SAVE_LOOKUP_TIMEOUT_MS);
    resolver(host, { all: true }, (error, addresses) => {
      clearTimeout(timer);
      resolve(error || addresses.length === 0 ? undefined : addresses);
    });
  });
}

/**
 * The webhook client of a server. `allowedNetworks` are the operator's exceptions (`WEBHOOK_ALLOW_PRIVATE_NETWORKS`,
 * e.g. the PBX's LAN); `log` gets the low-level detail of every failure.
 */
export function createWebhookClient(
  options: { allowedNetworks?: AllowedNetworks | readonly string[]; log?: WarnLog; resolver?: Resolver } = {},
): WebhookClient {
  const allowed = Array.isArray(options.allowedNetworks)
    ? parseAllowedNetworks(options.allowedNetworks.join(',')).networks
    : ((options.allowedNetworks as AllowedNetworks | undefined) ?? NO_ALLOWED_NETWORKS);
  const resolver = options.resolver ?? systemResolver;
  const lookup = guardedLookup(allowed, resolver);
  // Keep-alive sockets are reused only for the host they were opened (and checked) for.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, lookup }),
    'https:': new https.Agent({ keepAlive: true, lookup }),
  };

  const failed = (target: URL | string, result: Exclude<WebhookResult, { ok: true }>) => {
    const where = typeof target === 'string' ? '(unparsable URL)' : `${target.origin}${target.pathname}`;
    options.log?.warn(
      { webhook: where, reason: result.reason, detail: result.detail },
      'outgoing webhook failed',
    );
    return result;
  };

  return {
    async checkTarget(url) {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return { problem: 'invalid_url' };
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return { problem: 'invalid_url' };
      // The URL parser has already turned 0x7f000001, 2130706433, 127.1 and 0177.0.0.1 into 127.0.0.1.
      const host = bareHost(target.hostname);
      if (refusalOf(host, allowed)) return { problem: 'not_allowed', host };
      if (isIP(host) !== 0) return undefined;
      const addresses = await resolveAll(resolver, host);
      if (!addresses) return { problem: 'host_not_found', host };
      return addresses.some((a) => refuseWebhookAddress(a.address, allowed))
        ? { problem: 'not_allowed', host }
        : undefined;
    },

    async postJson(url, body, postOptions = {}) {
      const timeoutMs = postOptions.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return failed(url, { ok: false, reason: 'refused', detail: 'not a URL' });
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        return failed(target, { ok: false, reason: 'refused', detail: `${target.protocol} is not http(s)` });
      // An address literal never reaches the lookup, so it is judged here.
      const refused = refusalOf(bareHost(target.hostname), allowed);
      if (refused) return failed(target, { ok: false, reason: 'refused', detail: refused });

      const payload = Buffer.from(JSON.stringify(body));
      const signal = AbortSignal.timeout(timeoutMs);
      const result = await new Promise<WebhookResult>((resolve) => {
        const onError = (error: Error) => {
          if (signal.aborted)
            return resolve({ ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` });
          if (error instanceof TargetRefusedError)
            return resolve({ ok: false, reason: 'refused', detail: error.message });
          const code = (error as { code?: string }).code;
          resolve({ ok: false, reason: 'network', detail: code ?? error.message });
        };
        const request = (target.protocol === 'https:' ? https : http).request(
          target,
          {
            method: 'POST',
            agent: agents[target.protocol as 'http:' | 'https:'],
            headers: {
              'content-type': 'application/json',
              'content-length': payload.length,
              'user-agent': 'Switchboard',
            },
            signal,
          },
          (response) => {
            // The body is not ours to read beyond a short excerpt for the log; drain it so the socket is reused.
            let excerpt = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => {
              if (excerpt.length < 200) excerpt = (excerpt + chunk).slice(0, 200);
            });
            response.on('error', onError);
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              resolve(
                status >= 200 && status < 300
                  ? { ok: true, status }
                  : { ok: false, reason: 'status', status, detail: excerpt },
              );
            });
          },
        );
        request.on('error', onError);
        request.end(payload);
      });
      return result.ok ? result : failed(target, result);
    },
  };
}

/** A client with no exceptions to the address rules and no log (scripts and benchmarks). */
export const fetchWebhookClient: WebhookClient = createWebhookClient();
