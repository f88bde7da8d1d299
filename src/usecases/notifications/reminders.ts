import type { CallbackDoc } from '../../domain/callbacks.js';
import type { ServiceDoc } from '../../domain/services.js';
import { pickLocale } from '../../i18n/index.js';
import { collectDueReminders } from '../callbacks/reminders.js';
import type { CallbackDeps } from '../callbacks/common.js';
import { callbackItem, type ChatMessage, type ChatPort, type ChatResult } from './chat-port.js';
import { callbackPlacesOn, reachableIdentityOf, type NotificationDeps } from './callback-notifications.js';

/** A place that keeps saying "wait" is given up on after this long within one run (the failure is logged). */
const PLACE_WAIT_LIMIT_MS = 2 * 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Every minute (once across instances): for each service that asks for reminders, the callbacks unassigned longer
 * than X minutes are named in each of its callback places (its Slack channel and its Teams channel), and each agent gets one DM about their callbacks still open Y
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
  if (due.unassigned.length && settings.unassignedReminderMinutes) {
    const message: ChatMessage = {
      kind: 'callback_reminder',
      locale: settings.locale,
      reminder: 'unassigned',
      minutes: settings.unassignedReminderMinutes,
      timeZone: settings.timeZone,
      assigneeName: null,
      callbacks: due.unassigned.map((c) => callbackItem(c)),
    };
    for (const target of callbackPlacesOn(deps, service))
      delivered(`channel ${target.place}`, await postPaced(deps, target, message));
  }
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

/**
 * Posts one message to a shared place in the place's turn, as the callback cards are: it waits for the place's
 * pacing slot (shared with the posting queue, so a reminder never crowds a card past the surface's limit), and a
 * `rate_limited` answer holds the place for Retry-After and tries again then. Bounded: after PLACE_WAIT_LIMIT_MS of
 * waiting the last answer is returned and the caller logs it.
 */
async function postPaced(
  deps: NotificationDeps,
  { place, port }: { place: string; port: ChatPort },
  message: ChatMessage,
): Promise<ChatResult> {
  const now = () => deps.now?.() ?? new Date();
  const giveUpAt = Date.now() + PLACE_WAIT_LIMIT_MS;
  let last: ChatResult = { kind: 'failed', reason: 'the place was never free', retryable: true };
  while (Date.now() <= giveUpAt) {
    const turn = await deps.store.callbackPosts.takePlaceTurn(place, now(), port.pacing.placeGapMs);
    if (!turn.taken) {
      await sleep(Math.max(50, Math.min(turn.notBefore.getTime() - now().getTime(), giveUpAt - Date.now())));
      continue;
    }
    last = await port.post(place, message);
    const waitMs =
      last.kind === 'rate_limited'
        ? last.retryAfterMs
        : last.kind === 'failed' && last.retryable
          ? port.pacing.transientRetryMs
          : undefined;
    if (waitMs === undefined) return last;
    // The whole place waits (its callback cards too), and so does this reminder.
    await deps.store.callbackPosts.pacePlace(place, { notBefore: new Date(now().getTime() + waitMs) });
  }
  return last;
}
