import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps.js';
import { registerCallbackCardActions } from './card-actions.js';
import {
  notifyAssigneeJob,
  postCallbacksJob,
  refreshCallbackPostJob,
  scheduleCardWork,
  type CardJobDeps,
} from './card-jobs.js';
import { registerCallbackCardViews } from './card-views.js';
import { REMIND_CALLBACKS, remindCallbacksJob } from './reminders.js';

/** Channel cards, their buttons (assign to me, call, outcome, complete, register history), the posting and card-update jobs and DMs. */
export function registerCallbackCards(app: App, deps: SlackDeps): void {
  // Jobs get their own client: rate-limited calls are rejected at once (no retries inside the job), so a job
  // reschedules itself after Retry-After instead of holding an Agenda slot while Slack says wait.
  const client = new WebClient(app.client.token, {
    slackApiUrl: app.client.slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const jobs: CardJobDeps = { store: deps.store, scheduler: () => deps.scheduler, client, log: deps.log };
  deps.scheduler.define(postCallbacksJob(jobs));
  deps.scheduler.define(refreshCallbackPostJob(jobs));
  deps.scheduler.define(notifyAssigneeJob(jobs));
  deps.scheduler.define(remindCallbacksJob({ callbacks: deps.callbacks, client, log: deps.log }));
  deps.scheduler
    .every('1 minute', REMIND_CALLBACKS)
    .catch((error: unknown) => deps.log.error({ err: error }, 'could not schedule callback reminders'));
  deps.callbacks.events.subscribe((changes) => scheduleCardWork(jobs, changes));
  registerCallbackCardActions(app, deps);
  registerCallbackCardViews(app, deps);
}
