import type { Messages } from './messages.js';

/** Callback cards in channels, DMs, the card buttons and their modals (Slack). */
export const callbackSlackMessages = {} as const satisfies Messages;
