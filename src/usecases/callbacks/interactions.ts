import { normalizeCallbackPhone } from '../../domain/callbacks.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { ServiceDoc } from '../../domain/services.js';
import type { InteractionDoc, InteractionFilter, InteractionPosition } from '../../store/interactions.js';
import { memberOf, type Actor } from '../actor.js';
import { fail, ok, type Result } from '../result.js';
import { assigneeNames, openCallback, openService, refusedFor, type CallbackDeps } from './common.js';

// Reading interaction records: registered history (이력 등록) and the tickets Call (연결) creates

/** How many entries a callback's card lists (newest first); the history view shows them all. */
export const CARD_HISTORY_ENTRIES = 3;

/**
 * One interaction record as people see it: a card's latest entries, the history views, the export sheet and the
 * API. `kind`: `history` was registered by hand; `outbound_call` is the ticket Connect created (outbound ticket
 * auto-creation on).
 */
export interface InteractionEntry {
  id: string;
  kind: InteractionDoc['kind'];
  at: Date;
  callbackId: string | null;
  /** Digits only, when known. */
  phone: string | null;
  customerName: string | null;
  memberId: string;
  memberName: string;
  channel: InteractionDoc['channel'];
  /** What the agent wrote; null for a ticket Connect created (it has nothing but the call). */
  summary: string | null;
  note: string | null;
  /** Whether it went to the service's ticket webhook. */
  forward: InteractionDoc['forward']['status'];
}

export function interactionEntry(doc: InteractionDoc): InteractionEntry {
  return {
    id: doc._id,
    kind: doc.kind,
    at: doc.createdAt,
    callbackId: doc.callbackId,
    phone: doc.phone,
    customerName: doc.customerName,
    memberId: doc.memberId,
    memberName: doc.memberName,
    channel: doc.channel,
    summary: doc.kind === 'history' ? doc.summary : null,
    note: doc.note,
    forward: doc.forward.status,
  };
}

export interface InteractionQuery {
  /** A phone number as a person typed it (any format `/callback new` takes). */
  phone?: string;
  callbackId?: string;
  /** Created at or after `from`, before `to`. */
  from?: Date;
  to?: Date;
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface InteractionPage {
  service: ServiceDoc;
  items: InteractionEntry[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The phone the list is about, digits only (normalized from the query). */
  phone: string | null;
  /** True when the list was narrowed to the caller's own records (docs/permissions.md). */
  ownOnly: boolean;
}

const MAX_LIMIT = 200;

/**
 * `/callback history <phone>`, `GET /api/v1/interactions`: a service's interaction records, newest first.
 * Who sees what follows the callback list (docs/permissions.md): admins and integrations see every record of the
 * service; an agent (`callbacks.view` without `callbacks.viewOthers`) sees the records they made and those on
 * callbacks assigned to them.
 */
export async function listInteractions(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: InteractionQuery,
): Promise<Result<InteractionPage>> {
  const scoped = await interactionScope(deps, actor, serviceId, query);
  if (!scoped.ok) return scoped;
  const { service, filter, phone, ownOnly } = scoped.value;
  let after: InteractionPosition | undefined;
  if (query.cursor !== undefined) {
    after = decodeCursor(query.cursor);
    if (!after)
      return fail({
        code: 'invalid_input',
        message: 'interactions.badCursor',
        fields: { cursor: { message: 'interactions.badCursor' } },
      });
  }
  const limit = Math.min(Math.max(1, Math.floor(query.limit)), MAX_LIMIT);
  // One more than asked says whether there is a next page without counting.
  const docs = await deps.store.interactions.list(filter, limit + 1, after);
  const page = docs.slice(0, limit);
  const last = page.at(-1);
  return ok({
    service,
    items: page.map(interactionEntry),
    nextCursor:
      docs.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last._id }) : null,
    phone: phone ?? null,
    ownOnly,
  });
}

/**
 * What a person may read of a service's interaction records, as a store filter: the permission checks, the
 * query's checks (phone, window) and, for an agent, the narrowing to their own. Pages (the list, the export) then
 * only query.
 */
export async function interactionScope(
  deps: CallbackDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: Pick<InteractionQuery, 'phone' | 'callbackId' | 'from' | 'to'>,
): Promise<Result<{ service: ServiceDoc; filter: InteractionFilter; phone?: string; ownOnly: boolean }>> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.view');
  if (!opened.ok) return opened;
  let phone: string | undefined;
  if (query.phone !== undefined) {
    const normalized = normalizeCallbackPhone(query.phone);
    if (!normalized.ok)
      return fail({
        code: 'invalid_input',
        // Said in full where there is no form (a command's answer, the API's message).
        message: `callbacks.phone.${normalized.problem}`,
        fields: { phone: { message: `callbacks.phone.${normalized.problem}` } },
      });
    phone = normalized.phone;
  }
  if (query.from && query.to && query.from >= query.to)
    return fail({
      code: 'invalid_input',
      message: 'interactions.toBeforeFrom',
      fields: { to: { message: 'interactions.toBeforeFrom' } },
    });
  const filter: InteractionFilter = { serviceId, phone, callbackId: query.callbackId };
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  const ownOnly = refusedFor(actor, 'callbacks.viewOthers', serviceId) !== undefined;
  const me = memberOf(actor);
  if (ownOnly) {
    if (!me) return fail({ code: 'forbidden', message: 'callbacks.membersOnly' });
    filter.visibleTo = { memberId: me._id, callbackIds: await callbacksAssignedTo(deps, serviceId, me._id) };
  }
  return ok({ service: opened.value, filter, phone, ownOnly });
}

/**
 * A callback's history view (the card's "History" button): every record on it, newest first. Whoever may see the
 * callback: admins; an agent when it is unassigned or theirs.
 */
export async function callbackInteractions(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<
  Result<{
    callback: CallbackDoc;
    service: ServiceDoc;
    names: Map<string, string>;
    items: InteractionEntry[];
  }>
> {
  const opened = await openCallback(deps, actor, callbackId, 'callbacks.view');
  if (!opened.ok) return opened;
  const { callback, service } = opened.value;
  const me = memberOf(actor);
  if (
    refusedFor(actor, 'callbacks.viewOthers', service._id) !== undefined &&
    callback.assigneeId &&
    callback.assigneeId !== me?._id
  ) {
    const other = await deps.store.members.get(callback.assigneeId);
    return fail({
      code: 'forbidden',
      message: 'interactions.notYours',
      params: { name: other?.displayName ?? '' },
    });
  }
  const docs = await deps.store.interactions.list({ serviceId: service._id, callbackId }, MAX_LIMIT);
  return ok({
    callback,
    service,
    names: await assigneeNames(deps.store, service._id, [callback]),
    items: docs.map(interactionEntry),
  });
}

/** A callback's latest entries, for its card (no actor: a card shows the same to everyone in its channel). */
export async function latestInteractionsOf(
  deps: Pick<CallbackDeps, 'store'>,
  callback: Pick<CallbackDoc, '_id' | 'serviceId'>,
): Promise<InteractionEntry[]> {
  const docs = await deps.store.interactions.list(
    { serviceId: callback.serviceId, callbackId: callback._id },
    CARD_HISTORY_ENTRIES,
  );
  return docs.map(interactionEntry);
}

async function callbacksAssignedTo(
  deps: CallbackDeps,
  serviceId: string,
  memberId: string,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const row of deps.store.callbacks.streamWithoutHistory({ serviceId, assigneeId: memberId }))
    ids.push(row._id);
  return ids;
}

/** `<ms>.<id>` in base64url: opaque to callers, so its form can change. */
function encodeCursor(position: InteractionPosition): string {
  return Buffer.from(`${position.createdAt.getTime()}.${position.id}`).toString('base64url');
}

function decodeCursor(cursor: string): InteractionPosition | undefined {
  const m = /^(\d{1,15})\.(int_[A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? { createdAt: new Date(Number(m[1])), id: m[2]! } : undefined;
}
