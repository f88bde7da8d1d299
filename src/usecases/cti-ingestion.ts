import type { CtiEvent } from '../domain/wallboard/events.js';
import { parseCtiEvent } from '../integrations/cti/event-schema.js';
import { parseQueueLog } from '../integrations/cti/queue-log.js';
import type { Store } from '../store/index.js';
import type { WallboardLive } from './wallboard-live.js';
import { receiveAbandonedCalls, type CallbackDeps } from './callbacks.js';
import { eventFromDoc, type CtiEventDoc } from '../store/cti-events.js';

export interface IngestionDeps {
  store: Store;
  live: WallboardLive;
  /** When given, abandoned calls become callbacks per the service setting. */
  callbacks?: CallbackDeps;
}

/** Abandoned calls among newly stored events, with the caller id the live state remembers from their queueing. */
async function fileAbandonedCalls(
  deps: IngestionDeps,
  serviceId: string,
  stored: CtiEventDoc[],
): Promise<void> {
  if (!deps.callbacks) return;
  const calls = stored.flatMap((doc) => {
    const event = eventFromDoc(doc);
    return event.type === 'call.abandoned'
      ? [
          {
            callId: event.callId,
            caller: deps.live.callerOf(serviceId, event.callId),
            waitSeconds: event.waitSeconds,
            at: event.at,
          },
        ]
      : [];
  });
  await receiveAbandonedCalls(deps.callbacks, serviceId, calls);
}

export const MAX_EVENTS_PER_REQUEST = 1000;

export interface IngestionReport {
  accepted: number;
  duplicates: number;
  rejected: ({ index: number } | { line: number })[] & { error: string }[];
}

/**
 * `POST /api/v1/cti/events`: validates each event on its own (one bad event never drops the good ones), stores the
 * new ones in one write (acknowledged = durably stored), then applies them to the live figures.
 */
export async function ingestCtiEvents(
  deps: IngestionDeps,
  serviceId: string,
  raw: unknown[],
): Promise<{ accepted: number; duplicates: number; rejected: { index: number; error: string }[] }> {
  const valid: CtiEvent[] = [];
  const rejected: { index: number; error: string }[] = [];
  raw.forEach((input, index) => {
    const parsed = parseCtiEvent(input);
    if (parsed.ok) valid.push(parsed.event);
    else rejected.push({ index, error: parsed.error });
  });
  const { stored, duplicates } = await deps.store.ctiEvents.insertNew(serviceId, valid, deps.live.origin);
  await deps.live.applyStored(serviceId, stored);
  await fileAbandonedCalls(deps, serviceId, stored);
  return { accepted: stored.length, duplicates, rejected };
}

/** `POST /api/v1/cti/queue-log`: Asterisk lines become the same events; unknown verbs are counted, not fatal. */
export async function ingestQueueLog(
  deps: IngestionDeps,
  serviceId: string,
  text: string,
): Promise<{
  accepted: number;
  duplicates: number;
  rejected: { line: number; error: string }[];
  ignored: Record<string, number>;
}> {
  const parsed = parseQueueLog(text);
  const { stored, duplicates } = await deps.store.ctiEvents.insertNew(
    serviceId,
    parsed.events.map((e) => e.event),
    deps.live.origin,
  );
  await deps.live.applyStored(serviceId, stored);
  await fileAbandonedCalls(deps, serviceId, stored);
  return { accepted: stored.length, duplicates, rejected: parsed.rejected, ignored: parsed.ignored };
}
