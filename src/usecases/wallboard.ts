import type { Store } from '../store/index.js';
import type { WallboardPin } from '../store/wallboard-pins.js';
import { actorLabel, refusal, type Actor } from './actor.js';
import { fail, ok, type Result } from './result.js';
import type { ServiceSnapshot, WallboardLive } from './wallboard-live.js';

/** `/wallboard`: the current figures, for any member of the service. */
export async function viewWallboard(
  deps: { store: Store; live: WallboardLive },
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<ServiceSnapshot>> {
  const refused = refusal(actor, 'wallboard.view');
  if (refused) return fail(refused);
  const service = await deps.store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });
  return ok(deps.live.snapshot(serviceId, service)!);
}

/** `/wallboard pin`, before the card is posted: admins only, and one live card per channel. */
export async function preparePin(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  channelId: string,
): Promise<Result<{ existing: WallboardPin | undefined }>> {
  const refused = refusal(actor, 'wallboard.pin');
  if (refused) return fail(refused);
  return ok({ existing: await store.wallboardPins.findActive(serviceId, channelId) });
}

/** `/wallboard pin`, after the card is posted: remembered so the refresh job (on any instance) keeps it current. */
export async function recordPin(
  store: Store,
  actor: Actor | undefined,
  pin: Omit<
    WallboardPin,
    '_id' | 'active' | 'lastHash' | 'lastUpdatedAt' | 'notBefore' | 'pinnedAt' | 'pinnedBy'
  >,
): Promise<Result<WallboardPin>> {
  const refused = refusal(actor, 'wallboard.pin');
  if (refused) return fail(refused);
  const doc = await store.wallboardPins.create({ ...pin, pinnedBy: actorLabel(actor) });
  await store.audit.append({
    serviceId: pin.serviceId,
    surface: 'slack',
    actor: actorLabel(actor),
    action: 'wallboard.pinned',
    target: doc._id,
  });
  return ok(doc);
}

/** `/wallboard unpin`: stops the live card of this channel. */
export async function unpinWallboard(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  channelId: string,
): Promise<Result<WallboardPin>> {
  const refused = refusal(actor, 'wallboard.pin');
  if (refused) return fail(refused);
  const pin = await store.wallboardPins.findActive(serviceId, channelId);
  if (!pin || !(await store.wallboardPins.deactivate(pin._id)))
    return fail({ code: 'not_found', message: 'wallboard.noPin' });
  await store.audit.append({
    serviceId,
    surface: 'slack',
    actor: actorLabel(actor),
    action: 'wallboard.unpinned',
    target: pin._id,
  });
  return ok(pin);
}
