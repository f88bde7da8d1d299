import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { CALL_OUTCOMES, formatKoreanPhone, type CallbackStatus } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import { clip, context, escapeMrkdwn, option, plain, section } from './text.js';
import type { CallbackAction, CallbackItem } from '../../usecases/notifications/chat-port.js';
import { CALLBACK_ACTIONS, DIGEST_ACTIONS, SMS_ACTIONS } from '../action-ids.js';
import type { DigestAction, DigestHint } from '../../usecases/notifications/digest.js';

/**
 * Presenters for callbacks in Slack: the channel card, the digest of a burst, the DM to an assignee, the reminder
 * and the prompt after Call. Pure: a callback view (and the names and clock it needs) in, Block Kit out.
 */

/** A callback as a summary shows it (a stored callback works too); with buttons it is a `CallbackItem`. */
export type ShownCallback = Omit<CallbackItem, 'actions'>;

/** What a card needs besides the callback: the service's time zone and the assignee's display name. */
export interface CallbackView {
  timeZone: string;
  assigneeName?: string | null;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const STATUS_ICON: Record<CallbackStatus, string> = {
  unassigned: ':large_yellow_circle:',
  assigned: ':large_blue_circle:',
  completed: ':white_check_mark:',
  cancelled: ':no_entry_sign:',
};

/** How many numbers a digest lists before "and N more". */
const DIGEST_LISTED = 5;
/** How many numbers a multi-callback DM lists. */
const DM_LISTED = 10;

const t = (locale: Locale, key: MessageKey, params?: MessageParams) => translate(locale, key, params);

export function displayPhone(callback: Pick<CallbackDoc, 'phone'>): string {
  return formatKoreanPhone(callback.phone);
}

function displayName(locale: Locale, callback: Pick<ShownCallback, 'name'>): string {
  return callback.name ? escapeMrkdwn(callback.name) : t(locale, 'callbackCard.unnamed');
}

export function statusText(locale: Locale, status: CallbackStatus): string {
  return `${STATUS_ICON[status]} ${t(locale, `callbacks.status.${status}`)}`;
}

function outcomeText(locale: Locale, outcome: CallbackDoc['outcome']): string {
  return outcome ? t(locale, `callbacks.outcome.${outcome}`) : t(locale, 'callbackCard.outcomePending');
}

function attemptsText(locale: Locale, callback: Pick<ShownCallback, 'attempts'>): string {
  const last = callback.attempts.at(-1);
  if (!last) return t(locale, 'callbackCard.noAttempts');
  return t(locale, 'callbackCard.attemptsValue', {
    count: callback.attempts.length,
    outcome: outcomeText(locale, last.outcome),
  });
}

/**
 * One callback's button row, for cards, list rows and the App Home: exactly the actions the use cases chose for
 * who sees it (`domain/callback-actions.ts`: a shared card every action of its state, a person's own view only
 * theirs). Every value is the callback id; each press is decided again, where a refusal is explained.
 * Put the elements in an `actions` block of your own (give it a unique `block_id` when a message shows several).
 */
export function callbackButtons(
  locale: Locale,
  callback: Pick<CallbackItem, '_id' | 'actions'> & Partial<Pick<CallbackItem, 'phone' | 'name'>>,
): Button[] {
  const button = (key: MessageKey, actionId: string, style?: 'primary' | 'danger'): Button => ({
    type: 'button',
    text: plain(t(locale, key), 75),
    action_id: actionId,
    value: callback._id,
    ...(style ? { style } : {}),
    ...callbackButtonLabel(locale, t(locale, key), callback),
  });
  return callback.actions.map((action) => BUTTONS[action](button));
}

type MakeButton = (key: MessageKey, actionId: string, style?: 'primary' | 'danger') => Button;
/** Each action as a Slack button: the primary one of its state is styled so. */
const BUTTONS: Record<CallbackAction, (button: MakeButton) => Button> = {
  assign_to_me: (b) => b('callbackCard.button.assignToMe', CALLBACK_ACTIONS.assignToMe, 'primary'),
  assign: (b) => b('callbackCard.button.assignOpen', CALLBACK_ACTIONS.assignOpen),
  call: (b) => b('callbackCard.button.call', CALLBACK_ACTIONS.call, 'primary'),
  complete: (b) => b('callbackCard.button.complete', CALLBACK_ACTIONS.completeOpen),
  register_history: (b) => b('callbackCard.button.history', CALLBACK_ACTIONS.historyOpen),
  cancel: (b) => b('callbackCard.button.cancel', CALLBACK_ACTIONS.cancelOpen),
};

/**
 * One callback as a section: number and name on top, then requested time (service time zone), source, request
 * count, status, assignee and call attempts as fields. For cards, list rows, the App Home and modals.
 */
export function renderCallbackSummary(
  locale: Locale,
  callback: ShownCallback,
  view: CallbackView,
): SectionBlock {
  const field = (label: MessageKey, value: string) => ({
    type: 'mrkdwn' as const,
    text: clip(`*${t(locale, label)}*\n${value}`, 2000),
  });
  let requested = formatDateTime(callback.requestedAt, view.timeZone, locale);
  if (callback.requestCount > 1 && callback.lastRequestedAt.getTime() !== callback.requestedAt.getTime())
    requested += ` (${t(locale, 'callbackCard.lastRequestedAt', {
      at: formatDateTime(callback.lastRequestedAt, view.timeZone, locale),
    })})`;
  const fields = [
    field('callbackCard.requestedAt', requested),
    field('callbackCard.source', t(locale, `callbacks.source.${callback.source}`)),
    field('callbackCard.requestCount', String(callback.requestCount)),
    field('callbackCard.status', statusText(locale, callback.status)),
    field(
      'callbackCard.assignee',
      callback.assigneeId
        ? escapeMrkdwn(view.assigneeName ?? callback.assigneeId)
        : t(locale, 'callbackCard.nobody'),
    ),
    field('callbackCard.attempts', attemptsText(locale, callback)),
  ];
  if (callback.preferredAt)
    fields.push(
      field('callbackCard.preferredAt', formatDateTime(callback.preferredAt, view.timeZone, locale)),
    );
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: clip(`:telephone_receiver: *${displayPhone(callback)}*  ${displayName(locale, callback)}`, 3000),
    },
    fields,
  };
}

/** The channel card of one callback: summary, note, how it ended (when it did) and the buttons for its state. */
export function renderCallbackCard(locale: Locale, callback: CallbackItem, view: CallbackView): SlackMessage {
  const blocks: KnownBlock[] = [renderCallbackSummary(locale, callback, view)];
  if (callback.note)
    blocks.push(context(t(locale, 'callbackCard.note', { note: escapeMrkdwn(callback.note) })));
  if (callback.status === 'completed') {
    blocks.push(
      context(
        t(locale, 'callbackCard.completed', {
          at: callback.completedAt ? formatDateTime(callback.completedAt, view.timeZone, locale) : '',
          outcome: outcomeText(locale, callback.outcome),
        }),
      ),
    );
    if (callback.completionNote)
      blocks.push(
        context(t(locale, 'callbackCard.completedNote', { note: escapeMrkdwn(callback.completionNote) })),
      );
  }
  if (callback.status === 'cancelled')
    blocks.push(
      context(t(locale, 'callbackCard.cancelled', { reason: escapeMrkdwn(callback.cancelReason ?? '') })),
    );
  const buttons = callbackButtons(locale, callback);
  // Send SMS to the customer while the callback is open; who may send is decided on click (and the use case).
  if (buttons.length > 0) buttons.push(callbackSmsButton(locale, callback));
  if (buttons.length > 0) blocks.push(actionsBlock(`callback_${callback._id}`, buttons));
  return { text: cardText(locale, callback), blocks };
}

/**
 * One message for a burst of new callbacks: how many, the first few numbers with their state now, and where to see
 * them all. Re-rendered in place as they are taken and closed.
 */
export function renderCallbackDigest(
  locale: Locale,
  callbacks: ShownCallback[],
  /** Each status once, as the use case tallied the whole burst. */
  counts: { status: CallbackStatus; count: number }[],
  /** What its reader may do (every action in a shared channel) and the hint true for them. */
  offer: { digestId: string; actions: DigestAction[]; hints: DigestHint[] },
): SlackMessage {
  const listed = callbacks
    .slice(0, DIGEST_LISTED)
    .map((c) => `• *${displayPhone(c)}* ${displayName(locale, c)} · ${statusText(locale, c.status)}`);
  if (callbacks.length > DIGEST_LISTED)
    listed.push(t(locale, 'callbackDigest.more', { count: callbacks.length - DIGEST_LISTED }));
  const tally = counts.map(({ status, count }) => `${statusText(locale, status)} ${count}`).join('  ·  ');
  return {
    text: t(locale, 'callbackDigest.text', { count: callbacks.length }),
    blocks: [
      section(t(locale, 'callbackDigest.title', { count: callbacks.length })),
      section(listed.join('\n')),
      context(tally),
      ...(offer.actions.length > 0
        ? [actionsBlock(`digest_${offer.digestId}`, digestButtons(locale, offer.digestId, offer.actions))]
        : []),
      context(offer.hints.map((hint) => t(locale, `callbackDigest.hint.${hint}`)).join(' ')),
    ],
  };
}

const DIGEST_BUTTONS: Record<DigestAction, { key: MessageKey; actionId: string; primary?: true }> = {
  assign_next_to_me: {
    key: 'callbackDigest.button.assignNextToMe',
    actionId: DIGEST_ACTIONS.assignNextToMe,
    primary: true,
  },
  distribute_evenly: {
    key: 'callbackDigest.button.distributeEvenly',
    actionId: DIGEST_ACTIONS.distributeEvenly,
  },
  assign_manually: { key: 'callbackDigest.button.assignManually', actionId: DIGEST_ACTIONS.assignManually },
  list_unassigned: { key: 'callbackDigest.button.listUnassigned', actionId: DIGEST_ACTIONS.listUnassigned },
};

/** The digest's buttons; each value is the digest's post id, so the use case finds its callbacks. */
function digestButtons(locale: Locale, digestId: string, actions: DigestAction[]): Button[] {
  return actions.map((action) => {
    const { key, actionId, primary } = DIGEST_BUTTONS[action];
    return {
      type: 'button',
      text: plain(t(locale, key), 75),
      action_id: actionId,
      value: digestId,
      ...(primary ? { style: 'primary' as const } : {}),
    };
  });
}

/**
 * The DM to an agent a batch of callbacks was assigned to or taken from. One callback: its summary (and, when
 * assigned, the buttons to work it); several: the first numbers and a pointer to the list. `total` counts the
 * whole batch when only its first callbacks are passed.
 */
export function renderAssigneeDm(
  locale: Locale,
  kind: 'assigned' | 'unassigned',
  callbacks: CallbackItem[],
  view: CallbackView,
  total = callbacks.length,
): SlackMessage {
  const only = total === 1 ? callbacks[0] : undefined;
  if (only) {
    const headline = t(locale, kind === 'assigned' ? 'callbackDm.assignedOne' : 'callbackDm.unassignedOne', {
      phone: displayPhone(only),
      name: displayName(locale, only),
    });
    const blocks: KnownBlock[] = [section(headline), renderCallbackSummary(locale, only, view)];
    // Buttons only while the DM is still true: an assignment that has since changed shows none.
    if (kind === 'assigned' && only.status === 'assigned')
      blocks.push(actionsBlock(`callback_${only._id}`, callbackButtons(locale, only)));
    return { text: headline.replace(/\*/g, ''), blocks };
  }
  const headline = t(locale, kind === 'assigned' ? 'callbackDm.assignedMany' : 'callbackDm.unassignedMany', {
    count: total,
  });
  const listed = callbacks.slice(0, DM_LISTED).map((c) => `• *${displayPhone(c)}* ${displayName(locale, c)}`);
  if (total > DM_LISTED) listed.push(t(locale, 'callbackDigest.more', { count: total - DM_LISTED }));
  return {
    text: headline,
    blocks: [section(headline), section(listed.join('\n')), context(t(locale, 'callbackDm.listHint'))],
  };
}

/** Reminders list at most this many callbacks with their buttons; the rest are counted. */
const REMINDER_LISTED = 5;

/**
 * A reminder message: the headline, the first callbacks with their buttons, and how many more. The channel
 * reminder is for whoever picks them up; the DM for the agent who has them.
 */
export function renderReminder(
  locale: Locale,
  kind: 'unassigned' | 'assigned',
  callbacks: CallbackItem[],
  view: { minutes: number; timeZone: string; assigneeName: string | null },
): SlackMessage {
  const text = t(locale, `callbackReminder.${kind}`, { count: callbacks.length, minutes: view.minutes });
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  for (const callback of callbacks.slice(0, REMINDER_LISTED)) {
    blocks.push(renderCallbackSummary(locale, callback, view));
    const buttons = callbackButtons(locale, callback);
    if (buttons.length)
      blocks.push({ type: 'actions', block_id: `remind_${callback._id}`, elements: buttons });
  }
  if (callbacks.length > REMINDER_LISTED)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: t(locale, 'callbackReminder.more', { count: callbacks.length - REMINDER_LISTED }),
        },
      ],
    });
  return { text: text.replace(/`/g, ''), blocks };
}

/** What the caller sees after Call: how the call is placed, and the select to record how it went. */
export function renderCallStarted(
  locale: Locale,
  callback: CallbackDoc,
  started: {
    attemptId: string;
    dial: { kind: 'webhook' } | { kind: 'tel'; uri: string };
    interactionId?: string;
  },
): SlackMessage {
  const phone = displayPhone(callback);
  const how =
    started.dial.kind === 'webhook'
      ? t(locale, 'callbackCall.dialing', { phone })
      : t(locale, 'callbackCall.tel', { uri: started.dial.uri, phone });
  const blocks: KnownBlock[] = [section(`:telephone_receiver: ${how}`)];
  if (started.interactionId) blocks.push(context(t(locale, 'interactions.ticketCreated')));
  blocks.push({
    type: 'section',
    block_id: 'callback_outcome',
    text: { type: 'mrkdwn', text: t(locale, 'callbackCall.outcomePrompt') },
    accessory: {
      type: 'static_select',
      action_id: CALLBACK_ACTIONS.outcome,
      placeholder: plain(t(locale, 'callbackCall.outcomePlaceholder'), 150),
      options: CALL_OUTCOMES.map((outcome) =>
        option(
          t(locale, `callbacks.outcome.${outcome}`),
          encodeOutcomeValue(callback._id, started.attemptId, outcome),
        ),
      ),
    },
  });
  return { text: how, blocks };
}

/** `<callbackId>:<attemptId>:<outcome>`: ids never contain a colon. */
export function encodeOutcomeValue(callbackId: string, attemptId: string, outcome: string): string {
  return `${callbackId}:${attemptId}:${outcome}`;
}

export function decodeOutcomeValue(
  value: string,
): { callbackId: string; attemptId: string; outcome: string } | undefined {
  const [callbackId, attemptId, outcome, ...rest] = value.split(':');
  if (!callbackId || !attemptId || !outcome || rest.length > 0) return undefined;
  return { callbackId, attemptId, outcome };
}

/** The card's Send SMS button: `<callbackId>:<phone>` (the number is on the card already). */
export function callbackSmsButton(
  locale: Locale,
  callback: Pick<ShownCallback, '_id' | 'phone'> & Partial<Pick<ShownCallback, 'name'>>,
): Button {
  return {
    type: 'button',
    text: plain(t(locale, 'smsSlack.card.button'), 75),
    action_id: SMS_ACTIONS.sendFromCallback,
    value: `${callback._id}:${callback.phone}`,
    ...callbackButtonLabel(locale, t(locale, 'smsSlack.card.button'), callback),
  };
}

/**
 * A list, digest or Home tab repeats the same buttons once per callback; a screen reader announcing "Assign to me"
 * ten times cannot tell them apart, so each names its callback (Slack's limit: 75 characters).
 */
function callbackButtonLabel(
  locale: Locale,
  action: string,
  callback: Partial<Pick<ShownCallback, 'phone' | 'name'>>,
): { accessibility_label?: string } {
  if (!callback.phone) return {};
  const label = t(locale, 'install.callbackButtonLabel', {
    action: action.replace(/[…]+$/, ''),
    phone: formatKoreanPhone(callback.phone),
    name: callback.name ?? '',
  }).trim();
  return { accessibility_label: clip(label, 75) };
}

export function decodeCallbackSmsButton(
  value: string | undefined,
): { callbackId: string; phone: string } | undefined {
  const [callbackId, phone, ...rest] = (value ?? '').split(':');
  return callbackId && phone && rest.length === 0 ? { callbackId, phone } : undefined;
}

function actionsBlock(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId.slice(0, 255), elements };
}

/**
 * The notification text (and screen-reader text) of a card. Slack reads `text` as mrkdwn too, so a customer named
 * `<!channel>` would ping the channel and a link in a name would unfurl: the name is escaped like in the blocks.
 */
function cardText(locale: Locale, callback: Pick<ShownCallback, 'phone' | 'name' | 'status'>): string {
  return t(locale, 'callbackCard.text', {
    phone: displayPhone(callback),
    name: callback.name ? escapeMrkdwn(callback.name) : '',
    status: t(locale, `callbacks.status.${callback.status}`),
  });
}
