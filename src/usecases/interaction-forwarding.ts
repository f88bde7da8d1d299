import type { WebhookClient } from '../integrations/webhooks.js';
import { FORWARD_INTERACTION, type ForwardOutcome } from '../jobs/callback-jobs.js';
import type { Scheduler } from '../jobs/scheduler.js';
import type { Store } from '../store/index.js';

/** Attempts before a forward is marked failed: 1 s, 4 s, 16 s, 64 s, 256 s apart (about six minutes in all). */
export const FORWARD_MAX_ATTEMPTS = 6;

export interface ForwardingDeps {
  store: Store;
  webhooks: WebhookClient;
  scheduler: Pick<Scheduler, 'schedule'>;
}

/**
 * Forwards an interaction record to the service's ticket webhook. A refusal (4xx other than 408/429, or a target
 * that is not a public address) is final; a timeout, network error or 5xx is retried with backoff. The record
 * keeps the outcome for the history modal.
 */
export async function forwardInteraction(
  deps: ForwardingDeps,
  interactionId: string,
): Promise<ForwardOutcome> {
  const { store } = deps;
  const interaction = await store.interactions.get(interactionId);
  if (!interaction || interaction.forward.status !== 'pending') return { status: 'skipped' };
  const service = await store.services.get(interaction.serviceId);
  const url = service?.settings.ticketWebhookUrl;
  if (!url) {
    await store.interactions.recordForward(interactionId, {
      ok: false,
      error: 'no ticket webhook configured any more',
      final: true,
    });
    return { status: 'skipped' };
  }
  const { _id, forward: _forward, ...rest } = interaction;
  const result = await deps.webhooks.postJson(url, {
    id: _id,
    ...rest,
    createdAt: rest.createdAt.toISOString(),
  });
  if (result.ok) {
    await store.interactions.recordForward(interactionId, { ok: true });
    return { status: 'forwarded' };
  }
  const attempts = interaction.forward.attempts + 1;
  // A target the address rules refuse stays refused until an admin changes the URL: no retry.
  const retriable =
    result.reason === 'refused'
      ? false
      : result.reason !== 'status' || result.status >= 500 || result.status === 408 || result.status === 429;
  const final = !retriable || attempts >= FORWARD_MAX_ATTEMPTS;
  const error = result.reason === 'status' ? `HTTP ${result.status}` : `${result.reason}: ${result.detail}`;
  await store.interactions.recordForward(interactionId, { ok: false, error, final });
  if (!final)
    await deps.scheduler.schedule(new Date(Date.now() + 1000 * 4 ** (attempts - 1)), FORWARD_INTERACTION, {
      interactionId,
    });
  return { status: 'failed', error, attempts, final };
}
