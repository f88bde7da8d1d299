/**
 * CTI events as the wallboard understands them (docs/cti-events.md), after validation at the edge.
 * `service` is the queue name as the PBX knows it; `agent` the CTI agent id.
 */
export const AGENT_STATES = [
  'ready',
  'ringing',
  'talking',
  'dialing',
  'outbound',
  'acw',
  'break',
  'offline',
] as const;
export type AgentState = (typeof AGENT_STATES)[number];
export const EXIT_REASONS = ['timeout', 'empty', 'key', 'withdraw'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

interface Base {
  id: string;
  at: Date;
  service: string;
}

export type CtiEvent =
  | (Base & { type: 'call.enqueued'; callId: string; caller?: string })
  | (Base & { type: 'call.answered'; callId: string; agent: string; waitSeconds: number })
  | (Base & { type: 'call.abandoned'; callId: string; waitSeconds: number })
  | (Base & { type: 'call.exited'; callId: string; reason: ExitReason; waitSeconds: number })
  | (Base & { type: 'call.ended'; callId: string; agent: string; talkSeconds: number })
  | (Base & { type: 'agent.login'; agent: string })
  | (Base & { type: 'agent.logout'; agent: string })
  | (Base & { type: 'agent.state'; agent: string; state: AgentState; reason?: string });

export type CtiEventType = CtiEvent['type'];
