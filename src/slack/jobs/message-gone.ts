/** Slack's answers to `chat.update` that mean the message (or its channel) is gone for good: stop editing it. */
export const MESSAGE_GONE_ERRORS: ReadonlySet<string> = new Set([
  'message_not_found',
  'channel_not_found',
  'is_archived',
  'cant_update_message',
  'not_in_channel',
]);
