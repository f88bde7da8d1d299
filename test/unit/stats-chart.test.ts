import { describe, expect, it } from '@jest/globals';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHART_COLOURS,
  CHART_FONT_FAMILY,
  loadChartFonts,
  MAX_CHART_PERIODS,
  renderStatsChart,
  type StatsChartInput,
  type StatsChartPeriod,
} from '../../src/exports/stats-chart.js';

/**
 * The chart is read back as pixels: where the bars are (by their colours), and where the dark text is. Labels are
 * checked as ink, not read (no OCR): one separate patch of ink under each day's bars, no two alike, none blank.
 * The PNGs go to test-artifacts/ for a person to look at, with a copy at the width of Slack's preview.
 */
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
type Series = keyof typeof CHART_COLOURS;
const SERIES: Series[] = ['received', 'completed', 'cancelled'];

const hex = (colour: string) => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
const SERIES_RGB = SERIES.map((s) => hex(CHART_COLOURS[s]));
/**
 * Text is dark grey on white; bars are saturated colours and grid lines are light. (No `Math` in the per-pixel
 * code: in Jest's module sandbox every global lookup is slow, and these run for every pixel.)
 */
function isInk(r: number, g: number, b: number): boolean {
  const hi = r > g ? (r > b ? r : b) : g > b ? g : b;
  const lo = r < g ? (r < b ? r : b) : g < b ? g : b;
  return hi < 150 && hi - lo < 40;
}
const near = (a: number, b: number) => a - b <= 2 && b - a <= 2;

interface Picture {
  width: number;
  height: number;
  /** Dark grey text. */
  ink(x: number, y: number): boolean;
  /** A bar's (or legend swatch's) colour. */
  is(x: number, y: number, series: Series): boolean;
}

/** Worked out once per picture as two bytes a pixel: the checks look at millions of pixels. */
async function read(png: Buffer): Promise<Picture> {
  const image = await loadImage(png);
  const { width, height } = image;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, width, height);
  const ink = new Uint8Array(width * height);
  const series = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < ink.length; i++, j += 4) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    ink[i] = isInk(r, g, b) ? 1 : 0;
    for (let k = 0; k < SERIES_RGB.length; k++) {
      const c = SERIES_RGB[k]!;
      if (near(c[0]!, r) && near(c[1]!, g) && near(c[2]!, b)) series[i] = k + 1;
    }
  }
  const index = (x: number, y: number) =>
    x >= 0 && x < width && y >= 0 && y < height ? (y | 0) * width + (x | 0) : -1;
  return {
    width,
    height,
    ink: (x, y) => ink[index(x, y)] === 1,
    is: (x, y, s) => series[index(x, y)] === 1 + SERIES.indexOf(s),
  };
}

/** Runs of columns in [y0, y1) that hold ink, merged where less than `gap` blank columns part them. */
function inkColumns(pic: Picture, y0: number, y1: number, x0 = 0, x1 = pic.width, gap = 8) {
  const runs: { from: number; to: number }[] = [];
  for (let x = x0; x < x1; x++) {
    let ink = false;
    for (let y = y0; y < y1 && !ink; y++) ink = pic.ink(x, y);
    if (!ink) continue;
    const last = runs.at(-1);
    if (last && x - last.to <= gap) last.to = x;
    else runs.push({ from: x, to: x });
  }
  return runs;
}

/** The ink of a box as a string of 0/1, cropped to the ink: equal strings are equal pictures. */
function inkMask(pic: Picture, x0: number, x1: number, y0: number, y1: number): string {
  const rows: string[] = [];
  for (let y = y0; y < y1; y++) {
    let row = '';
    for (let x = x0; x <= x1; x++) row += pic.ink(x, y) ? '1' : '0';
    rows.push(row);
  }
  while (rows.length && !rows[0]!.includes('1')) rows.shift();
  while (rows.length && !rows.at(-1)!.includes('1')) rows.pop();
  return rows.join('\n');
}

/** Each series' bars, left to right, found on the row just above the baseline (the lowest row with a bar). */
function barsOf(pic: Picture) {
  let baseline = -1;
  for (let y = pic.height - 1; y >= 0 && baseline < 0; y--)
    for (let x = 0; x < pic.width && baseline < 0; x += 2) if (pic.is(x, y, 'received')) baseline = y;
  const bars: { series: Series; from: number; to: number; top: number }[] = [];
  for (const series of SERIES) {
    let start = -1;
    for (let x = 0; x <= pic.width; x++) {
      const on = x < pic.width && pic.is(x, baseline - 1, series);
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        const mid = Math.floor((start + x - 1) / 2);
        let top = baseline - 1;
        while (top > 0 && pic.is(mid, top - 1, series)) top--;
        bars.push({ series, from: start, to: x - 1, top });
        start = -1;
      }
    }
  }
  return { baseline, bars };
}

/** The band of the date labels: from just under the baseline to the first blank row after ink. */
function labelBand(pic: Picture, baseline: number, x0: number, x1: number) {
  let y = baseline + 4;
  const rowHasInk = (row: number) => {
    for (let x = x0; x < x1; x++) if (pic.ink(x, row)) return true;
    return false;
  };
  while (y < pic.height && !rowHasInk(y)) y++;
  const top = y;
  while (y < pic.height && rowHasInk(y)) y++;
  if (top >= pic.height) throw new Error(`no label under the baseline (${baseline})`);
  return { top, bottom: y };
}

const WEEK: StatsChartPeriod[] = [
  { period: '2026-11-24', received: 10, completed: 5, cancelled: 1 },
  { period: '2026-11-25', received: 4, completed: 3, cancelled: 1 },
  { period: '2026-11-26', received: 7, completed: 2, cancelled: 2 },
  { period: '2026-11-27', received: 6, completed: 4, cancelled: 2 },
  { period: '2026-11-28', received: 12, completed: 9, cancelled: 3 },
  { period: '2026-11-29', received: 3, completed: 1, cancelled: 1 },
  { period: '2026-11-30', received: 8, completed: 6, cancelled: 1 },
];
const week = (locale: 'ko' | 'en', periods = WEEK): StatsChartInput => ({
  locale,
  granularity: 'day',
  fromDay: '2026-11-24',
  toDay: '2026-11-30',
  timeZone: 'Asia/Seoul',
  periods,
});

/** Saves the chart, and a copy at 480 pixels wide: about what Slack's preview shows in the conversation. */
async function save(name: string, png: Buffer): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.png`), png);
  const image = await loadImage(png);
  const preview = createCanvas(480, Math.round((480 * image.height) / image.width));
  preview.getContext('2d').drawImage(image, 0, 0, preview.width, preview.height);
  writeFileSync(join(ARTIFACTS, `${name}-preview-480.png`), preview.toBuffer('image/png'));
}

/** Checks the week's chart and returns the masks of its date labels and legend words. */
async function checkWeek(png: Buffer) {
  const pic = await read(png);
  expect([pic.width, pic.height]).toEqual([1600, 960]);
  const { baseline, bars } = barsOf(pic);
  // Three bars a day, in order received, completed, cancelled, the received ones as tall as their values say.
  const bySeries = (s: Series) => bars.filter((b) => b.series === s);
  for (const s of SERIES) expect(bySeries(s)).toHaveLength(WEEK.length);
  const groups = WEEK.map((_, i) => {
    const [r, c, x] = SERIES.map((s) => bySeries(s)[i]!);
    expect(r!.to).toBeLessThan(c!.from);
    expect(c!.to).toBeLessThan(x!.from);
    return { from: r!.from, to: x!.to, centre: (r!.from + x!.to) / 2 };
  });
  const unit = (baseline - bySeries('received')[4]!.top) / 12; // 11-28's received bar stands for 12
  WEEK.forEach((p, i) => expect((baseline - bySeries('received')[i]!.top) / unit).toBeCloseTo(p.received, 0));

  // Every bar carries its value: ink just above its top, within its slot.
  for (const bar of bars) {
    const over = inkColumns(pic, bar.top - 40, bar.top - 2, bar.from - 6, bar.to + 7, 2);
    expect(over.length).toBeGreaterThan(0);
  }

  // One patch of ink per date under its own bars, narrower than the day's slot: no label runs into the next.
  const slot = groups[1]!.centre - groups[0]!.centre;
  // (From the first bar on: the scale's 0 stands level with the dates, left of the plot.)
  const [x0, x1] = [groups[0]!.from - 15, groups.at(-1)!.to + 15];
  const band = labelBand(pic, baseline, x0, x1);
  const labels = inkColumns(pic, band.top, band.bottom, x0, x1);
  expect(labels).toHaveLength(WEEK.length);
  labels.forEach((label, i) => {
    expect(Math.abs((label.from + label.to) / 2 - groups[i]!.centre)).toBeLessThan(slot / 4);
    expect(label.to - label.from).toBeLessThan(slot * 0.9);
  });
  // Seven different dates look different (11-25 and 11-29 once came out alike).
  const dateMasks = labels.map((l) => inkMask(pic, l.from, l.to, band.top, band.bottom));
  expect(new Set(dateMasks).size).toBe(WEEK.length);

  // The legend: a swatch of each colour above the plot, each followed by its word.
  const plotTop = Math.min(...bars.map((b) => b.top));
  let legendRow = -1;
  for (let y = 0; y < plotTop - 40 && legendRow < 0; y++)
    for (let x = 0; x < pic.width; x += 2) if (pic.is(x, y, 'received')) legendRow = y + 10;
  expect(legendRow).toBeGreaterThan(0);
  const swatches = SERIES.map((s) => {
    let x = 0;
    while (x < pic.width && !pic.is(x, legendRow, s)) x++;
    let end = x;
    while (end < pic.width && pic.is(end, legendRow, s)) end++;
    return { from: x, to: end };
  });
  // 18 units at twice the pixels, give or take an anti-aliased edge.
  for (const w of swatches) expect(Math.abs(w.to - w.from - 36)).toBeLessThanOrEqual(2);
  const legendWords = swatches.map((w, i) => {
    const next = swatches[i + 1]?.from ?? pic.width;
    const [word] = inkColumns(pic, legendRow - 24, legendRow + 24, w.to + 1, next, 16);
    expect(word).toBeDefined();
    return inkMask(pic, word!.from, word!.to, legendRow - 24, legendRow + 24);
  });
  // Three different words: glyphs missing from the font would all draw as the same empty boxes.
  expect(new Set(legendWords).size).toBe(3);

  // Title and range above the legend; the axis titles and the scale beside and under the plot.
  const titleRows = inkColumns(pic, 0, legendRow - 30);
  expect(titleRows.length).toBeGreaterThan(0);
  const underLabels = inkColumns(pic, band.bottom + 4, pic.height);
  expect(underLabels).toHaveLength(1); // the x axis title, centred
  expect(Math.abs((underLabels[0]!.from + underLabels[0]!.to) / 2 - pic.width / 2)).toBeLessThan(
    pic.width / 8,
  );
  const scale = inkColumns(pic, plotTop, baseline, 0, groups[0]!.from - 4, 4);
  expect(scale.length).toBeGreaterThanOrEqual(2); // the y axis title and its numbers
  const title = inkMask(pic, 0, pic.width - 1, 0, legendRow - 30);
  return { dateMasks, legendWords, title };
}

describe('processing status chart (PNG)', () => {
  it('draws title, legend, axes, values and a readable date under each day’s bars, in Korean and English', async () => {
    const ko = await renderStatsChart(week('ko'));
    const en = await renderStatsChart(week('en'));
    await save('stats-chart-ko', ko.png);
    await save('stats-chart-en', en.png);
    const [k, e] = [await checkWeek(ko.png), await checkWeek(en.png)];
    // Same dates in both languages; the words differ (접수 / 완료 / 취소 against Received / Completed / Cancelled).
    expect(k.dateMasks).toEqual(e.dateMasks);
    k.legendWords.forEach((word, i) => expect(word).not.toEqual(e.legendWords[i]));
    expect(k.title).not.toEqual(e.title);
    expect([ko.width, ko.height]).toEqual([1600, 960]);

    expect(ko.altText).toContain('콜백 처리 현황');
    expect(ko.altText).toContain('2026-11-28 접수 12, 완료 9, 취소 3');
    expect(en.altText).toContain('2026-11-28 received 12, completed 9, cancelled 3');
  });

  it('draws days without callbacks as empty slots with their date, and months by calendar month', async () => {
    const sparse = await renderStatsChart(week('ko', [WEEK[0]!, WEEK[4]!]));
    const pic = await read(sparse.png);
    const { baseline, bars } = barsOf(pic);
    expect(bars.filter((b) => b.series === 'received')).toHaveLength(2);
    // Seven dates still, so the gap between the two busy days shows.
    const x0 = Math.min(...bars.map((b) => b.from)) - 15;
    const band = labelBand(pic, baseline, x0, pic.width - 30);
    expect(inkColumns(pic, band.top, band.bottom, x0, pic.width - 30)).toHaveLength(7);
    expect(sparse.altText).not.toContain('11-25');

    const months = await renderStatsChart({
      locale: 'en',
      granularity: 'month',
      fromDay: '2026-09-01',
      toDay: '2026-11-30',
      timeZone: 'Asia/Seoul',
      periods: [
        { period: '2026-09', received: 240, completed: 200, cancelled: 12 },
        { period: '2026-11', received: 31, completed: 20, cancelled: 4 },
      ],
    });
    await save('stats-chart-months-en', months.png);
    const mpic = await read(months.png);
    const m = barsOf(mpic);
    expect(m.bars.filter((b) => b.series === 'cancelled')).toHaveLength(2);
    const mx0 = Math.min(...m.bars.map((b) => b.from)) - 15;
    const mband = labelBand(mpic, m.baseline, mx0, mpic.width - 30);
    expect(inkColumns(mpic, mband.top, mband.bottom, mx0, mpic.width - 30)).toHaveLength(3);
  });

  it('draws weeks (Monday keys, as the stats give them, zeros included) with a week title and a date per week', async () => {
    const weeks = await renderStatsChart({
      locale: 'ko',
      granularity: 'week',
      fromDay: '2026-11-09',
      toDay: '2026-11-30',
      timeZone: 'Asia/Seoul',
      periods: [
        { period: '2026-11-09', received: 14, completed: 10, cancelled: 2 },
        { period: '2026-11-16', received: 0, completed: 0, cancelled: 0 },
        { period: '2026-11-23', received: 9, completed: 6, cancelled: 1 },
        { period: '2026-11-30', received: 3, completed: 1, cancelled: 0 },
      ],
    });
    await save('stats-chart-weeks-ko', weeks.png);
    const pic = await read(weeks.png);
    const { baseline, bars } = barsOf(pic);
    expect(bars.filter((b) => b.series === 'received')).toHaveLength(3);
    const x0 = Math.min(...bars.map((b) => b.from)) - 15;
    const band = labelBand(pic, baseline, x0, pic.width - 30);
    expect(inkColumns(pic, band.top, band.bottom, x0, pic.width - 30)).toHaveLength(4);
    expect(weeks.altText).toContain('콜백 처리 현황 (주별)');
    expect(weeks.altText).toContain('2026-11-23 접수 9, 완료 6, 취소 1');
  });

  it('keeps the last 31 days of a long range, every date and value still apart', async () => {
    const periods = Array.from({ length: 45 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10);
      return { period: day, received: 100 + i, completed: 90, cancelled: 1 + (i % 3) };
    });
    const chart = await renderStatsChart({
      locale: 'ko',
      granularity: 'day',
      fromDay: '2026-10-01',
      toDay: '2026-11-14',
      timeZone: 'Asia/Seoul',
      periods,
    });
    await save('stats-chart-31-days-ko', chart.png);
    const pic = await read(chart.png);
    expect([pic.width, pic.height]).toEqual([3200, 960]);
    const { baseline, bars } = barsOf(pic);
    const received = bars.filter((b) => b.series === 'received');
    expect(received).toHaveLength(MAX_CHART_PERIODS);
    const x0 = received[0]!.from - 20;
    const band = labelBand(pic, baseline, x0, pic.width - 20);
    expect(inkColumns(pic, band.top, band.bottom, x0, pic.width - 20, 10)).toHaveLength(MAX_CHART_PERIODS);
    for (const bar of bars)
      expect(inkColumns(pic, bar.top - 60, bar.top - 2, bar.from, bar.to + 1, 2).length).toBe(1);
    // Slack takes at most 1000 characters of alt text: the first days are named, the rest counted.
    expect(chart.altText.length).toBeLessThanOrEqual(1000);
    expect(chart.altText).toMatch(/외 \d+개 기간$/);
  });

  it('sets its words in Noto Sans KR, regular and bold, loaded from the npm package rather than the system', () => {
    loadChartFonts();
    const family = GlobalFonts.families.find((f) => f.family === CHART_FONT_FAMILY);
    expect(family?.styles.map((s) => s.weight).sort()).toEqual([400, 700]);
  });
});
