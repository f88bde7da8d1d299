import type { Locale } from '../../domain/service-settings.js';
import type { DigestAction } from '../../usecases/notifications/digest.js';
import type { ChatMessage } from '../../usecases/notifications/chat-port.js';
import {
  adaptiveCard,
  dialogAction,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './card.js';
import {
  CALLBACK_DIALOGS,
  CALLBACK_VERBS,
  callbackActionSet,
  callbackCardSummary,
  callbackSummary,
  cardSentence,
  nameOf,
  phoneOf,
  renderCallbackCard,
  statusLabel,
  tr,
  withinActionLimit,
} from './callback-card.js';

/**
 * Every callback notification as a Teams card: the channel card (`callback-card.ts`), the digest of a burst, the
 * DM to an assignee, reminders and the notice to admins that a place refuses the bot. Pure: view model in, card out.
 */

type CallbackMessage = Exclude<ChatMessage, { kind: 'wallboard' }>;
type Digest = Extract<ChatMessage, { kind: 'callback_digest' }>;
type AssigneeDm = Extract<ChatMessage, { kind: 'assignee_dm' }>;
type Reminder = Extract<ChatMessage, { kind: 'callback_reminder' }>;

/** How many callbacks a digest lists before "and N more". */
const DIGEST_LISTED = 5;
/** How many numbers a DM of several callbacks lists. */
const DM_LISTED = 10;
/** How many callbacks a reminder shows with their buttons. */
const REMINDER_LISTED = 5;

export interface RenderOptions {
  /** Teams users (MRIs) a shared callback card is refreshed for, each with their own buttons. */
  refreshUserIds?: readonly string[];
}

export function renderCallbackMessageCard(
  message: CallbackMessage,
  options: RenderOptions = {},
): { card: AdaptiveCard; summary: string } {
  switch (message.kind) {
    case 'callback_card':
      return { card: renderCallbackCard(message, options), summary: callbackCardSummary(message) };
    case 'callback_digest':
      return renderDigest(message);
    case 'assignee_dm':
      return renderAssigneeDm(message);
    case 'callback_reminder':
      return renderReminder(message);
    case 'place_unreachable': {
      const key = `teamsCallbacks.unreachable.${message.what}` as const;
      const params = { place: message.place };
      const card = adaptiveCard([textBlock(cardSentence(message.locale, key, params), { color: 'Warning' })]);
      return { card, summary: tr(message.locale, key, params) };
    }
  }
}

function digestButton(locale: Locale, digestId: string, action: DigestAction): CardElement {
  switch (action) {
    case 'assign_next_to_me':
      return executeAction(
        tr(locale, 'callbackDigest.button.assignNextToMe'),
        CALLBACK_VERBS.digestAssignNext,
        { digestId },
        { style: 'positive' },
      );
    case 'distribute_evenly':
      return dialogAction(tr(locale, 'callbackDigest.button.distributeEvenly'), CALLBACK_DIALOGS.assign, {
        digestId,
        mode: 'even',
      });
    case 'assign_manually':
      return dialogAction(tr(locale, 'callbackDigest.button.assignManually'), CALLBACK_DIALOGS.assign, {
        digestId,
        mode: 'manual',
      });
    case 'list_unassigned':
      return executeAction(
        tr(locale, 'callbackDigest.button.listUnassigned'),
        CALLBACK_VERBS.digestUnassignedList,
        {
          digestId,
        },
      );
  }
}

/** A burst of new callbacks: how many, the first few with their state now, the tally, the buttons and the hint. */
export function renderDigest(message: Digest): { card: AdaptiveCard; summary: string } {
  const { locale, callbacks } = message;
  const lines = callbacks
    .slice(0, DIGEST_LISTED)
    .map((c) => `- **${phoneOf(c)}** ${nameOf(locale, c)} · ${statusLabel(locale, c.status)}`);
  if (callbacks.length > DIGEST_LISTED)
    lines.push(tr(locale, 'callbackDigest.more', { count: callbacks.length - DIGEST_LISTED }));
  const tally = message.counts
    .map(({ status, count }) => `${statusLabel(locale, status)} ${count}`)
    .join('  ·  ');
  const actions = withinActionLimit(message.actions.map((a) => digestButton(locale, message.digestId, a)));
  const card = adaptiveCard(
    [
      textBlock(cardSentence(locale, 'callbackDigest.title', { count: callbacks.length }), {
        size: 'Medium',
        weight: 'Bolder',
      }),
      textBlock(lines.join('\n')),
      textBlock(tally, { isSubtle: true }),
      textBlock(message.hints.map((h) => cardSentence(locale, `callbackDigest.hint.${h}`)).join(' '), {
        isSubtle: true,
        size: 'Small',
      }),
    ],
    actions.length > 0 ? { actions } : {},
  );
  return { card, summary: tr(locale, 'callbackDigest.text', { count: callbacks.length }) };
}

/** To an agent: one callback with its summary (and their buttons while it is still theirs), or several listed. */
export function renderAssigneeDm(message: AssigneeDm): { card: AdaptiveCard; summary: string } {
  const { locale, callbacks, total } = message;
  const one = total === 1 ? callbacks[0] : undefined;
  if (one) {
    const key = message.change === 'assigned' ? 'callbackDm.assignedOne' : 'callbackDm.unassignedOne';
    const headline = cardSentence(locale, key, { phone: phoneOf(one), name: nameOf(locale, one) });
    const body = [
      textBlock(headline),
      ...callbackSummary(locale, one, { timeZone: message.timeZone, assigneeName: message.assigneeName }),
      ...(message.change === 'assigned' && one.status === 'assigned' ? callbackActionSet(locale, one) : []),
    ];
    return { card: adaptiveCard(body), summary: headline.replace(/\*\*/g, '') };
  }
  const key = message.change === 'assigned' ? 'callbackDm.assignedMany' : 'callbackDm.unassignedMany';
  const headline = cardSentence(locale, key, { count: total });
  const lines = callbacks.slice(0, DM_LISTED).map((c) => `- **${phoneOf(c)}** ${nameOf(locale, c)}`);
  if (total > DM_LISTED) lines.push(tr(locale, 'callbackDigest.more', { count: total - DM_LISTED }));
  const card = adaptiveCard([
    textBlock(headline, { weight: 'Bolder' }),
    textBlock(lines.join('\n')),
    textBlock(cardSentence(locale, 'teamsCallbacks.listHint'), { isSubtle: true }),
  ]);
  return { card, summary: headline };
}

/** Unassigned too long (channel) or still open (the agent's DM): the first callbacks with their buttons. */
export function renderReminder(message: Reminder): { card: AdaptiveCard; summary: string } {
  const { locale, callbacks } = message;
  const headline = cardSentence(locale, `teamsCallbacks.reminder.${message.reminder}`, {
    count: callbacks.length,
    minutes: message.minutes,
  });
  const body: CardElement[] = [textBlock(headline, { weight: 'Bolder' })];
  for (const callback of callbacks.slice(0, REMINDER_LISTED))
    body.push({
      type: 'Container',
      separator: true,
      items: [
        ...callbackSummary(locale, callback, {
          timeZone: message.timeZone,
          assigneeName: message.assigneeName,
        }),
        ...callbackActionSet(locale, callback),
      ],
    });
  if (callbacks.length > REMINDER_LISTED)
    body.push(
      textBlock(
        cardSentence(locale, 'teamsCallbacks.reminder.more', { count: callbacks.length - REMINDER_LISTED }),
        {
          isSubtle: true,
        },
      ),
    );
  return { card: adaptiveCard(body), summary: headline };
}
