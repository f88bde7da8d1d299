import type { JobDefinition, Scheduler } from './scheduler.js';

/**
 * The Agenda jobs of the notification use cases (src/usecases/notifications/). Job names keep the `slack.` prefix
 * from when these jobs lived in the Slack surface: jobs already stored under those names keep running after an
 * upgrade.
 */
export const POST_CALLBACKS = 'slack.callbacks.post';
export const REFRESH_CALLBACK_POSTS = 'slack.callbacks.refresh-post';
export const NOTIFY_ASSIGNEE = 'slack.callbacks.notify-assignee';
export const REMIND_CALLBACKS = 'slack.callbacks.remind';
export const REFRESH_PINNED_WALLBOARD = 'slack.refresh-pinned-wallboard';

/**
 * What the jobs run: the notification use cases (src/usecases/notifications/), handed in by the composition root —
 * jobs sit below the use cases and never import them.
 */
export interface NotificationJobHandlers {
  postQueuedCallbacks(serviceId: string): Promise<void>;
  refreshCallbackPosts(postIds: string[]): Promise<void>;
  notifyAssignee(notice: AssigneeNotice): Promise<void>;
  remindCallbacks(): Promise<void>;
  refreshPinnedWallboard(pinId: string): Promise<void>;
}

/** How the notification use cases ask for their jobs; `notificationWakeups` below implements it with Agenda. */
export interface NotificationWakeups {
  postQueue(serviceId: string, at: Date): Promise<void>;
  refreshPosts(postIds: string[], at: Date): Promise<void>;
  notifyAssignee(data: AssigneeNotice, at: Date): Promise<void>;
  cancelPinnedWallboard(pinId: string): Promise<void>;
}

export interface AssigneeNotice {
  memberId: string;
  serviceId: string;
  kind: 'assigned' | 'unassigned';
  callbackIds: string[];
  total: number;
}

/** The use cases' wake-ups as Agenda jobs (small data: ids, never documents). */
export function notificationWakeups(scheduler: () => Scheduler): NotificationWakeups {
  return {
    postQueue: (serviceId, at) => scheduler().schedule(at, POST_CALLBACKS, { serviceId }),
    refreshPosts: (postIds, at) => scheduler().schedule(at, REFRESH_CALLBACK_POSTS, { postIds }),
    notifyAssignee: (notice, at) => scheduler().schedule(at, NOTIFY_ASSIGNEE, { ...notice }),
    cancelPinnedWallboard: (pinId) => pinnedWallboardRefresh(scheduler).stop(pinId),
  };
}

type Handler<Data> = (data: Data) => Promise<void>;
const job = <Data>(name: string, handler: Handler<Data>): JobDefinition<never> => ({
  name,
  handler: handler as unknown as JobDefinition<never>['handler'],
});

export function notificationJobs(notifications: NotificationJobHandlers): JobDefinition<never>[] {
  return [
    job<{ serviceId: string }>(POST_CALLBACKS, (data) => notifications.postQueuedCallbacks(data.serviceId)),
    // `postId`: a refresh scheduled one post at a time, before refreshes were batched.
    job<{ postIds?: string[]; postId?: string }>(REFRESH_CALLBACK_POSTS, (data) =>
      notifications.refreshCallbackPosts(data.postIds ?? (data.postId ? [data.postId] : [])),
    ),
    job<AssigneeNotice>(NOTIFY_ASSIGNEE, (data) => notifications.notifyAssignee(data)),
    job<Record<string, never>>(REMIND_CALLBACKS, () => notifications.remindCallbacks()),
    job<{ pinId: string }>(REFRESH_PINNED_WALLBOARD, (data) =>
      notifications.refreshPinnedWallboard(data.pinId),
    ),
  ];
}

/** How the wallboard use cases keep a pinned card current: a repeating job per pin, on any instance. */
export interface PinnedWallboardRefresh {
  keepCurrent(pinId: string, everySeconds: number): Promise<void>;
  stop(pinId: string): Promise<void>;
}

export function pinnedWallboardRefresh(scheduler: () => Scheduler): PinnedWallboardRefresh {
  return {
    keepCurrent: (pinId, everySeconds) =>
      scheduler().repeatFor(
        `${everySeconds} seconds`,
        REFRESH_PINNED_WALLBOARD,
        { field: 'pinId', value: pinId },
        { pinId },
      ),
    stop: async (pinId) => {
      await scheduler().cancel(REFRESH_PINNED_WALLBOARD, { pinId });
    },
  };
}

/** The reminder sweep, every minute and once across instances. */
export async function scheduleNotificationJobs(scheduler: Scheduler): Promise<void> {
  await scheduler.every('1 minute', REMIND_CALLBACKS);
}
