import type { App } from '@slack/bolt';
import { loadCommandContext, type SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { replyOnFailure, type CommandArgs } from '../guard.js';

/**
 * Listens to one slash command: guarded (a bug still answers with a reference), acknowledged at once (Slack waits
 * 3 s), then the handler runs with the person, service and place loaded.
 */
export function onCommand(
  app: App,
  deps: SlackDeps,
  name: string,
  handler: (args: CommandArgs, ctx: SlackContext) => Promise<void>,
): void {
  app.command(
    name,
    replyOnFailure<CommandArgs>(deps.log, async (args) => {
      await args.ack();
      const ctx = await loadCommandContext(deps, args.client, args.command);
      await handler(args, ctx);
    }),
  );
}
