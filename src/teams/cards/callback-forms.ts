import { CALL_OUTCOMES, formatKoreanPhone, type CallbackDoc } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { AssignableAgent } from '../../usecases/callbacks.js';
import { callbackChoiceLabel } from '../../usecases/callbacks/choice-label.js';
import { adaptiveCard, factSet, textBlock, type AdaptiveCard, type CardElement } from './card.js';
import { cardSentence } from './card.js';

/**
 * The forms of the callback dialogs (task modules): 할당, 할당 취소, 완료, 취소, 이력 등록. Each input's id is the
 * use case's field name, so a refusal's `fields` put their text right under the input that caused it.
 */

type Params = Record<string, string | number>;
/** Errors by input id (`''`: about the whole form), already in the person's language. */
export type FormErrors = Record<string, string>;
/** What the person typed or picked, given back when the form is shown again. */
export type FormValues = Record<string, string | undefined>;

export const DIALOG_IDS = {
  assign: 'callback.assign',
  unassign: 'callback.unassign',
  complete: 'callback.complete',
  history: 'callback.history',
  cancel: 'callback.cancel',
} as const;

/** Shared catalogue text (written for Slack's mrkdwn, some with emoji codes) as card markdown. */
export const cardText = (locale: Locale, key: MessageKey, params?: Params): string =>
  cardSentence(locale, key, params);

/** The inline error under a field (Teams shows it in the dialog, in red). */
export function errorBlock(text: string, id: string): CardElement {
  return textBlock(`⚠️ ${text}`, { id: `${id}Error`, color: 'Attention', spacing: 'None', size: 'Small' });
}

function withError(input: CardElement, errors: FormErrors): CardElement[] {
  const id = String(input.id);
  return errors[id] ? [input, errorBlock(errors[id], id)] : [input];
}

const submit = (title: string, dialog: string, data: Record<string, unknown>): CardElement => ({
  type: 'Action.Submit',
  title,
  data: { ...data, dialog },
});

function form(body: CardElement[], errors: FormErrors, action: CardElement | undefined): AdaptiveCard {
  const top = errors[''] ? [errorBlock(errors[''], 'form')] : [];
  return adaptiveCard([...top, ...body], action ? { actions: [action] } : {});
}

/** A callback as its card shows it, on top of the forms about one callback. */
export function callbackFacts(
  locale: Locale,
  callback: CallbackDoc,
  view: { timeZone: string; assigneeName: string | null },
): CardElement {
  const t = (key: MessageKey) => translate(locale, key);
  return factSet([
    { title: t('teamsCb.facts.phone'), value: formatKoreanPhone(callback.phone) },
    { title: t('teamsCb.facts.name'), value: callback.name ?? '' },
    {
      title: t('teamsCb.facts.requested'),
      value: formatDateTime(callback.requestedAt, view.timeZone, locale),
    },
    { title: t('teamsCb.facts.status'), value: t(`callbacks.status.${callback.status}`) },
    { title: t('teamsCb.facts.assignee'), value: view.assigneeName ?? '' },
  ]);
}

/** A callback as a choice: number, name and when it was asked for. */
function callbackChoice(locale: Locale, c: CallbackDoc, timeZone: string, extra?: string) {
  return { title: callbackChoiceLabel(locale, c, timeZone, extra), value: c._id };
}

export interface AssignFormInput {
  unassigned: CallbackDoc[];
  unassignedTotal: number;
  agents: AssignableAgent[];
  timeZone: string;
  /** Given back to the use case on submit (the service, a digest's or card's context). */
  data: Record<string, unknown>;
  values: FormValues;
}

/** 할당: pick callbacks (or the oldest N), pick agents (with their open loads), 균등 할당 or 수동 할당. */
export function renderAssignForm(
  locale: Locale,
  input: AssignFormInput,
  errors: FormErrors = {},
): AdaptiveCard {
  const t = (key: MessageKey, params?: Params) => cardText(locale, key, params);
  if (input.agents.length === 0) return form([textBlock(t('cbcmd.assign.noAgents'))], errors, undefined);
  const agents = [...input.agents].sort((a, b) =>
    a.member.displayName.localeCompare(b.member.displayName, 'ko'),
  );
  const noCti = agents.filter((a) => a.cannotConnect === 'noCtiAgentId').map((a) => a.member.displayName);
  const body: CardElement[] = [
    textBlock(
      input.unassignedTotal > 0
        ? t('cbcmd.assign.intro', { count: input.unassignedTotal })
        : t('cbcmd.assign.noneWaiting'),
    ),
  ];
  if (input.unassigned.length > 0)
    body.push(
      ...withError(
        {
          type: 'Input.ChoiceSet',
          id: 'callbacks',
          label: t('cbcmd.assign.callbacks'),
          isMultiSelect: true,
          style: 'compact',
          placeholder: t('teamsCb.assign.callbacksPlaceholder'),
          choices: input.unassigned.slice(0, 100).map((c) => callbackChoice(locale, c, input.timeZone)),
          ...(input.values.callbacks ? { value: input.values.callbacks } : {}),
        },
        errors,
      ),
    );
  body.push(
    ...withError(
      {
        type: 'Input.Number',
        id: 'oldest',
        label: t('cbcmd.assign.oldest'),
        min: 1,
        max: 10000,
        ...(input.values.oldest ? { value: Number(input.values.oldest) || undefined } : {}),
      },
      errors,
    ),
    textBlock(t('cbcmd.assign.oldestHint'), { isSubtle: true, size: 'Small', spacing: 'None' }),
    ...withError(
      {
        type: 'Input.ChoiceSet',
        id: 'agents',
        label: t('cbcmd.assign.agents'),
        isMultiSelect: true,
        style: 'compact',
        placeholder: t('teamsCb.assign.agentsPlaceholder'),
        choices: agents.slice(0, 100).map((a) => ({
          title: t(a.cannotConnect ? 'cbcmd.assign.agentOptionNoCti' : 'cbcmd.assign.agentOption', {
            name: a.member.displayName,
            open: a.open,
          }),
          value: a.member._id,
        })),
        ...(input.values.agents ? { value: input.values.agents } : {}),
      },
      errors,
    ),
  );
  if (noCti.length > 0)
    body.push(
      textBlock(t('cbcmd.assign.noCtiHint', { names: noCti.join(', ') }), {
        isSubtle: true,
        size: 'Small',
        spacing: 'None',
      }),
    );
  body.push(
    ...withError(
      {
        type: 'Input.ChoiceSet',
        id: 'mode',
        label: t('cbcmd.assign.mode'),
        style: 'expanded',
        value: input.values.mode === 'manual' ? 'manual' : 'even',
        choices: [
          { title: `${t('cbcmd.assign.even')} — ${t('cbcmd.assign.evenHint')}`, value: 'even' },
          { title: `${t('cbcmd.assign.manual')} — ${t('cbcmd.assign.manualHint')}`, value: 'manual' },
        ],
      },
      errors,
    ),
  );
  return form(body, errors, submit(t('cbcmd.assign.submit'), DIALOG_IDS.assign, input.data));
}

export interface UnassignFormInput {
  loads: { agentId: string; name: string; open: number }[];
  assigned: CallbackDoc[];
  names: Map<string, string>;
  timeZone: string;
  data: Record<string, unknown>;
  values: FormValues;
}

/** 할당 취소: open callbacks per agent, and the assigned ones (labelled with who has them) to return to the pool. */
export function renderUnassignForm(
  locale: Locale,
  input: UnassignFormInput,
  errors: FormErrors = {},
): AdaptiveCard {
  const t = (key: MessageKey, params?: Params) => cardText(locale, key, params);
  const loads = input.loads
    .slice(0, 60)
    .map((l) => `- ${l.name}: ${t('cbcmd.unassign.agentOption', { name: '', open: l.open }).trim()}`);
  const body: CardElement[] = [
    textBlock(
      loads.length > 0
        ? `${t('teamsCb.assign.loads')}\n\n${loads.join('\n')}`
        : t('cbcmd.unassign.noneAssigned'),
    ),
  ];
  if (input.assigned.length === 0) return form(body, errors, undefined);
  body.push(
    ...withError(
      {
        type: 'Input.ChoiceSet',
        id: 'callbacks',
        label: t('cbcmd.unassign.callbacks'),
        isMultiSelect: true,
        style: 'compact',
        placeholder: t('teamsCb.assign.callbacksPlaceholder'),
        choices: input.assigned
          .slice(0, 100)
          .map((c) =>
            callbackChoice(
              locale,
              c,
              input.timeZone,
              `→ ${input.names.get(c.assigneeId ?? '') ?? c.assigneeId}`,
            ),
          ),
        ...(input.values.callbacks ? { value: input.values.callbacks } : {}),
      },
      errors,
    ),
  );
  const agents = input.loads.filter((l) => l.open > 0).slice(0, 100);
  if (agents.length > 0)
    body.push(
      ...withError(
        {
          type: 'Input.ChoiceSet',
          id: 'agents',
          label: t('cbcmd.unassign.agents'),
          isMultiSelect: true,
          style: 'compact',
          placeholder: t('teamsCb.assign.agentsPlaceholder'),
          choices: agents.map((l) => ({
            title: t('cbcmd.unassign.agentOption', { name: l.name, open: l.open }),
            value: l.agentId,
          })),
          ...(input.values.agents ? { value: input.values.agents } : {}),
        },
        errors,
      ),
    );
  return form(body, errors, submit(t('cbcmd.unassign.submit'), DIALOG_IDS.unassign, input.data));
}

interface AboutCallback {
  callback: CallbackDoc;
  view: { timeZone: string; assigneeName: string | null };
}

/** 완료: the callback, an optional outcome (preset to the last call's) and an optional note. */
export function renderCompleteForm(
  locale: Locale,
  about: AboutCallback,
  data: Record<string, unknown>,
  values: FormValues = {},
  errors: FormErrors = {},
): AdaptiveCard {
  const t = (key: MessageKey) => cardText(locale, key);
  const last = about.callback.attempts.at(-1)?.outcome;
  const outcome = values.outcome ?? last ?? undefined;
  return form(
    [
      callbackFacts(locale, about.callback, about.view),
      ...withError(
        {
          type: 'Input.ChoiceSet',
          id: 'outcome',
          label: t('callbackComplete.outcome'),
          style: 'compact',
          placeholder: t('teamsCb.outcomePlaceholder'),
          choices: CALL_OUTCOMES.map((o) => ({ title: t(`callbacks.outcome.${o}`), value: o })),
          ...(outcome ? { value: outcome } : {}),
        },
        errors,
      ),
      ...withError(
        {
          type: 'Input.Text',
          id: 'note',
          label: t('callbackComplete.note'),
          isMultiline: true,
          maxLength: 2000,
          ...(values.note ? { value: values.note } : {}),
        },
        errors,
      ),
    ],
    errors,
    submit(t('callbackComplete.submit'), DIALOG_IDS.complete, data),
  );
}

/** 취소 (admins): the callback and a required reason, kept in its history. */
export function renderCancelForm(
  locale: Locale,
  about: AboutCallback,
  data: Record<string, unknown>,
  values: FormValues = {},
  errors: FormErrors = {},
): AdaptiveCard {
  const t = (key: MessageKey) => cardText(locale, key);
  return form(
    [
      callbackFacts(locale, about.callback, about.view),
      ...withError(
        {
          type: 'Input.Text',
          id: 'reason',
          label: t('callbackCancel.reason'),
          maxLength: 500,
          ...(values.reason ? { value: values.reason } : {}),
        },
        errors,
      ),
    ],
    errors,
    submit(t('callbackCancel.submit'), DIALOG_IDS.cancel, data),
  );
}

export const HISTORY_CHANNELS = ['phone', 'sms', 'chat', 'email', 'visit', 'other'] as const;

/** 이력 등록: about one callback (shown on top), or about whoever the person enters (phone, name). */
export function renderHistoryForm(
  locale: Locale,
  about: AboutCallback | undefined,
  data: Record<string, unknown>,
  values: FormValues = {},
  errors: FormErrors = {},
): AdaptiveCard {
  const t = (key: MessageKey) => cardText(locale, key);
  const text = (id: string, label: MessageKey, maxLength: number, more: CardElement = {}) =>
    withError(
      {
        type: 'Input.Text',
        id,
        label: t(label),
        maxLength,
        ...(values[id] ? { value: values[id] } : {}),
        ...more,
      },
      errors,
    );
  const body: CardElement[] = about
    ? [callbackFacts(locale, about.callback, about.view)]
    : [
        ...text('phone', 'callbackHistory.phone', 40),
        ...text('customerName', 'callbackHistory.customerName', 100),
      ];
  body.push(
    ...withError(
      {
        type: 'Input.ChoiceSet',
        id: 'channel',
        label: t('callbackHistory.channel'),
        style: 'compact',
        value: values.channel ?? 'phone',
        choices: HISTORY_CHANNELS.map((c) => ({ title: t(`callbackHistory.channel.${c}`), value: c })),
      },
      errors,
    ),
    ...text('summary', 'callbackHistory.summary', 200),
    ...text('note', 'callbackHistory.note', 2000, { isMultiline: true }),
  );
  return form(body, errors, submit(t('callbackHistory.submit'), DIALOG_IDS.history, data));
}
