import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '../../domain/service-settings.js';
import { pickLocale, translate } from '../../i18n/index.js';
import type { JobDefinition } from '../../jobs/scheduler.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { ServiceDoc } from '../../domain/services.js';
import { collectDueReminders, type CallbackDeps } from '../../usecases/callbacks.js';
import { callbackButtons, renderCallbackSummary } from './card-blocks.js';
import { slackUserOf } from './card-jobs.js';

export const REMIND_CALLBACKS = 'slack.callbacks.remind';
/** Reminders list at most this many callbacks with their buttons; the rest are counted. */
const LISTED = 5;

/**
 * A reminder message (presenter): the headline, the first callbacks with their buttons, and how many more. The
 * channel reminder is for whoever picks them up; the DM for the agent who has them.
 */
export function renderReminder(
  locale: Locale,
  kind: 'unassigned' | 'assigned',
  callbacks: CallbackDoc[],
  view: { minutes: number; timeZone: string; assigneeName: string | null },
): { text: string; blocks: KnownBlock[] } {
  const text = translate(locale, `callbackReminder.${kind}`, {
    count: callbacks.length,
    minutes: view.minutes,
  });
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  for (const callback of callbacks.slice(0, LISTED)) {
    blocks.push(renderCallbackSummary(locale, callback, view));
    const buttons = callbackButtons(locale, callback);
    if (buttons.length)
      blocks.push({ type: 'actions', block_id: `remind_${callback._id}`, elements: buttons });
  }
  if (callbacks.length > LISTED)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: translate(locale, 'callbackReminder.more', { count: callbacks.length - LISTED }),
        },
      ],
    });
  return { text: text.replace(/`/g, ''), blocks };
}

/**
 * Every minute (once across instances): for each service that asks for reminders, the callbacks unassigned
 * longer than X minutes are named in its callback channel, and each agent gets one DM about their callbacks still
 * open Y minutes after assignment. Each callback is reminded of once per state (per assignment for the DM); a
 * Slack failure is logged, not retried, because the next reminder would repeat it anyway after a re-assignment.
 */
export function remindCallbacksJob(deps: {
  callbacks: CallbackDeps;
  client: WebClient;
  log: FastifyBaseLogger;
}): JobDefinition<never> {
  const { store } = deps.callbacks;
  const say = async (what: string, send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (error) {
      deps.log.warn({ err: error, what }, 'callback reminder not delivered');
    }
  };
  const remindService = async (service: ServiceDoc) => {
    const due = await collectDueReminders(deps.callbacks, service._id);
    if (!due) return;
    const { settings } = service;
    const locale = settings.locale;
    if (due.unassigned.length && settings.slackCallbackChannelId && settings.unassignedReminderMinutes) {
      const message = renderReminder(locale, 'unassigned', due.unassigned, {
        minutes: settings.unassignedReminderMinutes,
        timeZone: settings.timeZone,
        assigneeName: null,
      });
      await say('channel', () =>
        deps.client.chat.postMessage({ channel: settings.slackCallbackChannelId!, ...message }),
      );
    }
    const byAssignee = new Map<string, CallbackDoc[]>();
    for (const c of due.assigned)
      if (c.assigneeId) byAssignee.set(c.assigneeId, [...(byAssignee.get(c.assigneeId) ?? []), c]);
    for (const [memberId, callbacks] of byAssignee) {
      const member = await store.members.get(memberId);
      const userId = member && slackUserOf(member);
      if (!member || !userId || !settings.assignedReminderMinutes) continue;
      const message = renderReminder(pickLocale(member.locale ?? undefined, locale), 'assigned', callbacks, {
        minutes: settings.assignedReminderMinutes,
        timeZone: settings.timeZone,
        assigneeName: member.displayName,
      });
      await say('dm', async () => {
        const opened = await deps.client.conversations.open({ users: userId });
        await deps.client.chat.postMessage({ channel: opened.channel!.id!, ...message });
      });
    }
  };
  return {
    name: REMIND_CALLBACKS,
    handler: (async () => {
      for (const service of await store.services.list())
        if (
          service.settings.unassignedReminderMinutes !== null ||
          service.settings.assignedReminderMinutes !== null
        )
          await remindService(service);
    }) as JobDefinition<never>['handler'],
  };
}
