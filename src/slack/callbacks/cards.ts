import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';

/** Channel cards, their buttons (assign to me, call, outcome, complete, register history), the posting and card-update jobs and DMs. */
export function registerCallbackCards(_app: App, _deps: SlackDeps): void {
  // Filled in by the change that builds this surface.
}
