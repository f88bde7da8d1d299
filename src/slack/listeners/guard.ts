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

/**
 * Wraps a command or action listener: a bug never leaves the person without an answer. The error is logged with a
 * short reference, the request is acknowledged if it was not yet, and the person gets the reference ephemerally.
 */
export function replyOnFailure<A extends GuardedArgs>(
  log: FastifyBaseLogger,
  handler: (args: A) => Promise<void>,
) {
  return async (args: A): Promise<void> => {
    let acked = false;
    const ack = args.ack as (response?: unknown) => Promise<void>;
    const trackedAck = async (response?: unknown) => {
      acked = true;
      await ack(response);
    };
    try {
      await handler({ ...args, ack: trackedAck });
    } catch (error) {
      const ref = randomUUID().slice(0, 8);
      log.error({ err: error, ref }, 'slack listener failed');
      if (!acked) await ack().catch(() => undefined);
      await args
        .respond?.({ response_type: 'ephemeral', replace_original: false, text: unexpected(ref) })
        .catch(() => undefined);
    }
  };
}

/** Same for modal submissions: the modal turns into a short error view instead of hanging or closing silently. */
export function updateViewOnFailure<A extends { ack: (response?: never) => Promise<void> }>(
  log: FastifyBaseLogger,
  handler: (args: A) => Promise<void>,
) {
  return async (args: A): Promise<void> => {
    let acked = false;
    const ack = args.ack as (response?: unknown) => Promise<void>;
    const trackedAck = async (response?: unknown) => {
      acked = true;
      await ack(response);
    };
    try {
      await handler({ ...args, ack: trackedAck as A['ack'] });
    } catch (error) {
      const ref = randomUUID().slice(0, 8);
      log.error({ err: error, ref }, 'slack view submission failed');
      if (acked) return;
      await ack({
        response_action: 'update',
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'Switchboard' },
          close: { type: 'plain_text', text: 'OK' },
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: unexpected(ref) } }],
        },
      }).catch(() => undefined);
    }
  };
}
