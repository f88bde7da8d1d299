import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerCallbackCommand } from './callback.js';
import { registerSwitchboardCommand } from './switchboard.js';
import { registerSmsCommand } from './sms.js';
import { registerWallboardCommand } from './wallboard.js';

/** Every slash command of the app manifest. */
export function registerCommands(app: App, deps: SlackDeps): void {
  registerSwitchboardCommand(app, deps);
  registerWallboardCommand(app, deps);
  registerCallbackCommand(app, deps);
  registerSmsCommand(app, deps);
}
