import { Agenda, InMemoryNotificationChannel, type Job, type JobNotification } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import type { FastifyBaseLogger } from 'fastify';
import { settledWithin } from '../settled-within.js';

/**
 * Agenda on the application's own database. Jobs are a name, a handler and small serializable data (ids, never
 * documents), so a job scheduled by one instance can run on any other, and after a restart.
 */
export interface JobDefinition<Data = Record<string, unknown>> {
  name: string;
  handler: (data: Data, job: Job<Data>) => Promise<void>;
  /** How long a running job keeps its lock before another instance may take it over. */
  lockLifetimeMs?: number;
  concurrency?: number;
  /** One-off jobs that leave nothing worth keeping (their outcome is stored elsewhere): deleted once done. */
  removeOnComplete?: boolean;
  /**
   * Saved by this process and due before the next poll, the job starts at once instead of at that poll (up to
   * `processEvery` later): an immediate SMS send, a send scheduled to the second. Other jobs keep the poll's pace,
   * which the callback pipeline's batching counts on.
   */
  startAtOnce?: boolean;
}

export interface Scheduler {
  agenda: Agenda;
  isReady(): boolean;
  /** Runs `name` once at `when` (a Date) with `data`. */
  schedule<Data extends Record<string, unknown>>(when: Date, name: string, data: Data): Promise<void>;
  /** Runs `name` every `interval` (e.g. '15 minutes'), once across all instances. */
  every(interval: string, name: string): Promise<void>;
  /** One repeating job per `key` (e.g. one per pinned card): saving it again replaces, never duplicates. */
  repeatFor(
    interval: string,
    name: string,
    key: { field: string; value: string },
    data: Record<string, unknown>,
  ): Promise<void>;
  cancel(name: string, data: Record<string, unknown>): Promise<number>;
  /** Defines a job after start (surfaces that start later, like Slack, bring their own jobs). */
  define(definition: JobDefinition<never>): void;
  /** Stops polling and waits for running jobs, up to `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
}

export async function startScheduler(
  db: Db,
  definitions: JobDefinition<never>[],
  options: { log: FastifyBaseLogger; processEvery?: string | number; instanceName?: string },
): Promise<Scheduler> {
  const startAtOnce = new Set<string>();
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: 'jobs' }),
    notificationChannel: new StartAtOnceChannel(startAtOnce),
    name: options.instanceName,
    processEvery: options.processEvery ?? '2 seconds',
    defaultLockLifetime: 5 * 60_000,
  });
  const running = new Set<Promise<void>>();
  const define = (definition: JobDefinition<never>) => {
    const def = definition as unknown as JobDefinition;
    if (def.startAtOnce) startAtOnce.add(def.name);
    agenda.define(
      def.name,
      async (job: Job<Record<string, unknown>>) => {
        const started = Date.now();
        const run = def.handler(job.attrs.data ?? {}, job);
        const tracked = run.catch(() => undefined);
        running.add(tracked);
        try {
          await run;
          options.log.debug({ job: def.name, ms: Date.now() - started }, 'job done');
        } catch (error) {
          options.log.error({ err: error, job: def.name, data: job.attrs.data }, 'job failed');
          throw error;
        } finally {
          running.delete(tracked);
        }
      },
      {
        lockLifetime: def.lockLifetimeMs,
        concurrency: def.concurrency,
        removeOnComplete: def.removeOnComplete,
      },
    );
  };
  for (const definition of definitions) define(definition);
  agenda.on('error', (error: Error) => options.log.error({ err: error }, 'scheduler error'));
  await agenda.ready;
  await agenda.start();
  let ready = true;

  return {
    agenda,
    isReady: () => ready,
    async schedule(when, name, data) {
      await agenda.schedule(when, name, data);
    },
    async every(interval, name) {
      await agenda.every(interval, name);
    },
    async repeatFor(interval, name, key, data) {
      await agenda
        .create(name, data)
        .repeatEvery(interval, { skipImmediate: true })
        .unique({ [`data.${key.field}`]: key.value })
        .save();
    },
    async cancel(name, data) {
      return agenda.cancel({ name, data });
    },
    define,
    async stop(timeoutMs) {
      ready = false;
      // stop() ends polling and unlocks jobs this instance locked but has not started, so another instance (or the
      // next start) takes them at once; running jobs keep their locks while we wait for them, up to the limit.
      await agenda.stop(false);
      const timedOut = !(await settledWithin(Promise.all(running), timeoutMs));
      if (timedOut)
        options.log.warn(
          { running: running.size },
          'jobs still running at shutdown; their locks expire and they run again',
        );
    },
  };
}

/**
 * Agenda's in-process notification channel, for the jobs that ask for it (`startAtOnce`): Agenda tells it of every
 * job this process saves, and the processor starts one that is due before its next poll. Jobs saved by other
 * instances are still found by the poll. State notifications (Agenda re-emits them as its own events) are not
 * passed on: nothing listens across processes.
 */
class StartAtOnceChannel extends InMemoryNotificationChannel {
  constructor(private readonly names: ReadonlySet<string>) {
    super();
  }

  override async publish(notification: JobNotification): Promise<void> {
    if (this.names.has(notification.jobName)) await super.publish(notification);
  }

  override async publishState(): Promise<void> {}
}
