import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { STATS_FIGURES, type StatsFigure } from '../../domain/stats-periods.js';
import type { CallbackStats, StatsRow } from '../../usecases/callback-stats.js';
import { context, header, plain, section } from './text.js';
import { CALLBACK_ACTIONS } from '../action-ids.js';

/** Korean (and other wide) characters take two columns in Slack's monospace font. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

function clipWidth(text: string, width: number): string {
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width) return `${out.slice(0, -1)}…`;
    out += ch;
  }
  return out;
}

const percent = (rate: number | null) => (rate === null ? '-' : `${Math.round(rate * 1000) / 10}%`);
const minutes = (m: number | null) => (m === null ? '-' : String(m));

function cell(row: StatsRow, figure: StatsFigure): string {
  if (figure === 'completionRate') return percent(row.completionRate);
  if (figure === 'medianMinutesToComplete') return minutes(row.medianMinutesToComplete);
  return String(row[figure]);
}

/** Rows as monospace lines: a label column, then the figures in `STATS_FIGURES` order (the Excel sheets' too). */
function tableLines(locale: Locale, first: string, rows: { label: string; row: StatsRow }[]): string[] {
  const columns = STATS_FIGURES.map((f) => translate(locale, `callbackStats.col.${f}`));
  const labelWidth = Math.min(20, Math.max(displayWidth(first), ...rows.map((r) => displayWidth(r.label))));
  const widths = columns.map((c) => Math.max(6, displayWidth(c)));
  const line = (label: string, cells: string[]) =>
    [padEnd(clipWidth(label, labelWidth), labelWidth), ...cells.map((c, i) => padStart(c, widths[i]!))].join(
      ' ',
    );
  return [
    line(first, columns),
    ...rows.map(({ label, row }) =>
      line(
        label,
        STATS_FIGURES.map((f) => cell(row, f)),
      ),
    ),
  ];
}

/** Code blocks of at most ~2,900 characters each (a section holds 3,000). */
function codeSections(lines: string[], maxSections: number): { blocks: KnownBlock[]; shown: number } {
  const chunks: string[][] = [[]];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > 2880 && chunks[chunks.length - 1]!.length > 0) {
      if (chunks.length === maxSections) break;
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1]!.push(line);
    size += line.length + 1;
  }
  return {
    blocks: chunks.map((c) => section('```\n' + c.join('\n') + '\n```')),
    shown: chunks.reduce((n, c) => n + c.length, 0),
  };
}

export interface StatsRange {
  serviceId: string;
  fromDay: string;
  toDay: string;
}

/**
 * `/callback stats`: per period and per agent as monospace tables, each with the total, the formula the columns
 * follow, and an Excel export button (whose sheets have the same columns).
 */
export function renderCallbackStats(
  locale: Locale,
  stats: CallbackStats,
  range: StatsRange,
): { text: string; blocks: KnownBlock[] } {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const title = t('callbackStats.title');
  const blocks: KnownBlock[] = [
    header(title),
    context(
      t('callbackStats.range', {
        from: range.fromDay,
        to: range.toDay,
        granularity: t(`callbackStats.${stats.granularity}`),
        timeZone: stats.timeZone,
        dayStart: stats.dayStart,
      }),
    ),
  ];
  if (stats.total.received === 0) blocks.push(section(t('callbackStats.none')));
  else {
    const total = { label: t('callbackStats.total'), row: stats.total };
    const periods = tableLines(locale, t(`callbackStats.col.${stats.granularity}`), [
      ...stats.periods.map((row) => ({ label: row.label, row })),
      total,
    ]);
    const agents = tableLines(locale, t('callbackStats.col.agent'), [
      ...stats.agents.map((row) => ({
        label: row.key === null ? t('callbackStats.unassigned') : row.label,
        row,
      })),
      total,
    ]);
    // A message holds 50 blocks: the two tables share what is left after the header, context and buttons.
    const byPeriod = codeSections(periods, 20);
    const byAgent = codeSections(agents, 20);
    blocks.push(section(t('callbackStats.byPeriod')), ...byPeriod.blocks);
    blocks.push(section(t('callbackStats.byAgent')), ...byAgent.blocks);
    blocks.push(context(t('callbackStats.formula')));
    if (byPeriod.shown < periods.length || byAgent.shown < agents.length)
      blocks.push(context(t('callbackStats.truncated')));
  }
  blocks.push({
    type: 'actions',
    block_id: 'cb_stats_actions',
    elements: [
      {
        type: 'button',
        text: plain(t('cbcmd.export'), 75),
        action_id: CALLBACK_ACTIONS.exportStats,
        value: JSON.stringify({
          granularity: stats.granularity,
          fromDay: range.fromDay,
          toDay: range.toDay,
          serviceId: range.serviceId,
        }),
      },
    ],
  });
  return { text: title, blocks };
}
