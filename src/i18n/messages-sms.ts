import type { Messages } from './messages.js';

/** SMS rules (domain checks): what a sender is told on the field they got wrong. */
export const smsMessages = {} as const satisfies Messages;
