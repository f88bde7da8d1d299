import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { pickLocale } from '../../../i18n/index.js';
import { slackIdentity } from '../../../domain/members.js';
import { renderHelpMessage } from '../../blocks/help.js';
import { renderMyOpenCallbacks, type MyOpenCallbacks } from '../../blocks/my-open-callbacks.js';
import type { SlackDeps } from '../../deps.js';

/** The Home tab: what Switchboard does, in the person's language, then their open callbacks. */
export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await publishHomeTab(deps, client, body.team_id, event.user);
  });
}

/**
 * Renders and publishes one person's Home tab. Also called when their callbacks change (assigned, unassigned,
 * completed), so the tab is current the next time they look.
 */
export async function publishHomeTab(
  deps: SlackDeps,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  const { person } = await deps.people.lookup(client, teamId, userId);
  const mine: MyOpenCallbacks[] = (
    await deps.usecases.callbacks.myOpenCallbacks(slackIdentity(teamId, userId), 'slack')
  ).map(({ service, page }) => ({ serviceName: service.name, timeZone: service.settings.timeZone, page }));
  const locale = pickLocale(person.locale, undefined);
  await client.views.publish({
    user_id: userId,
    view: {
      type: 'home',
      blocks: [...renderHelpMessage(locale).blocks, ...renderMyOpenCallbacks(locale, mine)],
    },
  });
}
