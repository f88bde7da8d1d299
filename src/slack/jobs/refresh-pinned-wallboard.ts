/** The pinned wallboard's refresh is a notification job now (src/jobs/notification-jobs.ts); its name, for the command. */
export { REFRESH_PINNED_WALLBOARD } from '../../jobs/notification-jobs.js';
