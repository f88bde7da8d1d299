import type { Messages } from './messages.js';

/** SMS in Slack: the send modal, history and template screens. */
export const smsSlackMessages = {} as const satisfies Messages;
