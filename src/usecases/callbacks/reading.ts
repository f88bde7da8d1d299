import { OPEN_STATUSES, type CallbackStatus } from '../../domain/callbacks.js';
import type { CallbackFilter } from '../../store/callbacks.js';
import type { CallbackDoc, CallbackRow } from '../../domain/callbacks.js';
import type { ServiceDoc } from '../../domain/services.js';
import { callbackActionsFor, type CallbackAction } from '../../domain/callback-actions.js';
import { callbackViewerOf, memberOf, type Actor } from '../actor.js';
import {
  CALLBACK_SEARCH_MAX_LENGTH,
  parseCallbackSearch,
  type CallbackSearch,
} from '../../domain/callback-search.js';
import { fail, ok, type Result } from '../result.js';
import { assigneeNames, openCallback, openService, refusedFor, type CallbackDeps } from './common.js';
import { SHARED_VIEWER } from '../../domain/callback-actions.js';
import { takesCallbacks } from '../../domain/access.js';
import { callbackItem, type ChatMessage } from '../notifications/chat-port.js';
import { latestInteractionsOf } from './interactions.js';
import { pickLocale } from '../../i18n/index.js';

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
  /** Search: a part of the phone number (when it holds digits) or of the customer name (`domain/callback-search`). */
  q?: string;
}

export interface CallbackPage {
  items: CallbackDoc[];
  total: number;
  page: number;
  pageSize: number;
  /** True when the list was narrowed to the caller's own callbacks (docs/permissions.md). */
  ownOnly: boolean;
  /** Display names of the assignees in `items`. */
  names: Map<string, string>;
  /**
   * Per callback id, the buttons its row shows to the caller: a list is theirs alone (an ephemeral answer, their
   * App Home), so it offers only what they may do (`domain/callback-actions.ts`).
   */
  actions: Map<string, CallbackAction[]>;
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
  const search = searchOf(query.q);
  if (!search.ok) return search;
  const ownOnly = refusedFor(actor, 'callbacks.viewOthers', serviceId) !== undefined;
  const filter = listFilter(serviceId, query, ownOnly ? memberOf(actor)?._id : query.assigneeId);
  filter.search = search.value;
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
    actions: new Map(items.map((c) => [c._id, callbackActionsFor(callbackViewerOf(actor), c)])),
  });
}

/** The search of a list query, or the refusal that names the limit (on the `q` field of a form or request). */
function searchOf(q: string | undefined): Result<CallbackSearch | undefined> {
  const parsed = parseCallbackSearch(q);
  if (parsed.ok) return ok(parsed.search);
  const problem = {
    message: 'callbacks.search.tooLong',
    params: { max: CALLBACK_SEARCH_MAX_LENGTH },
  } as const;
  return fail({ code: 'invalid_input', ...problem, fields: { q: problem } });
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
): Promise<
  Result<{
    service: ServiceDoc;
    rows: AsyncIterable<CallbackRow>;
    /** What `rows` reads, for a reader elsewhere (an export's worker thread). */
    filter: CallbackFilter;
    names: Map<string, string>;
    ownOnly: boolean;
  }>
> {
  const opened = await openService(deps, actor, serviceId, 'callbacks.view');
  if (!opened.ok) return opened;
  const search = searchOf(query.q);
  if (!search.ok) return search;
  const ownOnly = refusedFor(actor, 'callbacks.viewOthers', serviceId) !== undefined;
  const filter = listFilter(serviceId, query, ownOnly ? memberOf(actor)?._id : query.assigneeId);
  filter.search = search.value;
  const members = await deps.store.members.listByService(serviceId);
  return ok({
    service: opened.value,
    rows: deps.store.callbacks.streamWithoutHistory(filter),
    filter,
    names: new Map(members.map((m) => [m._id, m.displayName])),
    ownOnly,
  });
}

/** One callback, for a card or a modal: any member who may see callbacks; agents only unassigned or their own. */
export async function getCallback(
  deps: CallbackDeps,
  actor: Actor | undefined,
  callbackId: string,
): Promise<Result<{ callback: CallbackDoc; service: ServiceDoc; names: Map<string, string> }>> {
  const opened = await openCallback(deps, actor, callbackId, 'callbacks.view');
  if (!opened.ok) return opened;
  const { callback, service } = opened.value;
  return ok({
    callback,
    service,
    names: await assigneeNames(deps.store, callback.serviceId, [callback]),
  });
}

/** The service a callback belongs to, so a button that carries only its id acts in the right service. */
export async function serviceOfCallback(deps: CallbackDeps, callbackId: string): Promise<string | undefined> {
  return (await deps.store.callbacks.get(callbackId))?.serviceId;
}

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

// A shared card as one person sees it

/** The card of one callback, as the notification pipeline posts it. */
export type CallbackCardMessage = Extract<ChatMessage, { kind: 'callback_card' }>;

/**
 * A callback's channel card for one viewer (Teams asks the bot for each viewer's own version of a shared card):
 * the buttons their role allows on it; anyone not a member of its service gets the shared card (every action,
 * each refused in words on press). The card is posted where everyone in the place reads it, so no view permission
 * narrows it. Undefined: no such callback.
 */
export async function callbackCardFor(
  deps: Pick<CallbackDeps, 'store'>,
  actor: Actor | undefined,
  callbackId: string,
): Promise<CallbackCardMessage | undefined> {
  const callback = await deps.store.callbacks.get(callbackId);
  if (!callback) return undefined;
  const service = await deps.store.services.get(callback.serviceId);
  if (!service) return undefined;
  const member =
    actor?.kind === 'member' && actor.member.serviceId === callback.serviceId ? actor.member : undefined;
  const reader = member ? await deps.store.members.get(member._id) : undefined;
  const names = await assigneeNames(deps.store, callback.serviceId, [callback]);
  return {
    kind: 'callback_card',
    locale: pickLocale(reader?.locale ?? undefined, service.settings.locale),
    timeZone: service.settings.timeZone,
    callback: callbackItem(callback, reader ? { kind: 'member', member: reader } : SHARED_VIEWER),
    assigneeName: callback.assigneeId ? (names.get(callback.assigneeId) ?? null) : null,
    history: await latestInteractionsOf(deps, callback),
  };
}

/**
 * Who reads a callback's shared card with buttons of their own: the chat identities of its service's members,
 * those who take callbacks (admins, the phone permission) first, since Teams refreshes a card for at most 60 people.
 * Empty for an unknown callback.
 */
export async function callbackCardReaders(
  deps: Pick<CallbackDeps, 'store'>,
  callbackId: string,
): Promise<string[]> {
  const callback = await deps.store.callbacks.get(callbackId);
  if (!callback) return [];
  const members = await deps.store.members.listByService(callback.serviceId);
  const first = members.filter(takesCallbacks);
  return [...first, ...members.filter((m) => !takesCallbacks(m))].flatMap((m) => m.identities);
}
