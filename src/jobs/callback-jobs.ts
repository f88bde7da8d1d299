import type { FastifyBaseLogger } from 'fastify';
import type { WebhookClient } from '../integrations/webhooks.js';
import type { Store } from '../store/index.js';
import { FORWARD_INTERACTION } from '../usecases/callbacks.js';
import type { JobDefinition, Scheduler } from './scheduler.js';

/** Attempts before a forward is marked failed: 1 s, 4 s, 16 s, 64 s, 256 s apart (about six minutes in all). */
export const FORWARD_MAX_ATTEMPTS = 6;

/**
 * Forwards an interaction record to the service's ticket webhook. A refusal (4xx other than 408/429, or a target
 * that is not a public address) is final; a
 * timeout, network error or 5xx is retried with backoff. The record keeps the outcome for the history modal.
 */
export function forwardInteractionJob(deps: {
  store: Store;
  webhooks: WebhookClient;
  scheduler: () => Pick<Scheduler, 'schedule'>;
  log: FastifyBaseLogger;
}): JobDefinition<{ interactionId: string }> {
  return {
    name: FORWARD_INTERACTION,
    handler: async ({ interactionId }) => {
      const interaction = await deps.store.interactions.get(interactionId);
      if (!interaction || interaction.forward.status !== 'pending') return;
      const service = await deps.store.services.get(interaction.serviceId);
      const url = service?.settings.ticketWebhookUrl;
      if (!url) {
        await deps.store.interactions.recordForward(interactionId, {
          ok: false,
          error: 'no ticket webhook configured any more',
          final: true,
        });
        return;
      }
      const { _id, forward: _forward, ...rest } = interaction;
      const result = await deps.webhooks.postJson(url, {
        id: _id,
        ...rest,
        createdAt: rest.createdAt.toISOString(),
      });
      if (result.ok) return void (await deps.store.interactions.recordForward(interactionId, { ok: true }));
      const attempts = interaction.forward.attempts + 1;
      // A target the address rules refuse stays refused until an admin changes the URL: no retry.
      const retriable =
        result.reason === 'refused'
          ? false
          : result.reason !== 'status' ||
            result.status >= 500 ||
            result.status === 408 ||
            result.status === 429;
      const final = !retriable || attempts >= FORWARD_MAX_ATTEMPTS;
      const error =
        result.reason === 'status' ? `HTTP ${result.status}` : `${result.reason}: ${result.detail}`;
      await deps.store.interactions.recordForward(interactionId, { ok: false, error, final });
      deps.log.warn({ interactionId, error, attempts, final }, 'ticket webhook forward failed');
      if (!final)
        await deps
          .scheduler()
          .schedule(new Date(Date.now() + 1000 * 4 ** (attempts - 1)), FORWARD_INTERACTION, {
            interactionId,
          });
    },
  };
}
