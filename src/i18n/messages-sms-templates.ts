import type { Messages } from './messages.js';

/** SMS template categories and templates (admin screens and their refusals). */
export const smsTemplateMessages = {} as const satisfies Messages;
