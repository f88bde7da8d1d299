import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import type { SlackDeps } from '../../deps.js';
import { onCommand } from './on-command.js';
import { ephemeral } from '../../reply.js';

/**
 * `/sms` is in the app manifest already so a workspace installs once; until the feature lands, its command says so
 * instead of failing silently.
 */
export function registerUpcomingFeatureCommands(app: App, deps: SlackDeps): void {
  for (const name of ['/sms']) {
    onCommand(app, deps, name, async ({ respond }, ctx) => {
      await ephemeral(respond, translate(ctx.locale, 'feature.comingSoon'));
    });
  }
}
