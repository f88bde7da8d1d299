import type { CallbackDeps } from '../callbacks/common.js';
import type { CallbackChange } from '../callback-events.js';
import type { WallboardLive } from '../wallboard-live.js';
import {
  notifyAssignee,
  postQueuedCallbacks,
  refreshCallbackPosts,
  scheduleCallbackNotifications,
  type NotificationDeps,
} from './callback-notifications.js';
import type { AssigneeNotice } from '../../jobs/notification-jobs.js';
import { refreshPinnedWallboard } from './pinned-wallboards.js';
import { remindCallbacks } from './reminders.js';

export type { ChatPort, ChatMessage, ChatResult, MessageRef, ChatPacing } from './chat-port.js';
export type { NotificationDeps } from './callback-notifications.js';

/** The notification use cases, bound once in `server.ts` to the ports of the running surfaces. */
export function createNotifications(
  deps: NotificationDeps & { callbacks: CallbackDeps; live: WallboardLive },
) {
  return {
    scheduleCallbackNotifications: (changes: readonly CallbackChange[]) =>
      scheduleCallbackNotifications(deps, changes),
    postQueuedCallbacks: (serviceId: string) => postQueuedCallbacks(deps, serviceId),
    refreshCallbackPosts: (postIds: readonly string[]) => refreshCallbackPosts(deps, postIds),
    notifyAssignee: (notice: AssigneeNotice) => notifyAssignee(deps, notice),
    remindCallbacks: () => remindCallbacks(deps),
    refreshPinnedWallboard: (pinId: string) => refreshPinnedWallboard(deps, pinId),
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
