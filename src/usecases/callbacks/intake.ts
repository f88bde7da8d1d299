import { z } from 'zod';
import { CALLBACK_SOURCES, normalizeCallbackPhone } from '../../domain/callbacks.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { ServiceDoc } from '../../domain/services.js';
import { actorLabel, type Actor } from '../actor.js';
import { fail, ok, problemFromZod, type Problem, type Result } from '../result.js';
import { historyEntry, nowOf, openService, type CallbackDeps } from './common.js';

// Intake

const isoDate = z.iso
  .datetime({ offset: true, message: 'an ISO 8601 date-time such as 2026-11-22T09:30:00+09:00' })
  .transform((s) => new Date(s));

/** The body of `POST /api/v1/callbacks` and of the `/callback new` modal. */
export const callbackIntakeSchema = z.object({
  phone: z.string({ message: 'required' }).max(40, 'at most 40 characters'),
  name: z.string().trim().max(100, 'at most 100 characters').nullish(),
  requestedAt: isoDate.nullish(),
  source: z.enum(CALLBACK_SOURCES).nullish(),
  note: z.string().trim().max(1000, 'at most 1000 characters').nullish(),
  preferredAt: isoDate.nullish(),
  externalId: z.string().trim().min(1).max(200, 'at most 200 characters').nullish(),
});
export type CallbackIntake = z.input<typeof callbackIntakeSchema>;

export type IntakeOutcome = 'created' | 'folded' | 'replayed';

/**
 * A callback request from an integration or a person. Replays (same `externalId` or `Idempotency-Key`) return the
 * callback the first request made; a request for a phone with an open callback folds into it.
 */
export async function receiveCallback(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  body: unknown,
  options: { idempotencyKey?: string; defaultSource?: CallbackDoc['source']; service?: ServiceDoc } = {},
): Promise<Result<{ callback: CallbackDoc; outcome: IntakeOutcome }>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.create', options.service);
  if (!opened.ok) return opened;
  const parsed = callbackIntakeSchema.safeParse(body);
  const fields: NonNullable<Problem['fields']> = parsed.success
    ? {}
    : problemFromZod(parsed.error, 'body').fields;
  const phone = parsed.success ? normalizeCallbackPhone(parsed.data.phone) : undefined;
  if (phone && !phone.ok) fields.phone = { message: `callbacks.phone.${phone.problem}` };
  const now = nowOf(deps);
  if (
    parsed.success &&
    parsed.data.requestedAt &&
    parsed.data.requestedAt.getTime() > now.getTime() + 5 * 60_000
  )
    fields.requestedAt = { message: 'callbacks.requestedAtFuture' };
  if (!parsed.success || !phone?.ok || Object.keys(fields).length > 0)
    return fail({ code: 'invalid_input', message: 'callbacks.invalidRequest', fields });
  const input = parsed.data;

  const key = input.externalId ?? options.idempotencyKey;
  const requestKey = key ? `${serviceId}:${input.externalId ? 'ext' : 'idem'}:${key}` : undefined;
  /** Recorded with the callback, so a retry after a crash finds it (see `claimRequestKey`). */
  let intakeId: string | undefined;
  if (requestKey) {
    const claim = await deps.store.callbacks.claimRequestKey(requestKey, now, {
      serviceId,
      phone: phone.phone,
    });
    if (claim.state === 'claimed') intakeId = claim.intakeId;
    if (claim.state === 'existing') {
      const callback = await deps.store.callbacks.get(claim.callbackId);
      if (callback) return ok({ callback, outcome: 'replayed' });
    }
    if (claim.state === 'pending')
      return fail({
        code: 'conflict',
        message: 'callbacks.requestInProgress',
        retryAfterSeconds: claim.retryAfterSeconds,
      });
  }
  try {
    const { callback, folded } = await deps.store.callbacks.createOrFold(
      {
        serviceId,
        phone: phone.phone,
        name: input.name || null,
        source: input.source ?? options.defaultSource ?? 'api',
        note: input.note || null,
        preferredAt: input.preferredAt ?? null,
        requestedAt: input.requestedAt ?? now,
        externalId: input.externalId ?? null,
      },
      historyEntry(actor),
      now,
      intakeId,
    );
    if (requestKey) await deps.store.callbacks.settleRequestKey(requestKey, callback._id);
    await deps.events.publish([{ kind: folded ? 'folded' : 'created', callback, by: actorLabel(actor) }]);
    return ok({ callback, outcome: folded ? 'folded' : 'created' });
  } catch (error) {
    if (requestKey) await deps.store.callbacks.releaseRequestKey(requestKey).catch(() => undefined);
    throw error;
  }
}

// Abandoned calls

/** A queued call with its caller id, as one CTI batch brings it. */
export interface QueuedCall {
  callId: string;
  caller: string;
  at: Date;
}

export interface AbandonedCall {
  callId: string;
  waitSeconds: number;
  at: Date;
}

/**
 * The service setting "abandoned calls become callbacks": the minimum wait in seconds when it is on (and callbacks
 * are), undefined when abandoned calls are not filed.
 */
export function abandonedCallMinimumWait(service: ServiceDoc): number | undefined {
  if (!service.settings.callbacksEnabled) return undefined;
  return service.settings.abandonedToCallbackSeconds ?? undefined;
}

/**
 * Keeps the caller id of queued calls that could be called back, so their abandonment can be filed whenever and
 * wherever it arrives (a later batch, after a restart, on another instance). Done before the batch is stored.
 */
export async function rememberCallers(
  deps: CallbackDeps,
  serviceId: string,
  queued: readonly QueuedCall[],
): Promise<void> {
  // Anonymous or internal numbers cannot be called back: no need to keep them.
  const callable = queued.filter((call) => normalizeCallbackPhone(call.caller).ok);
  await deps.store.ctiCallers.remember(serviceId, callable, nowOf(deps));
}

/**
 * A caller who gave up after waiting at least `minimumWait` seconds, with a caller id we can dial, becomes a
 * callback with source `abandoned`. Runs on every delivery of an abandoned event, a duplicate of a stored one
 * included: a batch stored but not acknowledged (an error, a crash) files its callbacks when the PBX sends it
 * again. The call id is the request key, so no delivery files twice; an open callback for the same number folds
 * it in. The caller comes from the same batch or from `rememberCallers` of an earlier one. `pending`: calls whose
 * filing another request holds right now (or held when it died, taken over after 30 s); the batch must be retried.
 */
export async function receiveAbandonedCalls(
  deps: CallbackDeps,
  service: ServiceDoc,
  minimumWait: number,
  abandoned: readonly AbandonedCall[],
  queuedInBatch: readonly QueuedCall[] = [],
): Promise<{ filed: number; pending: string[] }> {
  const waitedLongEnough = abandoned.filter((call) => call.waitSeconds >= minimumWait);
  if (waitedLongEnough.length === 0) return { filed: 0, pending: [] };
  const serviceId = service._id;
  const callers = new Map(queuedInBatch.map((call) => [call.callId, call.caller]));
  const unknown = waitedLongEnough.filter((call) => !callers.has(call.callId)).map((call) => call.callId);
  if (unknown.length > 0)
    for (const [callId, caller] of await deps.store.ctiCallers.callersOf(serviceId, unknown))
      callers.set(callId, caller);
  let filed = 0;
  const pending: string[] = [];
  for (const call of waitedLongEnough) {
    const caller = callers.get(call.callId);
    if (!caller || !normalizeCallbackPhone(caller).ok) continue;
    const result = await receiveCallback(
      deps,
      { kind: 'operator', name: 'cti' },
      serviceId,
      { phone: caller, requestedAt: call.at.toISOString(), source: 'abandoned' },
      { idempotencyKey: `abandoned:${call.callId}`, service },
    );
    if (result.ok && result.value.outcome !== 'replayed') filed++;
    else if (!result.ok && result.problem.code === 'conflict') pending.push(call.callId);
  }
  return { filed, pending };
}
