import type { Locale } from '../domain/service-settings.js';
import type { CtiEvent } from '../domain/wallboard/events.js';
import {
  CTI_EVENT_RETENTION_DAYS,
  MAX_EVENT_AHEAD_MS,
  eventTimeProblem,
} from '../domain/wallboard/event-window.js';
import { translate } from '../i18n/index.js';
import { parseCtiEvent } from '../integrations/cti/event-schema.js';
import { parseQueueLog } from '../integrations/cti/queue-log.js';
import type { Store } from '../store/index.js';
import type { ServiceDoc } from '../domain/services.js';
import type { WallboardLive } from './wallboard-live.js';
import {
  abandonedCallMinimumWait,
  receiveAbandonedCalls,
  rememberCallers,
  type AbandonedCall,
  type CallbackDeps,
  type QueuedCall,
} from './callbacks.js';

export interface IngestionDeps {
  store: Store;
  live: WallboardLive;
  /** When given, abandoned calls become callbacks per the service setting. */
  callbacks?: CallbackDeps;
}

export const MAX_EVENTS_PER_REQUEST = 1000;

/**
 * Why one event or line was not taken: `invalid_event` (JSON that is not an event), `invalid_line` (a queue_log
 * line we cannot read), `event_in_future` / `event_too_old` (outside the times we take, see event-window.ts).
 */
export type RejectionCode = 'invalid_event' | 'invalid_line' | 'event_in_future' | 'event_too_old';

export interface IngestionOutcome {
  accepted: number;
  duplicates: number;
  /**
   * Abandoned calls whose callback another request is filing right now (or was, when it died): the events are
   * stored, but the batch must be sent again so the callback is filed for sure.
   */
  callbacksPending: string[];
}

/** The time check of both formats; the message is in the caller's language. */
function timeRejection(
  event: CtiEvent,
  now: Date,
  locale: Locale,
  unreadable: 'invalid_event' | 'invalid_line',
): { code: RejectionCode; error: string } | undefined {
  const problem = eventTimeProblem(event.at, now);
  if (problem === undefined) return undefined;
  if (problem === 'event_in_future')
    return {
      code: problem,
      error: translate(locale, 'cti.eventInFuture', {
        at: event.at.toISOString(),
        minutes: MAX_EVENT_AHEAD_MS / 60_000,
      }),
    };
  if (problem === 'event_too_old')
    return {
      code: problem,
      error: translate(locale, 'cti.eventTooOld', {
        at: event.at.toISOString(),
        days: CTI_EVENT_RETENTION_DAYS,
      }),
    };
  return { code: unreadable, error: translate(locale, 'cti.invalidTime') };
}

/**
 * Stores a service's valid events and acts on them. In this order, so that any step failing (a database blip, a
 * crash) leaves a state the PBX's retry of the same batch completes: callers first (an abandoned call filed later
 * finds its caller), the events stored (the acknowledgement's promise), applied to the live figures (a service
 * not loaded yet is rebuilt from the stored events, this batch included), and finally abandoned calls filed —
 * for every abandoned event of the batch, duplicates included, because a retry of a batch that failed after
 * storing is all duplicates.
 */
async function storeEvents(
  deps: IngestionDeps,
  service: ServiceDoc,
  events: CtiEvent[],
): Promise<IngestionOutcome> {
  const serviceId = service._id;
  const queued: QueuedCall[] = [];
  const abandoned: AbandonedCall[] = [];
  for (const event of events) {
    if (event.type === 'call.enqueued' && event.caller)
      queued.push({ callId: event.callId, caller: event.caller, at: event.at });
    else if (event.type === 'call.abandoned')
      abandoned.push({ callId: event.callId, waitSeconds: event.waitSeconds, at: event.at });
  }
  const minimumWait = deps.callbacks ? abandonedCallMinimumWait(service) : undefined;
  if (deps.callbacks && minimumWait !== undefined) await rememberCallers(deps.callbacks, serviceId, queued);
  const { stored, duplicates } = await deps.store.ctiEvents.insertNew(serviceId, events, deps.live.origin);
  await deps.live.applyStored(serviceId, stored);
  const { pending } =
    deps.callbacks && minimumWait !== undefined
      ? await receiveAbandonedCalls(deps.callbacks, service, minimumWait, abandoned, queued)
      : { pending: [] };
  return { accepted: stored.length, duplicates, callbacksPending: pending };
}

/**
 * `POST /api/v1/cti/events`: validates each event on its own (one bad event never drops the good ones), refuses
 * those dated outside the times we take, stores the rest in one write (acknowledged = durably stored), then
 * applies them to the live figures.
 */
export async function ingestCtiEvents(
  deps: IngestionDeps,
  /** As the API key check loaded it for this request (current: a settings change invalidates it). */
  service: ServiceDoc,
  raw: unknown[],
  locale: Locale = 'en',
): Promise<IngestionOutcome & { rejected: { index: number; code: RejectionCode; error: string }[] }> {
  const now = new Date();
  const valid: CtiEvent[] = [];
  const rejected: { index: number; code: RejectionCode; error: string }[] = [];
  raw.forEach((input, index) => {
    const parsed = parseCtiEvent(input);
    if (!parsed.ok) return void rejected.push({ index, code: 'invalid_event', error: parsed.error });
    const late = timeRejection(parsed.event, now, locale, 'invalid_event');
    if (late) rejected.push({ index, ...late });
    else valid.push(parsed.event);
  });
  return { ...(await storeEvents(deps, service, valid)), rejected };
}

/** `POST /api/v1/cti/queue-log`: Asterisk lines become the same events; unknown verbs are counted, not fatal. */
export async function ingestQueueLog(
  deps: IngestionDeps,
  /** As the API key check loaded it for this request (current: a settings change invalidates it). */
  service: ServiceDoc,
  text: string,
  locale: Locale = 'en',
): Promise<
  IngestionOutcome & {
    rejected: { line: number; code: RejectionCode; error: string }[];
    ignored: Record<string, number>;
  }
> {
  const now = new Date();
  const parsed = parseQueueLog(text);
  const valid: CtiEvent[] = [];
  const rejected: { line: number; code: RejectionCode; error: string }[] = parsed.rejected.map((r) => ({
    line: r.line,
    code: 'invalid_line',
    error: r.error,
  }));
  for (const { line, event } of parsed.events) {
    const late = timeRejection(event, now, locale, 'invalid_line');
    if (late) rejected.push({ line, ...late });
    else valid.push(event);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { ...(await storeEvents(deps, service, valid)), rejected, ignored: parsed.ignored };
}
