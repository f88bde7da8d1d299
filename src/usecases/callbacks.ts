import { z } from 'zod';
import type { Action } from '../domain/access.js';
import {
  CALL_OUTCOMES,
  CALLBACK_SOURCES,
  distributeEvenly,
  isOpen,
  normalizeCallbackPhone,
  OPEN_STATUSES,
  type CallbackStatus,
  type CallOutcome,
} from '../domain/callbacks.js';
import type { WebhookClient } from '../integrations/webhooks.js';
import type { Scheduler } from '../jobs/scheduler.js';
import type { CallbackDoc, CallbackFilter, CallbackHistoryEntry } from '../store/callbacks.js';
import type { Store } from '../store/index.js';
import type { InteractionDoc, NewInteraction } from '../store/interactions.js';
import { newId } from '../store/ids.js';
import type { MemberDoc } from '../store/members.js';
import type { ServiceDoc } from '../store/services.js';
import { actorLabel, actorSurface, refusal, type Actor } from './actor.js';
import type { CallbackChange, CallbackEvents } from './callback-events.js';
import { fail, ok, type Problem, type Result } from './result.js';
import type { WallboardLive } from './wallboard-live.js';

/** The job that forwards an interaction record to the service's ticket webhook (defined in jobs/callback-jobs). */
export const FORWARD_INTERACTION = 'callbacks.forward-interaction';

export interface CallbackDeps {
  store: Store;
  events: CallbackEvents;
  live: Pick<WallboardLive, 'agentState'>;
  webhooks: WebhookClient;
  scheduler: Pick<Scheduler, 'schedule'>;
  now?: () => Date;
}

const nowOf = (deps: CallbackDeps) => deps.now?.() ?? new Date();

/** Integrations (an API key of the service) may file and read callbacks, nothing else. */
const API_KEY_ACTIONS: ReadonlySet<Action> = new Set([
  'callbacks.create',
  'callbacks.view',
  'callbacks.viewOthers',
]);

function refusedFor(actor: Actor | undefined, action: Action, serviceId: string): Problem | undefined {
  if (actor?.kind === 'apiKey')
    return actor.serviceId === serviceId && API_KEY_ACTIONS.has(action)
      ? undefined
      : { code: 'forbidden', message: 'refusal.adminOnly' };
  if (actor?.kind === 'member' && actor.member.serviceId !== serviceId)
    return { code: 'not_member', message: 'refusal.notMember' };
  return refusal(actor, action);
}

/** Permission, then the service, then its callbacks switch: the order a person's questions would come in. */
async function openService(
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

function historyEntry(actor: Actor | undefined): Omit<CallbackHistoryEntry, 'action' | 'at' | 'detail'> {
  return {
    by: actorLabel(actor),
    byName:
      actor?.kind === 'member' ? actor.member.displayName : actor?.kind === 'operator' ? actor.name : null,
    surface: actorSurface(actor),
  };
}

const isAdmin = (actor: Actor | undefined) =>
  actor?.kind === 'operator' || (actor?.kind === 'member' && actor.member.role === 'admin');
const memberOf = (actor: Actor | undefined): MemberDoc | undefined =>
  actor?.kind === 'member' ? actor.member : undefined;

/** Members who may be handed callbacks: admins and members with the `phone` permission. */
export const takesCallbacks = (member: MemberDoc) => member.role === 'admin' || member.permissions.phone;

// ---------------------------------------------------------------------------------------------------------------
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
  const fields: NonNullable<Problem['fields']> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      fields[String(issue.path[0] ?? 'body')] ??= {
        message: 'callbacks.invalidField',
        params: { problem: issue.message },
      };
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
  if (requestKey) {
    const claim = await deps.store.callbacks.claimRequestKey(requestKey, now);
    if (claim.state === 'existing') {
      const callback = await deps.store.callbacks.get(claim.callbackId);
      if (callback) return ok({ callback, outcome: 'replayed' });
    }
    if (claim.state === 'pending') return fail({ code: 'conflict', message: 'callbacks.requestInProgress' });
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
    );
    if (requestKey) await deps.store.callbacks.settleRequestKey(requestKey, callback._id);
    await deps.events.publish([{ kind: folded ? 'folded' : 'created', callback, by: actorLabel(actor) }]);
    return ok({ callback, outcome: folded ? 'folded' : 'created' });
  } catch (error) {
    if (requestKey) await deps.store.callbacks.releaseRequestKey(requestKey).catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export const LIST_SCOPES = ['open', 'unassigned', 'assigned', 'completed', 'cancelled', 'all'] as const;
export type ListScope = (typeof LIST_SCOPES)[number];

const STATUSES_OF: Record<ListScope, readonly CallbackStatus[] | undefined> = {
  open: OPEN_STATUSES,
  unassigned: ['unassigned'],
  assigned: ['assigned'],
  completed: ['completed'],
  cancelled: ['cancelled'],
  all: undefined,
};

export interface CallbackListQuery {
  scope: ListScope;
  /** Requested at or after `from`, before `to`. */
  from?: Date;
  to?: Date;
  /** Only one assignee's (admins and integrations; an agent always sees only their own). */
  assigneeId?: string;
  page: number;
  pageSize: number;
  order?: 'oldest' | 'newest';
}

export interface CallbackPage {
  items: CallbackDoc[];
  total: number;
  page: number;
  pageSize: number;
  /** True when the list was narrowed to the caller's own callbacks (PRODUCT.md §1). */
  ownOnly: boolean;
  /** Display names of the assignees in `items`. */
  names: Map<string, string>;
}

/** `/callback list`, `GET /api/v1/callbacks`: admins (and integrations) see all; agents only their own. */
export async function listCallbacks(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: CallbackListQuery,
): Promise<Result<CallbackPage>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.view');
  if (!opened.ok) return opened;
  const ownOnly = refusedFor(actor, 'callbacks.viewOthers', serviceId) !== undefined;
  const filter = listFilter(serviceId, query, ownOnly ? memberOf(actor)?._id : query.assigneeId);
  const pageSize = Math.min(Math.max(1, Math.floor(query.pageSize)), 500);
  const page = Math.max(1, Math.floor(query.page));
  const { items, total } = await deps.store.callbacks.list(filter, {
    skip: (page - 1) * pageSize,
    limit: pageSize,
    order: query.order ?? 'newest',
  });
  return ok({
    items,
    total,
    page,
    pageSize,
    ownOnly,
    names: await assigneeNames(deps.store, serviceId, items),
  });
}

function listFilter(
  serviceId: string,
  query: Omit<CallbackListQuery, 'page' | 'pageSize'>,
  assigneeId?: string,
) {
  const filter: CallbackFilter = { serviceId };
  const statuses = STATUSES_OF[query.scope];
  if (statuses) filter.statuses = statuses;
  if (assigneeId) filter.assigneeId = assigneeId;
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  return filter;
}

/** Every callback of a list query as a stream (exports), with the same visibility rule as the list. */
export async function streamCallbacks(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: Omit<CallbackListQuery, 'page' | 'pageSize'>,
): Promise<Result<{ service: ServiceDoc; rows: AsyncIterable<CallbackDoc>; names: Map<string, string> }>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.view');
  if (!opened.ok) return opened;
  const ownOnly = refusedFor(actor, 'callbacks.viewOthers', serviceId) !== undefined;
  const filter = listFilter(serviceId, query, ownOnly ? memberOf(actor)?._id : query.assigneeId);
  const members = await deps.store.members.listByService(serviceId);
  return ok({
    service: opened.value,
    rows: deps.store.callbacks.stream(filter),
    names: new Map(members.map((m) => [m._id, m.displayName])),
  });
}

/** One callback, for a card or a modal: any member who may see callbacks; agents only unassigned or their own. */
export async function getCallback(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<Result<{ callback: CallbackDoc; service: ServiceDoc; names: Map<string, string> }>> {
  const callback = await deps.store.callbacks.get(callbackId);
  if (!callback) return fail({ code: 'not_found', message: 'callbacks.notFound' });
  const opened = await openService(deps, actor, callback.serviceId, 'callbacks.view');
  if (!opened.ok) return opened;
  return ok({
    callback,
    service: opened.value,
    names: await assigneeNames(deps.store, callback.serviceId, [callback]),
  });
}

async function assigneeNames(
  store: Store,
  serviceId: string,
  items: CallbackDoc[],
): Promise<Map<string, string>> {
  const ids = new Set(items.map((c) => c.assigneeId).filter((id): id is string => !!id));
  if (ids.size === 0) return new Map();
  const members = await store.members.listByService(serviceId);
  return new Map(members.filter((m) => ids.has(m._id)).map((m) => [m._id, m.displayName]));
}

// ---------------------------------------------------------------------------------------------------------------
// Assign and unassign

/** Why a callback could not be taken: the surfaces say it in words. */
function notAssignable(callback: CallbackDoc | undefined, names: Map<string, string>): Problem {
  if (!callback) return { code: 'not_found', message: 'callbacks.notFound' };
  if (callback.status === 'assigned')
    return {
      code: 'conflict',
      message: 'callbacks.alreadyAssigned',
      params: { name: names.get(callback.assigneeId ?? '') ?? callback.assigneeId ?? '' },
    };
  return { code: 'conflict', message: 'callbacks.closed', params: { status: callback.status } };
}

/** "Assign to me" on a card: a `phone` member (or admin) takes an unassigned callback. */
export async function assignToMe(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<Result<CallbackDoc>> {
  const found = await deps.store.callbacks.get(callbackId);
  if (!found) return fail({ code: 'not_found', message: 'callbacks.notFound' });
  const opened = await openService(deps, actor, found.serviceId, 'callbacks.work');
  if (!opened.ok) return opened;
  const me = memberOf(actor);
  if (!me) return fail({ code: 'forbidden', message: 'callbacks.membersOnly' });
  const now = nowOf(deps);
  const { assigned } = await deps.store.callbacks.assign(
    found.serviceId,
    new Map([[me._id, [callbackId]]]),
    historyEntry(actor),
    new Map([[me._id, me.displayName]]),
    now,
  );
  const after = await deps.store.callbacks.get(callbackId);
  if (assigned.length === 0 || !after)
    return fail(notAssignable(after, await assigneeNames(deps.store, found.serviceId, after ? [after] : [])));
  await deps.events.publish([{ kind: 'assigned', callback: after, by: actorLabel(actor) }]);
  return ok(after);
}

export const assignCallbacksSchema = z
  .object({
    callbackIds: z.array(z.string()).max(10_000).default([]),
    /** Instead of picking: the N oldest unassigned callbacks. */
    oldest: z.number().int().min(1).max(10_000).optional(),
    agentIds: z.array(z.string()).max(500),
    mode: z.enum(['even', 'manual']),
  })
  .strict();
export type AssignCallbacksInput = z.input<typeof assignCallbacksSchema>;

export interface AssignmentReport {
  /** Per agent, in the order the deal went round (least loaded first). */
  assigned: { agentId: string; name: string; callbackIds: string[] }[];
  /** Callbacks someone else took first (or that were closed), with who has them now. */
  taken: { callbackId: string; phone: string; status: CallbackStatus; assigneeName: string | null }[];
}

/**
 * `/callback assign`: distribute evenly (least-loaded first, round-robin) or all to one agent. Each callback is
 * assigned by one conditional update, so two supervisors racing never assign one twice; the later one learns
 * which were taken.
 */
export async function assignCallbacks(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  raw: AssignCallbacksInput,
): Promise<Result<AssignmentReport>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const parsed = assignCallbacksSchema.safeParse(raw);
  if (!parsed.success) return fail({ code: 'invalid_input', message: 'callbacks.invalidRequest' });
  const input = parsed.data;
  const agentIds = [...new Set(input.agentIds)];
  if (agentIds.length === 0)
    return fail({
      code: 'invalid_input',
      message: 'callbacks.assign.noAgent',
      fields: { agents: { message: 'callbacks.assign.noAgent' } },
    });
  if (input.mode === 'manual' && agentIds.length !== 1)
    return fail({
      code: 'invalid_input',
      message: 'callbacks.assign.manualOneAgent',
      params: { count: agentIds.length },
      fields: { agents: { message: 'callbacks.assign.manualOneAgent', params: { count: agentIds.length } } },
    });
  const members = new Map((await deps.store.members.listByService(serviceId)).map((m) => [m._id, m]));
  const agents: MemberDoc[] = [];
  for (const id of agentIds) {
    const member = members.get(id);
    if (!member || !takesCallbacks(member))
      return fail({
        code: 'invalid_input',
        message: 'callbacks.assign.agentNotEligible',
        params: { name: member?.displayName ?? id },
        fields: {
          agents: {
            message: 'callbacks.assign.agentNotEligible',
            params: { name: member?.displayName ?? id },
          },
        },
      });
    agents.push(member);
  }

  // Oldest first, whichever way they were picked.
  let picked: CallbackDoc[];
  if (input.oldest) {
    picked = await deps.store.callbacks.oldest({ serviceId, statuses: ['unassigned'] }, input.oldest);
  } else {
    const ids = [...new Set(input.callbackIds)];
    picked = await deps.store.callbacks.getMany(serviceId, ids);
  }
  picked.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a._id.localeCompare(b._id));
  const requestedIds = input.oldest ? picked.map((c) => c._id) : [...new Set(input.callbackIds)];
  if (requestedIds.length === 0)
    return fail({
      code: 'invalid_input',
      message: 'callbacks.assign.noCallbacks',
      fields: { callbacks: { message: 'callbacks.assign.noCallbacks' } },
    });
  // Already taken before we start: reported, not dealt (so the shares stay even among what can be assigned).
  const dealable = picked.filter((c) => c.status === 'unassigned').map((c) => c._id);

  let deal: Map<string, string[]>;
  if (input.mode === 'manual') deal = new Map([[agents[0]!._id, dealable]]);
  else {
    const open = await deps.store.callbacks.openCountsByAssignee(serviceId);
    deal = distributeEvenly(
      dealable,
      agents.map((a) => ({ id: a._id, name: a.displayName, open: open.get(a._id) ?? 0 })),
    );
  }
  const names = new Map(agents.map((a) => [a._id, a.displayName]));
  const now = nowOf(deps);
  const { assigned } = await deps.store.callbacks.assign(serviceId, deal, historyEntry(actor), names, now);
  const mine = new Set(assigned);

  const after = await deps.store.callbacks.getMany(serviceId, requestedIds);
  const byId = new Map(after.map((c) => [c._id, c]));
  const changes: CallbackChange[] = assigned
    .map((id) => byId.get(id))
    .filter((c): c is CallbackDoc => !!c)
    .map((callback) => ({ kind: 'assigned', callback, by: actorLabel(actor) }));
  await deps.events.publish(changes);

  const allNames = new Map([...members.values()].map((m) => [m._id, m.displayName]));
  return ok({
    assigned: [...deal].map(([agentId, ids]) => ({
      agentId,
      name: names.get(agentId) ?? agentId,
      callbackIds: ids.filter((id) => mine.has(id)),
    })),
    taken: requestedIds
      .filter((id) => !mine.has(id))
      .map((id) => {
        const c = byId.get(id);
        return {
          callbackId: id,
          phone: c?.phone ?? '',
          status: c?.status ?? 'cancelled',
          assigneeName: c?.assigneeId ? (allNames.get(c.assigneeId) ?? c.assigneeId) : null,
        };
      }),
  });
}

/** `/callback unassign`: open callbacks back to the pool. Reports those that were no longer assigned. */
export async function unassignCallbacks(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  callbackIds: readonly string[],
): Promise<Result<{ unassigned: CallbackDoc[]; skipped: string[] }>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const ids = [...new Set(callbackIds)];
  if (ids.length === 0)
    return fail({
      code: 'invalid_input',
      message: 'callbacks.unassign.noCallbacks',
      fields: { callbacks: { message: 'callbacks.unassign.noCallbacks' } },
    });
  const before = await deps.store.callbacks.unassign(serviceId, ids, historyEntry(actor), nowOf(deps));
  const done = new Set(before.map((c) => c._id));
  const after = await deps.store.callbacks.getMany(serviceId, [...done]);
  const previous = new Map(before.map((c) => [c._id, c.assigneeId]));
  await deps.events.publish(
    after.map((callback) => ({
      kind: 'unassigned',
      callback,
      previousAssigneeId: previous.get(callback._id) ?? null,
      by: actorLabel(actor),
    })),
  );
  return ok({ unassigned: after, skipped: ids.filter((id) => !done.has(id)) });
}

/** The unassign screen: open callbacks per agent. */
export async function openLoads(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<{ agentId: string; name: string; open: number }[]>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const counts = await deps.store.callbacks.openCountsByAssignee(serviceId);
  const members = await deps.store.members.listByService(serviceId);
  const names = new Map(members.map((m) => [m._id, m.displayName]));
  return ok(
    [...counts]
      .map(([agentId, open]) => ({ agentId, name: names.get(agentId) ?? agentId, open }))
      .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name, 'ko')),
  );
}

/**
 * The pools the assign and unassign screens pick from, oldest first: every unassigned (or assigned) callback of
 * the service, for whoever may assign — unlike the list, which narrows agents to their own. `include` keeps one
 * callback (from its Assign… button) in the pool even when it is not among the oldest `limit`.
 */
export async function assignmentPool(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: { status: 'unassigned' | 'assigned'; limit: number; include?: string },
): Promise<Result<{ items: CallbackDoc[]; total: number }>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const limit = Math.min(Math.max(1, Math.floor(query.limit)), 500);
  const pool = await deps.store.callbacks.list(
    { serviceId, statuses: [query.status] },
    { skip: 0, limit, order: 'oldest' },
  );
  if (query.include && !pool.items.some((c) => c._id === query.include)) {
    const extra = await deps.store.callbacks.get(query.include);
    if (extra?.serviceId === serviceId && extra.status === query.status)
      return ok({ items: [extra, ...pool.items.slice(0, limit - 1)], total: pool.total });
  }
  return ok(pool);
}

/** The service a callback belongs to, so a button that carries only its id acts in the right service. */
export async function serviceOfCallback(deps: CallbackDeps, callbackId: string): Promise<string | undefined> {
  return (await deps.store.callbacks.get(callbackId))?.serviceId;
}

/** Agents the assign modal offers: admins and `phone` members, with their open loads. */
export async function assignableAgents(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<{ member: MemberDoc; open: number }[]>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const counts = await deps.store.callbacks.openCountsByAssignee(serviceId);
  const members = await deps.store.members.listByService(serviceId);
  return ok(members.filter(takesCallbacks).map((member) => ({ member, open: counts.get(member._id) ?? 0 })));
}

// ---------------------------------------------------------------------------------------------------------------
// Working a callback: call, outcome, complete, cancel

/** Loads a callback the actor may work on: its assignee, or an admin. */
async function workable(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<Result<{ callback: CallbackDoc; service: ServiceDoc }>> {
  const callback = await deps.store.callbacks.get(callbackId);
  if (!callback) return fail({ code: 'not_found', message: 'callbacks.notFound' });
  const opened = await openService(deps, actor, callback.serviceId, 'callbacks.work');
  if (!opened.ok) return opened;
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
  return ok({ callback, service: opened.value });
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

export type DialResult =
  | { kind: 'webhook' }
  | { kind: 'tel'; uri: string }
  | { kind: 'failed'; reason: 'timeout' | 'network' | 'status'; detail: string };

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
  if (!me.ctiAgentId) return fail({ code: 'conflict', message: 'callbacks.call.noCtiAgent' });
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
    if (!sent.ok) {
      dial = {
        kind: 'failed',
        reason: sent.reason,
        detail: sent.reason === 'status' ? String(sent.status) : sent.detail,
      };
      return fail({
        code: 'conflict',
        message: `callbacks.call.dialFailed.${sent.reason}`,
        params: { detail: dial.detail },
      });
    }
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
  const callback = await deps.store.callbacks.get(callbackId);
  if (!callback) return fail({ code: 'not_found', message: 'callbacks.notFound' });
  const opened = await openService(deps, actor, callback.serviceId, 'callbacks.work');
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

/** Cancel an open callback (admin, with a reason): the customer withdrew, a duplicate, a test. */
export async function cancelCallback(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
  reason: string,
): Promise<Result<CallbackDoc>> {
  const callback = await deps.store.callbacks.get(callbackId);
  if (!callback) return fail({ code: 'not_found', message: 'callbacks.notFound' });
  const opened = await openService(deps, actor, callback.serviceId, 'callbacks.cancel');
  if (!opened.ok) return opened;
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

// ---------------------------------------------------------------------------------------------------------------
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
  const fields: NonNullable<Problem['fields']> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      fields[String(issue.path[0] ?? 'summary')] ??= {
        message: 'callbacks.invalidField',
        params: { problem: issue.message },
      };
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
  return ok(
    await recordInteraction(deps, opened.value, {
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
    }),
  );
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

// ---------------------------------------------------------------------------------------------------------------
// Abandoned calls

export interface AbandonedCall {
  callId: string;
  caller: string | undefined;
  waitSeconds: number;
  at: Date;
}

/**
 * The service setting "abandoned calls become callbacks": a caller who gave up after waiting at least N seconds,
 * with a caller id we can dial, becomes a callback with source `abandoned`. The call id is the request key, so a
 * replayed CTI batch never files it twice; an open callback for the same number folds it in.
 */
export async function receiveAbandonedCalls(
  deps: CallbackDeps,
  serviceId: string,
  calls: readonly AbandonedCall[],
): Promise<{ filed: number }> {
  if (calls.length === 0) return { filed: 0 };
  const service = await deps.store.services.get(serviceId);
  const minimum = service?.settings.abandonedToCallbackSeconds;
  if (!service?.settings.callbacksEnabled || minimum === null || minimum === undefined) return { filed: 0 };
  let filed = 0;
  for (const call of calls) {
    if (!call.caller || call.waitSeconds < minimum) continue;
    if (!normalizeCallbackPhone(call.caller).ok) continue; // anonymous or internal numbers cannot be called back
    const result = await receiveCallback(
      deps,
      { kind: 'operator', name: 'cti' },
      serviceId,
      { phone: call.caller, requestedAt: call.at.toISOString(), source: 'abandoned' },
      { idempotencyKey: `abandoned:${call.callId}` },
    );
    if (result.ok && result.value.outcome !== 'replayed') filed++;
  }
  return { filed };
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders

export interface DueReminders {
  service: ServiceDoc;
  /** Unassigned longer than the service's X minutes: one channel reminder each (PRODUCT.md §2). */
  unassigned: CallbackDoc[];
  /** Assigned and not completed within Y minutes: a DM to the assignee, per assignment. */
  assigned: CallbackDoc[];
}

/** At most this many callbacks per reminder kind and run; the rest come in the next run. */
const REMINDERS_PER_RUN = 200;

/**
 * The reminders due now for a service, each claimed so it goes out once (per assignment for the assignee's DM),
 * however many instances run the job. Off unless the service sets the minutes.
 */
export async function collectDueReminders(
  deps: CallbackDeps,
  serviceId: string,
): Promise<DueReminders | undefined> {
  const service = await deps.store.services.get(serviceId);
  if (!service?.settings.callbacksEnabled) return undefined;
  const { unassignedReminderMinutes: x, assignedReminderMinutes: y } = service.settings;
  if (x === null && y === null) return undefined;
  const now = nowOf(deps);
  const claim = async (docs: CallbackDoc[], kind: 'unassigned' | 'assigned') => {
    const won: CallbackDoc[] = [];
    for (const doc of docs) if (await deps.store.callbacks.markReminded(doc, kind, now)) won.push(doc);
    return won;
  };
  const unassigned =
    x === null
      ? []
      : (
          await deps.store.callbacks.listOverdue(
            serviceId,
            'unassigned',
            new Date(now.getTime() - x * 60_000),
            REMINDERS_PER_RUN,
          )
        ).filter((c) => c.unassignedRemindedAt === null);
  const assigned =
    y === null
      ? []
      : (
          await deps.store.callbacks.listOverdue(
            serviceId,
            'assigned',
            new Date(now.getTime() - y * 60_000),
            REMINDERS_PER_RUN,
          )
        ).filter(
          (c) => !c.assignedRemindedAt || (c.assignedAt !== null && c.assignedRemindedAt < c.assignedAt),
        );
  return {
    service,
    unassigned: await claim(unassigned, 'unassigned'),
    assigned: await claim(assigned, 'assigned'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A person's own callbacks across services (the Slack App Home)

/**
 * Per service a chat identity works in (callbacks on, allowed to see them): the open callbacks assigned to them,
 * oldest first. A service that refuses (no `phone` permission, callbacks off) is simply left out.
 */
export async function myOpenCallbacks(
  deps: CallbackDeps,
  identity: string,
  surface: 'slack' | 'teams',
): Promise<{ service: ServiceDoc; page: CallbackPage }[]> {
  const found: { service: ServiceDoc; page: CallbackPage }[] = [];
  for (const member of await deps.store.members.listByIdentity(identity)) {
    const page = await listCallbacks(deps, { kind: 'member', member, surface }, member.serviceId, {
      scope: 'assigned',
      assigneeId: member._id,
      order: 'oldest',
      page: 1,
      pageSize: 20,
    });
    const service = page.ok ? await deps.store.services.get(member.serviceId) : undefined;
    if (page.ok && service) found.push({ service, page: page.value });
  }
  return found.sort((a, b) => a.service.name.localeCompare(b.service.name, 'ko'));
}

/** The chat identities of a member (`slack:<team>:<user>`, `teams:…`): where their own views live. */
export async function chatIdentitiesOf(deps: CallbackDeps, memberId: string): Promise<string[]> {
  return (await deps.store.members.get(memberId))?.identities ?? [];
}
