import type { FastifyBaseLogger } from 'fastify';
import type { SmsProvider } from '../../integrations/nhn-sms/provider.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import type { Store } from '../../store/index.js';
import type { LeaseHolder } from '../../store/sms-requests.js';

/** What the SMS use cases need, bound once in `usecases/index.ts`. */
export interface SmsDeps {
  store: Store;
  /** undefined when NHN Cloud credentials are not configured: sends are refused (`feature_disabled`), history reads. */
  provider: SmsProvider | undefined;
  /** Every send, immediate or scheduled, is an Agenda job (jobs/sms-jobs.ts). */
  scheduler: Pick<Scheduler, 'schedule' | 'cancel'>;
  log: FastifyBaseLogger;
  now?: () => Date;
  /**
   * This process, as a delivery lease records its holder, and a way to tell whether another process on this host
   * still runs: a restarted server then takes over a dead process's lease at once (server.ts).
   */
  thisProcess?: LeaseHolder & { isAlive(pid: number): boolean };
}

export const smsNow = (deps: Pick<SmsDeps, 'now'>): Date => deps.now?.() ?? new Date();
