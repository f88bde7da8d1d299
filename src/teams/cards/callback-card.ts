import { formatKoreanPhone, type CallbackStatus } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { InteractionEntry } from '../../usecases/callbacks/interactions.js';
import type { CallbackAction, CallbackItem, ChatMessage } from '../../usecases/notifications/chat-port.js';
import { DIALOG_IDS } from './callback-forms.js';
import {
  adaptiveCard,
  dialogAction,
  executeAction,
  factSet,
  teamsUserMri,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './card.js';
import { cardSentence, plainText } from './card.js';

/**
 * The callback card in Teams: the view model the notification pipeline hands every surface, as an Adaptive Card
 * 1.5. The channel copy is shared by everyone in the channel, so it carries Universal Actions' `refresh`: Teams
 * asks the bot (`callback.refresh`) for each listed member's own version, with the buttons their role allows.
 */

export type CallbackCardMessage = Extract<ChatMessage, { kind: 'callback_card' }>;

/** Verbs of the card's `Action.Execute` buttons (handled in `src/teams/actions/callbacks.ts`). */
export const CALLBACK_VERBS = {
  assignToMe: 'callback.assignToMe',
  connect: 'callback.connect',
  outcome: 'callback.outcome',
  refresh: 'callback.refresh',
  digestAssignNext: 'callback.digest.assignNext',
  digestUnassignedList: 'callback.digest.unassignedList',
} as const;

/** Dialogs the card's form buttons open (built by the callback dialogs: data `{ callbackId }`). */
export const CALLBACK_DIALOGS = DIALOG_IDS;

/** Universal Actions refresh a card for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;
/** The Teams users (MRIs) among chat identities (`teams:<tenant>:<aad>`), once each, at most 60. */
export function refreshUsersOf(identities: readonly string[]): string[] {
  const mris = identities
    .filter((identity) => identity.startsWith('teams:'))
    .map((identity) => teamsUserMri(identity.slice(identity.lastIndexOf(':') + 1)));
  return [...new Set(mris)].slice(0, MAX_REFRESH_USERS);
}

/** The validator's host config (and Teams) allow at most 5 actions in one actions array. */
const MAX_ACTIONS = 5;

export const tr = (locale: Locale, key: MessageKey, params?: MessageParams) => translate(locale, key, params);

export { cardSentence };

export { plainText };

const STATUS_MARK: Record<CallbackStatus, string> = {
  unassigned: '🟡',
  assigned: '🔵',
  completed: '✅',
  cancelled: '🚫',
};

export function statusLabel(locale: Locale, status: CallbackStatus): string {
  return `${STATUS_MARK[status]} ${tr(locale, `callbacks.status.${status}`)}`;
}

export function phoneOf(callback: Pick<CallbackItem, 'phone'>): string {
  return formatKoreanPhone(callback.phone);
}

export function nameOf(locale: Locale, callback: Pick<CallbackItem, 'name'>): string {
  return callback.name ? plainText(callback.name) : tr(locale, 'callbackCard.unnamed');
}

type ShownCallback = Omit<CallbackItem, 'actions'>;

function attemptsLine(locale: Locale, callback: ShownCallback): string {
  const latest = callback.attempts[callback.attempts.length - 1];
  if (!latest) return tr(locale, 'callbackCard.noAttempts');
  const outcome = latest.outcome
    ? tr(locale, `callbacks.outcome.${latest.outcome}`)
    : tr(locale, 'callbackCard.outcomePending');
  return tr(locale, 'callbackCard.attemptsValue', { count: callback.attempts.length, outcome });
}

/** The callback's number and name, then its facts: requested (and last requested), source, count, state, who. */
export function callbackSummary(
  locale: Locale,
  callback: ShownCallback,
  view: { timeZone: string; assigneeName: string | null },
): CardElement[] {
  const when = (date: Date) => formatDateTime(date, view.timeZone, locale);
  const repeated =
    callback.requestCount > 1 && callback.lastRequestedAt.getTime() !== callback.requestedAt.getTime();
  const requested = repeated
    ? `${when(callback.requestedAt)} (${tr(locale, 'callbackCard.lastRequestedAt', { at: when(callback.lastRequestedAt) })})`
    : when(callback.requestedAt);
  const assignee = callback.assigneeId
    ? plainText(view.assigneeName ?? callback.assigneeId)
    : tr(locale, 'callbackCard.nobody');
  const facts = [
    { title: tr(locale, 'callbackCard.requestedAt'), value: requested },
    { title: tr(locale, 'callbackCard.source'), value: tr(locale, `callbacks.source.${callback.source}`) },
    { title: tr(locale, 'callbackCard.requestCount'), value: String(callback.requestCount) },
    { title: tr(locale, 'callbackCard.status'), value: statusLabel(locale, callback.status) },
    { title: tr(locale, 'callbackCard.assignee'), value: assignee },
    { title: tr(locale, 'callbackCard.attempts'), value: attemptsLine(locale, callback) },
  ];
  if (callback.preferredAt)
    facts.push({ title: tr(locale, 'callbackCard.preferredAt'), value: when(callback.preferredAt) });
  return [
    textBlock(`📞 **${phoneOf(callback)}**  ${nameOf(locale, callback)}`, {
      size: 'Medium',
      weight: 'Bolder',
    }),
    factSet(facts),
  ];
}

/** How the callback ended and what was written: note, completion (time, outcome, note) or the cancel reason. */
function callbackNotes(locale: Locale, callback: ShownCallback, timeZone: string): CardElement[] {
  const lines: string[] = [];
  if (callback.note) lines.push(tr(locale, 'callbackCard.note', { note: plainText(callback.note) }));
  if (callback.status === 'completed') {
    lines.push(
      tr(locale, 'callbackCard.completed', {
        at: callback.completedAt ? formatDateTime(callback.completedAt, timeZone, locale) : '',
        outcome: callback.outcome
          ? tr(locale, `callbacks.outcome.${callback.outcome}`)
          : tr(locale, 'callbackCard.outcomePending'),
      }),
    );
    if (callback.completionNote)
      lines.push(tr(locale, 'callbackCard.completedNote', { note: plainText(callback.completionNote) }));
  }
  if (callback.status === 'cancelled')
    lines.push(tr(locale, 'callbackCard.cancelled', { reason: plainText(callback.cancelReason ?? '') }));
  return lines.map((line) => textBlock(line, { isSubtle: true, spacing: 'Small' }));
}

/** The latest interaction records, newest first: when, what kind, who, the channel, what was written. */
function historyBlocks(
  locale: Locale,
  entries: readonly InteractionEntry[],
  timeZone: string,
): CardElement[] {
  if (entries.length === 0) return [];
  const lines = entries.map((entry) => {
    const parts = [
      formatDateTime(entry.at, timeZone, locale),
      `**${tr(locale, `interactions.kind.${entry.kind}`)}**`,
      plainText(entry.memberName),
    ];
    if (entry.kind === 'history') parts.push(tr(locale, `callbackHistory.channel.${entry.channel}`));
    if (entry.forward !== 'none') parts.push(tr(locale, `interactions.forward.${entry.forward}`));
    const summary = entry.summary ? ` — ${plainText(entry.summary)}` : '';
    const note = entry.note ? ` (${plainText(entry.note.replace(/\s+/g, ' ').slice(0, 300))})` : '';
    return `- ${parts.join(' · ')}${summary}${note}`;
  });
  return [
    textBlock(`**${tr(locale, 'interactions.cardTitle')}**`, { separator: true, spacing: 'Medium' }),
    textBlock(lines.join('\n')),
  ];
}

/**
 * Each action as a button: taking and connecting act at once; the others open their dialog. `context` rides along
 * in the button's data (a list row carries its list, so the list is shown again after the press).
 */
export function callbackActionButton(
  locale: Locale,
  callbackId: string,
  action: CallbackAction,
  context: Record<string, unknown> = {},
): CardElement {
  const data = { ...context, callbackId };
  switch (action) {
    case 'assign_to_me':
      return executeAction(tr(locale, 'callbackCard.button.assignToMe'), CALLBACK_VERBS.assignToMe, data, {
        style: 'positive',
      });
    case 'assign':
      return dialogAction(tr(locale, 'callbackCard.button.assignOpen'), CALLBACK_DIALOGS.assign, data);
    case 'call':
      return executeAction(tr(locale, 'callbackCard.button.call'), CALLBACK_VERBS.connect, data, {
        style: 'positive',
      });
    case 'complete':
      return dialogAction(tr(locale, 'callbackCard.button.complete'), CALLBACK_DIALOGS.complete, data);
    case 'register_history':
      return dialogAction(tr(locale, 'callbackCard.button.history'), CALLBACK_DIALOGS.history, data);
    case 'cancel':
      return dialogAction(tr(locale, 'callbackCard.button.cancel'), CALLBACK_DIALOGS.cancel, data);
  }
}

/** At most five actions in one array: the rest go to the overflow menu (`mode: secondary`). */
export function withinActionLimit(actions: CardElement[]): CardElement[] {
  return actions.map((action, i) =>
    i < MAX_ACTIONS - 1 || actions.length <= MAX_ACTIONS ? action : { ...action, mode: 'secondary' },
  );
}

/** One callback's buttons as an ActionSet (for messages that show several callbacks), or nothing. */
export function callbackActionSet(
  locale: Locale,
  callback: Pick<CallbackItem, '_id' | 'actions'>,
): CardElement[] {
  if (callback.actions.length === 0) return [];
  return [
    {
      type: 'ActionSet',
      actions: withinActionLimit(callback.actions.map((a) => callbackActionButton(locale, callback._id, a))),
    },
  ];
}

/**
 * The channel card of one callback. `refreshUserIds`: the MRIs of the members Teams refreshes the card for (each
 * gets their own buttons); without them the card shows the buttons of the view model as they are.
 */
export function renderCallbackCard(
  message: CallbackCardMessage,
  options: { refreshUserIds?: readonly string[] } = {},
): AdaptiveCard {
  const { locale, callback, timeZone } = message;
  const body = [
    ...callbackSummary(locale, callback, { timeZone, assigneeName: message.assigneeName }),
    ...callbackNotes(locale, callback, timeZone),
    ...historyBlocks(locale, message.history ?? [], timeZone),
  ];
  const actions = withinActionLimit(
    callback.actions.map((a) => callbackActionButton(locale, callback._id, a)),
  );
  const userIds = (options.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  return adaptiveCard(body, {
    ...(actions.length > 0 ? { actions } : {}),
    ...(userIds.length > 0
      ? {
          refresh: {
            action: {
              type: 'Action.Execute',
              title: 'Refresh',
              verb: CALLBACK_VERBS.refresh,
              data: { callbackId: callback._id },
            },
            userIds: [...userIds],
          },
        }
      : {}),
  });
}

/** The notification line (and what a screen reader or the activity feed shows) of a callback card. */
export function callbackCardSummary(message: CallbackCardMessage): string {
  const { locale, callback } = message;
  return tr(locale, 'callbackCard.text', {
    phone: phoneOf(callback),
    name: callback.name ?? '',
    status: tr(locale, `callbacks.status.${callback.status}`),
  }).trim();
}
