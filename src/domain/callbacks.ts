/**
 * Callback rules (docs/callbacks.md): states and transitions, phone numbers, and the even distribution.
 * Pure: no I/O, nothing of ours but domain.
 */
import { z } from 'zod';
import { surfaceSchema } from './surfaces.js';
import type { CallbackSearch } from './callback-search.js';

export const CALLBACK_STATUSES = ['unassigned', 'assigned', 'completed', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export const CALLBACK_SOURCES = ['ivr', 'web', 'api', 'abandoned', 'manual'] as const;
export type CallbackSource = (typeof CALLBACK_SOURCES)[number];

/** What happened when an agent called back (chosen after the call). */
export const CALL_OUTCOMES = ['connected', 'no_answer', 'busy', 'wrong_number', 'left_message'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const OPEN_STATUSES: readonly CallbackStatus[] = ['unassigned', 'assigned'];

/** Which callbacks a list, a count or an export is about. */
export interface CallbackFilter {
  serviceId: string;
  statuses?: readonly CallbackStatus[];
  assigneeId?: string;
  /** Requested at or after / before. */
  from?: Date;
  to?: Date;
  /** A part of the phone number or of the name (`domain/callback-search.ts`). */
  search?: CallbackSearch;
}

export function isOpen(status: CallbackStatus): boolean {
  return status === 'unassigned' || status === 'assigned';
}

export type CallbackTransition = 'assign' | 'unassign' | 'complete' | 'cancel' | 'logAttempt';

/** The states a transition may start from. Completed and cancelled are final. */
export const TRANSITION_FROM: Record<CallbackTransition, readonly CallbackStatus[]> = {
  assign: ['unassigned'],
  unassign: ['assigned'],
  complete: ['assigned'],
  cancel: ['unassigned', 'assigned'],
  logAttempt: ['assigned'],
};

/** Callback numbers: landlines such as 02-123-4567 have 9 digits; international forms up to 13. */
export const CALLBACK_PHONE_DIGITS = { min: 9, max: 13 } as const;

export type PhoneProblem = 'empty' | 'invalidCharacters' | 'wrongLength';

/**
 * Digits only. Spaces, hyphens, dots and brackets are tolerated; a Korean `+82` prefix becomes the domestic `0`
 * (`+82 10-1234-5678` → `01012345678`), so the same person is one number whichever form a system sends.
 */
export function normalizeCallbackPhone(
  input: string,
): { ok: true; phone: string } | { ok: false; problem: PhoneProblem } {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (!/^\+?[\d\s\-.()]+$/.test(trimmed)) return { ok: false, problem: 'invalidCharacters' };
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+82')) digits = `0${digits.slice(2).replace(/^0/, '')}`;
  if (digits.length < CALLBACK_PHONE_DIGITS.min || digits.length > CALLBACK_PHONE_DIGITS.max)
    return { ok: false, problem: 'wrongLength' };
  return { ok: true, phone: digits };
}

/**
 * Korean display format: `010-1234-5678`, `02-123-4567`, `031-123-4567`, `1588-1234`, `0505-123-4567`,
 * `0504-1234-5678`.
 * Anything else is shown as stored.
 */
export function formatKoreanPhone(digits: string): string {
  if (!/^\d+$/.test(digits)) return digits;
  if (digits.startsWith('02')) {
    if (digits.length === 9) return `02-${digits.slice(2, 5)}-${digits.slice(5)}`;
    if (digits.length === 10) return `02-${digits.slice(2, 6)}-${digits.slice(6)}`;
  }
  // 050x personal numbers have a four-digit prefix; checked before area codes, which 050 would otherwise match.
  if (/^050\d/.test(digits)) {
    if (digits.length === 11) return `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
    if (digits.length === 12) return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
    return digits;
  }
  if (/^0[3-6]\d/.test(digits) || /^01\d/.test(digits) || /^070/.test(digits)) {
    if (digits.length === 10) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    if (digits.length === 11) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  }
  if (/^1[5-9]\d\d/.test(digits) && digits.length === 8) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  return digits;
}

export interface AgentLoad {
  id: string;
  name: string;
  /** Open callbacks assigned to the agent before this batch. */
  open: number;
}

/**
 * Distribute evenly: order the agents by current open count (fewest first, ties by name, then id), then deal the
 * callbacks (oldest first) round-robin. Per-agent totals of the batch differ by at most one, and the extra ones go
 * to the least loaded.
 */
export function distributeEvenly(
  callbackIds: readonly string[],
  agents: readonly AgentLoad[],
): Map<string, string[]> {
  const order = [...agents].sort(
    (a, b) => a.open - b.open || a.name.localeCompare(b.name, 'ko') || a.id.localeCompare(b.id),
  );
  const deal = new Map<string, string[]>(order.map((a) => [a.id, []]));
  if (order.length === 0) return deal;
  callbackIds.forEach((id, index) => deal.get(order[index % order.length]!.id)!.push(id));
  return deal;
}

/** Median of durations (ms); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One row of the processing status: a period (day, week or month) or an agent. Always
 * `received = completed + cancelled + open`, and `assigned <= received`.
 */
export interface StatsRow {
  /**
   * `YYYY-MM-DD` (a day, or a week's Monday) / `YYYY-MM` for periods, the member id for agents (`null`: the callbacks
   * without an assignee, never assigned or returned to the pool).
   */
  key: string | null;
  label: string;
  /** Callbacks requested in the period (for an agent: those now or last assigned to them). */
  received: number;
  /** Of those, now `completed`. */
  completed: number;
  /** Of those, now `cancelled`. */
  cancelled: number;
  /** Of those, still unassigned or assigned (미처리). */
  open: number;
  /** Of those, the ones with an assignee (open and assigned, or completed / cancelled after an assignment). */
  assigned: number;
  /** completed / received, 0..1; null without any received. */
  completionRate: number | null;
  /** Median time from request to completion, in minutes (one decimal); null without completed ones. */
  medianMinutesToComplete: number | null;
}

/** One line of a callback's append-only history: who did what, when, from which surface. */
export const callbackHistoryEntrySchema = z.object({
  at: z.date(),
  action: z.enum(['created', 'folded', 'assigned', 'unassigned', 'attempt', 'completed', 'cancelled']),
  /** Member id, `operator:<name>`, an API key id or `system`. */
  by: z.string(),
  byName: z.string().nullable(),
  surface: surfaceSchema,
  /** The assignee for assigned/unassigned, the outcome for attempt/completed, the reason for cancelled. */
  detail: z.string().nullable().default(null),
  /** On created/folded by a keyed request: its claim's `intakeId`, so a retry can tell the request was recorded. */
  requestId: z.string().optional(),
});
export type CallbackHistoryEntry = z.infer<typeof callbackHistoryEntrySchema>;

export const callAttemptSchema = z.object({
  id: z.string(),
  at: z.date(),
  by: z.string(),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  interactionId: z.string().nullable().default(null),
});
export type CallAttempt = z.infer<typeof callAttemptSchema>;

export const callbackDocSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  /** Digits only. */
  phone: z.string(),
  name: z.string().nullable(),
  source: z.enum(CALLBACK_SOURCES),
  note: z.string().nullable(),
  preferredAt: z.date().nullable(),
  /** The integration's own id for the request that created it (replays find it through `callbackRequestKeys`). */
  externalId: z.string().nullable().default(null),
  status: z.enum(CALLBACK_STATUSES),
  assigneeId: z.string().nullable(),
  assignedAt: z.date().nullable(),
  /** The assignment (batch) that set the assignee: tells a racing supervisor which callbacks were theirs. */
  assignmentId: z.string().nullable(),
  requestCount: z.number().int().min(1),
  requestedAt: z.date(),
  lastRequestedAt: z.date(),
  completedAt: z.date().nullable(),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  completionNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
  attempts: z.array(callAttemptSchema),
  /** When the "still unassigned" channel reminder went out (once per callback). */
  unassignedRemindedAt: z.date().nullable().default(null),
  /** When the "not completed yet" DM went out for the current assignment (compared with `assignedAt`). */
  assignedRemindedAt: z.date().nullable().default(null),
  history: z.array(callbackHistoryEntrySchema),
  /**
   * `<service>:<phone>` while open, `closed:<id>` after: a unique index on it is "one open callback per phone"
   * without the partial index FerretDB v1 lacks. Intake folds into the open one on a duplicate key.
   */
  openKey: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CallbackDoc = z.infer<typeof callbackDocSchema>;

/** A callback as lists and exports read it: everything but the history. */
export const callbackRowSchema = callbackDocSchema.omit({ history: true });
export type CallbackRow = z.infer<typeof callbackRowSchema>;

/** What an assignment reads of a callback: enough to deal it, and to say who has it when it was taken. */
export const assignableCallbackSchema = callbackDocSchema.pick({
  _id: true,
  serviceId: true,
  phone: true,
  status: true,
  assigneeId: true,
  requestedAt: true,
});
export type AssignableCallback = z.infer<typeof assignableCallbackSchema>;

export type NewCallback = Pick<
  CallbackDoc,
  'serviceId' | 'phone' | 'name' | 'source' | 'note' | 'preferredAt' | 'requestedAt' | 'externalId'
>;
