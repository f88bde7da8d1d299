import type { CallbackDoc } from '../../domain/callbacks.js';
import type { ServiceDoc } from '../../domain/services.js';
import { nowOf, type CallbackDeps } from './common.js';

// Reminders

export interface DueReminders {
  service: ServiceDoc;
  /** Unassigned longer than the service's X minutes: one channel reminder each (docs/callbacks.md). */
  unassigned: CallbackDoc[];
  /** Assigned and not completed within Y minutes: a DM to the assignee, per assignment. */
  assigned: CallbackDoc[];
}

/** At most this many callbacks per reminder kind and run; the rest come in the next run. */
const REMINDERS_PER_RUN = 200;

/**
 * The reminders due now for a service, each claimed so it goes out once (per assignment for the assignee's DM),
 * however many instances run the job. Off unless the service sets the minutes.
 */
export async function collectDueReminders(
  deps: CallbackDeps,
  serviceId: string,
): Promise<DueReminders | undefined> {
  const service = await deps.store.services.get(serviceId);
  if (!service?.settings.callbacksEnabled) return undefined;
  const { unassignedReminderMinutes: x, assignedReminderMinutes: y } = service.settings;
  if (x === null && y === null) return undefined;
  const now = nowOf(deps);
  const claim = async (docs: CallbackDoc[], kind: 'unassigned' | 'assigned') => {
    const won: CallbackDoc[] = [];
    for (const doc of docs) if (await deps.store.callbacks.markReminded(doc, kind, now)) won.push(doc);
    return won;
  };
  const unassigned =
    x === null
      ? []
      : (
          await deps.store.callbacks.listOverdue(
            serviceId,
            'unassigned',
            new Date(now.getTime() - x * 60_000),
            REMINDERS_PER_RUN,
          )
        ).filter((c) => c.unassignedRemindedAt === null);
  const assigned =
    y === null
      ? []
      : (
          await deps.store.callbacks.listOverdue(
            serviceId,
            'assigned',
            new Date(now.getTime() - y * 60_000),
            REMINDERS_PER_RUN,
          )
        ).filter(
          (c) => !c.assignedRemindedAt || (c.assignedAt !== null && c.assignedRemindedAt < c.assignedAt),
        );
  return {
    service,
    unassigned: await claim(unassigned, 'unassigned'),
    assigned: await claim(assigned, 'assigned'),
  };
}
