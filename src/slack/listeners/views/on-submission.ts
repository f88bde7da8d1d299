import type { App } from '@slack/bolt';
import { loadModalContext, type ModalContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { updateViewOnFailure, type ViewArgs } from '../guard.js';

/**
 * Listens to the submissions of one modal about a service: guarded (a bug still answers in the modal), with the
 * person, service and place the modal was opened for loaded. A modal whose metadata is not ours is just closed.
 */
export function onModalSubmission(
  app: App,
  deps: SlackDeps,
  callbackId: string,
  handler: (args: ViewArgs, modal: ModalContext) => Promise<void>,
): void {
  app.view(
    callbackId,
    updateViewOnFailure<ViewArgs>(deps.log, async (args) => {
      const modal = await loadModalContext(deps, args.client, args.body.user.id, args.view.private_metadata);
      if (!modal) return void (await args.ack());
      await handler(args, modal);
    }),
  );
}
