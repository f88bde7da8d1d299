import { invalidAllowlistEntries, isAddressAllowed } from '../domain/ip-allowlist.js';
import type { ApiKeyDoc } from '../store/api-keys.js';
import type { Store } from '../store/index.js';
import type { ServiceDoc } from '../store/services.js';
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

/** Every `/api/v1` request: bearer key → the service it belongs to, if the caller's address is allowed. */
export async function authenticateApiKey(
  store: Store,
  key: string | undefined,
  remoteAddress: string,
): Promise<{ ok: true; service: ServiceDoc; apiKey: ApiKeyDoc } | { ok: false; reason: ApiKeyRejection }> {
  if (!key) return { ok: false, reason: 'missing' };
  const apiKey = await store.apiKeys.findActiveByKey(key);
  if (!apiKey) return { ok: false, reason: 'unknown' };
  if (!isAddressAllowed(apiKey.allowedIps, remoteAddress)) return { ok: false, reason: 'ip_not_allowed' };
  const service = await store.services.get(apiKey.serviceId);
  if (!service) return { ok: false, reason: 'unknown' };
  void store.apiKeys.touch(apiKey._id).catch(() => undefined);
  return { ok: true, service, apiKey };
}
