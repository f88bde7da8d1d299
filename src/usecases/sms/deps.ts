import type { FastifyBaseLogger } from 'fastify';
import type { SmsProvider } from '../../integrations/nhn-sms/provider.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import type { Store } from '../../store/index.js';

/** What the SMS use cases need, bound once in `usecases/index.ts`. */
export interface SmsDeps {
  store: Store;
  /** undefined when NHN Cloud credentials are not configured: sends are refused (`feature_disabled`), history reads. */
  provider: SmsProvider | undefined;
  /** Every send, immediate or scheduled, is an Agenda job (jobs/sms-jobs.ts). */
  scheduler: Pick<Scheduler, 'schedule' | 'cancel'>;
  log: FastifyBaseLogger;
  now?: () => Date;
}

export const smsNow = (deps: Pick<SmsDeps, 'now'>): Date => deps.now?.() ?? new Date();
