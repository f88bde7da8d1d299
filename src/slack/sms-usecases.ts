import type { Actor } from '../usecases/actor.js';
import type { Result } from '../usecases/result.js';
import type {
  SmsComposeOptions,
  SmsHistoryPage,
  SmsHistoryQuery,
  SmsRequestDetail,
  SmsSendInput,
  SmsSendReceipt,
} from '../usecases/sms/types.js';
import type { SlackDeps } from './deps.js';

/**
 * The SMS use cases Slack calls, with the names and shapes agreed in src/usecases/sms/types.ts, bound as
 * `usecases.sms.*`.
 */
export interface SlackSmsUseCases {
  sendSms(actor: Actor | undefined, serviceId: string, input: SmsSendInput): Promise<Result<SmsSendReceipt>>;
  smsComposeOptions(actor: Actor | undefined, serviceId: string): Promise<Result<SmsComposeOptions>>;
  listSmsRequests(
    actor: Actor | undefined,
    serviceId: string,
    query: SmsHistoryQuery,
  ): Promise<Result<SmsHistoryPage>>;
  getSmsRequest(
    actor: Actor | undefined,
    serviceId: string,
    id: string,
    options?: { recipientPage?: number },
  ): Promise<Result<SmsRequestDetail>>;
  cancelSmsRequest(
    actor: Actor | undefined,
    serviceId: string,
    id: string,
  ): Promise<Result<{ id: string; status: 'cancelled' }>>;
  exportSmsHistory(
    actor: Actor | undefined,
    serviceId: string,
    query: SmsHistoryQuery,
  ): Promise<Result<{ fileName: string; data: Buffer }>>;
}

export const smsUseCases = (deps: SlackDeps): SlackSmsUseCases =>
  (deps.usecases as unknown as { sms: SlackSmsUseCases }).sms;
