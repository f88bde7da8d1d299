import type { WebClient } from '@slack/web-api';
import { translate } from '../../../i18n/index.js';
import { refusal } from '../../../usecases/actor.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderSmsSendModal } from '../../blocks/sms-send-modal.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { encodeMetadata } from '../../modal-metadata.js';

/**
 * The send modal, from `/sms` or a callback card's Send SMS (with the callback's number filled in). Refusals are
 * told before the modal opens — SMS off, no `sms` permission, sending not possible (NHN not configured), no sender
 * number — so nobody fills in a form that cannot be sent; the use case decides again on submit.
 */
export async function openSmsSendModal(
  deps: SlackDeps,
  ctx: SlackContext,
  client: WebClient,
  triggerId: string,
  tell: (text: string) => Promise<unknown>,
  prefill: { callbackId: string; phone: string } | null = null,
): Promise<void> {
  const t = (key: Parameters<typeof translate>[1]) => translate(ctx.locale, key);
  const service = ctx.service;
  if (!service) return void (await tell(t('service.notLinked')));
  if (!service.settings.smsEnabled) return void (await tell(`:no_entry: ${t('smsSlack.disabled')}`));
  const refused = refusal(ctx.actor, 'sms.send');
  if (refused) return void (await tell(renderProblemText(ctx.locale, refused)));
  const composed = await deps.usecases.sms.smsComposeOptions(ctx.actor, service._id);
  if (!composed.ok) return void (await tell(renderProblemText(ctx.locale, composed.problem)));
  const options = composed.value;
  if (options.senderNumbers.length === 0)
    return void (await tell(`:warning: ${t('smsSlack.noSenderNumber')}`));
  await client.views.open({
    trigger_id: triggerId,
    view: renderSmsSendModal(ctx.locale, {
      options,
      timeZone: service.settings.timeZone,
      now: new Date(),
      metadata: encodeMetadata({
        serviceId: service._id,
        teamId: ctx.teamId,
        channelId: ctx.channelId,
        callbackId: prefill?.callbackId ?? null,
        rev: 0,
        ...(prefill ? { phone: prefill.phone } : {}),
      }),
      rev: 0,
      type: 'SMS',
      template: null,
      fill: { title: null, body: '', sendNo: null, advertisement: false },
      ...(prefill ? { recipients: prefill.phone, callbackPhone: prefill.phone } : {}),
    }),
  });
}
