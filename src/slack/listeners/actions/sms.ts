import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import type { Locale } from '../../../domain/service-settings.js';
import type { ServiceDoc } from '../../../domain/services.js';
import { formatDateTime } from '../../../i18n/dates.js';
import { translate } from '../../../i18n/index.js';
import { SMS_ACTIONS } from '../../action-ids.js';
import { decodeCallbackSmsButton } from '../../blocks/callback-card.js';
import { renderProblemText } from '../../blocks/problem.js';
import { decodeHistoryQuery, decodeRequestButton, renderSmsDetailModal } from '../../blocks/sms-history.js';
import { loadActionContext, loadCallbackContext, type SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { encodeMetadata } from '../../modal-metadata.js';
import { replyWhereActed, whereClicked } from '../../reply.js';
import { historyQueryOf, showSmsHistory } from '../commands/sms-history.js';
import { openSmsSendModal } from '../commands/sms-send-open.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

type ButtonArgs = ActionArgs<BlockAction<ButtonAction>>;

/**
 * SMS buttons: Send SMS on a callback card, and the history message's paging, Details, Cancel and Export. Each
 * acknowledges at once and answers privately where the person clicked; refusals are never silent.
 */
export function registerSmsActions(app: App, deps: SlackDeps): void {
  const on = (actionId: string, handler: (args: ButtonArgs) => Promise<void>) =>
    app.action<BlockAction<ButtonAction>>(
      actionId,
      replyOnFailure<ButtonArgs>(deps.log, async (args) => {
        await args.ack();
        await handler(args);
      }),
    );
  on(SMS_ACTIONS.sendFromCallback, (args) => sendFromCallback(deps, args));
  on(SMS_ACTIONS.historyPrev, (args) => historyPage(deps, args));
  on(SMS_ACTIONS.historyNext, (args) => historyPage(deps, args));
  on(SMS_ACTIONS.detailOpen, (args) => openDetail(deps, args));
  on(SMS_ACTIONS.cancel, (args) => cancelRequest(deps, args));
  const running = new Set<string>();
  on(SMS_ACTIONS.exportHistory, (args) => exportHistory(deps, args, running));
}

const tell = (args: ButtonArgs, text: string) => replyWhereActed(whereClicked(args), { text });

const invalidButton = (locale: Locale) => `:warning: ${translate(locale, 'smsSlack.history.invalidButton')}`;

/**
 * A history button's value, decoded, and the clicker's context in the service it names. A value that does not
 * decode, or a service that is gone, is answered "invalid button" and gives undefined.
 */
async function openButton<T extends { serviceId: string }>(
  deps: SlackDeps,
  args: ButtonArgs,
  decode: (value: string | undefined) => T | undefined,
): Promise<{ target: T; ctx: SlackContext; service: ServiceDoc } | undefined> {
  const target = decode(args.action.value);
  const ctx = await loadActionContext(deps, args.client, args.body, target?.serviceId);
  if (!target || !ctx.service) {
    await tell(args, invalidButton(ctx.locale));
    return undefined;
  }
  return { target, ctx, service: ctx.service };
}

/** Send SMS on a callback card: the send modal with the customer's number filled in and the callback recorded. */
async function sendFromCallback(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { body, action, client } = args;
  const button = decodeCallbackSmsButton(action.value);
  const ctx = await loadCallbackContext(deps, client, body, button?.callbackId ?? '');
  if (!button) return tell(args, invalidButton(ctx.locale));
  await openSmsSendModal(deps, ctx, client, body.trigger_id, (text) => tell(args, text), button);
}

async function historyPage(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const opened = await openButton(deps, args, decodeHistoryQuery);
  if (!opened) return;
  await showSmsHistory(deps, opened.ctx, args.respond, opened.target, true);
}

async function openDetail(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { body, client } = args;
  const opened = await openButton(deps, args, decodeRequestButton);
  if (!opened) return;
  const { target, ctx, service } = opened;
  const detail = await deps.usecases.sms.getSmsRequest(ctx.actor, target.serviceId, target.id);
  if (!detail.ok) return tell(args, renderProblemText(ctx.locale, detail.problem));
  await client.views.open({
    trigger_id: body.trigger_id,
    view: {
      ...renderSmsDetailModal(ctx.locale, detail.value, {
        timeZone: service.settings.timeZone,
        serviceId: target.serviceId,
      }),
      private_metadata: encodeMetadata({
        serviceId: target.serviceId,
        teamId: ctx.teamId,
        channelId: ctx.channelId,
      }),
    },
  });
}

/**
 * Cancel on a scheduled request (after Slack's confirm dialog): "취소됨", or the use case's conflict when sending
 * has started or finished. In the detail modal the modal is redrawn with the outcome on top; in the list the answer
 * is an ephemeral beside it.
 */
async function cancelRequest(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { body, client } = args;
  const opened = await openButton(deps, args, decodeRequestButton);
  if (!opened) return;
  const { target, ctx, service } = opened;
  const sms = deps.usecases.sms;
  const timeZone = service.settings.timeZone;
  const cancelled = await sms.cancelSmsRequest(ctx.actor, target.serviceId, target.id);
  const detail = await sms.getSmsRequest(ctx.actor, target.serviceId, target.id);
  const outcome = cancelled.ok
    ? translate(ctx.locale, 'smsSlack.cancel.done', {
        at: detail.ok && detail.value.sendAt ? formatDateTime(detail.value.sendAt, timeZone, ctx.locale) : '',
        count: detail.ok ? detail.value.counts.total : '',
      })
    : renderProblemText(ctx.locale, cancelled.problem);
  const view = body.view;
  if (view?.id && detail.ok) {
    const redrawn = renderSmsDetailModal(
      ctx.locale,
      detail.value,
      { timeZone, serviceId: target.serviceId },
      outcome,
    );
    await client.views.update({
      view_id: view.id,
      view: { ...redrawn, private_metadata: view.private_metadata },
    });
    return;
  }
  await tell(args, outcome);
}

/** Excel of the listed rows (the whole filter, not just the page), uploaded to the person's DM. */
async function exportHistory(deps: SlackDeps, args: ButtonArgs, running: Set<string>): Promise<void> {
  const { body, client } = args;
  const opened = await openButton(deps, args, decodeHistoryQuery);
  if (!opened) return;
  const { target: query, ctx, service } = opened;
  const key = `${query.serviceId}:${ctx.person.identity}:sms`;
  if (running.has(key)) return;
  running.add(key);
  try {
    const { page: _page, pageSize: _size, ...filter } = historyQueryOf(query, service.settings.timeZone);
    await tell(args, translate(ctx.locale, 'smsSlack.export.preparing'));
    const exported = await deps.usecases.sms.exportSmsHistory(ctx.actor, query.serviceId, {
      ...filter,
      locale: ctx.locale,
    });
    if (!exported.ok) return tell(args, renderProblemText(ctx.locale, exported.problem));
    const range =
      query.fromDay || query.toDay
        ? `${query.fromDay ?? ''}..${query.toDay ?? ''}`
        : translate(ctx.locale, 'smsSlack.history.anyRange');
    try {
      const dm = await client.conversations.open({ users: body.user.id });
      const channel = dm.channel?.id;
      if (!channel) throw new Error('conversations.open answered without a channel id');
      await client.files.uploadV2({
        channel_id: channel,
        file: exported.value.data,
        filename: exported.value.fileName,
        title: exported.value.fileName.replace(/\.xlsx$/, ''),
        initial_comment: [
          translate(ctx.locale, 'smsSlack.export.ready', {
            range,
            requests: exported.value.requests.toLocaleString('en-US'),
            recipients: exported.value.recipients.toLocaleString('en-US'),
          }),
          exported.value.truncated ? translate(ctx.locale, 'smsSlack.export.truncated') : '',
        ]
          .filter(Boolean)
          .join(' '),
      });
    } catch (error) {
      if (!isPlatformError(error)) throw error;
      deps.log.warn({ err: error, serviceId: query.serviceId }, 'sms history export upload refused');
      return tell(
        args,
        `:warning: ${translate(ctx.locale, 'smsSlack.export.uploadFailed', { error: error.data.error })}`,
      );
    }
  } finally {
    running.delete(key);
  }
}

function isPlatformError(error: unknown): error is WebAPIPlatformError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === ErrorCode.PlatformError
  );
}
