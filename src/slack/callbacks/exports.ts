import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';

/** Excel exports of the callback list and the processing status, uploaded to the requester's DM. */
export function registerCallbackExports(_app: App, _deps: SlackDeps): void {
  // Filled in by the change that builds this surface.
}
