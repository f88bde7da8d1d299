import type { App } from '@slack/bolt';
import type { ServiceSettings } from '../../../domain/service-settings.js';
import { translate } from '../../../i18n/index.js';
import { inlineError, renderInlineErrors } from '../../blocks/problem.js';
import {
  NUMBER_SETTINGS,
  SETTINGS_CALLBACK_ID,
  SETTINGS_SWITCHES,
  SETTINGS_SWITCHES_BLOCK,
  URL_SETTINGS,
  settingsBlockId,
  settingsFingerprint,
} from '../../blocks/settings-modal.js';
import type { SlackDeps } from '../../deps.js';
import { botPresenceIn, confirmInChannel } from '../../membership.js';
import { onModalSubmission } from './on-submission.js';
import { inputOf, type ViewStateValues } from '../../view-state.js';

/** Reads the settings modal back into the use case's vocabulary; the use case validates and answers per field. */
export function settingsFromView(values: ViewStateValues): Partial<Record<keyof ServiceSettings, unknown>> {
  const changes: Partial<Record<keyof ServiceSettings, unknown>> = {};
  const switches = new Set(
    (inputOf(values, SETTINGS_SWITCHES_BLOCK)?.selected_options ?? []).map((o) => o.value),
  );
  for (const key of SETTINGS_SWITCHES) changes[key] = switches.has(key);
  const channel = inputOf(values, settingsBlockId('slackCallbackChannelId'))?.selected_conversation;
  changes.slackCallbackChannelId = channel ?? null;
  const locale = inputOf(values, settingsBlockId('locale'))?.selected_option?.value;
  if (locale) changes.locale = locale;
  const timeZone = inputOf(values, settingsBlockId('timeZone'))?.selected_option?.value;
  if (timeZone) changes.timeZone = timeZone;
  const dayStart = inputOf(values, settingsBlockId('dayStart'))?.value;
  if (dayStart !== undefined) changes.dayStart = dayStart?.trim();
  for (const { key, optional } of NUMBER_SETTINGS) {
    const text = inputOf(values, settingsBlockId(key))?.value?.trim();
    if (!text) {
      if (optional) changes[key] = null;
      continue;
    }
    changes[key] = /^-?\d+$/.test(text) ? Number(text) : text;
  }
  for (const { key } of URL_SETTINGS) {
    const text = inputOf(values, settingsBlockId(key))?.value?.trim();
    changes[key] = text ? text : null;
  }
  const numbers = inputOf(values, settingsBlockId('smsSenderNumbers'))?.value ?? '';
  changes.smsSenderNumbers = numbers
    .split(/[,\s]+/)
    .map((n) => n.replace(/-/g, ''))
    .filter(Boolean);
  // The use case strips hyphens and checks it is an 080 number; empty means none. A modal without the field (opened
  // before it existed) leaves the number as it is.
  const optOut = inputOf(values, settingsBlockId('smsOptOutNumber'));
  if (optOut) changes.smsOptOutNumber = optOut.value?.trim() || null;
  return changes;
}

/** Keeps only the settings whose submitted value differs from what the modal showed (all of them for an old modal). */
export function editedSettings(
  submitted: Partial<Record<keyof ServiceSettings, unknown>>,
  shown: Record<string, string> | undefined,
): Partial<Record<keyof ServiceSettings, unknown>> {
  if (!shown) return submitted;
  const now = settingsFingerprint(submitted);
  return Object.fromEntries(Object.entries(submitted).filter(([key]) => now[key] !== shown[key]));
}

export function registerSettingsSubmission(app: App, deps: SlackDeps): void {
  onModalSubmission(
    app,
    deps,
    SETTINGS_CALLBACK_ID,
    async ({ ack, body, view, client }, { metadata, ctx }) => {
      const changes = editedSettings(settingsFromView(view.state.values as ViewStateValues), metadata.shown);
      // A callback channel the bot cannot post in would swallow every card: say how to invite it, on the field.
      const channel = changes.slackCallbackChannelId;
      if (typeof channel === 'string' && (await botPresenceIn(client, channel)) === 'absent')
        return void (await ack(
          inlineError(
            settingsBlockId('slackCallbackChannelId'),
            translate(ctx.locale, 'install.callbackChannelNotInvited'),
          ),
        ));
      const result = await deps.usecases.settings.updateServiceSettings(
        ctx.actor,
        metadata.serviceId,
        changes,
      );
      if (!result.ok)
        return void (await ack(
          renderInlineErrors(
            ctx.locale,
            result.problem,
            (field) => settingsBlockId(field as keyof ServiceSettings),
            SETTINGS_SWITCHES_BLOCK,
          ),
        ));
      await ack();
      await confirmInChannel(
        { client, log: deps.log, userId: body.user.id, channelId: metadata.channelId, locale: ctx.locale },
        translate(ctx.locale, 'settings.saved'),
      );
    },
  );
}
