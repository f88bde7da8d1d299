import type { RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';

export interface SlackMessageText {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * Answers the person privately where they acted: through the response_url of the command or message (a card, an
 * ephemeral), else as an ephemeral in the channel, else (App Home has neither) in the app's DM with them. If the
 * ephemeral is refused (the app is not in the channel, or a DM with someone else), the DM it is.
 */
export async function replyWhereActed(
  where: {
    client: WebClient;
    respond?: RespondFn;
    /** `response_url` present means `respond` can reach the place. */
    responseUrl?: string;
    userId: string;
    channelId?: string;
  },
  message: SlackMessageText,
  options: { replaceOriginal?: boolean } = {},
): Promise<void> {
  const { client, respond, responseUrl, userId, channelId } = where;
  if (responseUrl && respond) {
    await respond({
      response_type: 'ephemeral',
      replace_original: options.replaceOriginal ?? false,
      ...message,
    });
    return;
  }
  if (channelId) {
    try {
      await client.chat.postEphemeral({ channel: channelId, user: userId, ...message });
      return;
    } catch {
      // Fall through to the DM.
    }
  }
  await client.chat.postMessage({ channel: userId, ...message });
}

/** Where a button or select was clicked, for `replyWhereActed`. */
export const whereClicked = (args: {
  client: WebClient;
  respond: RespondFn;
  body: { user: { id: string }; channel?: { id: string }; response_url?: string };
}) => ({
  client: args.client,
  respond: args.respond,
  responseUrl: args.body.response_url,
  userId: args.body.user.id,
  channelId: args.body.channel?.id,
});

/** A slash command's private answer (its response_url always works, in any channel or DM). */
export const ephemeral = (respond: RespondFn, text: string, blocks?: unknown[]) =>
  respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });

/** A private answer that leaves the message it was clicked on as it is. */
export const ephemeralBeside = (respond: RespondFn, text: string) =>
  respond({ response_type: 'ephemeral', replace_original: false, text });
