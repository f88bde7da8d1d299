import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import { loadCommandContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { replyOnFailure, type CommandArgs } from '../guard.js';

/**
 * `/sms` is in the app manifest already so a workspace installs once; until the feature lands, its command says so
 * instead of failing silently.
 */
export function registerUpcomingFeatureCommands(app: App, deps: SlackDeps): void {
  for (const name of ['/sms']) {
    app.command(
      name,
      replyOnFailure<CommandArgs>(deps.log, async ({ command, ack, client, respond }) => {
        await ack();
        const ctx = await loadCommandContext(deps, client, command);
        await ephemeral(respond, translate(ctx.locale, 'feature.comingSoon'));
      }),
    );
  }
}
