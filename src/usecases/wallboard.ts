import type { PinnedWallboardRefresh } from '../jobs/notification-jobs.js';
import type { Store } from '../store/index.js';
import type { WallboardPin } from '../store/wallboard-pins.js';
import { actorLabel, actorSurface, refusal, type Actor } from './actor.js';
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

/**
 * `/wallboard pin`, after the card is posted: remembered, and a refresh job (on any instance) keeps it current at
 * the service's wallboard interval.
 */
export async function recordPin(
  { store, refresh }: { store: Store; refresh: PinnedWallboardRefresh },
  actor: Actor | undefined,
  pin: Omit<
    WallboardPin,
    '_id' | 'active' | 'lastHash' | 'lastUpdatedAt' | 'notBefore' | 'pinnedAt' | 'pinnedBy'
  > & { lastHash: string },
): Promise<Result<WallboardPin>> {
  const refused = refusal(actor, 'wallboard.pin');
  if (refused) return fail(refused);
  const { lastHash, ...fields } = pin;
  const doc = await store.wallboardPins.create({ ...fields, pinnedBy: actorLabel(actor) });
  // The card was posted with these figures: the refresh job edits it only once they change.
  await store.wallboardPins.update(doc._id, { lastHash, lastUpdatedAt: new Date() });
  await store.audit.append({
    serviceId: pin.serviceId,
    surface: actorSurface(actor),
    actor: actorLabel(actor),
    action: 'wallboard.pinned',
    target: doc._id,
  });
  const service = await store.services.get(pin.serviceId);
  if (service) await refresh.keepCurrent(doc._id, service.settings.wallboardIntervalSeconds);
  return ok(doc);
}

/** `/wallboard unpin`: stops the live card of this channel and its refresh job. */
export async function unpinWallboard(
  { store, refresh }: { store: Store; refresh: PinnedWallboardRefresh },
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
    surface: actorSurface(actor),
    actor: actorLabel(actor),
    action: 'wallboard.unpinned',
    target: pin._id,
  });
  await refresh.stop(pin._id);
  return ok(pin);
}

/** The live card a button was clicked on, if that message is a pinned wallboard. */
export async function findPinnedCard(
  store: Store,
  channelId: string,
  ts: string | undefined,
): Promise<WallboardPin | undefined> {
  return ts ? store.wallboardPins.findActiveByMessage(channelId, ts) : undefined;
}

/** A person switched the pinned card's view: the refresh job keeps that view and knows what the card shows. */
export async function recordPinnedView(
  store: Store,
  pinId: string,
  view: WallboardPin['view'],
  shownHash: string,
): Promise<void> {
  await store.wallboardPins.update(pinId, { view, lastHash: shownHash, lastUpdatedAt: new Date() });
}
