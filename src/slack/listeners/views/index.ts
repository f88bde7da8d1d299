import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerApiKeyCreateSubmission } from './apikey-create.js';
import { registerAssignSubmission } from './callback-assign.js';
import { registerNewCallbackSubmission } from './callback-new.js';
import { registerUnassignSubmission } from './callback-unassign.js';
import { registerMembersSubmission } from './members.js';
import { registerSettingsSubmission } from './settings.js';
import { registerSetupSubmission } from './setup.js';

/**
 * Every modal submission. The callback card's modals (`callback-card.ts`) are registered by `callbacks/cards.ts`
 * until the notification pipeline moves to `usecases/notifications`; then they belong here.
 */
export function registerViews(app: App, deps: SlackDeps): void {
  registerSetupSubmission(app, deps);
  registerMembersSubmission(app, deps);
  registerSettingsSubmission(app, deps);
  registerApiKeyCreateSubmission(app, deps);
  registerNewCallbackSubmission(app, deps);
  registerAssignSubmission(app, deps);
  registerUnassignSubmission(app, deps);
}
