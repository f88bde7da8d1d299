import type { App } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderWallboardCard } from '../../blocks/wallboard.js';
import type { SlackDeps } from '../../deps.js';
import { onCommand } from './on-command.js';
import { ephemeral } from '../../reply.js';
import { runWallboardLink } from './wallboard-link.js';
import { pinWallboard, unpinWallboard } from './wallboard-pin.js';

/** `/wallboard [show|agents]` shows the figures to the caller; `pin` / `unpin` manage the channel's live card. */
export function registerWallboardCommand(app: App, deps: SlackDeps): void {
  onCommand(app, deps, '/wallboard', async ({ command, client, respond }, ctx) => {
    if (!ctx.service) return void (await ephemeral(respond, translate(ctx.locale, 'service.notLinked')));
    const service = ctx.service;
    const verb = command.text.trim().toLowerCase();

    // `show` is the word the manifest's usage hint offers; on its own the command shows the same card.
    if (verb === '' || verb === 'show' || verb === 'agents' || verb === 'services') {
      const result = await deps.usecases.wallboard.viewWallboard(ctx.actor, service._id);
      if (!result.ok) return void (await ephemeral(respond, renderProblemText(ctx.locale, result.problem)));
      const card = renderWallboardCard(ctx.locale, result.value, {
        view: verb === 'agents' ? 'agents' : 'services',
        timeZone: service.settings.timeZone,
        now: new Date(),
        live: false,
      });
      return void (await ephemeral(respond, card.text, card.blocks));
    }
    if (verb === 'pin') return pinWallboard(deps, ctx, service, client, respond);
    if (verb === 'unpin') return unpinWallboard(deps, ctx, service, client, respond);
    if (verb === 'link' || verb.startsWith('link '))
      return runWallboardLink(deps, ctx, service, command.text.trim().slice(4).trim(), respond);
    await ephemeral(respond, translate(ctx.locale, 'wallboard.usage'));
  });
}
