/**
 * The callback use cases, one function per thing a person (or an integration) does, grouped by file:
 * intake (and abandoned calls), reading, assigning, working a callback (call, complete, cancel, history) and
 * reminders, and reading interaction records (history views). Surfaces import them from here.
 */
export { FORWARD_INTERACTION, type CallbackDeps } from './callbacks/common.js';
export * from './callbacks/intake.js';
export * from './callbacks/reading.js';
export * from './callbacks/assignment.js';
export * from './callbacks/work.js';
export * from './callbacks/reminders.js';
export * from './callbacks/interactions.js';
export * from './callbacks/digest-actions.js';
