import type { App } from '@slack/bolt';
import { loadCommandContext, type SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ModalOpening } from '../../modal-opening.js';
import { replyOnFailure, type CommandArgs } from '../guard.js';

/**
 * Listens to one slash command: guarded (a bug still answers with a reference), acknowledged at once (Slack waits
 * 3 s), then the handler runs with the person, service and place loaded.
 *
 * `opensModal` names the command texts that answer with a modal: while those look things up, a loading modal
 * holds the trigger_id (see ModalOpening), so a slow lookup never leaves the person with an expired trigger.
 */
export function onCommand(
  app: App,
  deps: SlackDeps,
  name: string,
  handler: (args: CommandArgs, ctx: SlackContext) => Promise<void>,
  options: { opensModal?: (text: string) => boolean } = {},
): void {
  app.command(
    name,
    replyOnFailure<CommandArgs>(deps.log, async (args) => {
      await args.ack();
      const opening = options.opensModal?.(args.command.text)
        ? new ModalOpening(
            args.client,
            args.command.trigger_id,
            args.respond,
            deps.log,
            deps.modalLoadingAfterMs,
          )
        : undefined;
      try {
        const withModal = opening ? { ...args, client: opening.client, respond: opening.respond } : args;
        const ctx = await loadCommandContext(deps, withModal.client, args.command);
        await handler(withModal, ctx);
      } finally {
        await opening?.settle();
      }
    }),
  );
}
