/**
 * Which event times the wallboard takes. A PBX clock a little ahead of ours is normal (NTP drift, a queue_log
 * written by another host); an event hours or years ahead is a broken clock or a typo, and applying it would move
 * the service's business day past today's. An event older than the stored events are kept can neither change any
 * figure a rebuild would show nor be found again, so it is refused too.
 */
export const MAX_EVENT_AHEAD_MS = 5 * 60_000;
/** Stored CTI events are kept this long (the maintenance job purges older ones); older events are refused. */
export const CTI_EVENT_RETENTION_DAYS = 35;
export const CTI_EVENT_RETENTION_MS = CTI_EVENT_RETENTION_DAYS * 86_400_000;

export type EventTimeProblem = 'event_in_future' | 'event_too_old' | 'invalid_time';

/** Undefined when an event dated `at` may be taken at `now`. */
export function eventTimeProblem(at: Date, now: Date): EventTimeProblem | undefined {
  const t = at.getTime();
  // An epoch beyond what a Date can hold (±8.64e15 ms) is NaN here, which every comparison below would pass.
  if (Number.isNaN(t)) return 'invalid_time';
  if (t > now.getTime() + MAX_EVENT_AHEAD_MS) return 'event_in_future';
  if (t < now.getTime() - CTI_EVENT_RETENTION_MS) return 'event_too_old';
  return undefined;
}

/** Whether live figures may apply an event dated `at` at `now`: never one from past the tolerated clock skew. */
export function mayMoveFigures(at: Date, now: Date): boolean {
  const problem = eventTimeProblem(at, now);
  return problem !== 'event_in_future' && problem !== 'invalid_time';
}
