import type { App } from '@slack/bolt';
import type { CallbackChange } from '../../usecases/callback-events.js';
import { chatIdentitiesOf } from '../../usecases/callbacks.js';
import type { SlackDeps } from '../deps.js';
import { publishHomeTab } from '../listeners/events/app-home.js';

/** Members whose "My open callbacks" a change touches: who has it now and who had it before. */
export function affectedAssignees(changes: readonly CallbackChange[]): Set<string> {
  const ids = new Set<string>();
  for (const change of changes) {
    // A new callback is nobody's yet; a logged attempt changes nothing the Home tab shows.
    if (change.kind === 'created' || change.kind === 'attempt') continue;
    if (change.callback.assigneeId && change.callback.status === 'assigned')
      ids.add(change.callback.assigneeId);
    if (change.previousAssigneeId) ids.add(change.previousAssigneeId);
    if (change.kind === 'completed' || change.kind === 'cancelled')
      if (change.callback.assigneeId) ids.add(change.callback.assigneeId);
  }
  return ids;
}

/**
 * Keeps assignees' Home tabs current. Runs beside the person who acted, never in their way: the listener returns at
 * once, failures are logged, and a burst of changes for one member publishes at most twice (the one running and
 * one more with the latest state).
 */
export function refreshHomesOnCallbackChanges(app: App, deps: SlackDeps): void {
  const running = new Map<string, boolean>(); // member id → another refresh wanted after this one
  const refresh = (memberId: string): void => {
    if (running.has(memberId)) {
      running.set(memberId, true);
      return;
    }
    running.set(memberId, false);
    void publishForMember(app, deps, memberId)
      .catch((error: unknown) => deps.log.warn({ err: error, memberId }, 'could not refresh the Home tab'))
      .finally(() => {
        const again = running.get(memberId);
        running.delete(memberId);
        if (again) refresh(memberId);
      });
  };
  deps.callbacks.events.subscribe(async (changes) => {
    for (const memberId of affectedAssignees(changes)) refresh(memberId);
  });
}

async function publishForMember(app: App, deps: SlackDeps, memberId: string): Promise<void> {
  for (const identity of await chatIdentitiesOf(deps.callbacks, memberId)) {
    const [kind, teamId, userId] = identity.split(':');
    if (kind === 'slack' && teamId && userId) await publishHomeTab(deps, app.client, teamId, userId);
  }
}
