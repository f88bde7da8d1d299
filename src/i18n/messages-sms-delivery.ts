import type { Messages } from './messages.js';

/** SMS sending, history and cancel (use cases): statuses, counts, refusals. */
export const smsDeliveryMessages = {} as const satisfies Messages;
