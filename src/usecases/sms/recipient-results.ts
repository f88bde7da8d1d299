import type { ProviderRecipientResult } from '../../integrations/nhn-sms/provider.js';
import type { SmsRecipientDoc } from '../../store/sms-requests.js';

/**
 * What the provider said about one recipient, applied to our record of them. A final status is never overwritten
 * (a late "pending" in a poll must not undo a delivery the webhook reported); a pending recipient keeps no
 * result code (the accept code `0` means nothing to a person).
 */
export function applyResult(recipient: SmsRecipientDoc, result: ProviderRecipientResult): SmsRecipientDoc {
  const seq = recipient.recipientSeq ?? (Number.isInteger(result.recipientSeq) ? result.recipientSeq : null);
  if (recipient.status !== 'pending')
    return seq === recipient.recipientSeq ? recipient : { ...recipient, recipientSeq: seq };
  if (result.status === 'pending') return { ...recipient, recipientSeq: seq };
  return {
    ...recipient,
    status: result.status,
    resultCode: result.resultCode,
    resultMessage: result.resultMessage,
    deliveredAt: result.status === 'success' ? result.deliveredAt : null,
    recipientSeq: seq,
  };
}

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/**
 * Results matched to a chunk's recipients: by `recipientSeq` once we know it, else by number (NHN echoes the
 * number as sent), with how many recipients changed. Undefined when none did, so the caller writes nothing.
 */
export function applyResults(
  recipients: readonly SmsRecipientDoc[],
  results: readonly ProviderRecipientResult[],
): { recipients: SmsRecipientDoc[]; changed: number } | undefined {
  const bySeq = new Map<number, ProviderRecipientResult>();
  const byPhone = new Map<string, ProviderRecipientResult>();
  for (const result of results) {
    if (Number.isInteger(result.recipientSeq)) bySeq.set(result.recipientSeq, result);
    const phone = digitsOf(result.recipientNo);
    if (phone) byPhone.set(phone, result);
  }
  let changed = 0;
  const next = recipients.map((recipient) => {
    const result =
      (recipient.recipientSeq !== null ? bySeq.get(recipient.recipientSeq) : undefined) ??
      byPhone.get(recipient.phone);
    if (!result) return recipient;
    const applied = applyResult(recipient, result);
    if (applied !== recipient && JSON.stringify(applied) !== JSON.stringify(recipient)) changed++;
    return applied;
  });
  return changed > 0 ? { recipients: next, changed } : undefined;
}
