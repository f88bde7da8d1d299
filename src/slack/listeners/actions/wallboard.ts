import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { renderProblemText } from '../../blocks/problem.js';
import { renderWallboardCard, WALLBOARD_VIEW_ACTION } from '../../blocks/wallboard.js';
import { loadActionContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeralBeside } from '../../reply.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

/**
 * "By service" / "By agent" on a wallboard card. On the pinned card it switches the card for everyone (the
 * refresh job keeps that view); on someone's ephemeral copy it replaces just that copy.
 */
export function registerWallboardActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${WALLBOARD_VIEW_ACTION}_(services|agents)$`),
    replyOnFailure<ActionArgs<BlockAction<ButtonAction>>>(
      deps.log,
      async ({ ack, body, action, client, respond }) => {
        await ack();
        const view = action.value === 'agents' ? 'agents' : 'services';
        const channelId = body.channel?.id ?? '';
        const ctx = await loadActionContext(deps, client, body);
        if (!ctx.service) return;
        const { wallboard } = deps.usecases;
        const result = await wallboard.viewWallboard(ctx.actor, ctx.service._id);
        if (!result.ok)
          return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, result.problem)));
        const pin = await wallboard.findPinnedCard(channelId, body.message?.ts);
        const settings = ctx.service.settings;
        if (pin) {
          const card = renderWallboardCard(pin.locale, result.value, {
            view,
            timeZone: settings.timeZone,
            now: new Date(),
            live: true,
          });
          await client.chat.update({ channel: channelId, ts: pin.ts, text: card.text, blocks: card.blocks });
          await wallboard.recordPinnedView(pin._id, view, card.hash);
          return;
        }
        const card = renderWallboardCard(ctx.locale, result.value, {
          view,
          timeZone: settings.timeZone,
          now: new Date(),
          live: false,
        });
        await respond({ replace_original: true, text: card.text, blocks: card.blocks });
      },
    ),
  );
}
