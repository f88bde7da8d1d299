import {
  callbackActionsFor,
  SHARED_VIEWER,
  type CallbackAction,
  type CallbackViewer,
} from '../../domain/callback-actions.js';
import type { CallbackDoc, CallbackStatus } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import type { ServiceSnapshot } from '../wallboard-live.js';
import type { InteractionEntry } from '../callbacks/interactions.js';
import type { DigestAction, DigestHint } from './digest.js';

/**
 * The one door between the notification use cases and a chat surface. The use cases decide *what* people are told
 * and *when* (queue, digest rule, refresh after each transition, DMs, reminders, pinned wallboards); a surface
 * decides *how*: it renders the plain view models below in its own format (Block Kit, Adaptive Cards), keeps its
 * own pacing numbers and turns its own rate-limit answers into `rate_limited`.
 *
 * Places are strings such as `slack:T…:C…` or `teams:<conversation>` (src/domain/places.ts); members are reached
 * by chat identity (`slack:T…:U…`). The pipeline picks the port by the prefix.
 */
export interface ChatPort {
  /** The prefix of the places and identities this port serves: `slack`, `teams`. */
  readonly surface: string;
  readonly pacing: ChatPacing;
  post(place: string, message: ChatMessage): Promise<ChatResult>;
  update(ref: MessageRef, message: ChatMessage): Promise<ChatResult>;
  /** A direct message to a member, by one of their chat identities on this surface. */
  dm(identity: string, message: ChatMessage): Promise<ChatResult>;
  pin(ref: MessageRef): Promise<ChatResult>;
  unpin(ref: MessageRef): Promise<ChatResult>;
  /**
   * What a message shows that people read, as a short string: equal fingerprints mean an edit would change nothing
   * (a pinned wallboard is edited only when its figures change, not its clock line).
   */
  fingerprint(message: ChatMessage): string;
}

export interface ChatPacing {
  /** The least time between two messages to one place (Slack: about one a second per channel, with a margin). */
  placeGapMs: number;
  /** After a failure that is not the surface's answer (network), try again after this. */
  transientRetryMs: number;
  /**
   * The least time between two edits of one live wallboard card, on top of the service's wallboard interval
   * (Teams: 2 s per conversation). Unset: the interval alone paces it (Slack).
   */
  liveCardGapMs?: number;
}

/** A posted message: where, and the surface's id for it (Slack's `ts`, a Teams activity id). */
export interface MessageRef {
  place: string;
  id: string;
}

export type ChatResult =
  | { kind: 'posted'; ref: MessageRef }
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** The message or the place is gone for us (deleted, archived, bot not a member): do not try it again. */
  | { kind: 'gone'; reason: string; inviteBot?: boolean }
  /** `retryable`: a network failure rather than the surface's refusal. */
  | { kind: 'failed'; reason: string; retryable: boolean };

// ---------------------------------------------------------------------------------------------------------------
// View models: plain data a surface renders. No Block Kit, no Adaptive Card JSON.

/** A callback's buttons: chosen for who sees the message (`domain/callback-actions.ts`). */
export type { CallbackAction, CallbackViewer };

/** The callback as shown in a card, a digest line, a DM or a reminder. */
export type CallbackItem = Pick<
  CallbackDoc,
  | '_id'
  | 'phone'
  | 'name'
  | 'status'
  | 'source'
  | 'requestedAt'
  | 'lastRequestedAt'
  | 'requestCount'
  | 'preferredAt'
  | 'assigneeId'
  | 'attempts'
  | 'outcome'
  | 'note'
  | 'completedAt'
  | 'completionNote'
  | 'cancelReason'
> & { actions: CallbackAction[] };

export type ChatMessage =
  /** The channel card of one new callback, kept current after every transition. */
  | {
      kind: 'callback_card';
      locale: Locale;
      timeZone: string;
      callback: CallbackItem;
      assigneeName: string | null;
      /** Its latest interaction records (registered history, tickets Connect created), newest first. */
      history?: InteractionEntry[];
    }
  /**
   * One message for a burst of new callbacks: the first few, the counts by status, the actions its reader may take
   * (all of them in a shared place) and a hint that is true for them. `digestId` names it to its buttons.
   */
  | {
      kind: 'callback_digest';
      locale: Locale;
      digestId: string;
      callbacks: CallbackItem[];
      counts: { status: CallbackStatus; count: number }[];
      actions: DigestAction[];
      hints: DigestHint[];
    }
  /** To an agent: callbacks assigned to them or taken from them (`total` counts the whole batch). */
  | {
      kind: 'assignee_dm';
      locale: Locale;
      change: 'assigned' | 'unassigned';
      timeZone: string;
      assigneeName: string;
      callbacks: CallbackItem[];
      total: number;
    }
  /** Unassigned too long (to the channel) or assigned and still open (to the agent). */
  | {
      kind: 'callback_reminder';
      locale: Locale;
      reminder: 'unassigned' | 'assigned';
      minutes: number;
      timeZone: string;
      assigneeName: string | null;
      callbacks: CallbackItem[];
    }
  /**
   * To an admin: a place refuses the bot: new callbacks only reach the list (`callbacks`), or a pinned wallboard
   * stopped (`wallboard`).
   */
  | { kind: 'place_unreachable'; locale: Locale; place: string; what: 'callbacks' | 'wallboard' }
  /** A live wallboard card. */
  | {
      kind: 'wallboard';
      locale: Locale;
      view: 'services' | 'agents';
      timeZone: string;
      now: Date;
      live: boolean;
      snapshot: ServiceSnapshot;
    };

/**
 * A callback as a message shows it to `viewer`: a DM or reminder to one member carries that member's actions; a
 * card in the callback place carries every action of its state (each press is checked and refused in words).
 */
export function callbackItem(callback: CallbackDoc, viewer: CallbackViewer = SHARED_VIEWER): CallbackItem {
  return {
    _id: callback._id,
    phone: callback.phone,
    name: callback.name,
    status: callback.status,
    source: callback.source,
    requestedAt: callback.requestedAt,
    lastRequestedAt: callback.lastRequestedAt,
    requestCount: callback.requestCount,
    preferredAt: callback.preferredAt,
    assigneeId: callback.assigneeId,
    attempts: callback.attempts,
    outcome: callback.outcome,
    note: callback.note,
    completedAt: callback.completedAt,
    completionNote: callback.completionNote,
    cancelReason: callback.cancelReason,
    actions: callbackActionsFor(viewer, callback),
  };
}

/** The port serving a place or identity, by its prefix. */
export function portFor(ports: readonly ChatPort[], placeOrIdentity: string): ChatPort | undefined {
  const surface = placeOrIdentity.slice(0, placeOrIdentity.indexOf(':'));
  return ports.find((p) => p.surface === surface);
}
