import { apiKeyMay, type Action } from '../../domain/access.js';
import type { WebhookClient } from '../../integrations/webhooks.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import type { CallbackDoc, CallbackHistoryEntry } from '../../domain/callbacks.js';
import type { Store } from '../../store/index.js';
import type { ServiceDoc } from '../../domain/services.js';
import { actorLabel, actorSurface, refusal, type Actor } from '../actor.js';
import type { CallbackEvents } from '../callback-events.js';
import { fail, ok, type Problem, type Result } from '../result.js';
import type { WallboardLive } from '../wallboard-live.js';
import type { ListExports } from '../../exports/list-exports.js';

/** The job that forwards an interaction record to the service's ticket webhook (defined in jobs/callback-jobs). */
export { FORWARD_INTERACTION } from '../../jobs/callback-jobs.js';

export interface CallbackDeps {
  store: Store;
  events: CallbackEvents;
  live: Pick<WallboardLive, 'agentState'>;
  webhooks: WebhookClient;
  scheduler: Pick<Scheduler, 'schedule'>;
  /** Where list exports are written; in this thread when not given. The server runs them in worker threads. */
  listExports?: ListExports;
  /** Where export files are written until they are delivered; the system's temp folder when not given. */
  exportDirectory?: string;
  now?: () => Date;
}

export const nowOf = (deps: CallbackDeps) => deps.now?.() ?? new Date();

export function refusedFor(actor: Actor | undefined, action: Action, serviceId: string): Problem | undefined {
  if (actor?.kind === 'apiKey')
    return actor.serviceId === serviceId && apiKeyMay(action)
      ? undefined
      : { code: 'forbidden', message: 'refusal.adminOnly' };
  if (actor?.kind === 'member' && actor.member.serviceId !== serviceId)
    return { code: 'not_member', message: 'refusal.notMember' };
  return refusal(actor, action);
}

/** Permission, then the service, then its callbacks switch: the order a person's questions would come in. */
export async function openService(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  action: Action,
  /** The service as the caller already loaded it (the API-key check did, for this request). */
  known?: ServiceDoc,
): Promise<Result<ServiceDoc>> {
  const refused = refusedFor(actor, action, serviceId);
  if (refused) return fail(refused);
  const service = known?._id === serviceId ? known : await deps.store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });
  if (!service.settings.callbacksEnabled)
    return fail({ code: 'feature_disabled', message: 'callbacks.disabled' });
  return ok(service);
}

/** A callback and its service, once the actor may do `action` on it (not found, then the service's checks). */
export async function openCallback(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
  action: Action,
): Promise<Result<{ callback: CallbackDoc; service: ServiceDoc }>> {
  const callback = await deps.store.callbacks.get(callbackId);
  if (!callback) return fail({ code: 'not_found', message: 'callbacks.notFound' });
  const opened = await openService(deps, actor, callback.serviceId, action);
  if (!opened.ok) return opened;
  return ok({ callback, service: opened.value });
}

export function historyEntry(
  actor: Actor | undefined,
): Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail'> {
  return {
    by: actorLabel(actor),
    byName:
      actor?.kind === 'member' ? actor.member.displayName : actor?.kind === 'operator' ? actor.name : null,
    surface: actorSurface(actor),
  };
}

export async function assigneeNames(
  store: Store,
  serviceId: string,
  items: CallbackDoc[],
): Promise<Map<string, string>> {
  const ids = new Set(items.map((c) => c.assigneeId).filter((id): id is string => !!id));
  if (ids.size === 0) return new Map();
  const members = await store.members.listByService(serviceId);
  return new Map(members.filter((m) => ids.has(m._id)).map((m) => [m._id, m.displayName]));
}
