import type { App, BlockAction, RadioButtonsAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { countCp949Bytes, SMS_LIMITS, type SmsImage, type SmsType } from '../../../domain/sms.js';
import { describeViolation } from '../../../usecases/sms/violations.js';
import { downloadSlackFile, filesOf } from '../../files.js';
import type { Locale } from '../../../domain/service-settings.js';
import { translate } from '../../../i18n/index.js';
import type { SmsSendInput, SmsSendReceipt } from '../../../usecases/sms/types.js';
import { SMS_ACTIONS, SMS_VIEWS } from '../../action-ids.js';
import { inlineError, renderInlineErrors } from '../../blocks/problem.js';
import {
  SMS_SEND_BLOCKS,
  renderSmsRequestedView,
  renderSmsSendModal,
  sendBlockOf,
  shortDateTime,
  type ComposeTemplate,
  type SendModalState,
} from '../../blocks/sms-send-modal.js';
import { loadModalContext, type ModalContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { replyWhereActed } from '../../reply.js';
import { blockIdIn, elementOf, inputOf, type ViewStateValues } from '../../view-state.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';
import { answerSubmission, MODAL_ANSWER_WITHIN_MS } from './answer-submission.js';
import { onModalSubmission } from './on-submission.js';

type ModalActionArgs = ActionArgs<BlockAction<StaticSelectAction | RadioButtonsAction>>;

/**
 * The send modal: its submission (every rule is the use case's; each broken one shows next to its field and nothing
 * is sent), and the two controls that redraw it — a template pick fills type, title, body, sender and the
 * advertisement option; SMS ↔ MMS shows or hides the title and image.
 */
export function registerSmsSendModal(app: App, deps: SlackDeps): void {
  onModalSubmission(app, deps, SMS_VIEWS.send, (args, modal) => submitSend(deps, args, modal));
  app.action<BlockAction<StaticSelectAction>>(
    SMS_ACTIONS.templatePick,
    replyOnFailure<ModalActionArgs>(deps.log, (args) => redraw(deps, args, 'template')),
  );
  app.action<BlockAction<RadioButtonsAction>>(
    SMS_ACTIONS.typePick,
    replyOnFailure<ModalActionArgs>(deps.log, (args) => redraw(deps, args, 'type')),
  );
}

const typeIn = (values: ViewStateValues): SmsType =>
  elementOf(values, SMS_SEND_BLOCKS.type)?.selected_option?.value === 'MMS' ? 'MMS' : 'SMS';

const templateIdIn = (values: ViewStateValues): string | null =>
  elementOf(values, SMS_SEND_BLOCKS.template)?.selected_option?.value ?? null;

const bytesOf = (text: string): number => countCp949Bytes(text).bytes;

async function submitSend(
  deps: SlackDeps,
  args: Parameters<Parameters<typeof onModalSubmission>[3]>[0],
  { metadata, ctx }: ModalContext,
): Promise<void> {
  const { ack, view, body, client } = args;
  const started = Date.now();
  const values = view.state.values as ViewStateValues;
  const sms = deps.usecases.sms;
  const templateId = templateIdIn(values);
  let template: ComposeTemplate | undefined;
  if (templateId) {
    const composed = await sms.smsComposeOptions(ctx.actor, metadata.serviceId);
    template = composed.ok ? composed.value.templates.find((t) => t._id === templateId) : undefined;
  }
  const type = typeIn(values);
  const locked = template !== undefined && !template.editable;
  const imageBlock = blockIdIn(values, SMS_SEND_BLOCKS.image);
  const image = await imageOf(client, values, ctx.locale);
  if (image && 'error' in image) return void (await ack(inlineError(imageBlock, image.error)));
  const picked = inputOf(values, SMS_SEND_BLOCKS.sendAt)?.selected_date_time;
  const input: SmsSendInput = {
    type,
    // A locked template is sent as it is: its body is not an input of the modal.
    body: locked ? template!.body : (inputOf(values, SMS_SEND_BLOCKS.body)?.value ?? ''),
    title: type === 'MMS' ? (inputOf(values, SMS_SEND_BLOCKS.title)?.value ?? null) : null,
    recipients: inputOf(values, SMS_SEND_BLOCKS.recipients)?.value ?? '',
    sendNo: inputOf(values, SMS_SEND_BLOCKS.sendNo)?.selected_option?.value ?? null,
    sendAt: picked ? new Date(picked * 1000) : null,
    // A template hidden since the modal opened is the use case's to refuse (on the template select).
    templateId,
    advertisement: (inputOf(values, SMS_SEND_BLOCKS.advertisement)?.selected_options ?? []).length > 0,
    image: image ?? null,
    callbackId: metadata.callbackId ?? null,
    // A submission Slack delivers twice (or a double click) is one request.
    idempotencyKey: `slack:${view.id}`,
  };
  const work = sms.sendSms(ctx.actor, metadata.serviceId, input);
  const blockOf = sendBlockOf(values);
  const timeZone = ctx.service?.settings.timeZone ?? 'Asia/Seoul';
  const confirmation = (receipt: SmsSendReceipt) => sentText(ctx.locale, receipt, timeZone);
  // The template lookup and the image download came out of the same 3 s Slack gives the answer.
  const window = Math.max(0, (deps.modalAnswerWithinMs ?? MODAL_ANSWER_WITHIN_MS) - (Date.now() - started));
  await answerSubmission({ ...deps, modalAnswerWithinMs: window }, args, ctx, 'smsSlack.send.title', work, {
    inTime: (result) =>
      result.ok
        ? { response_action: 'clear' }
        : renderInlineErrors(ctx.locale, result.problem, blockOf, SMS_SEND_BLOCKS.recipients, values),
    done: (receipt) => renderSmsRequestedView(ctx.locale, confirmation(receipt)),
  });
  const result = await work;
  if (!result.ok) return;
  await replyWhereActed(
    { client, userId: body.user.id, channelId: metadata.channelId },
    { text: confirmation(result.value) },
  ).catch((error: unknown) => deps.log.warn({ err: error }, 'could not confirm the SMS request'));
}

/** "문자 발송 요청: 수신자 3명, 예약 12-03 14:30" — in the service's time zone. */
function sentText(locale: Locale, receipt: SmsSendReceipt, timeZone: string): string {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params);
  const text = t('smsSlack.send.requested', {
    count: receipt.recipientCount.toLocaleString('en-US'),
    when: receipt.sendAt
      ? t('smsSlack.send.scheduledAt', { at: shortDateTime(receipt.sendAt, timeZone, locale) })
      : t('smsSlack.send.now'),
    type: receipt.type,
    bytes: receipt.bytes.toLocaleString('en-US'),
  });
  return receipt.replayed ? `${text} ${t('smsSlack.send.replayed')}` : text;
}

/** The file_input's JPG, fetched from Slack with the bot token (the rules about it are the use case's). */
async function imageOf(
  client: WebClient,
  values: ViewStateValues,
  locale: Locale,
): Promise<SmsImage | { error: string } | undefined> {
  const file = filesOf(values, SMS_SEND_BLOCKS.image)[0];
  if (!file) return undefined;
  // Within the 3 s Slack waits for the answer (the send itself needs some of it).
  const downloaded = await downloadSlackFile(client, file, { timeoutMs: 1_000 });
  if (downloaded.ok) return { fileName: downloaded.fileName, data: downloaded.data };
  if (downloaded.reason === 'tooLarge') {
    const said = describeViolation({
      field: 'image',
      rule: 'tooLarge',
      bytes: downloaded.bytes,
      limit: SMS_LIMITS.imageBytes,
    });
    return { error: translate(locale, said.message, said.params) };
  }
  return { error: translate(locale, 'smsSlack.send.imageUnreadable', { error: downloaded.detail }) };
}

/**
 * A template pick or a type switch: the modal drawn again with `views.update`. A template gives the fields a new
 * block id suffix so its values show (Slack keeps what was typed in blocks whose ids did not change); a type switch
 * keeps the suffix, and with it everything typed.
 */
async function redraw(deps: SlackDeps, args: ModalActionArgs, what: 'template' | 'type'): Promise<void> {
  const { ack, body, client, action } = args;
  await ack();
  const view = body.view;
  if (!view) return;
  const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
  const service = modal?.ctx.service;
  if (!modal || !service) return;
  const { metadata, ctx } = modal;
  const composed = await deps.usecases.sms.smsComposeOptions(ctx.actor, metadata.serviceId);
  if (!composed.ok) return;
  const options = composed.value;
  const values = view.state.values as ViewStateValues;
  // The control just changed is the action's own value (the view's state may predate it).
  const picked = action.selected_option?.value ?? null;
  const templateId = what === 'template' ? picked : templateIdIn(values);
  const template = options.templates.find((t) => t._id === templateId) ?? null;
  const previousRev = metadata.rev ?? 0;
  const rev = what === 'template' ? previousRev + 1 : previousRev;
  const type: SmsType =
    what === 'template'
      ? (template?.type ?? typeIn(values))
      : picked === 'MMS' || picked === 'SMS'
        ? picked
        : typeIn(values);
  const typed = inputOf(values, SMS_SEND_BLOCKS.body)?.value ?? '';
  const fill: SendModalState['fill'] =
    what === 'template' && template
      ? {
          title: template.title,
          body: template.body,
          sendNo: template.sendNo,
          advertisement: template.advertisement,
        }
      : {
          // Blocks whose ids stay keep their own values; these are for blocks that appear (the MMS title).
          title: template?.title ?? null,
          body: template?.body ?? typed,
          sendNo: template?.sendNo ?? null,
          advertisement: template?.advertisement ?? false,
        };
  const bodyNow = template && (what === 'template' || !template.editable) ? template.body : typed;
  await client.views.update({
    view_id: view.id,
    ...(view.hash ? { hash: view.hash } : {}),
    view: renderSmsSendModal(ctx.locale, {
      options,
      timeZone: service.settings.timeZone,
      now: new Date(),
      metadata: encodeMetadata({ ...metadata, rev }),
      rev,
      type,
      template,
      fill,
      recipients: inputOf(values, SMS_SEND_BLOCKS.recipients)?.value ?? metadata.phone,
      callbackPhone: metadata.phone,
      bodyBytes: bodyNow ? bytesOf(bodyNow) : null,
    }),
  });
}
