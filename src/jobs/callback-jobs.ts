import type { FastifyBaseLogger } from 'fastify';
import type { JobDefinition } from './scheduler.js';

/** The job that forwards an interaction record to the service's ticket webhook (scheduled by the callback use cases). */
export const FORWARD_INTERACTION = 'callbacks.forward-interaction';

/** What became of one forwarding attempt; a failed one says whether it was the last. */
export type ForwardOutcome =
  { status: 'skipped' | 'forwarded' } | { status: 'failed'; error: string; attempts: number; final: boolean };

/**
 * Runs the forwarding use case (`usecases/interaction-forwarding.ts`, bound and passed in by `server.ts`, so jobs
 * never import use cases): it records the outcome and schedules a retry itself; a failed attempt is logged here.
 */
export function forwardInteractionJob(deps: {
  forward(interactionId: string): Promise<ForwardOutcome>;
  log: FastifyBaseLogger;
}): JobDefinition<{ interactionId: string }> {
  return {
    name: FORWARD_INTERACTION,
    handler: async ({ interactionId }) => {
      const outcome = await deps.forward(interactionId);
      if (outcome.status === 'failed') {
        const { error, attempts, final } = outcome;
        deps.log.warn({ interactionId, error, attempts, final }, 'ticket webhook forward failed');
      }
    },
  };
}
