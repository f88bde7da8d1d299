import { CALLBACK_SEARCH_MAX_LENGTH } from '../../../domain/callback-search.js';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { z } from 'zod';
import { STATS_GRANULARITIES } from '../../../domain/stats-periods.js';
import { removeWorkbook } from '../../../exports/callback-workbooks.js';
import { translate } from '../../../i18n/index.js';
import type {
  CallbackExport,
  ListExportQuery,
  StatsExportQuery,
} from '../../../usecases/callback-exports.js';
import { LIST_SCOPES } from '../../../usecases/callbacks.js';
import type { Result } from '../../../usecases/result.js';
import { renderProblemText } from '../../blocks/problem.js';
import { CALLBACK_ACTIONS } from '../../action-ids.js';
import { loadActionContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { replyWhereActed, whereClicked } from '../../reply.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The button values the list and stats messages carry (`serviceId` when the message is not in a linked channel). */
const listButtonSchema = z.object({
  scope: z.enum(LIST_SCOPES),
  fromDay: day.optional(),
  toDay: day.optional(),
  /** The list's search, so the file holds what the list showed. */
  q: z.string().max(CALLBACK_SEARCH_MAX_LENGTH).optional(),
  serviceId: z.string().optional(),
});
const statsButtonSchema = z.object({
  granularity: z.enum(STATS_GRANULARITIES),
  fromDay: day.optional(),
  toDay: day.optional(),
  serviceId: z.string().optional(),
});

type Kind = 'list' | 'stats';
type ExportArgs = ActionArgs<BlockAction<ButtonAction>>;

/**
 * Excel exports of the callback list and the processing status, uploaded to the requester's DM.
 *
 * The click is acknowledged at once and answered with a short "preparing" note where the person clicked, every
 * time: how many rows there are is only known once the cursor has been read (a count first would be a second
 * full scan on FerretDB), and even a small export takes a few round trips to Slack, so a button that stays silent
 * for seconds would look broken. The file itself goes to the DM (it is personal: an agent's export holds their
 * own callbacks), the temp file is deleted whatever happens, and every refusal or failure is answered ephemerally.
 */
export function registerCallbackExports(app: App, deps: SlackDeps): void {
  // One export per person and kind at a time (per instance): a second click while the first runs is told so
  // instead of building the same workbook twice.
  const running = new Set<string>();
  for (const kind of ['list', 'stats'] as const)
    app.action<BlockAction<ButtonAction>>(
      kind === 'list' ? CALLBACK_ACTIONS.exportList : CALLBACK_ACTIONS.exportStats,
      replyOnFailure<ExportArgs>(deps.log, async (args) => {
        await args.ack();
        await runExport(deps, kind, args, running);
      }),
    );
}

async function runExport(deps: SlackDeps, kind: Kind, args: ExportArgs, running: Set<string>) {
  const { body, action, client } = args;
  const value = parseValue(kind, action.value);
  const ctx = await loadActionContext(deps, client, body, value?.serviceId);
  const tell = (text: string) => replyWhereActed(whereClicked(args), { text });
  if (!value) return tell(`:warning: ${translate(ctx.locale, 'callbackExport.invalidButton')}`);
  if (!ctx.service) return tell(`:warning: ${translate(ctx.locale, 'service.notLinked')}`);
  const what = translate(
    ctx.locale,
    kind === 'list' ? 'callbackExport.what.list' : 'callbackExport.what.stats',
  );
  const key = `${ctx.service._id}:${ctx.person.identity}:${kind}`;
  if (running.has(key)) return tell(translate(ctx.locale, 'callbackExport.busy', { what }));
  running.add(key);
  try {
    await tell(translate(ctx.locale, 'callbackExport.preparing', { what }));
    const { callbacks } = deps.usecases;
    const result: Result<CallbackExport> =
      value.kind === 'list'
        ? await callbacks.exportCallbackList(ctx.actor, ctx.service._id, value.query, ctx.locale)
        : await callbacks.exportCallbackStats(ctx.actor, ctx.service._id, value.query, ctx.locale);
    if (!result.ok) return tell(renderProblemText(ctx.locale, result.problem));
    const exported = result.value;
    try {
      const dm = await client.conversations.open({ users: body.user.id });
      const channel = dm.channel?.id;
      if (!channel) throw new Error('conversations.open answered without a channel id');
      const comment = [
        translate(ctx.locale, 'callbackExport.ready', {
          what,
          rows: exported.rows.toLocaleString('en-US'),
          range: exported.rangeLabel,
          zone: exported.timeZone,
        }),
        exported.ownOnly ? translate(ctx.locale, 'callbackExport.ownOnly') : '',
      ]
        .filter(Boolean)
        .join(' ');
      await client.files.uploadV2({
        channel_id: channel,
        file: exported.path,
        filename: exported.filename,
        title: exported.filename.replace(/\.xlsx$/, ''),
        initial_comment: comment,
      });
      deps.log.info(
        { kind, serviceId: ctx.service._id, rows: exported.rows, user: body.user.id },
        'callback export uploaded',
      );
    } catch (error) {
      // Slack refusing (e.g. `not_allowed_token_type`, `file_upload_disabled`) is worth telling in its own words;
      // anything else is a bug for the guard to log with a reference.
      if (!isPlatformError(error)) throw error;
      deps.log.warn({ err: error, kind, serviceId: ctx.service._id }, 'callback export upload refused');
      return tell(
        `:warning: ${translate(ctx.locale, 'callbackExport.uploadFailed', { error: error.data.error })}`,
      );
    } finally {
      await removeWorkbook(exported.path);
    }
  } finally {
    running.delete(key);
  }
}

type ExportRequest = { serviceId?: string } & (
  { kind: 'list'; query: ListExportQuery } | { kind: 'stats'; query: StatsExportQuery }
);

function parseValue(kind: Kind, raw: string | undefined): ExportRequest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    return undefined;
  }
  if (kind === 'list') {
    const parsed = listButtonSchema.safeParse(json);
    if (!parsed.success) return undefined;
    const { serviceId, ...query } = parsed.data;
    return { kind, serviceId, query };
  }
  const parsed = statsButtonSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { serviceId, ...query } = parsed.data;
  return { kind, serviceId, query };
}

function isPlatformError(error: unknown): error is WebAPIPlatformError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === ErrorCode.PlatformError
  );
}
