import type { App } from '@slack/bolt';
import { affectedAssignees } from '../../../usecases/notifications/home-views.js';
import type { SlackDeps } from '../../deps.js';
import { publishHomeTab } from './app-home.js';

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
  deps.usecases.events.subscribe(async (changes) => {
    for (const memberId of affectedAssignees(changes)) refresh(memberId);
  });
}

async function publishForMember(app: App, deps: SlackDeps, memberId: string): Promise<void> {
  for (const identity of await deps.usecases.callbacks.chatIdentitiesOf(memberId)) {
    const [kind, teamId, userId] = identity.split(':');
    if (kind === 'slack' && teamId && userId) await publishHomeTab(deps, app.client, teamId, userId);
  }
}
