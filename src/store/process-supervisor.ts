import type { ChildProcess } from 'node:child_process';

/**
 * Keeps one child process (the embedded FerretDB) alive: when it exits on its own it is started again after a
 * growing pause, and when it is alive but stops answering pings (frozen, deadlocked) for `frozenAfterMs` it is
 * killed, which then restarts it. After `maxRestarts` restarts in a row without a healthy spell in between it gives
 * up and says so through `state()`, so `/healthz` can fail and an orchestrator restarts the whole service.
 */
export type SupervisedState = 'running' | 'restarting' | 'failed' | 'stopped';

export interface SupervisionOptions {
  /** Pauses before the 1st, 2nd, … restart in a row; the last one repeats. */
  restartDelaysMs?: readonly number[];
  /** Restarts in a row (no healthy spell between them) before giving up. */
  maxRestarts?: number;
  /** How often the process is pinged. */
  pingEveryMs?: number;
  /** How long a ping may take before it counts as failed. */
  pingTimeoutMs?: number;
  /** A live process whose pings have failed for this long is killed and restarted. */
  frozenAfterMs?: number;
  /** Answering pings this long after a restart clears the count of restarts in a row. */
  healthyAfterMs?: number;
}

export const DEFAULT_SUPERVISION: Required<SupervisionOptions> = {
  restartDelaysMs: [500, 1000, 2000, 5000, 10_000, 30_000],
  maxRestarts: 10,
  pingEveryMs: 2000,
  pingTimeoutMs: 2000,
  // Long enough that a merely overloaded machine is not mistaken for a frozen database.
  frozenAfterMs: 30_000,
  healthyAfterMs: 60_000,
};

export interface ProcessSupervisorDeps {
  /** What the process is called in log lines. */
  name: string;
  /** Starts the process and resolves once it answers; rejects (having killed what it started) if it never does. */
  launch(): Promise<ChildProcess>;
  ping(timeoutMs: number): Promise<boolean>;
  log(line: string): void;
  /** Called with each new process after a restart (to record its pid). */
  onRestarted?(child: ChildProcess): void | Promise<void>;
}

export class ProcessSupervisor {
  private readonly options: Required<SupervisionOptions>;
  private child: ChildProcess | undefined;
  private current: SupervisedState = 'stopped';
  private restartsInARow = 0;
  private runningSince = 0;
  private lastAnsweredAt = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private pinging = false;
  private stopping = false;

  constructor(
    private readonly deps: ProcessSupervisorDeps,
    options: SupervisionOptions = {},
  ) {
    this.options = { ...DEFAULT_SUPERVISION, ...options };
  }

  /** The first start: its failure is the caller's (no database at all), not something to retry. */
  async start(): Promise<void> {
    this.adopt(await this.deps.launch());
    this.pingTimer = setInterval(() => void this.checkHealth(), this.options.pingEveryMs);
    // A database server is no reason to keep a finished process alive.
    this.pingTimer.unref();
  }

  state(): SupervisedState {
    return this.current;
  }

  pid(): number | undefined {
    return this.current === 'running' ? this.child?.pid : undefined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.current = 'stopped';
    clearInterval(this.pingTimer);
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // A stopped (SIGSTOP) process never acts on SIGTERM; SIGKILL is the fallback either way.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
  }

  private adopt(child: ChildProcess): void {
    this.child = child;
    this.current = 'running';
    this.runningSince = Date.now();
    this.lastAnsweredAt = Date.now();
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      this.scheduleRestart(`exited (${signal ?? `code ${code}`})`);
    });
  }

  private scheduleRestart(why: string): void {
    this.restartsInARow++;
    if (this.restartsInARow > this.options.maxRestarts) {
      this.current = 'failed';
      this.deps.log(
        `embedded database: ${this.deps.name} ${why}; giving up after ${this.options.maxRestarts} restarts in a row`,
      );
      return;
    }
    this.current = 'restarting';
    const delays = this.options.restartDelaysMs;
    const delay = delays[Math.min(this.restartsInARow - 1, delays.length - 1)] ?? 1000;
    this.deps.log(
      `embedded database: ${this.deps.name} ${why}; restart ${this.restartsInARow} of ${this.options.maxRestarts} in ${delay} ms`,
    );
    this.restartTimer = setTimeout(() => void this.restart(), delay);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    try {
      const child = await this.deps.launch();
      if (this.stopping) {
        child.kill('SIGKILL');
        return;
      }
      this.adopt(child);
      this.deps.log(`embedded database: ${this.deps.name} restarted (pid ${child.pid})`);
      await this.deps.onRestarted?.(child);
    } catch (error) {
      this.scheduleRestart(`did not start (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private async checkHealth(): Promise<void> {
    if (this.pinging || this.current !== 'running' || !this.child) return;
    this.pinging = true;
    const child = this.child;
    try {
      const answered = await this.deps.ping(this.options.pingTimeoutMs);
      if (this.child !== child || this.current !== 'running') return;
      const now = Date.now();
      if (answered) {
        this.lastAnsweredAt = now;
        if (now - this.runningSince >= this.options.healthyAfterMs) this.restartsInARow = 0;
      } else if (now - this.lastAnsweredAt >= this.options.frozenAfterMs) {
        this.deps.log(
          `embedded database: ${this.deps.name} (pid ${child.pid}) has not answered for ${Math.round((now - this.lastAnsweredAt) / 1000)} s; killing it`,
        );
        // The exit handler restarts it; until then no more pings of this one.
        this.current = 'restarting';
        child.kill('SIGKILL');
      }
    } finally {
      this.pinging = false;
    }
  }
}
