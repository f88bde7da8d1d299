import type { ModalView } from '@slack/types';
import type {
  AckFn,
  AllMiddlewareArgs,
  BlockAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { translate } from '../../i18n/index.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ActionArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

/** Both languages: when a listener fails we may not know the person's language yet. */
function unexpected(ref: string): string {
  return `:warning: ${translate('ko', 'error.unexpected', { ref })}\n${translate('en', 'error.unexpected', { ref })}`;
}

interface GuardedArgs {
  ack: AckFn<never> | ((response?: unknown) => Promise<void>);
  respond?: RespondFn;
}

/** Wraps `ack` so a failure handler knows whether Slack has had its answer already. */
function trackAck(original: unknown): {
  ack: (response?: unknown) => Promise<void>;
  acked: () => boolean;
  raw: (response?: unknown) => Promise<void>;
} {
  let done = false;
  const raw = original as (response?: unknown) => Promise<void>;
  return {
    ack: async (response?: unknown) => {
      done = true;
      await raw(response);
    },
    acked: () => done,
    raw,
  };
}

/**
 * Wraps a command or action listener: a bug never leaves the person without an answer. The error is logged with a
 * short reference, the request is acknowledged if it was not yet, and the person gets the reference ephemerally.
 */
export function replyOnFailure<A extends GuardedArgs>(
  log: FastifyBaseLogger,
  handler: (args: A) => Promise<void>,
) {
  return async (args: A): Promise<void> => {
    const tracked = trackAck(args.ack);
    try {
      await handler({ ...args, ack: tracked.ack });
    } catch (error) {
      const ref = randomUUID().slice(0, 8);
      log.error({ err: error, ref }, 'slack listener failed');
      if (!tracked.acked()) await tracked.raw().catch(() => undefined);
      await args
        .respond?.({ response_type: 'ephemeral', replace_original: false, text: unexpected(ref) })
        .catch(() => undefined);
    }
  };
}

/**
 * Same for modal submissions: the modal turns into a short error view instead of hanging or closing silently; if
 * the submission was answered already (a progress view), the error view replaces that one.
 */
export function updateViewOnFailure<
  A extends {
    ack: (response?: never) => Promise<void>;
    client?: { views: { update(args: { view_id: string; view: ModalView }): Promise<unknown> } };
    body?: { view?: { id?: string } };
  },
>(log: FastifyBaseLogger, handler: (args: A) => Promise<void>) {
  return async (args: A): Promise<void> => {
    const tracked = trackAck(args.ack);
    try {
      await handler({ ...args, ack: tracked.ack as A['ack'] });
    } catch (error) {
      const ref = randomUUID().slice(0, 8);
      log.error({ err: error, ref }, 'slack view submission failed');
      const view: ModalView = {
        type: 'modal',
        title: { type: 'plain_text', text: 'Switchboard' },
        close: { type: 'plain_text', text: 'OK' },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: unexpected(ref) } }],
      };
      const viewId = args.body?.view?.id;
      if (!tracked.acked()) await tracked.raw({ response_action: 'update', view }).catch(() => undefined);
      else if (viewId) await args.client?.views.update({ view_id: viewId, view }).catch(() => undefined);
    }
  };
}
