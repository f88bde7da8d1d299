import type { WebClient } from '@slack/web-api';
import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '../domain/service-settings.js';
import { translate } from '../i18n/index.js';

/**
 * Whether the bot is in a channel, from `conversations.info` (channels:read / groups:read):
 * - `member`: invited (or a DM with the app);
 * - `public`: a public channel it is not in: chat:write.public lets it post there, but it cannot pin;
 * - `absent`: a private channel it was not invited to (Slack answers `channel_not_found`: the bot cannot see it);
 * - `unknown`: Slack did not say (missing scope after an old install, Slack down): nobody is refused on a guess.
 */
export type BotPresence = 'member' | 'public' | 'absent' | 'unknown';

/** Slack's answers that mean the bot must be invited to the channel first. */
export const NOT_INVITED_ERRORS: ReadonlySet<string> = new Set(['not_in_channel', 'channel_not_found']);

export function slackErrorCode(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}

export async function botPresenceIn(client: WebClient, channelId: string): Promise<BotPresence> {
  if (channelId.startsWith('D')) return 'member';
  try {
    const info = await client.conversations.info({ channel: channelId });
    if (info.channel?.is_member) return 'member';
    return info.channel?.is_private ? 'absent' : 'public';
  } catch (error) {
    return NOT_INVITED_ERRORS.has(slackErrorCode(error) ?? '') ? 'absent' : 'unknown';
  }
}

/** A line telling to `/invite @switchboard`, when the bot is not in the channel; '' when it is. */
export async function inviteLineFor(client: WebClient, channelId: string, locale: Locale): Promise<string> {
  return (await botPresenceIn(client, channelId)) === 'member'
    ? ''
    : `\n${translate(locale, 'install.inviteHere')}`;
}

/**
 * A private confirmation for the person in the channel they acted in (after a modal, which has no response_url).
 * When the bot is not in that channel Slack refuses the ephemeral; the confirmation then goes to the person's DM
 * with the app, saying why and how to invite the bot, instead of vanishing into a log line.
 */
export async function confirmInChannel(
  where: { client: WebClient; log: FastifyBaseLogger; userId: string; channelId: string; locale: Locale },
  text: string,
): Promise<void> {
  const { client, log, userId, channelId, locale } = where;
  try {
    await client.chat.postEphemeral({ channel: channelId, user: userId, text });
    return;
  } catch (error) {
    if (!NOT_INVITED_ERRORS.has(slackErrorCode(error) ?? '')) {
      log.warn({ err: error, channelId }, 'could not confirm in the channel');
      return;
    }
  }
  try {
    await client.chat.postMessage({
      channel: userId,
      text: `${text}\n${translate(locale, 'install.answeredInDm', { channel: channelId })}`,
    });
  } catch (error) {
    log.warn({ err: error, channelId }, 'could not confirm in the channel nor in a DM');
  }
}
