import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerApiKeyActions } from './api-keys.js';
import { registerCallbackAssignButton } from './callback-assign-open.js';
import { registerCallbackExports } from './callback-exports.js';
import { registerCallbackListPaging } from './callback-list-page.js';
import { registerMemberActions } from './members.js';
import { registerWallboardActions } from './wallboard.js';

/**
 * Every button and select. The callback card's own buttons (`callback-card.ts`) are registered by
 * `callbacks/cards.ts` with the card jobs until the notification pipeline moves to `usecases/notifications`;
 * then they belong here.
 */
export function registerActions(app: App, deps: SlackDeps): void {
  registerApiKeyActions(app, deps);
  registerMemberActions(app, deps);
  registerWallboardActions(app, deps);
  registerCallbackListPaging(app, deps);
  registerCallbackAssignButton(app, deps);
  registerCallbackExports(app, deps);
}
