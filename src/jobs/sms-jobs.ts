import type { JobDefinition } from './scheduler.js';

/** Sends a request's chunks (data: `{ requestId }`); scheduled at `sendAt`, or now for an immediate send. */
export const SMS_DELIVER = 'sms.deliver';
/** Collects delivery results of a request's accepted chunks and schedules itself again until all are final. */
export const SMS_POLL_RESULTS = 'sms.pollResults';

/**
 * A crashed process's `sms.deliver` must run again within a minute of the next start. Agenda takes over a locked
 * job only after its lock lifetime (ours 5 minutes by default), so this job's lock is short and kept alive by a
 * heartbeat while the handler runs (a provider call may take longer than the lock; the heartbeat does not care).
 */
export const SMS_DELIVER_LOCK_MS = 20_000;
const HEARTBEAT_MS = 5_000;

/** What the SMS jobs run: the delivery use cases (usecases/sms/delivery.ts, results.ts), handed in by server.ts. */
export interface SmsJobHandlers {
  deliver(requestId: string): Promise<void>;
  pollResults(requestId: string): Promise<void>;
}

export function smsJobs(handlers: SmsJobHandlers): JobDefinition<never>[] {
  const deliver: JobDefinition<{ requestId: string }> = {
    name: SMS_DELIVER,
    lockLifetimeMs: SMS_DELIVER_LOCK_MS,
    // The request records what was sent; a finished job is only a row Agenda would read on every poll.
    removeOnComplete: true,
    // An immediate send starts when it is recorded, and a scheduled one on its second, not at the next poll.
    startAtOnce: true,
    handler: async ({ requestId }, job) => {
      const heartbeat = setInterval(() => {
        job.touch().catch(() => undefined); // a missed beat only shortens the lock; the next one renews it
      }, HEARTBEAT_MS);
      try {
        await handlers.deliver(requestId);
      } finally {
        clearInterval(heartbeat);
      }
    },
  };
  const poll: JobDefinition<{ requestId: string }> = {
    name: SMS_POLL_RESULTS,
    removeOnComplete: true,
    handler: ({ requestId }) => handlers.pollResults(requestId),
  };
  return [deliver, poll] as unknown as JobDefinition<never>[];
}
