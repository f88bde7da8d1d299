import type { Action } from '../../domain/access.js';
import type { ServiceDoc } from '../../domain/services.js';
import type { MessageKey } from '../../i18n/index.js';
import type { SmsRequestDoc } from '../../store/sms-requests.js';
import { memberOf, type Actor } from '../actor.js';
import { refusedFor } from '../callbacks/common.js';
import { fail, ok, type Result } from '../result.js';
import type { SmsDeps } from './deps.js';
import type { SmsRequestSummary, SmsSendReceipt } from './types.js';

/**
 * Permission, then the service, then its SMS switch (`offMessage` says it is off, in the words of the screen that
 * asked): the order a person's questions would come in.
 */
export async function openSmsService(
  deps: Pick<SmsDeps, 'store'>,
  actor: Actor | undefined,
  serviceId: string,
  action: Action,
  offMessage: MessageKey,
): Promise<Result<ServiceDoc>> {
  const refused = refusedFor(actor, action, serviceId);
  if (refused) return fail(refused);
  const service = await deps.store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });
  if (!service.settings.smsEnabled) return fail({ code: 'feature_disabled', message: offMessage });
  return ok(service);
}

/**
 * Whose requests the actor reads: everyone's for admins, operators and the service's API keys; otherwise the
 * member's own (members who may send). `undefined` owner: all.
 */
export function historyScope(
  actor: Actor | undefined,
  serviceId: string,
): Result<{ ownerId: string | undefined }> {
  if (!refusedFor(actor, 'sms.viewAllHistory', serviceId)) return ok({ ownerId: undefined });
  const refused = refusedFor(actor, 'sms.send', serviceId);
  if (refused) return fail(refused);
  return ok({ ownerId: memberOf(actor)?._id });
}

export function requestedByOf(actor: Actor | undefined): SmsRequestDoc['requestedBy'] {
  switch (actor?.kind) {
    case 'member':
      return { id: actor.member._id, name: actor.member.displayName };
    case 'operator':
      return { id: `operator:${actor.name}`, name: actor.name };
    case 'apiKey':
      return { id: actor.keyId, name: actor.keyId };
    case undefined:
      return { id: 'unknown', name: 'unknown' };
  }
}

export function receiptOf(request: SmsRequestDoc, replayed: boolean): SmsSendReceipt {
  return {
    id: request._id,
    status: request.status,
    type: request.type,
    bytes: request.bytes,
    recipientCount: request.counts.total,
    sendAt: request.sendAt,
    replayed,
  };
}

/** A stored request as every surface lists it. */
export function summaryOf(request: SmsRequestDoc): SmsRequestSummary {
  return {
    id: request._id,
    serviceId: request.serviceId,
    status: request.status,
    type: request.type,
    advertisement: request.advertisement,
    body: request.body,
    title: request.title,
    sendNo: request.sendNo,
    bytes: request.bytes,
    sendAt: request.sendAt,
    createdAt: request.createdAt,
    startedAt: request.startedAt,
    finishedAt: request.finishedAt,
    requestedBy: request.requestedBy,
    counts: request.counts,
  };
}
