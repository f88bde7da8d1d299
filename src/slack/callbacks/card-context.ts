import type { BlockAction, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import { memberActor, type Actor } from '../../usecases/actor.js';
import { serviceOfCallback } from '../../usecases/callbacks.js';
import type { Problem } from '../../usecases/result.js';
import { renderProblemText } from '../blocks/problem.js';
import { loadSlackContext, type SlackContext, type SlackDeps } from '../deps.js';

/**
 * Who clicked a callback button, in which service. The card's channel need not be linked to the service (the
 * callback channel is a setting of its own), and the same person may work for several services, so the service is
 * the callback's own.
 */
export async function loadCallbackContext(
  deps: SlackDeps,
  client: WebClient,
  body: Pick<BlockAction, 'team' | 'user' | 'channel'>,
  callbackId: string,
): Promise<{ ctx: SlackContext; actor: Actor | undefined }> {
  const serviceId = callbackId ? await serviceOfCallback(deps.callbacks, callbackId) : undefined;
  const ctx = await loadSlackContext(deps, client, {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
    ...(serviceId ? { serviceId } : {}),
  });
  return { ctx, actor: memberActor(ctx.member, 'slack') };
}

/** A refusal as one line; a callback's state in it is said in words, not as its code. */
export function callbackProblemText(locale: Locale, problem: Problem): string {
  const status = problem.params?.status;
  if (typeof status === 'string' && ['unassigned', 'assigned', 'completed', 'cancelled'].includes(status))
    return renderProblemText(locale, {
      ...problem,
      params: {
        ...problem.params,
        status: translate(locale, `callbacks.status.${status}` as 'callbacks.status.assigned'),
      },
    });
  return renderProblemText(locale, problem);
}

/**
 * Answers the person privately where they clicked: through the message's response_url (a card or an ephemeral),
 * else as an ephemeral in the channel, else (App Home has neither) in the app's DM with them.
 */
export async function answerWhereClicked(
  args: {
    client: WebClient;
    respond: RespondFn;
    body: Pick<BlockAction, 'user' | 'channel' | 'response_url'>;
  },
  message: { text: string; blocks?: KnownBlock[] },
  options: { replaceOriginal?: boolean } = {},
): Promise<void> {
  const { client, respond, body } = args;
  if (body.response_url) {
    await respond({
      response_type: 'ephemeral',
      replace_original: options.replaceOriginal ?? false,
      ...message,
    });
    return;
  }
  const channel = body.channel?.id;
  if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...message });
  else await client.chat.postMessage({ channel: body.user.id, ...message });
}
