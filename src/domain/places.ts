/**
 * A chat place is where people talk to the bot, as one string: a Slack channel (`slack:T…:C…`) or a Teams
 * conversation (`teams:<conversation id>`). Services are linked to places; notifications are paced per place.
 */
export function slackChannelPlace(teamId: string, channelId: string): string {
  return `slack:${teamId}:${channelId}`;
}

/** The surface a place or chat identity belongs to: the text before the first colon (`slack`, `teams`). */
export function surfaceOfPlace(placeOrIdentity: string): string {
  return placeOrIdentity.slice(0, Math.max(0, placeOrIdentity.indexOf(':')));
}

/** The Slack channel id of a `slack:T…:C…` place (the team may be empty, see `callbackPlacesOf`). */
export function slackChannelOf(place: string): string | undefined {
  const [surface, , channelId] = place.split(':');
  return surface === 'slack' && channelId ? channelId : undefined;
}

/**
 * The Slack channel a place can announce callbacks in: a channel or private channel (`C…`, `G…`), not a DM
 * (setup typed in a DM has no channel for the team to watch; admins and agents get DMs instead).
 */
export function callbackChannelOfPlace(place: string): string | undefined {
  const channel = slackChannelOf(place);
  return channel && /^[CG]/.test(channel) ? channel : undefined;
}

/** A Teams conversation (channel, group chat or personal chat) as a place. */
export function teamsConversationPlace(conversationId: string): string {
  return `teams:${conversationId}`;
}

/** The Teams conversation id of a `teams:<conversation id>` place (conversation ids contain colons). */
export function teamsConversationOf(place: string): string | undefined {
  return place.startsWith('teams:') && place.length > 'teams:'.length
    ? place.slice('teams:'.length)
    : undefined;
}

/**
 * The Teams conversation a place can announce callbacks in: a channel or group chat (`19:…@thread…`), not a
 * personal chat (`a:…`) — there, as in a Slack DM, admins and agents get personal messages instead.
 */
export function teamsCallbackConversationOfPlace(place: string): string | undefined {
  const conversation = teamsConversationOf(place);
  return conversation?.startsWith('19:') ? conversation : undefined;
}

/** The settings that make a place a service's callbacks place, or undefined when the place cannot be one. */
export function callbackPlaceSettings(
  place: string,
): { slackCallbackChannelId: string } | { teamsCallbackConversationId: string } | undefined {
  const channel = callbackChannelOfPlace(place);
  if (channel) return { slackCallbackChannelId: channel };
  const conversation = teamsCallbackConversationOfPlace(place);
  return conversation ? { teamsCallbackConversationId: conversation } : undefined;
}

/**
 * Where a service's new callbacks are announced: its Slack channel and its Teams channel, each when set. The Slack
 * callback channel is stored as a bare channel id (the bot's one token reaches it), so its place has an empty
 * team: `slack::C…`.
 */
export function callbackPlacesOf(settings: {
  slackCallbackChannelId: string | null;
  teamsCallbackConversationId?: string | null;
}): string[] {
  return [
    ...(settings.slackCallbackChannelId ? [slackChannelPlace('', settings.slackCallbackChannelId)] : []),
    ...(settings.teamsCallbackConversationId
      ? [teamsConversationPlace(settings.teamsCallbackConversationId)]
      : []),
  ];
}
