import { invalidAllowlistEntries, isAddressAllowed } from '../domain/ip-allowlist.js';
import { hashApiKey, type ApiKeyDoc } from '../domain/api-keys.js';
import type { Store } from '../store/index.js';
import type { ServiceDoc } from '../domain/services.js';
import { actorLabel, actorSurface, refusal, type Actor } from './actor.js';
import { fail, ok, type Result } from './result.js';

/** `/switchboard apikey create`: returns the plain key, which is shown once and never stored. */
export async function createApiKey(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  input: { name?: string; allowedIps?: string[] },
): Promise<Result<{ key: string; apiKey: ApiKeyDoc }>> {
  const refused = refusal(actor, 'service.manageApiKeys');
  if (refused) return fail(refused);
  const service = await store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });
  const allowedIps = (input.allowedIps ?? []).map((s) => s.trim()).filter(Boolean);
  const invalid = invalidAllowlistEntries(allowedIps);
  if (invalid.length > 0) {
    const params = { entries: invalid.join(', ') };
    return fail({
      code: 'invalid_input',
      message: 'apikey.invalidIps',
      params,
      fields: { allowedIps: { message: 'apikey.invalidIps', params } },
    });
  }
  const name = input.name?.trim().slice(0, 80) || `key ${new Date().toISOString().slice(0, 10)}`;
  const { doc, key } = await store.apiKeys.create({
    serviceId,
    name,
    allowedIps,
    createdBy: actorLabel(actor),
  });
  await store.audit.append({
    serviceId,
    surface: actorSurface(actor),
    actor: actorLabel(actor),
    action: 'apikey.created',
    target: doc._id,
    details: { name, allowedIps },
  });
  return ok({ key, apiKey: doc });
}

export async function revokeApiKey(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  keyId: string,
): Promise<Result<ApiKeyDoc>> {
  const refused = refusal(actor, 'service.manageApiKeys');
  if (refused) return fail(refused);
  const revoked = await store.apiKeys.revoke(serviceId, keyId);
  if (!revoked) return fail({ code: 'not_found', message: 'apikey.notFound', params: { id: keyId } });
  await store.audit.append({
    serviceId,
    surface: actorSurface(actor),
    actor: actorLabel(actor),
    action: 'apikey.revoked',
    target: keyId,
  });
  return ok(revoked);
}

export async function listApiKeys(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<ApiKeyDoc[]>> {
  const refused = refusal(actor, 'service.manageApiKeys');
  if (refused) return fail(refused);
  return ok(await store.apiKeys.listByService(serviceId));
}

export type ApiKeyRejection = 'missing' | 'unknown' | 'ip_not_allowed';

interface KnownKey {
  apiKey: ApiKeyDoc;
  service: ServiceDoc;
  /** The `apiAccess` change counter when this was read: any revocation or service change since makes it stale. */
  generation: number;
  touchedAt: number;
}

/** Per store (tests run several apps in one process). Bounded: a flood of distinct keys only empties it. */
const knownKeys = new WeakMap<Store, Map<string, KnownKey>>();
const KNOWN_KEYS_MAX = 1000;
const TOUCH_EVERY_MS = 60_000;

/**
 * Every `/api/v1` request: bearer key → the service it belongs to, if the caller's address is allowed. A key seen
 * before costs one read of a counter by `_id` instead of the key and service lookups (and a write), which matters
 * to a PBX posting events many times a second. Revocation stays immediate on every instance: revoking bumps the
 * counter before it is reported done.
 */
export async function authenticateApiKey(
  store: Store,
  key: string | undefined,
  remoteAddress: string,
): Promise<{ ok: true; service: ServiceDoc; apiKey: ApiKeyDoc } | { ok: false; reason: ApiKeyRejection }> {
  if (!key) return { ok: false, reason: 'missing' };
  let cache = knownKeys.get(store);
  if (!cache) knownKeys.set(store, (cache = new Map()));
  const hash = hashApiKey(key);
  const generation = await store.changes.read('apiAccess');
  let known = cache.get(hash);
  if (known?.generation !== generation) {
    cache.delete(hash);
    const apiKey = await store.apiKeys.findActiveByHash(hash);
    if (!apiKey) return { ok: false, reason: 'unknown' };
    const service = await store.services.get(apiKey.serviceId);
    if (!service) return { ok: false, reason: 'unknown' };
    if (cache.size >= KNOWN_KEYS_MAX) cache.clear();
    known = { apiKey, service, generation, touchedAt: 0 };
    cache.set(hash, known);
  }
  if (!isAddressAllowed(known.apiKey.allowedIps, remoteAddress))
    return { ok: false, reason: 'ip_not_allowed' };
  if (Date.now() - known.touchedAt >= TOUCH_EVERY_MS) {
    known.touchedAt = Date.now();
    void store.apiKeys.touch(known.apiKey._id).catch(() => undefined);
  }
  return { ok: true, service: known.service, apiKey: known.apiKey };
}
