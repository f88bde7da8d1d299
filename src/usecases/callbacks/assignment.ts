import { z } from 'zod';
import { distributeEvenly, type CallbackStatus } from '../../domain/callbacks.js';
import type { AssignableCallback, CallbackDoc } from '../../domain/callbacks.js';
import type { MemberDoc } from '../../domain/members.js';
import { takesCallbacks } from '../../domain/access.js';
import { actorLabel, memberOf, type Actor } from '../actor.js';
import type { CallbackChange } from '../callback-events.js';
import { fail, ok, type Problem, type Result } from '../result.js';
import {
  assigneeNames,
  historyEntry,
  nowOf,
  openCallback,
  openService,
  type CallbackDeps,
} from './common.js';

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
  const opened = await openCallback(deps, actor, callbackId, 'callbacks.work');
  if (!opened.ok) return opened;
  const found = opened.value.callback;
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
  let picked: AssignableCallback[];
  if (input.oldest) {
    picked = await deps.store.callbacks.oldest({ serviceId, statuses: ['unassigned'] }, input.oldest);
  } else {
    const ids = [...new Set(input.callbackIds)];
    picked = await deps.store.callbacks.getManyAssignable(serviceId, ids);
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
  const { assigned } = await deps.store.callbacks.assign(
    serviceId,
    deal,
    historyEntry(actor),
    names,
    nowOf(deps),
  );
  const mine = new Set(assigned);

  // What changed is known without reading it back: these were unassigned and now belong to their agent.
  const pickedById = new Map(picked.map((c) => [c._id, c]));
  const changes: CallbackChange[] = [];
  for (const [agentId, ids] of deal)
    for (const id of ids)
      if (mine.has(id))
        changes.push({
          kind: 'assigned',
          callback: { _id: id, serviceId, status: 'assigned', assigneeId: agentId },
          by: actorLabel(actor),
        });
  await deps.events.publish(changes);

  // Only those this assignment did not get are read again, to say who has them now.
  const missed = await deps.store.callbacks.getManyAssignable(
    serviceId,
    requestedIds.filter((id) => !mine.has(id)),
  );
  const byId = new Map<string, AssignableCallback>([
    ...pickedById,
    ...missed.map((c) => [c._id, c] as const),
  ]);
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
  /** Also every callback these agents have open: a large pool is emptied without picking them one by one. */
  allOfAgents: readonly string[] = [],
): Promise<Result<{ unassigned: CallbackDoc[]; skipped: string[] }>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const ofAgents: string[] = [];
  for (const assigneeId of new Set(allOfAgents))
    for await (const c of deps.store.callbacks.streamWithoutHistory({
      serviceId,
      statuses: ['assigned'],
      assigneeId,
    }))
      ofAgents.push(c._id);
  const ids = [...new Set([...callbackIds, ...ofAgents])];
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
  query: { status: 'unassigned' | 'assigned'; limit: number; include?: string | readonly string[] },
): Promise<Result<{ items: CallbackDoc[]; total: number }>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const limit = Math.min(Math.max(1, Math.floor(query.limit)), 500);
  const pool = await deps.store.callbacks.list(
    { serviceId, statuses: [query.status] },
    { skip: 0, limit, order: 'oldest' },
  );
  // The digest's Assign buttons keep all of its callbacks pickable, not only one.
  const include = typeof query.include === 'string' ? [query.include] : (query.include ?? []);
  const missing = include.filter((id) => !pool.items.some((c) => c._id === id));
  if (missing.length > 0) {
    const extra = (await deps.store.callbacks.getMany(serviceId, missing)).filter(
      (c) => c.status === query.status,
    );
    if (extra.length > 0) return ok({ items: [...extra, ...pool.items].slice(0, limit), total: pool.total });
  }
  return ok(pool);
}

/** An agent the assign screen offers, with their open load and what they lack to Connect (none: can Connect). */
export interface AssignableAgent {
  member: MemberDoc;
  open: number;
  /** Connect dials through CTI with the member's CTI agent id: without it they can be assigned but not Connect. */
  cannotConnect: 'noCtiAgentId' | null;
}

/** Agents the assign modal offers: admins and `phone` members, with their open loads and whether they can Connect. */
export async function assignableAgents(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<AssignableAgent[]>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const counts = await deps.store.callbacks.openCountsByAssignee(serviceId);
  const members = await deps.store.members.listByService(serviceId);
  return ok(
    members.filter(takesCallbacks).map((member) => ({
      member,
      open: counts.get(member._id) ?? 0,
      cannotConnect: member.ctiAgentId ? null : ('noCtiAgentId' as const),
    })),
  );
}
