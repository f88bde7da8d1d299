import { CTI_EVENT_RETENTION_MS, MAX_EVENT_AHEAD_MS } from '../domain/wallboard/event-window.js';
import type { Store } from '../store/index.js';
import type { JobDefinition } from './scheduler.js';

export const PURGE_SLACK_DELIVERIES = 'maintenance.purge-slack-deliveries';
export const PURGE_CTI_EVENTS = 'maintenance.purge-cti-events';
/**
 * Callers of queued calls (for abandoned-call callbacks) are kept this long after they were recorded: a call waits
 * minutes, and a PBX that resends a batch after a long outage still finds them; a callback days late helps nobody.
 */
export const CTI_CALLER_RETENTION_MS = 2 * 86_400_000;

/** Housekeeping the database cannot do by itself on FerretDB v1 (no TTL indexes). */
export function maintenanceJobs(store: Store): JobDefinition<never>[] {
  return [
    {
      name: PURGE_SLACK_DELIVERIES,
      handler: async () => {
        await store.slackDeliveries.purgeExpired();
      },
    },
    {
      name: PURGE_CTI_EVENTS,
      handler: async () => {
        // Kept for CTI_EVENT_RETENTION_DAYS: enough to rebuild today and to investigate last month's figures.
        const now = Date.now();
        await store.ctiEvents.purgeOutside(
          new Date(now - CTI_EVENT_RETENTION_MS),
          new Date(now + MAX_EVENT_AHEAD_MS),
        );
        await store.ctiCallers.purgeBefore(new Date(now - CTI_CALLER_RETENTION_MS));
      },
    },
  ];
}

export async function scheduleMaintenance(
  every: (interval: string, name: string) => Promise<void>,
): Promise<void> {
  await every('15 minutes', PURGE_SLACK_DELIVERIES);
  await every('1 hour', PURGE_CTI_EVENTS);
}
