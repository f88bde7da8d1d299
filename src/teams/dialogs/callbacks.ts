import { formatKoreanPhone, type CallOutcome } from '../../domain/callbacks.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { refusal } from '../../usecases/actor.js';
import type { Problem } from '../../usecases/result.js';
import {
  DIALOG_IDS,
  renderAssignForm,
  renderCancelForm,
  renderCompleteForm,
  renderHistoryForm,
  renderUnassignForm,
  type FormErrors,
  type FormValues,
} from '../cards/callback-forms.js';
import type { AdaptiveCard } from '../cards/card.js';
import { problemText, problemWarning } from '../reply.js';
import type { DialogAnswer, TeamsDeps, TeamsDialog, TeamsTurn } from '../router.js';
import { callbackServiceOf, callbacksUnavailable, optionalText, type CardData } from '../card-data.js';

/**
 * The callback dialogs (task modules) the cards, digests, lists and `callback assign|unassign` open. Like Slack's
 * modals they ask the use cases twice: before the form opens (so a person who may not act is told at once) and on
 * submit (the decision). A refusal or a bad field shows the form again with the reason under that field.
 */

const MAX_CHOICES = 100;
/** A multi-select's value: Teams sends the picked values joined by commas. */
const list = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

/** The service a dialog acts on (its callback's, its digest's, the one it carries), else the conversation's. */
const serviceOf = callbackServiceOf;

const say = (turn: TeamsTurn, problem: Problem): DialogAnswer => ({
  kind: 'message',
  text: problemWarning(turn, problem),
});

const show = (turn: TeamsTurn, titleKey: MessageKey, card: AdaptiveCard): DialogAnswer => ({
  kind: 'card',
  title: translate(turn.ctx.locale, titleKey),
  card,
  height: 'large',
});

/** A use case's refusal as inline errors: each field's under its input (if the form has it), the rest on top. */
function errorsOf(
  turn: TeamsTurn,
  problem: Problem,
  inputs: readonly string[],
  fallback?: string,
): FormErrors {
  const errors: FormErrors = {};
  for (const [field, m] of Object.entries(problem.fields ?? {})) {
    const at = inputs.includes(field) ? field : (fallback ?? '');
    errors[at] ??= translate(turn.ctx.locale, m.message, m.params);
  }
  if (Object.keys(errors).length === 0) errors[fallback ?? ''] = problemText(turn, problem);
  return errors;
}

// 할당 (assign)

async function assignForm(
  turn: TeamsTurn,
  data: CardData,
  values: FormValues,
  errors: FormErrors = {},
): Promise<DialogAnswer> {
  const { usecases } = turn.deps;
  const service = turn.ctx.service!;
  const picked = list(values.callbacks);
  const agents = await usecases.callbacks.assignableAgents(turn.ctx.actor, service._id);
  if (!agents.ok) return say(turn, agents.problem);
  // Callbacks picked from a card or a digest stay pickable even when they are not among the 100 oldest.
  const pool = await usecases.callbacks.assignmentPool(turn.ctx.actor, service._id, {
    status: 'unassigned',
    limit: MAX_CHOICES,
    include: picked,
  });
  if (!pool.ok) return say(turn, pool.problem);
  // "Pick callbacks" belongs where the person picks: the list, or "oldest N" when there is no list.
  if (errors.callbacks && pool.value.items.length === 0) {
    const { callbacks: text, ...rest } = errors;
    errors = { ...rest, oldest: text };
  }
  const card = renderAssignForm(
    turn.ctx.locale,
    {
      unassigned: pool.value.items,
      unassignedTotal: pool.value.total,
      agents: agents.value,
      timeZone: service.settings.timeZone,
      data: { serviceId: service._id },
      values: { ...values, mode: values.mode ?? optionalText(data.mode) },
    },
    errors,
  );
  return show(turn, 'cbcmd.assign.title', card);
}

const assign: TeamsDialog = {
  id: DIALOG_IDS.assign,
  serviceOf,
  async open(turn, data) {
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return say(turn, unusable);
    let picked: string[] = [];
    const digestId = optionalText(data.digestId);
    const callbackId = optionalText(data.callbackId);
    if (digestId) {
      // A digest's Distribute evenly… / Assign manually…: its callbacks still unassigned, picked.
      const fromDigest = await turn.deps.usecases.callbacks.digestCallbacksToAssign(turn.ctx.actor, digestId);
      if (!fromDigest.ok) return say(turn, fromDigest.problem);
      picked = fromDigest.value.callbackIds;
    } else if (callbackId) picked = [callbackId];
    return assignForm(turn, data, {
      callbacks: picked.join(','),
      mode: data.mode === 'manual' ? 'manual' : 'even',
    });
  },
  async submit(turn, data) {
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return say(turn, unusable);
    const t = (key: MessageKey, params?: Record<string, string | number>) =>
      translate(turn.ctx.locale, key, params);
    const values: FormValues = {
      callbacks: optionalText(data.callbacks),
      oldest: optionalText(data.oldest),
      agents: optionalText(data.agents),
      mode: data.mode === 'manual' ? 'manual' : 'even',
    };
    const picked = list(data.callbacks);
    const oldest = values.oldest !== undefined ? Number(values.oldest) : undefined;
    if (oldest !== undefined && (!Number.isInteger(oldest) || oldest < 1 || oldest > 10_000))
      return assignForm(turn, data, values, { oldest: t('cbcmd.assign.oldestInvalid') });
    if (oldest !== undefined && picked.length > 0)
      return assignForm(turn, data, values, { oldest: t('cbcmd.assign.pickOrOldest') });
    const result = await turn.deps.usecases.callbacks.assignCallbacks(turn.ctx.actor, turn.ctx.service!._id, {
      callbackIds: picked,
      oldest,
      agentIds: list(data.agents),
      mode: values.mode as 'even' | 'manual',
    });
    if (!result.ok) {
      return assignForm(turn, data, values, errorsOf(turn, result.problem, ['callbacks', 'agents']));
    }
    const report = result.value;
    const count = report.assigned.reduce((n, a) => n + a.callbackIds.length, 0);
    const lines = [count > 0 ? t('teamsCb.assign.summary', { count }) : t('teamsCb.assign.summaryNone')];
    for (const a of report.assigned.filter((x) => x.callbackIds.length > 0))
      lines.push(
        `- ${t('cbcmd.assign.perAgent', { name: a.name, count: a.callbackIds.length }).replace(/^•\s*/, '')}`,
      );
    if (report.taken.length > 0) lines.push(t('teamsCb.assign.summaryTaken', { count: report.taken.length }));
    return { kind: 'message', text: lines.join('\n') };
  },
};

// 할당 취소 (unassign)

async function unassignForm(
  turn: TeamsTurn,
  values: FormValues,
  errors: FormErrors = {},
): Promise<DialogAnswer> {
  const { callbacks } = turn.deps.usecases;
  const service = turn.ctx.service!;
  const loads = await callbacks.openLoads(turn.ctx.actor, service._id);
  if (!loads.ok) return say(turn, loads.problem);
  const assigned = await callbacks.assignmentPool(turn.ctx.actor, service._id, {
    status: 'assigned',
    limit: MAX_CHOICES,
  });
  if (!assigned.ok) return say(turn, assigned.problem);
  const card = renderUnassignForm(
    turn.ctx.locale,
    {
      loads: loads.value,
      assigned: assigned.value.items,
      names: new Map(loads.value.map((l) => [l.agentId, l.name])),
      timeZone: service.settings.timeZone,
      data: { serviceId: service._id },
      values,
    },
    errors,
  );
  return show(turn, 'cbcmd.unassign.title', card);
}

const unassign: TeamsDialog = {
  id: DIALOG_IDS.unassign,
  serviceOf,
  async open(turn, data) {
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return say(turn, unusable);
    return unassignForm(turn, { callbacks: optionalText(data.callbackId) });
  },
  async submit(turn, data) {
    const unusable = callbacksUnavailable(turn.ctx);
    if (unusable) return say(turn, unusable);
    const values: FormValues = { callbacks: optionalText(data.callbacks), agents: optionalText(data.agents) };
    const result = await turn.deps.usecases.callbacks.unassignCallbacks(
      turn.ctx.actor,
      turn.ctx.service!._id,
      list(data.callbacks),
      list(data.agents),
    );
    if (!result.ok)
      return unassignForm(turn, values, errorsOf(turn, result.problem, ['callbacks', 'agents'], 'callbacks'));
    const t = (key: MessageKey, params: Record<string, number>) => translate(turn.ctx.locale, key, params);
    const lines = [t('teamsCb.unassign.summary', { count: result.value.unassigned.length })];
    if (result.value.skipped.length > 0)
      lines.push(t('cbcmd.unassign.skipped', { count: result.value.skipped.length }));
    return { kind: 'message', text: lines.join('\n') };
  },
};

// 완료 (complete) and 취소 (cancel): forms about one callback

type Allowed = TeamsDeps['usecases']['callbacks']['callbackToWorkOn'];

async function aboutCallback(turn: TeamsTurn, allowed: Allowed, callbackId: string | undefined) {
  if (!callbackId) return { problem: { code: 'not_found', message: 'callbacks.notFound' } as Problem };
  const found = await allowed(turn.ctx.actor, callbackId);
  if (!found.ok) return { problem: found.problem };
  const { callback, service, names } = found.value;
  return {
    about: {
      callback,
      view: {
        timeZone: service.settings.timeZone,
        assigneeName: names.get(callback.assigneeId ?? '') ?? null,
      },
    },
  };
}

const complete: TeamsDialog = {
  id: DIALOG_IDS.complete,
  serviceOf,
  async open(turn, data) {
    const callbackId = optionalText(data.callbackId);
    const found = await aboutCallback(turn, turn.deps.usecases.callbacks.callbackToWorkOn, callbackId);
    if ('problem' in found) return say(turn, found.problem!);
    return show(
      turn,
      'callbackComplete.title',
      renderCompleteForm(turn.ctx.locale, found.about, { callbackId }),
    );
  },
  async submit(turn, data) {
    const callbackId = optionalText(data.callbackId) ?? '';
    const values: FormValues = { outcome: optionalText(data.outcome), note: optionalText(data.note) };
    const result = await turn.deps.usecases.callbacks.completeCallback(turn.ctx.actor, callbackId, {
      // The choices are CALL_OUTCOMES; the use case's schema checks it all the same.
      outcome: (values.outcome ?? null) as CallOutcome | null,
      note: typeof data.note === 'string' ? data.note : null,
    });
    if (!result.ok) {
      const found = await aboutCallback(turn, turn.deps.usecases.callbacks.callbackToWorkOn, callbackId);
      // No longer workable (completed meanwhile, taken away): the form cannot help, the reason can.
      if ('problem' in found) return say(turn, result.problem);
      const errors = errorsOf(turn, result.problem, ['outcome', 'note'], 'outcome');
      return show(
        turn,
        'callbackComplete.title',
        renderCompleteForm(turn.ctx.locale, found.about, { callbackId }, values, errors),
      );
    }
    return {
      kind: 'message',
      text: translate(turn.ctx.locale, 'teamsCb.completed', { phone: formatKoreanPhone(result.value.phone) }),
    };
  },
};

const cancel: TeamsDialog = {
  id: DIALOG_IDS.cancel,
  serviceOf,
  async open(turn, data) {
    const callbackId = optionalText(data.callbackId);
    const found = await aboutCallback(turn, turn.deps.usecases.callbacks.callbackToCancel, callbackId);
    if ('problem' in found) return say(turn, found.problem!);
    return show(turn, 'callbackCancel.title', renderCancelForm(turn.ctx.locale, found.about, { callbackId }));
  },
  async submit(turn, data) {
    const callbackId = optionalText(data.callbackId) ?? '';
    const reason = typeof data.reason === 'string' ? data.reason : '';
    const result = await turn.deps.usecases.callbacks.cancelCallback(turn.ctx.actor, callbackId, reason);
    if (!result.ok) {
      const found = await aboutCallback(turn, turn.deps.usecases.callbacks.callbackToCancel, callbackId);
      if ('problem' in found) return say(turn, result.problem);
      const errors = errorsOf(turn, result.problem, ['reason'], 'reason');
      return show(
        turn,
        'callbackCancel.title',
        renderCancelForm(
          turn.ctx.locale,
          found.about,
          { callbackId },
          { reason: optionalText(reason) },
          errors,
        ),
      );
    }
    return {
      kind: 'message',
      text: translate(turn.ctx.locale, 'teamsCb.cancelled', { phone: formatKoreanPhone(result.value.phone) }),
    };
  },
};

// 이력 등록 (register history)

async function historyAbout(turn: TeamsTurn, callbackId: string | undefined) {
  if (!callbackId) return { about: undefined };
  const found = await turn.deps.usecases.callbacks.getCallback(turn.ctx.actor, callbackId);
  if (!found.ok) return { problem: found.problem };
  const { callback, service, names } = found.value;
  return {
    about: {
      callback,
      view: {
        timeZone: service.settings.timeZone,
        assigneeName: names.get(callback.assigneeId ?? '') ?? null,
      },
    },
  };
}

const HISTORY_INPUTS = ['phone', 'customerName', 'channel', 'summary', 'note'] as const;

const history: TeamsDialog = {
  id: DIALOG_IDS.history,
  serviceOf,
  async open(turn, data) {
    const callbackId = optionalText(data.callbackId);
    if (!callbackId) {
      const unusable = callbacksUnavailable(turn.ctx);
      if (unusable) return say(turn, unusable);
    }
    const target = await historyAbout(turn, callbackId);
    if (target.problem) return say(turn, target.problem);
    const refused = refusal(turn.ctx.actor, 'callbacks.registerHistory');
    if (refused) return say(turn, refused);
    const serviceId = turn.ctx.service!._id;
    return show(
      turn,
      'callbackHistory.title',
      renderHistoryForm(turn.ctx.locale, target.about, { serviceId, ...(callbackId ? { callbackId } : {}) }),
    );
  },
  async submit(turn, data) {
    const callbackId = optionalText(data.callbackId);
    const service = turn.ctx.service;
    if (!service) return say(turn, { code: 'not_linked', message: 'service.notLinked' });
    const values: FormValues = Object.fromEntries(HISTORY_INPUTS.map((k) => [k, optionalText(data[k])]));
    const result = await turn.deps.usecases.callbacks.registerHistory(turn.ctx.actor, service._id, {
      callbackId: callbackId ?? null,
      phone: callbackId ? null : (values.phone ?? null),
      customerName: callbackId ? null : (values.customerName ?? null),
      channel: (values.channel ?? 'phone') as 'phone',
      summary: typeof data.summary === 'string' ? data.summary : '',
      note: values.note ?? null,
    });
    if (!result.ok) {
      const target = await historyAbout(turn, callbackId);
      if (target.problem) return say(turn, result.problem);
      const inputs = callbackId
        ? HISTORY_INPUTS.filter((k) => k !== 'phone' && k !== 'customerName')
        : HISTORY_INPUTS;
      const errors = errorsOf(turn, result.problem, inputs, 'summary');
      return show(
        turn,
        'callbackHistory.title',
        renderHistoryForm(
          turn.ctx.locale,
          target.about,
          { serviceId: service._id, ...(callbackId ? { callbackId } : {}) },
          values,
          errors,
        ),
      );
    }
    const phone = result.value.phone;
    return {
      kind: 'message',
      text: phone
        ? translate(turn.ctx.locale, 'teamsCb.historyRegistered', { phone: formatKoreanPhone(phone) })
        : translate(turn.ctx.locale, 'interactions.registeredNoPhone'),
    };
  },
};

export const callbackDialogs: TeamsDialog[] = [assign, unassign, complete, history, cancel];
