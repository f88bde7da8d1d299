import type { App } from '@slack/bolt';
import { refreshHomesOnCallbackChanges } from './home-refresh.js';
import type { SlackDeps } from '../../deps.js';
import { registerAppHome } from './app-home.js';

/** Events: the Home tab, published when opened and again when the person's callbacks change. */
export function registerEvents(app: App, deps: SlackDeps): void {
  registerAppHome(app, deps);
  refreshHomesOnCallbackChanges(app, deps);
}
