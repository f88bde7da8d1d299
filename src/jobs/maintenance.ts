import type { JobDefinition } from './scheduler.js';

export const PURGE_SLACK_DELIVERIES = 'maintenance.purge-slack-deliveries';
export const PURGE_CTI_EVENTS = 'maintenance.purge-cti-events';
export const PURGE_EXPORT_LINKS = 'maintenance.purge-export-links';

/** What the housekeeping jobs run: the maintenance use cases, bound by the caller (`server.ts`). */
export interface MaintenanceTasks {
  purgeExpiredSlackDeliveries(): Promise<void>;
  purgeOldCtiEvents(): Promise<void>;
  /** Expired export links and their files; optional for callers that keep none. */
  purgeExpiredExportLinks?(): Promise<void>;
}

/** Housekeeping the database cannot do by itself on FerretDB v1 (no TTL indexes). */
export function maintenanceJobs(tasks: MaintenanceTasks): JobDefinition<never>[] {
  return [
    { name: PURGE_SLACK_DELIVERIES, handler: () => tasks.purgeExpiredSlackDeliveries() },
    { name: PURGE_CTI_EVENTS, handler: () => tasks.purgeOldCtiEvents() },
    { name: PURGE_EXPORT_LINKS, handler: async () => tasks.purgeExpiredExportLinks?.() },
  ];
}

export async function scheduleMaintenance(
  every: (interval: string, name: string) => Promise<void>,
): Promise<void> {
  await every('15 minutes', PURGE_SLACK_DELIVERIES);
  await every('1 hour', PURGE_CTI_EVENTS);
  await every('15 minutes', PURGE_EXPORT_LINKS);
}
