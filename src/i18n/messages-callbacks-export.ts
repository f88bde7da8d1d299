import type { Messages } from './messages.js';

/** Callback list and processing-status workbooks (column headers, sheet names, progress). */
export const callbackExportMessages = {} as const satisfies Messages;
