import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerApiKeyActions } from './api-keys.js';
import { registerCallbackAssignButton } from './callback-assign-open.js';
import { registerCallbackCardActions } from './callback-card.js';
import { registerDigestActions } from './callback-digest.js';
import { registerCallbackExports } from './callback-exports.js';
import { registerCallbackHistoryView } from './callback-history-view.js';
import { registerCallbackListPaging } from './callback-list-page.js';
import { registerMemberActions } from './members.js';
import { registerSmsActions } from './sms.js';
import { registerSmsTemplateActions } from './sms-templates.js';
import { registerWallboardActions } from './wallboard.js';

/** Every button and select, the callback cards' own included. */
export function registerActions(app: App, deps: SlackDeps): void {
  registerApiKeyActions(app, deps);
  registerMemberActions(app, deps);
  registerWallboardActions(app, deps);
  registerCallbackListPaging(app, deps);
  registerCallbackAssignButton(app, deps);
  registerCallbackExports(app, deps);
  registerCallbackCardActions(app, deps);
  registerCallbackHistoryView(app, deps);
  registerDigestActions(app, deps);
  registerSmsActions(app, deps);
  registerSmsTemplateActions(app, deps);
}
