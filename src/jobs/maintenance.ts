import type { Store } from '../store/index.js';
import type { JobDefinition } from './scheduler.js';

export const PURGE_SLACK_DELIVERIES = 'maintenance.purge-slack-deliveries';
export const PURGE_CTI_EVENTS = 'maintenance.purge-cti-events';
/** CTI events are kept this long: enough to rebuild today and to investigate last month's figures. */
export const CTI_EVENT_RETENTION_DAYS = 35;

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
        await store.ctiEvents.purgeBefore(new Date(Date.now() - CTI_EVENT_RETENTION_DAYS * 86_400_000));
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
