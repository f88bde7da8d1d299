import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { StatsGranularity } from '../../../domain/stats-periods.js';
import type { StatsChart } from '../../../exports/stats-chart.js';
import { chartOfStats } from '../../../usecases/callback-stats.js';
import { translate } from '../../../i18n/index.js';
import { renderCallbackStats } from '../../blocks/callback-stats.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeral, ephemeralBeside } from '../../reply.js';

/** `/callback stats [day|week|month] [range]` (admins): the processing status as tables, with an export button. */
export async function showCallbackStats(
  deps: SlackDeps,
  ctx: SlackContext,
  { respond, client, userId }: { respond: RespondFn; client: WebClient; userId: string },
  query: { granularity: StatsGranularity; fromDay: string; toDay: string },
): Promise<void> {
  const service = ctx.service!;
  const stats = await deps.usecases.callbacks.callbackStats(ctx.actor, service._id, query);
  if (!stats.ok) return void (await ephemeralBeside(respond, renderProblemText(ctx.locale, stats.problem)));
  const message = renderCallbackStats(ctx.locale, stats.value, { ...query, serviceId: service._id });
  await ephemeral(respond, message.text, message.blocks);
  // Where a chart helps (two periods or more with callbacks), it follows in the admin's DM: an ephemeral message
  // cannot carry a file, and the channel is not the place for an admin's figures.
  let chart: StatsChart | undefined;
  try {
    chart = await chartOfStats(stats.value, query, ctx.locale);
  } catch (error) {
    // Ours to fix (a missing font names itself here), not Slack's: an error, not a warning.
    deps.log.error({ err: error }, 'callback stats chart not drawn');
    return void (await ephemeral(respond, translate(ctx.locale, 'cbcmd.stats.chartFailed')));
  }
  if (!chart) return;
  try {
    const range = { from: query.fromDay, to: query.toDay };
    const dm = await client.conversations.open({ users: userId });
    await client.files.uploadV2({
      channel_id: dm.channel!.id!,
      file: chart.png,
      filename: `callback-stats-${query.fromDay}-${query.toDay}.png`,
      title: translate(ctx.locale, 'statsChart.fileTitle', range),
      alt_text: chart.altText,
      initial_comment: translate(ctx.locale, 'statsChart.comment', {
        ...range,
        title: translate(ctx.locale, 'callbackStats.title'),
      }),
    });
  } catch (error) {
    deps.log.warn({ err: error }, 'callback stats chart not delivered');
    await ephemeral(respond, translate(ctx.locale, 'cbcmd.stats.chartFailed'));
  }
}
