import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import type { FastifyBaseLogger } from 'fastify';
import type { JobDefinition, Scheduler } from '../../jobs/scheduler.js';
import type { Store } from '../../store/index.js';
import type { WallboardLive } from '../../usecases/wallboard-live.js';
import { renderWallboardCard } from '../blocks/wallboard.js';
import { MESSAGE_GONE_ERRORS } from './message-gone.js';

export const REFRESH_PINNED_WALLBOARD = 'slack.refresh-pinned-wallboard';

/**
 * Keeps one pinned wallboard card current. Agenda runs it every `wallboardIntervalSeconds` per card and its lock
 * makes sure exactly one instance edits a card at a time. It edits only when the figures changed, and it honours
 * Slack's Retry-After with its own client (no retries, rate limits rejected at once), so a rate-limited card
 * neither blocks other Slack traffic nor falls behind: the next run sends the latest figures.
 */
export function refreshPinnedWallboardJob(deps: {
  store: Store;
  live: WallboardLive;
  scheduler: () => Scheduler;
  botToken: string;
  slackApiUrl: string | undefined;
  log: FastifyBaseLogger;
}): JobDefinition<never> {
  const client = new WebClient(deps.botToken, {
    ...(deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  return {
    name: REFRESH_PINNED_WALLBOARD,
    handler: (async (data: { pinId: string }) => {
      const pin = await deps.store.wallboardPins.get(data.pinId);
      if (!pin?.active) {
        await deps.scheduler().cancel(REFRESH_PINNED_WALLBOARD, { pinId: data.pinId });
        return;
      }
      const now = new Date();
      if (pin.notBefore && pin.notBefore > now) return;
      const service = await deps.store.services.get(pin.serviceId);
      const snapshot = service && deps.live.snapshot(service._id, service);
      if (!service || !snapshot) return;
      const card = renderWallboardCard(pin.locale, snapshot, {
        view: pin.view,
        timeZone: service.settings.timeZone,
        now,
        live: true,
      });
      if (card.hash === pin.lastHash) return;
      try {
        await client.chat.update({
          channel: pin.channelId,
          ts: pin.ts,
          text: card.text,
          blocks: card.blocks,
        });
        await deps.store.wallboardPins.update(pin._id, {
          lastHash: card.hash,
          lastUpdatedAt: now,
          notBefore: null,
        });
      } catch (error) {
        const e = error as WebAPICallError & { retryAfter?: number; data?: { error?: string } };
        if (e.code === ErrorCode.RateLimitedError) {
          const retryAfter = (e.retryAfter ?? 5) * 1000;
          deps.log.info(
            { pinId: pin._id, retryAfter },
            'Slack rate-limited the wallboard card; next update after Retry-After',
          );
          await deps.store.wallboardPins.update(pin._id, { notBefore: new Date(now.getTime() + retryAfter) });
          return;
        }
        if (e.code === ErrorCode.PlatformError && e.data?.error && MESSAGE_GONE_ERRORS.has(e.data.error)) {
          deps.log.warn(
            { pinId: pin._id, error: e.data.error },
            'pinned wallboard card is gone; stopping it',
          );
          await deps.store.wallboardPins.deactivate(pin._id);
          return;
        }
        throw error;
      }
    }) as JobDefinition<never>['handler'],
  };
}
