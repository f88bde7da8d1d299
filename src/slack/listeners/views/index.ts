import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerApiKeyCreateSubmission } from './apikey-create.js';
import { registerAssignSubmission } from './callback-assign.js';
import { registerCallbackCardViews } from './callback-card.js';
import { registerNewCallbackSubmission } from './callback-new.js';
import { registerUnassignSubmission } from './callback-unassign.js';
import { registerMembersSubmission } from './members.js';
import { registerSettingsSubmission } from './settings.js';
import { registerSetupSubmission } from './setup.js';
import { registerSmsSendModal } from './sms-send.js';
import { registerSmsTemplateSubmissions } from './sms-templates.js';

/** Every modal submission, the callback cards' own modals included. */
export function registerViews(app: App, deps: SlackDeps): void {
  registerSetupSubmission(app, deps);
  registerMembersSubmission(app, deps);
  registerSettingsSubmission(app, deps);
  registerApiKeyCreateSubmission(app, deps);
  registerNewCallbackSubmission(app, deps);
  registerAssignSubmission(app, deps);
  registerUnassignSubmission(app, deps);
  registerCallbackCardViews(app, deps);
  registerSmsSendModal(app, deps);
  registerSmsTemplateSubmissions(app, deps);
}
