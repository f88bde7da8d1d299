/**
 * A chat place is where people talk to the bot, as one string: a Slack channel (`slack:T…:C…`) or a Teams
 * conversation (`teams:<conversation id>`). Services are linked to places; notifications are paced per place.
 */
export function slackChannelPlace(teamId: string, channelId: string): string {
  return `slack:${teamId}:${channelId}`;
}
