import { slackChannelPlace } from '../../domain/places.js';
import type { WallboardLive } from '../wallboard-live.js';
import { portFor, type ChatMessage } from './chat-port.js';
import { tellAdminsToInvite, type NotificationDeps } from './callback-notifications.js';

/**
 * Keeps one pinned wallboard card current. Its job runs every `wallboardIntervalSeconds` per card and the job lock
 * makes sure exactly one instance edits a card at a time. It edits only when what people read changed (the
 * surface's fingerprint, without the clock line), and it honours the surface's Retry-After: a rate-limited card
 * neither blocks other chat traffic nor falls behind, the next run sends the latest figures.
 */
export async function refreshPinnedWallboard(
  deps: NotificationDeps & { live: WallboardLive },
  pinId: string,
): Promise<void> {
  const { store, log } = deps;
  const pin = await store.wallboardPins.get(pinId);
  if (!pin?.active) {
    await deps.wake.cancelPinnedWallboard(pinId);
    return;
  }
  const now = deps.now?.() ?? new Date();
  if (pin.notBefore && pin.notBefore > now) return;
  const service = await store.services.get(pin.serviceId);
  const snapshot = service && deps.live.snapshot(service._id, service);
  // A Teams card carries its conversation place; a Slack pin is its team and channel.
  const place = pin.place ?? slackChannelPlace(pin.teamId, pin.channelId);
  const port = portFor(deps.ports, place);
  if (!service || !snapshot || !port) return;
  // Never two edits of one live card closer than the surface allows (Teams: one per 2 s per conversation), even
  // when a view switch or a late run comes right after the last edit; the next run sends the latest figures.
  const gapMs = port.pacing.liveCardGapMs ?? 0;
  if (pin.lastUpdatedAt && now.getTime() - pin.lastUpdatedAt.getTime() < gapMs) return;
  const message: ChatMessage = {
    kind: 'wallboard',
    locale: pin.locale,
    view: pin.view,
    timeZone: service.settings.timeZone,
    now,
    live: true,
    snapshot,
  };
  const fingerprint = port.fingerprint(message);
  if (fingerprint === pin.lastHash) return;
  const result = await port.update({ place, id: pin.ts }, message);
  switch (result.kind) {
    case 'posted':
      await store.wallboardPins.update(pin._id, {
        lastHash: fingerprint,
        lastUpdatedAt: now,
        notBefore: null,
      });
      return;
    case 'rate_limited':
      log.info(
        { pinId: pin._id, retryAfter: result.retryAfterMs },
        'the chat surface rate-limited the wallboard card; next update after Retry-After',
      );
      // Counted from the surface's answer, not from when the job started.
      await store.wallboardPins.update(pin._id, {
        notBefore: new Date((deps.now?.() ?? new Date()).getTime() + result.retryAfterMs),
      });
      return;
    case 'gone':
      log.warn({ pinId: pin._id, reason: result.reason }, 'pinned wallboard card is gone; stopping it');
      await store.wallboardPins.deactivate(pin._id);
      // Removed from the channel: the admins learn why the wallboard froze and how to bring it back (once: the pin
      // is inactive now, so no later run repeats it).
      if (result.inviteBot) await tellAdminsToInvite(deps, service, place, 'wallboard');
      return;
    case 'failed':
      // The next run (seconds away) tries again with the latest figures.
      log.warn({ pinId: pin._id, reason: result.reason }, 'could not refresh the pinned wallboard card');
      return;
  }
}
