import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';

/** `/callback` (list, new, assign, unassign, stats), their modals, list paging and the App Home section. */
export function registerCallbackCommands(_app: App, _deps: SlackDeps): void {
  // Filled in by the change that builds this surface.
}
