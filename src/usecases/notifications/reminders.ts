import type { CallbackDoc } from '../../domain/callbacks.js';
import type { ServiceDoc } from '../../domain/services.js';
import { pickLocale } from '../../i18n/index.js';
import { collectDueReminders } from '../callbacks/reminders.js';
import type { CallbackDeps } from '../callbacks/common.js';
import { callbackItem } from './chat-port.js';
import { callbackPlaceOf, reachableIdentityOf, type NotificationDeps } from './callback-notifications.js';

/**
 * Every minute (once across instances): for each service that asks for reminders, the callbacks unassigned longer
 * than X minutes are named in its callback place, and each agent gets one DM about their callbacks still open Y
 * minutes after assignment. Each callback is reminded of once per state (per assignment for the DM); a delivery
 * failure is logged, not retried, because the next reminder would repeat it anyway after a re-assignment.
 */
export async function remindCallbacks(deps: NotificationDeps & { callbacks: CallbackDeps }): Promise<void> {
  for (const service of await deps.store.services.list())
    if (
      service.settings.unassignedReminderMinutes !== null ||
      service.settings.assignedReminderMinutes !== null
    )
      await remindService(deps, service);
}

async function remindService(deps: NotificationDeps & { callbacks: CallbackDeps }, service: ServiceDoc) {
  const due = await collectDueReminders(deps.callbacks, service._id);
  if (!due) return;
  const { settings } = service;
  const delivered = (what: string, result: { kind: string }) => {
    if (result.kind !== 'posted') deps.log.warn({ what, result }, 'callback reminder not delivered');
  };
  const target = callbackPlaceOf(deps, service);
  if (due.unassigned.length && target && settings.unassignedReminderMinutes)
    delivered(
      'channel',
      await target.port.post(target.place, {
        kind: 'callback_reminder',
        locale: settings.locale,
        reminder: 'unassigned',
        minutes: settings.unassignedReminderMinutes,
        timeZone: settings.timeZone,
        assigneeName: null,
        callbacks: due.unassigned.map((c) => callbackItem(c)),
      }),
    );
  const byAssignee = new Map<string, CallbackDoc[]>();
  for (const c of due.assigned)
    if (c.assigneeId) byAssignee.set(c.assigneeId, [...(byAssignee.get(c.assigneeId) ?? []), c]);
  for (const [memberId, callbacks] of byAssignee) {
    const member = await deps.store.members.get(memberId);
    const reach = member && reachableIdentityOf(deps, member);
    if (!member || !reach || !settings.assignedReminderMinutes) continue;
    delivered(
      'dm',
      await reach.port.dm(reach.identity, {
        kind: 'callback_reminder',
        locale: pickLocale(member.locale ?? undefined, settings.locale),
        reminder: 'assigned',
        minutes: settings.assignedReminderMinutes,
        timeZone: settings.timeZone,
        assigneeName: member.displayName,
        callbacks: callbacks.map((c) => callbackItem(c, { kind: 'member', member })),
      }),
    );
  }
}
