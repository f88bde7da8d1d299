import { z } from 'zod';
import { AGENT_STATES, EXIT_REASONS, type CtiEvent } from '../../domain/wallboard/events.js';

/**
 * The JSON event model of `POST /api/v1/cti/events` (docs/cti-events.md). `at` is an ISO time or epoch
 * milliseconds. Anything else about the event is ignored, so PBX adapters may send extra fields.
 */
const at = z.union([
  z.iso
    .datetime({ offset: true, error: 'an ISO 8601 time with offset, or epoch milliseconds' })
    .transform((s) => new Date(s)),
  z
    .number()
    .int()
    .min(946_684_800_000, 'epoch milliseconds (after 2000)')
    .max(4_102_444_800_000, 'epoch milliseconds (before 2100)')
    .transform((n) => new Date(n)),
]);
const id = z.string().trim().min(1).max(128);
const seconds = z.number().min(0).max(86_400);
const base = { id, at, service: z.string().trim().min(1).max(128) };
const call = { ...base, callId: id };

export const ctiEventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ ...call, type: z.literal('call.enqueued'), caller: z.string().max(64).optional() }),
    z.object({ ...call, type: z.literal('call.answered'), agent: id, waitSeconds: seconds }),
    z.object({ ...call, type: z.literal('call.abandoned'), waitSeconds: seconds }),
    z.object({ ...call, type: z.literal('call.exited'), reason: z.enum(EXIT_REASONS), waitSeconds: seconds }),
    z.object({ ...call, type: z.literal('call.ended'), agent: id, talkSeconds: seconds }),
    z.object({ ...base, type: z.literal('agent.login'), agent: id }),
    z.object({ ...base, type: z.literal('agent.logout'), agent: id }),
    z.object({
      ...base,
      type: z.literal('agent.state'),
      agent: id,
      state: z.enum(AGENT_STATES),
      reason: z.string().max(64).optional(),
    }),
  ],
  {
    error:
      'type must be one of call.enqueued, call.answered, call.abandoned, call.exited, call.ended, agent.login, agent.logout, agent.state',
  },
);

/** Parses one event; the error is one readable line naming the fields at fault. */
export function parseCtiEvent(input: unknown): { ok: true; event: CtiEvent } | { ok: false; error: string } {
  const parsed = ctiEventSchema.safeParse(input);
  if (parsed.success) return { ok: true, event: parsed.data as CtiEvent };
  return {
    ok: false,
    error: parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; '),
  };
}
