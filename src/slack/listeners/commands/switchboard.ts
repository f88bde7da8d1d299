import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translate } from '../../../i18n/index.js';
import { renderHelpMessage } from '../../blocks/help.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { onCommand } from './on-command.js';
import { openApiKeys } from './switchboard-apikey.js';
import { openMembers } from './switchboard-members.js';
import { openSettings } from './switchboard-settings.js';
import { runSetup } from './switchboard-setup.js';

export interface CommandRun {
  deps: SlackDeps;
  client: WebClient;
  command: SlashCommand;
  respond: RespondFn;
  ctx: SlackContext;
  args: string;
}

/** `/switchboard <setup|members|settings|apikey|help>`: acknowledged at once, then dispatched. */
export function registerSwitchboardCommand(app: App, deps: SlackDeps): void {
  onCommand(
    app,
    deps,
    '/switchboard',
    async ({ command, client, respond }, ctx) => {
      // Slack escapes &, < and > in command text; people typed the characters themselves.
      const text = command.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      const [sub = 'help', ...rest] = text.trim().split(/\s+/).filter(Boolean);
      const run: CommandRun = { deps, client, command, respond, ctx, args: rest.join(' ') };
      switch (sub.toLowerCase()) {
        case 'setup':
          return runSetup(run);
        case 'members':
          return openMembers(run);
        case 'settings':
          return openSettings(run);
        case 'apikey':
        case 'apikeys':
          return openApiKeys(run);
        case 'help':
          return void (await respond({ response_type: 'ephemeral', ...renderHelpMessage(ctx.locale) }));
        default:
          return void (await respond({
            response_type: 'ephemeral',
            text: translate(ctx.locale, 'help.unknownCommand', { text: command.text }),
            blocks: renderHelpMessage(ctx.locale).blocks,
          }));
      }
    },
    { opensModal: switchboardOpensModal },
  );
}

/** `/switchboard setup` (without a name), `members` and `settings` answer with a modal. */
function switchboardOpensModal(text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.length === 1 && ['setup', 'members', 'settings'].includes(words[0]!);
}
