import type { Locale } from '../../domain/service-settings.js';
import { resultCodeMeaning } from '../../integrations/nhn-sms/index.js';

/**
 * What a carrier's delivery result code means, in the person's language (`3006` → 수신 거부), for the history
 * screens: the provider's vocabulary reaches the surfaces through the use cases (surfaces import no integration).
 */
export function smsResultMeaning(code: string | null | undefined, locale: Locale): string | null {
  return resultCodeMeaning(code)?.[locale] ?? null;
}
