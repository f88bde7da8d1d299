import type { FastifyBaseLogger } from 'fastify';
import type { CallbackDoc } from '../domain/callbacks.js';

/**
 * What listeners act on of a changed callback. Cards, digests and DMs read the callback again when they render, so a
 * change carries no more than this (a distribution of 10,000 callbacks does not have to read them all back).
 */
export type ChangedCallback = Pick<CallbackDoc, '_id' | 'serviceId' | 'status' | 'assigneeId'>;

/** What happened to a callback; surfaces turn these into card updates, DMs and the App Home refresh. */
export interface CallbackChange {
  /** `history`: an interaction record (Register history) was added to it; its card shows the latest ones. */
  kind: 'created' | 'folded' | 'assigned' | 'unassigned' | 'attempt' | 'completed' | 'cancelled' | 'history';
  /** The callback after the change. */
  callback: ChangedCallback;
  /** For `unassigned` (and a reassignment): who had it before. */
  previousAssigneeId?: string | null;
  /** Member id, `operator:<name>`, API key id or `system`. */
  by: string;
}

export type CallbackListener = (changes: CallbackChange[]) => Promise<void>;

/**
 * Use cases publish every successful transition here, after the database has it. Listeners (the Slack surface)
 * only schedule durable jobs, so a slow chat API never holds up the person who acted. A failing listener is
 * logged; the transition has happened either way.
 */
export class CallbackEvents {
  private readonly listeners = new Set<CallbackListener>();
  constructor(private readonly log?: FastifyBaseLogger) {}

  subscribe(listener: CallbackListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publish(changes: CallbackChange[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        await listener(changes);
      } catch (error) {
        this.log?.error({ err: error }, 'callback listener failed');
      }
    }
  }
}
