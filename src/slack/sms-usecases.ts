import type { UseCases } from '../usecases/index.js';
import type { Actor } from '../usecases/actor.js';
import type { Result } from '../usecases/result.js';
import type { SmsHistoryQuery } from '../usecases/sms/types.js';
import type { SlackDeps } from './deps.js';

/** The history workbook (xlsx) of a query: the export of the listed rows. */
export type ExportSmsHistory = (
  actor: Actor | undefined,
  serviceId: string,
  query: SmsHistoryQuery,
) => Promise<Result<{ fileName: string; data: Buffer }>>;

/**
 * The SMS use cases Slack calls (`usecases.sms.*`). `exportSmsHistory` is bound by the HTTP/export work; until it is,
 * the Export button says the export is not available instead of failing.
 */
export const smsUseCases = (deps: SlackDeps): UseCases['sms'] & { exportSmsHistory?: ExportSmsHistory } =>
  deps.usecases.sms;
