import type { App } from '@slack/bolt';
import { pickLocale } from '../../../i18n/index.js';
import { renderHelpMessage } from '../../blocks/help.js';
import type { SlackDeps } from '../../deps.js';

/** The Home tab: what Switchboard does, in the person's language. Features add their own sections later. */
export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const { person } = await deps.people.lookup(client, body.team_id, event.user);
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: renderHelpMessage(pickLocale(person.locale, undefined)).blocks },
    });
  });
}
