import type { Db } from 'mongodb';
import { settledWithin } from '../settled-within.js';

export interface DatabaseHealthOptions {
  /** How often the database is pinged. */
  everyMs?: number;
  /** A ping not answered within this counts as a failure (the ping itself is not waited for). */
  timeoutMs?: number;
}

/**
 * Whether the database answers, kept up to date in the background, so that `/readyz`, `/healthz` and the request
 * deadline read a fresh value at once instead of waiting on a database that may be frozen. At most one ping is in
 * flight: a ping stuck on a frozen server's socket is left to the driver's own timers, and the database counts as
 * not answering until one comes back.
 */
export class DatabaseHealth {
  private readonly everyMs: number;
  private readonly timeoutMs: number;
  private answering = true;
  private lastAnsweredAt = Date.now();
  private inFlight: Promise<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    options: DatabaseHealthOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 1000;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The last ping's answer (true before the first one: the app only starts once the database answered). */
  isAnswering(): boolean {
    return this.answering;
  }

  /** How long the database has not answered a ping; 0 while it answers. */
  unansweredForMs(now = Date.now()): number {
    return this.answering ? 0 : now - this.lastAnsweredAt;
  }

  private async check(): Promise<void> {
    if (this.inFlight) {
      // The last ping is still stuck: that is an answer too.
      this.answering = false;
      return;
    }
    const ping = this.db.command({ ping: 1 });
    this.inFlight = ping;
    void ping.then(
      () => (this.inFlight = undefined),
      () => (this.inFlight = undefined),
    );
    let answered = false;
    try {
      answered = (await settledWithin(ping, this.timeoutMs)) !== undefined;
    } catch {
      answered = false;
    }
    this.answering = answered;
    if (answered) this.lastAnsweredAt = Date.now();
  }
}
