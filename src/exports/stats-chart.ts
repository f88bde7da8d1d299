import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  SubTitle,
  Title,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { createRequire } from 'node:module';
import { periodsBetween, type StatsGranularity } from '../domain/stats-periods.js';
import type { Locale } from '../domain/service-settings.js';
import { translate } from '../i18n/index.js';

/**
 * The processing status as a bar chart (PNG) for chat: per day, week or month, received / completed / cancelled side by
 * side, with a title, the range, a legend, both axes and each bar's value. Chart.js lays it out and
 * @napi-rs/canvas (Skia, its binary inside the npm package) paints it: no browser, no system library. The text is
 * set in Noto Sans KR from the @expo-google-fonts/noto-sans-kr package, so Korean renders the same on any machine
 * that ran `npm ci`. A presenter: it is handed the figures, it never reads the database.
 */

/** One period of the chart: what the caller passes. */
export interface StatsChartPeriod {
  /** `YYYY-MM-DD` (a day, or a week's Monday) or `YYYY-MM` (a month), in the service's time zone. */
  period: string;
  received: number;
  completed: number;
  cancelled: number;
}

export interface StatsChartInput {
  locale: Locale;
  /** A week's period is its Monday `YYYY-MM-DD`, drawn as `MM-DD~` (the week starting that day). */
  granularity: StatsGranularity;
  /** The range asked for, inclusive days `YYYY-MM-DD`: periods inside it without callbacks are drawn as zeros. */
  fromDay: string;
  toDay: string;
  /** The service's time zone, named under the title: the days are its days. */
  timeZone: string;
  periods: readonly StatsChartPeriod[];
}

export interface StatsChart {
  png: Buffer;
  /** Width and height of the PNG in pixels. */
  width: number;
  height: number;
  /** What the image shows, in words, for screen readers (Slack's `alt_text`, at most 1000 characters). */
  altText: string;
}

/** Okabe–Ito colours: told apart with any common colour-vision deficiency. */
export const CHART_COLOURS = { received: '#0072B2', completed: '#009E73', cancelled: '#D55E00' } as const;
const SERIES = ['received', 'completed', 'cancelled'] as const;

/** More periods than this are better read in the table or the export; the chart keeps the last ones. */
export const MAX_CHART_PERIODS = 31;
/** Laid out in these units, painted at twice the pixels: sharp when opened, readable in Slack's smaller preview. */
export const CHART_PIXEL_RATIO = 2;
const HEIGHT = 480;
const ALT_TEXT_LIMIT = 1000;
const INK = '#222222';
/** Sizes are in layout units (half a pixel): at Slack's preview width (about 480 pixels) 16 reads as about 10. */
const VALUE_FONT_SIZE = 16;
export const CHART_FONT_FAMILY = 'Switchboard Chart Sans';

let fontsLoaded = false;

/**
 * Registers Noto Sans KR (regular and bold) under a name of our own, so Skia never picks a system font of the same
 * name. Throws, naming the package to install, when the font files are missing: a chart without Hangul glyphs
 * would go out as empty boxes, which no test of the PNG's size would notice.
 */
export function loadChartFonts(): void {
  if (fontsLoaded) return;
  const require = createRequire(import.meta.url);
  for (const file of [
    '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
    '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
  ]) {
    let path: string;
    try {
      path = require.resolve(file);
    } catch {
      throw new Error(
        `The chart font ${file} is not installed: run \`npm ci\` (it comes with the npm package).`,
      );
    }
    if (!GlobalFonts.registerFromPath(path, CHART_FONT_FAMILY))
      throw new Error(`The chart font ${path} could not be loaded: reinstall with \`npm ci\`.`);
  }
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, SubTitle);
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.color = INK;
  fontsLoaded = true;
}

/**
 * Renders the chart. Chart.js draws on this thread (tens of milliseconds; the first call also loads the fonts);
 * the PNG is compressed on libuv's thread pool (`encode`), the larger part of the work, off the event loop.
 */
export async function renderStatsChart(input: StatsChartInput): Promise<StatsChart> {
  loadChartFonts();
  const { locale } = input;
  const all = periodsOf(input);
  const shown = all.slice(-MAX_CHART_PERIODS);
  const width = Math.min(1600, Math.max(800, 160 + 50 * shown.length));
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const title = t(`statsChart.title.${input.granularity}`);
  const range = { from: input.fromDay, to: input.toDay, timeZone: input.timeZone };
  const subtitle =
    shown.length < all.length
      ? t('statsChart.subtitleCut', { ...range, count: shown.length })
      : t('statsChart.subtitle', range);

  const canvas = createCanvas(width, HEIGHT);
  // Values stand upright, smaller, when they are wider than a bar: every value stays whole and apart.
  const barWidth = ((width - 110) / Math.max(1, shown.length)) * 0.8 * 0.9 * (1 / 3);
  const widest = String(Math.max(0, ...shown.flatMap((p) => SERIES.map((s) => p[s]))));
  const measure = canvas.getContext('2d');
  measure.font = `bold ${VALUE_FONT_SIZE}px "${CHART_FONT_FAMILY}"`;
  const upright = measure.measureText(widest).width + 2 > barWidth;
  const valueFontSize = upright
    ? Math.max(10, Math.min(VALUE_FONT_SIZE, Math.floor(barWidth)))
    : VALUE_FONT_SIZE;
  const config: ChartConfiguration<'bar', number[], string> = {
    type: 'bar',
    data: {
      labels: shown.map((p) =>
        p.period.length !== 10
          ? p.period
          : input.granularity === 'week'
            ? `${p.period.slice(5)}~`
            : p.period.slice(5),
      ),
      datasets: SERIES.map((s) => ({
        label: t(`statsChart.${s}`),
        data: shown.map((p) => p[s]),
        backgroundColor: CHART_COLOURS[s],
        categoryPercentage: 0.8,
        barPercentage: 0.9,
      })),
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: CHART_PIXEL_RATIO,
      layout: { padding: { top: 12, right: 20, bottom: 8, left: 12 } },
      plugins: {
        title: {
          display: true,
          text: title,
          font: { size: 26, weight: 'bold' },
          padding: { top: 2, bottom: 2 },
        },
        subtitle: {
          display: true,
          text: subtitle,
          font: { size: 16 },
          color: '#555555',
          padding: { bottom: 2 },
        },
        legend: {
          position: 'top',
          labels: { font: { size: 19 }, boxWidth: 18, boxHeight: 18, padding: 16, color: INK },
        },
      },
      scales: {
        x: {
          title: { display: true, text: t(`statsChart.axis.${input.granularity}`), font: { size: 16 } },
          ticks: { autoSkip: false, maxRotation: 90, font: { size: 18 }, color: INK },
          grid: { display: false },
        },
        y: {
          beginAtZero: true,
          // Head room for the values over the tallest bar.
          grace: upright ? '25%' : '12%',
          title: { display: true, text: t('statsChart.axis.count'), font: { size: 16 } },
          ticks: { precision: 0, font: { size: 16 }, color: INK },
          grid: { color: '#e4e4e4' },
        },
      },
    },
    plugins: [whiteBackground, valuesOnBars(valueFontSize, upright)],
  };
  const chart = new Chart(
    canvas.getContext('2d') as unknown as ConstructorParameters<typeof Chart>[0],
    config,
  );
  try {
    return {
      png: await canvas.encode('png'),
      width: canvas.width,
      height: canvas.height,
      altText: altTextOf(input, all, title),
    };
  } finally {
    chart.destroy();
  }
}

/** Slack shows a transparent PNG on its dark theme's background: black text would vanish. */
const whiteBackground: Plugin<'bar'> = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function valuesOnBars(fontSize: number, upright: boolean): Plugin<'bar'> {
  return {
    id: 'valuesOnBars',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = `bold ${fontSize}px "${CHART_FONT_FAMILY}"`;
      ctx.fillStyle = INK;
      chart.data.datasets.forEach((dataset, i) => {
        chart.getDatasetMeta(i).data.forEach((bar, j) => {
          const value = dataset.data[j];
          // A zero has no bar to stand on; the axis already says it.
          if (typeof value !== 'number' || value === 0) return;
          const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
          if (upright) {
            ctx.save();
            ctx.translate(x, y - 4);
            ctx.rotate(-Math.PI / 2);
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(String(value), 0, 0);
            ctx.restore();
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(String(value), x, y - 3);
          }
        });
      });
      ctx.restore();
    },
  };
}

/** Every period of the range (the stats' own slots), zeros where nothing was received, plus any period outside it. */
function periodsOf(input: StatsChartInput): StatsChartPeriod[] {
  const byPeriod = new Map(input.periods.map((p) => [p.period, p]));
  const keys = new Set([
    ...periodsBetween(input.fromDay, input.toDay, input.granularity),
    ...input.periods.map((p) => p.period),
  ]);
  return [...keys]
    .sort()
    .map((period) => byPeriod.get(period) ?? { period, received: 0, completed: 0, cancelled: 0 });
}

/** The title, the range and each period with callbacks, as many as fit Slack's limit. */
function altTextOf(input: StatsChartInput, periods: readonly StatsChartPeriod[], title: string): string {
  const { locale } = input;
  const busy = periods.filter((p) => p.received + p.completed + p.cancelled > 0);
  const parts = busy.map((p) => translate(locale, 'statsChart.altPeriod', { ...p }));
  const text = (list: string[]) =>
    translate(locale, 'statsChart.alt', {
      title,
      from: input.fromDay,
      to: input.toDay,
      periods: list.join('; '),
    });
  for (let kept = parts.length; kept >= 0; kept--) {
    const list = parts.slice(0, kept);
    if (kept < parts.length)
      list.push(translate(locale, 'statsChart.altMore', { count: parts.length - kept }));
    const candidate = text(list);
    if (candidate.length <= ALT_TEXT_LIMIT) return candidate;
  }
  return text([]).slice(0, ALT_TEXT_LIMIT);
}
