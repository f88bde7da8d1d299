import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { registerCallbackCardActions } from './card-actions.js';
import { registerCallbackCardViews } from './card-views.js';

/**
 * The buttons and modals of callback cards (assign to me, call, outcome, complete, register history). Posting,
 * refreshing and DMing are the notification use cases' (src/usecases/notifications/), through the Slack chat port.
 */
export function registerCallbackCards(app: App, deps: SlackDeps): void {
  registerCallbackCardActions(app, deps);
  registerCallbackCardViews(app, deps);
}
