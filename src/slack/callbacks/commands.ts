import type { App, BlockAction, ButtonAction, RespondFn, ViewResponseAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { dayRangeIn } from '../../domain/callback-ranges.js';
import { settledWithin } from '../../settled-within.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { callbackStats } from '../../usecases/callback-stats.js';
import { memberActor, refusal, type Actor } from '../../usecases/actor.js';
import {
  assignmentPool,
  assignableAgents,
  assignCallbacks,
  listCallbacks,
  openLoads,
  receiveCallback,
  serviceOfCallback,
  unassignCallbacks,
  type AssignmentReport,
} from '../../usecases/callbacks.js';
import type { Problem, Result } from '../../usecases/result.js';
import { renderRefusedView, renderWorkingView } from '../blocks/late-answer.js';
import { renderFieldErrors, renderProblemText } from '../blocks/problem.js';
import {
  blockIdIn,
  encodeMetadata,
  inputOf,
  loadCommandContext,
  loadModalContext,
  loadSlackContext,
  type SlackContext,
  type SlackDeps,
  type ViewStateValues,
} from '../deps.js';
import {
  replyOnFailure,
  updateViewOnFailure,
  type ActionArgs,
  type CommandArgs,
  type ViewArgs,
} from '../listeners/guard.js';
import { CALLBACK_ACTIONS, CALLBACK_VIEWS } from './action-ids.js';
import {
  ASSIGN_BLOCKS,
  MAX_SELECT_OPTIONS,
  renderAssignModal,
  renderAssignmentSummary,
} from './assign-modal.js';
import { parseCallbackCommand } from './command-words.js';
import { refreshHomesOnCallbackChanges } from './home-refresh.js';
import { decodeListPage, LIST_PAGE_SIZE, renderCallbackList, type ListQuery } from './list-blocks.js';
import {
  newModalBlockOf,
  NEW_BLOCKS,
  renderIntakeConfirmation,
  renderNewCallbackModal,
} from './new-modal.js';
import { renderCallbackStats } from './stats-blocks.js';
import { renderStatsChartPng } from '../../exports/stats-chart.js';
import { renderUnassignModal, renderUnassignSummary, UNASSIGN_BLOCKS } from './unassign-modal.js';

/** `/callback` (list, new, assign, unassign, stats), their modals, list paging and the App Home refresh. */
export function registerCallbackCommands(app: App, deps: SlackDeps): void {
  app.command(
    '/callback',
    replyOnFailure<CommandArgs>(deps.log, (args) => runCallbackCommand(deps, args)),
  );
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.listPage,
    replyOnFailure<ActionArgs<BlockAction<ButtonAction>>>(deps.log, (args) => turnListPage(deps, args)),
  );
  app.action<BlockAction<ButtonAction>>(
    CALLBACK_ACTIONS.assignOpen,
    replyOnFailure<ActionArgs<BlockAction<ButtonAction>>>(deps.log, (args) =>
      openAssignFromButton(deps, args),
    ),
  );
  app.view(
    CALLBACK_VIEWS.create,
    updateViewOnFailure<ViewArgs>(deps.log, (args) => submitNewCallback(deps, args)),
  );
  app.view(
    CALLBACK_VIEWS.assign,
    updateViewOnFailure<ViewArgs>(deps.log, (args) => submitAssignment(deps, args)),
  );
  app.view(
    CALLBACK_VIEWS.unassign,
    updateViewOnFailure<ViewArgs>(deps.log, (args) => submitUnassignment(deps, args)),
  );
  refreshHomesOnCallbackChanges(app, deps);
}

const ephemeral = (respond: RespondFn, text: string, blocks?: unknown[]) =>
  respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });

/** Slack waits 3 s for a modal submission's answer; what remains covers the network both ways. */
const MODAL_ANSWER_WITHIN_MS = 2_000;

/**
 * Answers a modal submission whose work can outlast the 3 s Slack waits (thousands of callbacks on a slow
 * database): with `inTime(result)` when the work settles within the window, else with a "working" view at once and
 * the result (or the refusal, as a view) put into the same modal by `views.update` when it is done. Refusals are
 * checked before anything is written, so they are nearly always in time for an inline answer.
 */
async function answerSubmission<T>(
  deps: SlackDeps,
  { ack, client, view }: Pick<ViewArgs, 'ack' | 'client' | 'view'>,
  ctx: SlackContext,
  title: MessageKey,
  work: Promise<Result<T>>,
  render: { inTime: (result: Result<T>) => ViewResponseAction; done: (value: T) => ModalView },
): Promise<void> {
  const early = await settledWithin(work, deps.modalAnswerWithinMs ?? MODAL_ANSWER_WITHIN_MS);
  if (early) return void (await ack(render.inTime(early.value)));
  const callbackId = view.callback_id;
  await ack({ response_action: 'update', view: renderWorkingView(ctx.locale, callbackId, title) });
  const late = await work;
  await client.views.update({
    view_id: view.id,
    view: late.ok
      ? render.done(late.value)
      : renderRefusedView(ctx.locale, callbackId, title, renderProblemText(ctx.locale, late.problem)),
  });
}

const modalMetadata = (ctx: SlackContext, serviceId: string) =>
  encodeMetadata({ serviceId, teamId: ctx.teamId, channelId: ctx.channelId });

// ---------------------------------------------------------------------------------------------------------------
// The slash command

async function runCallbackCommand(
  deps: SlackDeps,
  { command, ack, client, respond }: CommandArgs,
): Promise<void> {
  await ack();
  const ctx = await loadCommandContext(deps, client, command);
  const service = ctx.service;
  if (!service) return void (await ephemeral(respond, translate(ctx.locale, 'service.notLinked')));
  // The feature switch answers first, whatever was asked: a disabled feature says who can enable it.
  if (!service.settings.callbacksEnabled)
    return void (await ephemeral(respond, `:no_entry: ${translate(ctx.locale, 'callbacks.disabled')}`));
  const actor = memberActor(ctx.member, 'slack');
  const parsed = parseCallbackCommand(command.text, service.settings.timeZone, new Date());
  switch (parsed.kind) {
    case 'list':
      return showList(deps, ctx, actor, respond, { serviceId: service._id, ...parsed, page: 1 }, false);
    case 'new':
      return openNewCallbackModal(ctx, actor, client, command.trigger_id, respond);
    case 'assign':
      return openAssignModal(
        deps,
        ctx,
        actor,
        client,
        command.trigger_id,
        (text) => ephemeral(respond, text),
        undefined,
      );
    case 'unassign':
      return openUnassignModal(deps, ctx, actor, client, command.trigger_id, respond);
    case 'stats':
      return showStats(deps, ctx, actor, { respond, client, userId: command.user_id }, parsed);
    case 'help':
      return void (await ephemeral(respond, translate(ctx.locale, 'cbcmd.help')));
    case 'statsUsage':
      return void (await ephemeral(
        respond,
        `${translate(ctx.locale, 'cbcmd.unknownWord', { word: parsed.word })}\n${translate(ctx.locale, 'cbcmd.stats.usage')}`,
      ));
    case 'badRange':
      return void (await ephemeral(
        respond,
        `${translate(ctx.locale, 'cbcmd.badRange', { error: parsed.error })}\n\n${translate(ctx.locale, 'cbcmd.help')}`,
      ));
    case 'unknown':
      return void (await ephemeral(
        respond,
        `${translate(ctx.locale, 'cbcmd.unknownWord', { word: parsed.word })}\n\n${translate(ctx.locale, 'cbcmd.help')}`,
      ));
  }
}

/** `/callback list …` and the Prev/Next buttons: one page of the list, agents narrowed to their own. */
async function showList(
  deps: SlackDeps,
  ctx: SlackContext,
  actor: Actor | undefined,
  respond: RespondFn,
  query: ListQuery,
  replace: boolean,
): Promise<void> {
  const timeZone = ctx.service!.settings.timeZone;
  const range = dayRangeIn(timeZone, query.fromDay, query.toDay);
  const page = await listCallbacks(deps.callbacks, actor, query.serviceId, {
    scope: query.scope,
    from: range.ok ? range.from : undefined,
    to: range.ok ? range.to : undefined,
    page: query.page,
    pageSize: LIST_PAGE_SIZE,
  });
  if (!page.ok)
    return void (await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: renderProblemText(ctx.locale, page.problem),
    }));
  const message = renderCallbackList(ctx.locale, page.value, query, timeZone);
  await respond({ response_type: 'ephemeral', replace_original: replace, ...message });
}

async function turnListPage(
  deps: SlackDeps,
  { ack, body, action, client, respond }: ActionArgs<BlockAction<ButtonAction>>,
): Promise<void> {
  await ack();
  const query = decodeListPage(action.value);
  if (!query) return;
  const ctx = await loadSlackContext(deps, client, {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
    serviceId: query.serviceId,
  });
  if (!ctx.service) return;
  await showList(deps, ctx, memberActor(ctx.member, 'slack'), respond, query, true);
}

/** `/callback new`: the intake modal (who may file one is checked before it opens, and again on submit). */
async function openNewCallbackModal(
  ctx: SlackContext,
  actor: Actor | undefined,
  client: WebClient,
  triggerId: string,
  respond: RespondFn,
): Promise<void> {
  const refused = refusal(actor, 'callbacks.create');
  if (refused) return void (await ephemeral(respond, renderProblemText(ctx.locale, refused)));
  await client.views.open({
    trigger_id: triggerId,
    view: renderNewCallbackModal(ctx.locale, modalMetadata(ctx, ctx.service!._id)),
  });
}

/** `/callback assign` and a callback's Assign… button: unassigned callbacks, agents with loads, the mode. */
async function openAssignModal(
  deps: SlackDeps,
  ctx: SlackContext,
  actor: Actor | undefined,
  client: WebClient,
  triggerId: string,
  reply: (text: string) => Promise<unknown>,
  preselected: string | undefined,
): Promise<void> {
  const service = ctx.service!;
  const agents = await assignableAgents(deps.callbacks, actor, service._id);
  if (!agents.ok) return void (await reply(renderProblemText(ctx.locale, agents.problem)));
  // A callback picked from its button stays pickable even when it is not among the 100 oldest.
  const pool = await assignmentPool(deps.callbacks, actor, service._id, {
    status: 'unassigned',
    limit: MAX_SELECT_OPTIONS,
    include: preselected,
  });
  if (!pool.ok) return void (await reply(renderProblemText(ctx.locale, pool.problem)));
  const unassigned = pool.value.items;
  await client.views.open({
    trigger_id: triggerId,
    view: renderAssignModal(
      ctx.locale,
      {
        unassigned,
        unassignedTotal: pool.value.total,
        agents: agents.value,
        preselected: preselected ? [preselected] : [],
        timeZone: service.settings.timeZone,
      },
      modalMetadata(ctx, service._id),
    ),
  });
}

async function openAssignFromButton(
  deps: SlackDeps,
  { ack, body, action, client, respond }: ActionArgs<BlockAction<ButtonAction>>,
): Promise<void> {
  await ack();
  const callbackServiceId = await serviceOfCallback(deps.callbacks, action.value ?? '');
  const ctx = await loadSlackContext(deps, client, {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
    serviceId: callbackServiceId,
  });
  const reply = (text: string) =>
    // Buttons on the Home tab have no response_url: say it in a DM instead.
    body.response_url
      ? respond({ response_type: 'ephemeral', replace_original: false, text })
      : client.chat.postMessage({ channel: body.user.id, text }).then(() => undefined);
  if (!callbackServiceId || !ctx.service)
    return void (await reply(
      renderProblemText(ctx.locale, { code: 'not_found', message: 'callbacks.notFound' }),
    ));
  await openAssignModal(
    deps,
    ctx,
    memberActor(ctx.member, 'slack'),
    client,
    body.trigger_id,
    reply,
    action.value,
  );
}

/** `/callback unassign`: open callbacks per agent, and the assigned ones to return to the pool. */
async function openUnassignModal(
  deps: SlackDeps,
  ctx: SlackContext,
  actor: Actor | undefined,
  client: WebClient,
  triggerId: string,
  respond: RespondFn,
): Promise<void> {
  const service = ctx.service!;
  const loads = await openLoads(deps.callbacks, actor, service._id);
  if (!loads.ok) return void (await respond(problemReply(ctx, loads.problem)));
  const assigned = await assignmentPool(deps.callbacks, actor, service._id, {
    status: 'assigned',
    limit: MAX_SELECT_OPTIONS,
  });
  if (!assigned.ok) return void (await respond(problemReply(ctx, assigned.problem)));
  await client.views.open({
    trigger_id: triggerId,
    view: renderUnassignModal(
      ctx.locale,
      {
        loads: loads.value,
        assigned: assigned.value.items,
        names: new Map(loads.value.map((l) => [l.agentId, l.name])),
        timeZone: service.settings.timeZone,
      },
      modalMetadata(ctx, service._id),
    ),
  });
}

/** `/callback stats [day|month] [range]` (admins): the processing status as tables, with an export button. */
async function showStats(
  deps: SlackDeps,
  ctx: SlackContext,
  actor: Actor | undefined,
  { respond, client, userId }: { respond: RespondFn; client: WebClient; userId: string },
  query: { granularity: 'day' | 'month'; fromDay: string; toDay: string },
): Promise<void> {
  const service = ctx.service!;
  const range = dayRangeIn(service.settings.timeZone, query.fromDay, query.toDay);
  if (!range.ok || !range.from || !range.to)
    return void (await ephemeral(respond, translate(ctx.locale, 'cbcmd.stats.usage')));
  const stats = await callbackStats(deps.callbacks, actor, service._id, {
    granularity: query.granularity,
    from: range.from,
    to: range.to,
  });
  if (!stats.ok) return void (await respond(problemReply(ctx, stats.problem)));
  const message = renderCallbackStats(ctx.locale, stats.value, { ...query, serviceId: service._id });
  await ephemeral(respond, message.text, message.blocks);
  // Where a chart helps (two periods or more with callbacks), it follows in the admin's DM: an ephemeral message
  // cannot carry a file, and the channel is not the place for an admin's figures.
  const bars = stats.value.periods.map((p) => ({
    period: p.key ?? '',
    received: p.received,
    completed: p.completed,
  }));
  if (bars.length < 2) return;
  try {
    const dm = await client.conversations.open({ users: userId });
    await client.files.uploadV2({
      channel_id: dm.channel!.id!,
      file: renderStatsChartPng(bars),
      filename: `callback-stats-${query.fromDay}-${query.toDay}.png`,
      title: translate(ctx.locale, 'cbcmd.stats.chartTitle', { from: query.fromDay, to: query.toDay }),
      initial_comment: translate(ctx.locale, 'cbcmd.stats.chartLegend'),
    });
  } catch (error) {
    deps.log.warn({ err: error }, 'callback stats chart not delivered');
    await ephemeral(respond, translate(ctx.locale, 'cbcmd.stats.chartFailed'));
  }
}

function problemReply(ctx: SlackContext, problem: Problem) {
  return {
    response_type: 'ephemeral' as const,
    replace_original: false,
    text: renderProblemText(ctx.locale, problem),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Modal submissions

/** Field problems inline; a problem without fields (a refusal, callbacks switched off) under `fallbackBlock`. */
function inlineErrors(
  ctx: SlackContext,
  problem: Problem,
  values: ViewStateValues,
  blockOf: (field: string) => string,
  fallbackBlock: string,
): { response_action: 'errors'; errors: Record<string, string> } {
  const errors = renderFieldErrors(ctx.locale, problem, (field) => blockIdIn(values, blockOf(field)));
  if (Object.keys(errors).length === 0)
    errors[blockIdIn(values, fallbackBlock)] = renderProblemText(ctx.locale, problem);
  return { response_action: 'errors', errors };
}

const selectedValues = (values: ViewStateValues, blockId: string): string[] =>
  inputOf(values, blockId)?.selected_options?.map((o) => o.value) ?? [];

async function submitNewCallback(deps: SlackDeps, { ack, body, view, client }: ViewArgs): Promise<void> {
  const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
  if (!modal) return void (await ack());
  const { metadata, ctx } = modal;
  const values = view.state.values as ViewStateValues;
  // Slack sends the picked date-time as Unix seconds; the use case takes ISO 8601.
  const preferred = (
    inputOf(values, NEW_BLOCKS.preferredAt) as { selected_date_time?: number | null } | undefined
  )?.selected_date_time;
  const result = await receiveCallback(
    deps.callbacks,
    memberActor(ctx.member, 'slack'),
    metadata.serviceId,
    {
      phone: inputOf(values, NEW_BLOCKS.phone)?.value ?? '',
      name: inputOf(values, NEW_BLOCKS.name)?.value ?? null,
      note: inputOf(values, NEW_BLOCKS.note)?.value ?? null,
      preferredAt: preferred ? new Date(preferred * 1000).toISOString() : null,
    },
    { defaultSource: 'manual' },
  );
  if (!result.ok)
    return void (await ack(inlineErrors(ctx, result.problem, values, newModalBlockOf, NEW_BLOCKS.phone)));
  await ack();
  await tellPerson(
    client,
    metadata.channelId,
    body.user.id,
    renderIntakeConfirmation(ctx.locale, result.value.callback, result.value.outcome),
  );
}

async function submitAssignment(deps: SlackDeps, args: ViewArgs): Promise<void> {
  const { ack, body, view, client } = args;
  const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
  if (!modal) return void (await ack());
  const { metadata, ctx } = modal;
  const values = view.state.values as ViewStateValues;
  const picked = selectedValues(values, ASSIGN_BLOCKS.callbacks);
  const oldestText = inputOf(values, ASSIGN_BLOCKS.oldest)?.value?.trim() ?? '';
  const oldest = oldestText ? Number(oldestText) : undefined;
  const oldestBlock = blockIdIn(values, ASSIGN_BLOCKS.oldest);
  if (oldest !== undefined && (!Number.isInteger(oldest) || oldest < 1 || oldest > 10_000))
    return void (await ack({
      response_action: 'errors',
      errors: { [oldestBlock]: translate(ctx.locale, 'cbcmd.assign.oldestInvalid') },
    }));
  if (oldest !== undefined && picked.length > 0)
    return void (await ack({
      response_action: 'errors',
      errors: { [oldestBlock]: translate(ctx.locale, 'cbcmd.assign.pickOrOldest') },
    }));
  const mode = inputOf(values, ASSIGN_BLOCKS.mode)?.selected_option?.value === 'manual' ? 'manual' : 'even';
  const work = assignCallbacks(deps.callbacks, memberActor(ctx.member, 'slack'), metadata.serviceId, {
    callbackIds: picked,
    oldest,
    agentIds: selectedValues(values, ASSIGN_BLOCKS.agents),
    mode,
  });
  // "Pick callbacks" problems belong where the person picks: the list if the modal has one, else "oldest N".
  const callbacksBlock = values[blockIdIn(values, ASSIGN_BLOCKS.callbacks)]
    ? ASSIGN_BLOCKS.callbacks
    : ASSIGN_BLOCKS.oldest;
  const blockOf = (field: string) => (field === 'callbacks' ? callbacksBlock : ASSIGN_BLOCKS.agents);
  const done = (report: AssignmentReport) => renderAssignmentSummary(ctx.locale, report);
  await answerSubmission(deps, args, ctx, 'cbcmd.assign.title', work, {
    inTime: (result) =>
      result.ok
        ? { response_action: 'update', view: done(result.value) }
        : inlineErrors(ctx, result.problem, values, blockOf, ASSIGN_BLOCKS.agents),
    done,
  });
}

async function submitUnassignment(deps: SlackDeps, args: ViewArgs): Promise<void> {
  const { ack, body, view, client } = args;
  const modal = await loadModalContext(deps, client, body.user.id, view.private_metadata);
  if (!modal) return void (await ack());
  const { metadata, ctx } = modal;
  const values = view.state.values as ViewStateValues;
  const work = unassignCallbacks(
    deps.callbacks,
    memberActor(ctx.member, 'slack'),
    metadata.serviceId,
    selectedValues(values, UNASSIGN_BLOCKS.callbacks),
    selectedValues(values, UNASSIGN_BLOCKS.agents),
  );
  const done = (report: Parameters<typeof renderUnassignSummary>[1]) =>
    renderUnassignSummary(ctx.locale, report);
  await answerSubmission(deps, args, ctx, 'cbcmd.unassign.title', work, {
    inTime: (result) =>
      result.ok
        ? { response_action: 'update', view: done(result.value) }
        : inlineErrors(
            ctx,
            result.problem,
            values,
            () => UNASSIGN_BLOCKS.callbacks,
            UNASSIGN_BLOCKS.callbacks,
          ),
    done,
  });
}

/**
 * An ephemeral line where the modal was opened; in a DM with the app when that is not possible (the app is not in
 * the channel, or the command was typed in a DM with someone else).
 */
async function tellPerson(client: WebClient, channelId: string, userId: string, text: string): Promise<void> {
  try {
    if (channelId) {
      await client.chat.postEphemeral({ channel: channelId, user: userId, text });
      return;
    }
  } catch {
    // Fall through to the DM.
  }
  await client.chat.postMessage({ channel: userId, text });
}
