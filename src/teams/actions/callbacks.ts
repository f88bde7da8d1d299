import { CALL_OUTCOMES } from '../../domain/callbacks.js';
import { callbackViewerOf } from '../../usecases/actor.js';
import { callbackItem } from '../../usecases/notifications/chat-port.js';
import {
  adaptiveCard,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card.js';
import {
  CALLBACK_VERBS,
  callbackActionSet,
  callbackSummary,
  cardSentence,
  phoneOf,
  refreshUsersOf,
  renderCallbackCard,
  tr,
} from '../cards/callback-card.js';
import { listAfterRowAction } from '../commands/callback.js';
import { problemText } from '../reply.js';
import type { Problem } from '../../usecases/result.js';
import type { CardActionAnswer, TeamsCardAction, TeamsTurn } from '../router.js';
import { callbackServiceOf, type CardData } from '../card-data.js';

/**
 * The buttons of callback cards and digests in Teams (Universal Actions). Each calls the same use case as Slack's
 * button; a refusal is answered in words under the card. After a change the use cases publish it and the
 * notification pipeline edits every posted copy (Slack and Teams); the answer here is the presser's own fresh card.
 */

/** A use case's refusal in the presser's words, naming the Teams bot's commands rather than Slack's. */
const refusal = (turn: TeamsTurn, problem: Problem) => problemText(turn, problem);

const idOf = (data: CardData, key: 'callbackId' | 'digestId'): string =>
  typeof data[key] === 'string' ? data[key] : '';

const gone = (turn: TeamsTurn): CardActionAnswer => ({
  kind: 'message',
  text: refusal(turn, { code: 'not_found', message: 'callbacks.notFound' }),
});

/** The channel card of a callback as the presser sees it: their buttons, in their language, still refreshed for all. */
export async function presserCard(turn: TeamsTurn, callbackId: string): Promise<AdaptiveCard | undefined> {
  const { callbacks } = turn.deps.usecases;
  const message = await callbacks.callbackCardFor(turn.ctx.actor, callbackId);
  if (!message) return undefined;
  const readers = await callbacks.callbackCardReaders(callbackId);
  return renderCallbackCard(
    { ...message, locale: turn.ctx.locale },
    { refreshUserIds: refreshUsersOf(readers) },
  );
}

async function cardAnswer(turn: TeamsTurn, callbackId: string): Promise<CardActionAnswer> {
  const card = await presserCard(turn, callbackId);
  return card ? { kind: 'card', card } : gone(turn);
}

/** Universal Actions' per-user refresh: the card with the buttons the viewer's role allows. */
const refresh: TeamsCardAction = {
  verb: CALLBACK_VERBS.refresh,
  serviceOf: callbackServiceOf,
  run: async (turn, data) => cardAnswer(turn, idOf(data, 'callbackId')),
};

/** Assign to me (나에게 할당): the presser takes the callback. */
const assignToMe: TeamsCardAction = {
  verb: CALLBACK_VERBS.assignToMe,
  serviceOf: callbackServiceOf,
  run: async (turn, data) => {
    const callbackId = idOf(data, 'callbackId');
    const taken = await turn.deps.usecases.callbacks.assignToMe(turn.ctx.actor, callbackId);
    if (!taken.ok) return { kind: 'message', text: refusal(turn, taken.problem) };
    // Pressed on a list row: the list again, with the row's new state; on a card: the card.
    return (await listAfterRowAction(turn, data)) ?? cardAnswer(turn, callbackId);
  },
};

/**
 * Connect (연결): dials through the service's click-to-dial webhook, or hands out a `tel:` link. The presser's card
 * then asks how the call went (`callback.outcome`).
 */
const connect: TeamsCardAction = {
  verb: CALLBACK_VERBS.connect,
  serviceOf: callbackServiceOf,
  run: async (turn, data) => {
    const callbackId = idOf(data, 'callbackId');
    const started = await turn.deps.usecases.callbacks.startCall(turn.ctx.actor, callbackId);
    if (!started.ok) return { kind: 'message', text: refusal(turn, started.problem) };
    const { locale } = turn.ctx;
    const { callback, dial, attemptId, interaction } = started.value;
    const phone = phoneOf(callback);
    const how =
      dial.kind === 'webhook'
        ? cardSentence(locale, 'callbackCall.dialing', { phone })
        : cardSentence(locale, 'teamsCallbacks.call.tel', { phone, uri: dial.uri });
    const card = await presserCard(turn, callbackId);
    if (!card) return { kind: 'message', text: how };
    const prompt: CardElement[] = [
      textBlock(`📞 ${how}`, { weight: 'Bolder', separator: true, spacing: 'Medium' }),
      ...(interaction
        ? [textBlock(cardSentence(locale, 'interactions.ticketCreated'), { isSubtle: true })]
        : []),
      {
        type: 'Input.ChoiceSet',
        id: 'outcome',
        label: tr(locale, 'callbackCall.outcomePrompt'),
        placeholder: tr(locale, 'callbackCall.outcomePlaceholder'),
        choices: CALL_OUTCOMES.map((o) => ({ title: tr(locale, `callbacks.outcome.${o}`), value: o })),
      },
      {
        type: 'ActionSet',
        actions: [
          executeAction(tr(locale, 'callbackCall.outcomePlaceholder'), CALLBACK_VERBS.outcome, {
            callbackId,
            attemptId,
          }),
        ],
      },
    ];
    return { kind: 'card', card: { ...card, body: [...prompt, ...card.body] } };
  },
};

/** How the call went: recorded on the attempt Connect logged. */
const outcome: TeamsCardAction = {
  verb: CALLBACK_VERBS.outcome,
  serviceOf: callbackServiceOf,
  run: async (turn, data) => {
    const callbackId = idOf(data, 'callbackId');
    const attemptId = typeof data.attemptId === 'string' ? data.attemptId : '';
    const chosen = typeof data.outcome === 'string' ? data.outcome : '';
    const recorded = await turn.deps.usecases.callbacks.recordCallOutcome(
      turn.ctx.actor,
      callbackId,
      attemptId,
      chosen,
    );
    if (!recorded.ok) return { kind: 'message', text: refusal(turn, recorded.problem) };
    return cardAnswer(turn, callbackId);
  },
};

/** A digest's Assign to me: the presser takes the oldest of its callbacks still unassigned. */
const digestAssignNext: TeamsCardAction = {
  verb: CALLBACK_VERBS.digestAssignNext,
  serviceOf: callbackServiceOf,
  run: async (turn, data) => {
    const taken = await turn.deps.usecases.callbacks.assignNextFromDigest(
      turn.ctx.actor,
      idOf(data, 'digestId'),
    );
    if (!taken.ok) return { kind: 'message', text: refusal(turn, taken.problem) };
    return {
      kind: 'message',
      text: tr(turn.ctx.locale, 'teamsCallbacks.assigned', { phone: phoneOf(taken.value) }),
    };
  },
};

/** How many unassigned callbacks the digest's list shows (the rest: `callback list unassigned`). */
const LISTED = 10;

/** A digest's Unassigned list (admins): the service's unassigned callbacks, oldest first, with the presser's buttons. */
const digestUnassignedList: TeamsCardAction = {
  verb: CALLBACK_VERBS.digestUnassignedList,
  serviceOf: callbackServiceOf,
  run: async (turn, data) => {
    const { callbacks } = turn.deps.usecases;
    const allowed = await callbacks.digestUnassignedList(turn.ctx.actor, idOf(data, 'digestId'));
    if (!allowed.ok) return { kind: 'message', text: refusal(turn, allowed.problem) };
    const page = await callbacks.listCallbacks(turn.ctx.actor, allowed.value.serviceId, {
      scope: 'unassigned',
      order: 'oldest',
      page: 1,
      pageSize: LISTED,
    });
    if (!page.ok) return { kind: 'message', text: refusal(turn, page.problem) };
    const { locale, service } = turn.ctx;
    const timeZone = service?.settings.timeZone ?? 'Asia/Seoul';
    const viewer = callbackViewerOf(turn.ctx.actor);
    const body: CardElement[] = [
      textBlock(`**${tr(locale, 'callbackDigest.button.listUnassigned')}** (${page.value.total})`, {
        size: 'Medium',
      }),
    ];
    for (const doc of page.value.items) {
      const item = callbackItem(doc, viewer);
      body.push({
        type: 'Container',
        separator: true,
        items: [
          ...callbackSummary(locale, item, { timeZone, assigneeName: null }),
          ...callbackActionSet(locale, item),
        ],
      });
    }
    if (page.value.total > page.value.items.length)
      body.push(
        textBlock(
          cardSentence(locale, 'teamsCallbacks.reminder.more', {
            count: page.value.total - page.value.items.length,
          }),
          {
            isSubtle: true,
          },
        ),
      );
    return { kind: 'card', card: adaptiveCard(body) };
  },
};

export const callbackCardActions: TeamsCardAction[] = [
  refresh,
  assignToMe,
  connect,
  outcome,
  digestAssignNext,
  digestUnassignedList,
];
