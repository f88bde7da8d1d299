import type { Messages } from './messages.js';

/** `/callback` list, new, assign, unassign and stats, and the App Home section (Slack). */
export const callbackCommandMessages = {} as const satisfies Messages;
