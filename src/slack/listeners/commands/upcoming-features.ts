import { replyOnFailure, type CommandArgs } from '../guard.js';
import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import { type SlackDeps, loadCommandContext } from '../../deps.js';

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
        await respond({ response_type: 'ephemeral', text: translate(ctx.locale, 'feature.comingSoon') });
      }),
    );
  }
}
