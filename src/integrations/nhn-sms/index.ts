export type * from './provider.js';
export { createNhnSmsProvider, type NhnSmsOptions } from './nhn-client.js';
export {
  errorCodeOf,
  providerErrorMessage,
  recipientStatusOf,
  recipientStatusOfMessageStatus,
  resultCodeMeaning,
  type Meaning,
} from './status-map.js';
export { formatKst, parseKst } from './wire.js';
export { parseResultWebhook, type ParsedWebhook } from './webhook.js';
