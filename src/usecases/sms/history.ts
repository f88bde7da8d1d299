import { SMS_LIMITS, settledStatus } from '../../domain/sms.js';
import { SMS_DELIVER } from '../../jobs/sms-jobs.js';
import type { SmsRequestDoc } from '../../store/sms-requests.js';
import type { Actor } from '../actor.js';
import { fail, ok, type Result } from '../result.js';
import { historyScope, summaryOf } from './common.js';
import { smsNow, type SmsDeps } from './deps.js';
import type { SmsHistoryPage, SmsHistoryQuery, SmsRequestDetail } from './types.js';

const MAX_PAGE_SIZE = 100;

/** `/sms history`, `GET /api/v1/sms/messages`: newest first; members see their own, admins and API keys all. */
export async function listSmsRequests(
  deps: SmsDeps,
  actor: Actor | undefined,
  serviceId: string,
  query: SmsHistoryQuery,
): Promise<Result<SmsHistoryPage>> {
  const scope = historyScope(actor, serviceId);
  if (!scope.ok) return scope;
  if (!(await deps.store.services.get(serviceId)))
    return fail({ code: 'not_found', message: 'service.notFound' });
  const pageSize = Math.min(Math.max(1, Math.floor(query.pageSize ?? 20)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const { items, total } = await deps.store.smsRequests.list(
    {
      serviceId,
      requestedById: scope.value.ownerId,
      status: query.status,
      from: query.from,
      to: query.to,
    },
    { skip: (page - 1) * pageSize, limit: pageSize },
  );
  return ok({
    items: items.map(summaryOf),
    page,
    pageSize,
    total,
    ownOnly: scope.value.ownerId !== undefined,
  });
}

/**
 * One request with one page of its recipients (a page is one provider chunk of 1,000). Another service's request,
 * or another member's for a member who sees only their own, is not found.
 */
export async function getSmsRequest(
  deps: SmsDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
  options: { recipientPage?: number } = {},
): Promise<Result<SmsRequestDetail>> {
  const found = await visibleRequest(deps, actor, serviceId, id);
  if (!found.ok) return found;
  const request = found.value;
  const pageSize = SMS_LIMITS.recipientsPerProviderRequest;
  const pages = Math.max(1, request.chunkCount);
  const page = Math.min(Math.max(1, Math.floor(options.recipientPage ?? 1)), pages);
  const chunk = await deps.store.smsRequests.chunk(request._id, page - 1);
  return ok({
    ...summaryOf(request),
    recipients: (chunk?.recipients ?? []).map((r) => ({
      phone: r.phone,
      status: r.status,
      resultCode: r.resultCode,
      resultMessage: r.resultMessage,
      deliveredAt: r.deliveredAt,
    })),
    recipientPage: { page, pageSize, total: request.counts.total },
  });
}

/**
 * Cancel of a scheduled request that has not started. The cancel and the delivery's start each record their
 * decision once per request (`decideStartOrCancel`, an insert under the request's id): exactly one of them wins,
 * whatever the timing and on every backend, and the loser is told (`already_started` here, "cancelled" in the job).
 */
export async function cancelSmsRequest(
  deps: SmsDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
): Promise<Result<{ id: string; status: 'cancelled' }>> {
  const found = await visibleRequest(deps, actor, serviceId, id);
  if (!found.ok) return found;
  const request = found.value;
  const started = (status: SmsRequestDoc['status']) => status === 'queued' || status === 'sending';
  if (request.status !== 'scheduled')
    return fail({
      code: 'conflict',
      message: started(request.status) ? 'smsDelivery.alreadyStarted' : 'smsDelivery.alreadyFinal',
    });
  const now = smsNow(deps);
  const decision = await deps.store.smsRequests.decideStartOrCancel(id, 'cancel', now);
  if (decision === 'start') return fail({ code: 'conflict', message: 'smsDelivery.alreadyStarted' });
  await completeCancel(deps, request, now);
  // The job would find the request cancelled and do nothing; removing it keeps the jobs list honest.
  await deps.scheduler.cancel(SMS_DELIVER, { requestId: id });
  deps.log.info({ smsRequestId: id, serviceId }, 'sms request cancelled');
  return ok({ id, status: 'cancelled' });
}

/**
 * What a won cancel does: the status, every pending recipient `cancelled`, the counts. Also run by the delivery job
 * when it finds the cancel decided but not completed (the cancelling process died in between).
 */
export async function completeCancel(deps: SmsDeps, request: SmsRequestDoc, now: Date): Promise<void> {
  await deps.store.smsRequests.transition(request._id, ['scheduled', 'queued'], 'cancelled', {
    finishedAt: now,
  });
  for (const chunk of await deps.store.smsRequests.chunksOf(request))
    await deps.store.smsRequests.updateRecipients(
      chunk._id,
      (c) =>
        c.recipients.some((r) => r.status === 'pending')
          ? c.recipients.map((r) => (r.status === 'pending' ? { ...r, status: 'cancelled' as const } : r))
          : undefined,
      chunk,
    );
  await deps.store.smsRequests.recount(request._id, settledStatus, now);
}

async function visibleRequest(
  deps: SmsDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
): Promise<Result<SmsRequestDoc>> {
  const scope = historyScope(actor, serviceId);
  if (!scope.ok) return scope;
  const request = await deps.store.smsRequests.get(id);
  const visible =
    request?.serviceId === serviceId &&
    (scope.value.ownerId === undefined || request.requestedBy.id === scope.value.ownerId);
  if (!request || !visible) return fail({ code: 'not_found', message: 'smsDelivery.notFound' });
  return ok(request);
}
