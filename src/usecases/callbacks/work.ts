import { z } from 'zod';
import { CALL_OUTCOMES, isOpen, normalizeCallbackPhone, type CallOutcome } from '../../domain/callbacks.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import { newId } from '../../store/ids.js';
import type { InteractionDoc, NewInteraction } from '../../store/interactions.js';
import type { ServiceDoc } from '../../domain/services.js';
import { isAdmin } from '../../domain/access.js';
import { actorLabel, actorSurface, memberOf, type Actor } from '../actor.js';
import { fail, ok, problemFromZod, type Problem, type Result } from '../result.js';
import {
  assigneeNames,
  FORWARD_INTERACTION,
  historyEntry,
  nowOf,
  openCallback,
  openService,
  type CallbackDeps,
} from './common.js';

// Working a callback: call, outcome, complete, cancel

/** Loads a callback the actor may work on: its assignee, or an admin. */
async function workable(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<Result<{ callback: CallbackDoc; service: ServiceDoc }>> {
  const opened = await openCallback(deps, actor, callbackId, 'callbacks.work');
  if (!opened.ok) return opened;
  const { callback, service } = opened.value;
  if (!isOpen(callback.status))
    return fail({ code: 'conflict', message: 'callbacks.closed', params: { status: callback.status } });
  if (callback.status === 'unassigned') return fail({ code: 'conflict', message: 'callbacks.assignFirst' });
  if (!isAdmin(actor) && callback.assigneeId !== memberOf(actor)?._id) {
    const names = await assigneeNames(deps.store, callback.serviceId, [callback]);
    return fail({
      code: 'forbidden',
      message: 'callbacks.notYours',
      params: { name: names.get(callback.assigneeId ?? '') ?? '' },
    });
  }
  return ok({ callback, service });
}

/**
 * Whether the actor may work on (call, complete) this callback now, with the callback and the names it shows:
 * surfaces ask before opening a form, so a person who may not is told at once; the action decides again.
 */
export async function callbackToWorkOn(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<Result<{ callback: CallbackDoc; service: ServiceDoc; names: Map<string, string> }>> {
  const found = await workable(deps, actor, callbackId);
  if (!found.ok) return found;
  const names = await assigneeNames(deps.store, found.value.service._id, [found.value.callback]);
  return ok({ ...found.value, names });
}

export type DialResult = { kind: 'webhook' } | { kind: 'tel'; uri: string };

/**
 * The Call button: only while the caller is logged in to CTI. Dials through the service's click-to-dial webhook
 * (or hands out a `tel:` link), then logs the attempt; its outcome is chosen afterwards. With outbound-ticket
 * auto-creation on, an interaction record is created and linked.
 */
export async function startCall(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<
  Result<{ callback: CallbackDoc; attemptId: string; dial: DialResult; interaction?: InteractionDoc }>
> {
  const found = await workable(deps, actor, callbackId);
  if (!found.ok) return found;
  const { callback, service } = found.value;
  const me = memberOf(actor);
  if (!me) return fail({ code: 'forbidden', message: 'callbacks.membersOnly' });
  // Say what is missing, and who can fix it: an admin enters their own id; an agent asks an admin.
  if (!me.ctiAgentId)
    return fail({
      code: 'conflict',
      message: me.role === 'admin' ? 'callbacks.call.noCtiAgentSelf' : 'callbacks.call.noCtiAgent',
    });
  const state = await deps.live.agentState(service._id, me.ctiAgentId);
  if (!state || state === 'offline')
    return fail({
      code: 'conflict',
      message: 'callbacks.call.notLoggedIn',
      params: { agent: me.ctiAgentId },
    });

  let dial: DialResult = { kind: 'tel', uri: `tel:${callback.phone}` };
  if (service.settings.clickToDialWebhookUrl) {
    const sent = await deps.webhooks.postJson(service.settings.clickToDialWebhookUrl, {
      callbackId: callback._id,
      phone: callback.phone,
      member: { id: me._id, name: me.displayName },
      ctiAgentId: me.ctiAgentId,
    });
    // Whether the server refused, timed out or answered 404 is in the server log (the webhook client writes it);
    // the person hears only that it failed, so the answers cannot be used to probe a network.
    if (!sent.ok) return fail({ code: 'conflict', message: 'callbacks.call.dialFailed' });
    dial = { kind: 'webhook' };
  }

  const now = nowOf(deps);
  const attemptId = newId('att');
  const after = await deps.store.callbacks.logAttempt(
    callback._id,
    isAdmin(actor) ? undefined : me._id,
    { id: attemptId, at: now, by: me._id, outcome: null, interactionId: null },
    historyEntry(actor),
    now,
  );
  if (!after) return fail({ code: 'conflict', message: 'callbacks.changedMeanwhile' });
  let interaction: InteractionDoc | undefined;
  if (service.settings.outboundTicketAutoCreate)
    interaction = await recordInteraction(deps, service, {
      callbackId: callback._id,
      kind: 'outbound_call',
      phone: callback.phone,
      customerName: callback.name,
      memberId: me._id,
      memberName: me.displayName,
      surface: actorSurface(actor),
      channel: 'phone',
      summary: 'callback',
      note: null,
    });
  await deps.events.publish([{ kind: 'attempt', callback: after, by: actorLabel(actor) }]);
  return ok({ callback: after, attemptId, dial, interaction });
}

/** After the call: how it went (connected, no answer, busy, wrong number, left message). */
export async function recordCallOutcome(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
  attemptId: string,
  outcome: string,
): Promise<Result<CallbackDoc>> {
  if (!(CALL_OUTCOMES as readonly string[]).includes(outcome))
    return fail({ code: 'invalid_input', message: 'callbacks.invalidOutcome' });
  const opened = await openCallback(deps, actor, callbackId, 'callbacks.work');
  if (!opened.ok) return opened;
  const me = memberOf(actor);
  if (!me) return fail({ code: 'forbidden', message: 'callbacks.membersOnly' });
  const after = await deps.store.callbacks.setAttemptOutcome(
    callbackId,
    attemptId,
    outcome as CallOutcome,
    me._id,
    nowOf(deps),
  );
  if (!after) return fail({ code: 'conflict', message: 'callbacks.changedMeanwhile' });
  await deps.events.publish([{ kind: 'attempt', callback: after, by: actorLabel(actor) }]);
  return ok(after);
}

export const completeCallbackSchema = z.object({
  outcome: z.enum(CALL_OUTCOMES).nullish(),
  note: z.string().trim().max(2000, 'at most 2000 characters').nullish(),
});

/** Complete (optional outcome + note): the assignee, or an admin. */
export async function completeCallback(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
  raw: z.input<typeof completeCallbackSchema>,
): Promise<Result<CallbackDoc>> {
  const parsed = completeCallbackSchema.safeParse(raw);
  if (!parsed.success)
    return fail({
      code: 'invalid_input',
      message: 'callbacks.invalidRequest',
      fields: {
        note: { message: 'callbacks.invalidField', params: { problem: parsed.error.issues[0]!.message } },
      },
    });
  const found = await workable(deps, actor, callbackId);
  if (!found.ok) return found;
  const after = await deps.store.callbacks.complete(
    callbackId,
    isAdmin(actor) ? undefined : memberOf(actor)?._id,
    { outcome: parsed.data.outcome ?? null, note: parsed.data.note || null },
    historyEntry(actor),
    nowOf(deps),
  );
  if (!after) return fail({ code: 'conflict', message: 'callbacks.changedMeanwhile' });
  await deps.events.publish([
    {
      kind: 'completed',
      callback: after,
      previousAssigneeId: found.value.callback.assigneeId,
      by: actorLabel(actor),
    },
  ]);
  return ok(after);
}

/**
 * The channel card offers Cancel… to everyone in the channel: an agent who presses it is told what is refused
 * ("only an admin can cancel a callback"), not only that an admin could.
 */
function cancelRefusedInWords<T>(result: Result<T>): Result<T> {
  if (result.ok || result.problem.message !== 'refusal.adminOnly') return result;
  return fail({ ...result.problem, message: 'callbacks.cancel.adminOnly' });
}

/** Whether the actor may cancel this callback now (admins, while it is open), for the form that asks why. */
export async function callbackToCancel(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<Result<{ callback: CallbackDoc; service: ServiceDoc; names: Map<string, string> }>> {
  const opened = cancelRefusedInWords(await openCallback(deps, actor, callbackId, 'callbacks.cancel'));
  if (!opened.ok) return opened;
  const { callback, service } = opened.value;
  if (!isOpen(callback.status))
    return fail({ code: 'conflict', message: 'callbacks.closed', params: { status: callback.status } });
  const names = await assigneeNames(deps.store, callback.serviceId, [callback]);
  return ok({ callback, service, names });
}

/** Cancel an open callback (admin, with a reason): the customer withdrew, a duplicate, a test. */
export async function cancelCallback(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
  reason: string,
): Promise<Result<CallbackDoc>> {
  const opened = cancelRefusedInWords(await openCallback(deps, actor, callbackId, 'callbacks.cancel'));
  if (!opened.ok) return opened;
  const { callback } = opened.value;
  const text = reason.trim().slice(0, 500);
  if (!text)
    return fail({
      code: 'invalid_input',
      message: 'callbacks.cancel.reasonRequired',
      fields: { reason: { message: 'callbacks.cancel.reasonRequired' } },
    });
  const after = await deps.store.callbacks.cancel(callbackId, text, historyEntry(actor), nowOf(deps));
  if (!after)
    return fail({ code: 'conflict', message: 'callbacks.closed', params: { status: callback.status } });
  await deps.events.publish([
    { kind: 'cancelled', callback: after, previousAssigneeId: callback.assigneeId, by: actorLabel(actor) },
  ]);
  return ok(after);
}

// Register history (interaction records)

export const registerHistorySchema = z.object({
  callbackId: z.string().nullish(),
  phone: z.string().max(40).nullish(),
  customerName: z.string().trim().max(100, 'at most 100 characters').nullish(),
  channel: z.enum(['phone', 'sms', 'chat', 'email', 'visit', 'other']).default('phone'),
  summary: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  note: z.string().trim().max(2000, 'at most 2000 characters').nullish(),
});

/** "Register history": an interaction record with or without a callback, forwarded to the ticket webhook. */
export async function registerHistory(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  raw: z.input<typeof registerHistorySchema>,
): Promise<Result<InteractionDoc>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.registerHistory');
  if (!opened.ok) return opened;
  const me = memberOf(actor);
  if (!me) return fail({ code: 'forbidden', message: 'callbacks.membersOnly' });
  const parsed = registerHistorySchema.safeParse(raw);
  const fields: NonNullable<Problem['fields']> = parsed.success
    ? {}
    : problemFromZod(parsed.error, 'summary').fields;
  let phone: string | null = null;
  let callback: CallbackDoc | undefined;
  if (parsed.success && parsed.data.callbackId) {
    callback = await deps.store.callbacks.get(parsed.data.callbackId);
    if (!callback || callback.serviceId !== serviceId)
      return fail({ code: 'not_found', message: 'callbacks.notFound' });
    phone = callback.phone;
  }
  // Checked even when another field failed, so the form shows every problem at once.
  const rawPhone = (raw as { phone?: unknown } | undefined)?.phone;
  if (typeof rawPhone === 'string' && rawPhone.trim()) {
    const normalized = normalizeCallbackPhone(rawPhone);
    if (normalized.ok) phone = normalized.phone;
    else fields.phone = { message: `callbacks.phone.${normalized.problem}` };
  }
  if (!parsed.success || Object.keys(fields).length > 0)
    return fail({ code: 'invalid_input', message: 'callbacks.invalidRequest', fields });
  const input = parsed.data;
  const interaction = await recordInteraction(deps, opened.value, {
    callbackId: callback?._id ?? null,
    kind: 'history',
    phone,
    customerName: input.customerName || callback?.name || null,
    memberId: me._id,
    memberName: me.displayName,
    surface: actorSurface(actor),
    channel: input.channel,
    summary: input.summary,
    note: input.note || null,
  });
  // The callback's card lists its latest entries: refresh it like after any other change.
  if (callback) await deps.events.publish([{ kind: 'history', callback, by: actorLabel(actor) }]);
  return ok(interaction);
}

async function recordInteraction(
  deps: CallbackDeps,
  service: ServiceDoc,
  input: Omit<NewInteraction, 'serviceId'>,
): Promise<InteractionDoc> {
  const forward = !!service.settings.ticketWebhookUrl;
  const interaction = await deps.store.interactions.create(
    { ...input, serviceId: service._id },
    forward,
    nowOf(deps),
  );
  if (forward)
    await deps.scheduler.schedule(new Date(), FORWARD_INTERACTION, { interactionId: interaction._id });
  return interaction;
}
