import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { StatsGranularity } from '../../../domain/stats-periods.js';
import { renderStatsChartPng } from '../../../exports/stats-chart.js';
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
  const bars = stats.value.periods.map((p) => ({
    period: p.key ?? '',
    received: p.received,
    completed: p.completed,
    cancelled: p.cancelled,
  }));
  // Empty periods are zero rows now; a chart is for two periods or more that have callbacks.
  if (bars.filter((b) => b.received > 0).length < 2) return;
  try {
    const dm = await client.conversations.open({ users: userId });
    await client.files.uploadV2({
      channel_id: dm.channel!.id!,
      file: renderStatsChartPng(bars),
      filename: `callback-stats-${query.fromDay}-${query.toDay}.png`,
      title: translate(ctx.locale, 'cbcmd.stats.chartTitle', { from: query.fromDay, to: query.toDay }),
      initial_comment: translate(ctx.locale, 'cbcmd.stats.chartLegend'),
      // What the image shows, for people using a screen reader.
      alt_text: translate(ctx.locale, 'install.chartAltText', {
        from: query.fromDay,
        to: query.toDay,
        received: bars.reduce((sum, b) => sum + b.received, 0),
        completed: bars.reduce((sum, b) => sum + b.completed, 0),
      }),
    });
  } catch (error) {
    deps.log.warn({ err: error }, 'callback stats chart not delivered');
    await ephemeral(respond, translate(ctx.locale, 'cbcmd.stats.chartFailed'));
  }
}
