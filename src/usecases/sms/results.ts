import { settledStatus } from '../../domain/sms.js';
import type { ProviderRecipientResult } from '../../integrations/nhn-sms/provider.js';
import { parseResultWebhook } from '../../integrations/nhn-sms/webhook.js';
import type { SmsRecipientDoc } from '../../store/sms-requests.js';
import { fail, ok, type Result } from '../result.js';
import { scheduleResultPoll } from './delivery.js';
import { smsNow, type SmsDeps } from './deps.js';
import { applyResults } from './recipient-results.js';

/**
 * Delivery results: polled from the provider (`sms.pollResults`) and pushed by its webhook. Both only ever move a
 * pending recipient to a final status, so they may arrive in any order and more than once.
 */

/** After the first poll (5 s after the last chunk): then 15 s, 1 min, 5 min, and every 15 min until final. */
const POLL_DELAYS_MS = [15_000, 60_000, 5 * 60_000, 15 * 60_000];
/** NHN gives up on a result after this long (then reports `2000`): we stop asking then too. */
const PROVIDER_RESULT_TIMEOUT_MS = { SMS: 25 * 60 * 60_000, MMS: 80 * 60 * 60_000 } as const;
const TIMEOUT_CODE = '2000';

/** `sms.pollResults`: asks for every accepted chunk that still has pending recipients, then schedules itself again. */
export async function pollSmsResults(deps: SmsDeps, requestId: string): Promise<void> {
  try {
    await pollOnce(deps, requestId);
  } catch (error) {
    // The chain must not end on an error (the request would stay `sending` until a restart): try again later.
    const request = await deps.store.smsRequests.get(requestId).catch(() => undefined);
    if (request?.status === 'sending')
      await scheduleResultPoll(deps, request, RETRY_AFTER_ERROR_MS).catch(() => undefined);
    throw error;
  }
}

const RETRY_AFTER_ERROR_MS = 60_000;

async function pollOnce(deps: SmsDeps, requestId: string): Promise<void> {
  const { store } = deps;
  const request = await store.smsRequests.get(requestId);
  if (!request || request.status !== 'sending' || !request.chunksSettledAt) return;
  const now = smsNow(deps);
  // A poll of an older chain (a resumed delivery scheduled another): the newer one is due later, this one stops.
  if (request.nextPollAt && request.nextPollAt.getTime() > now.getTime() + 1000) return;
  const provider = deps.provider;
  if (provider) {
    for (const chunk of await store.smsRequests.chunksOf(request)) {
      if (chunk.state !== 'accepted' || !chunk.providerRequestId || chunk.counts.pending === 0) continue;
      const answer = await provider.recipientsOf(chunk.providerRequestId, request.type);
      if (!answer.ok) {
        deps.log.warn(
          { smsRequestId: requestId, chunk: chunk.n, error: answer.error },
          'sms result poll failed',
        );
        continue;
      }
      const results = answer.value;
      await store.smsRequests.updateRecipients(
        chunk._id,
        (c) => applyResults(c.recipients, results)?.recipients,
        chunk,
      );
    }
  }
  let after = await store.smsRequests.recount(requestId, settledStatus, now);
  if (after?.status !== 'sending') {
    deps.log.info(
      { smsRequestId: requestId, status: after?.status, counts: after?.counts },
      'sms request final',
    );
    return;
  }
  const since = (after.startedAt ?? after.createdAt).getTime();
  if (now.getTime() - since > PROVIDER_RESULT_TIMEOUT_MS[after.type]) {
    for (const chunk of await store.smsRequests.chunksOf(after))
      if (chunk.counts.pending > 0) await store.smsRequests.updateRecipients(chunk._id, timeOutPending);
    after = await store.smsRequests.recount(requestId, settledStatus, now);
    deps.log.info({ smsRequestId: requestId, status: after?.status }, 'sms results timed out');
    return;
  }
  const delay = POLL_DELAYS_MS[Math.min(after.polls, POLL_DELAYS_MS.length - 1)] ?? 15 * 60_000;
  await scheduleResultPoll(deps, after, delay, after.polls + 1);
}

function timeOutPending(chunk: { recipients: SmsRecipientDoc[] }): SmsRecipientDoc[] {
  return chunk.recipients.map((r) =>
    r.status === 'pending'
      ? { ...r, status: 'failed', resultCode: TIMEOUT_CODE, resultMessage: 'timeout', deliveredAt: null }
      : r,
  );
}

/**
 * `POST /api/v1/sms/nhn-webhook` (the route has checked the signature): applies NHN's result hooks (read by the
 * provider's `parseResultWebhook`), matched by the provider's request id and recipient sequence, and settles the
 * requests they complete. Hooks of requests that are not ours (another system on the same NHN app key) and events
 * other than results are ignored.
 */
export async function receiveNhnResults(
  deps: SmsDeps,
  payload: unknown,
): Promise<Result<{ updated: number }>> {
  const body = typeof payload === 'string' ? safeJson(payload) : payload;
  const parsed = parseResultWebhook(body);
  // A result update without its list of hooks is not NHN's shape (other events carry none and are acknowledged).
  const hooks = typeof body === 'object' && body !== null ? (body as { hooks?: unknown }).hooks : undefined;
  if (!parsed.ok || (parsed.event === 'MESSAGE_RESULT_UPDATE' && !Array.isArray(hooks)))
    return fail({ code: 'invalid_input', message: 'smsDelivery.webhookUnreadable' });
  if (parsed.skipped > 0) deps.log.warn({ skipped: parsed.skipped }, 'sms webhook: unreadable hooks skipped');
  const byProviderRequest = new Map<string, ProviderRecipientResult[]>();
  for (const result of parsed.results) {
    const list = byProviderRequest.get(result.requestId) ?? [];
    list.push(result);
    byProviderRequest.set(result.requestId, list);
  }
  let updated = 0;
  const touched = new Set<string>();
  for (const [providerRequestId, results] of byProviderRequest) {
    const chunk = await deps.store.smsRequests.chunkOfProviderRequest(providerRequestId);
    if (!chunk) continue;
    let changed = 0; // of the attempt that was written (a conflicting write makes it read and apply again)
    const written = await deps.store.smsRequests.updateRecipients(chunk._id, (c) => {
      const applied = applyResults(c.recipients, results);
      changed = applied?.changed ?? 0;
      return applied?.recipients;
    });
    if (written?.changed) {
      updated += changed;
      touched.add(chunk.requestId);
    }
  }
  const now = smsNow(deps);
  for (const requestId of touched) {
    const after = await deps.store.smsRequests.recount(requestId, settledStatus, now);
    if (after && after.status !== 'sending')
      deps.log.info({ smsRequestId: requestId, status: after.status }, 'sms request final (webhook)');
  }
  return ok({ updated });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
