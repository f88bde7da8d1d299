import type { Store } from '../store/index.js';
import type { JobDefinition } from './scheduler.js';

export const PURGE_SLACK_DELIVERIES = 'maintenance.purge-slack-deliveries';

/** Housekeeping the database cannot do by itself on FerretDB v1 (no TTL indexes). */
export function maintenanceJobs(store: Store): JobDefinition<never>[] {
  return [
    {
      name: PURGE_SLACK_DELIVERIES,
      handler: async () => {
        await store.slackDeliveries.purgeExpired();
      },
    },
  ];
}

export async function scheduleMaintenance(
  every: (interval: string, name: string) => Promise<void>,
): Promise<void> {
  await every('15 minutes', PURGE_SLACK_DELIVERIES);
}
