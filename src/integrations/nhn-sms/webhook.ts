import { z } from 'zod';
import type { ProviderRecipientResult } from './provider.js';
import { recipientStatusOfMessageStatus } from './status-map.js';
import { lenientInt, lenientText, parseKst } from './wire.js';

/**
 * NHN's result webhook (TOAST-DOCS/SMS `webhook.md`): `POST` with `X-Toast-Webhook-Signature` (checked by the
 * route) and `{ hooksId, productName, appKey, event, hooks: [...] }`. Only `MESSAGE_RESULT_UPDATE` carries delivery
 * results; other events (UNSUBSCRIBE, …) are acknowledged and ignored. NHN's own sample spells
 * `recipientGropuingKey`: misspelled grouping keys are accepted.
 */

const text = lenientText.nullish().transform((v) => v ?? null);

const resultHook = z
  .object({
    requestId: lenientText,
    recipientSeq: lenientInt,
    recipientNo: text,
    messageStatus: lenientText,
    resultCode: text,
    receiveDate: text,
    senderGroupingKey: text,
    senderGropuingKey: text,
  })
  .transform((hook): ProviderRecipientResult => {
    const status = recipientStatusOfMessageStatus(hook.messageStatus, hook.resultCode);
    return {
      requestId: hook.requestId,
      recipientSeq: hook.recipientSeq,
      recipientNo: hook.recipientNo ?? '',
      status,
      resultCode: hook.resultCode,
      resultMessage: null,
      deliveredAt: status === 'success' ? parseKst(hook.receiveDate) : null,
      senderGroupingKey: hook.senderGroupingKey ?? hook.senderGropuingKey,
    };
  });

const webhookBody = z.object({
  event: lenientText,
  hooks: z.array(z.unknown()).nullish(),
});

export type ParsedWebhook =
  | { ok: true; event: string; results: ProviderRecipientResult[]; skipped: number }
  | { ok: false; detail: string };

/** The delivery results in a webhook body; hooks that do not parse are counted in `skipped`, not fatal. */
export function parseResultWebhook(payload: unknown): ParsedWebhook {
  const body = webhookBody.safeParse(payload);
  if (!body.success) return { ok: false, detail: body.error.message.slice(0, 300) };
  if (body.data.event !== 'MESSAGE_RESULT_UPDATE')
    return { ok: true, event: body.data.event, results: [], skipped: 0 };
  const results: ProviderRecipientResult[] = [];
  let skipped = 0;
  for (const hook of body.data.hooks ?? []) {
    const parsed = resultHook.safeParse(hook);
    if (parsed.success) results.push(parsed.data);
    else skipped++;
  }
  return { ok: true, event: body.data.event, results, skipped };
}
