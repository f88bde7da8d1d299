import { deflateSync } from 'node:zlib';

/**
 * The processing status as a bar chart (PNG): per period, received next to completed, with the periods' dates
 * under the bars and the scale's top at the left. Drawn here, pixel by pixel, because a chart library would need
 * a native canvas or a browser on the server. Labels are digits and `-` only (a 3×5 pixel font, scaled): Korean
 * names would need a font file, so the words (what the colours mean) go in the message that carries the image.
 */

export interface ChartBar {
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  period: string;
  received: number;
  completed: number;
}

type Rgb = readonly [number, number, number];
export const CHART_COLOURS = { received: [72, 118, 196], completed: [64, 160, 96] } as const satisfies Record<
  string,
  Rgb
>;
const INK: Rgb = [60, 60, 60];
const GRID: Rgb = [225, 225, 225];

// 3×5 glyphs, rows top to bottom, bits left to right.
const GLYPHS: Record<string, number[]> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  '-': [0, 0, 7, 0, 0],
};

class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }

  rect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++)
      for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col++)
        this.pixels.set(colour, (row * this.width + col) * 3);
  }

  /** Digits and `-` at (x, y), each font pixel `scale` screen pixels; returns the width drawn. */
  text(x: number, y: number, text: string, scale: number, colour: Rgb = INK): number {
    let cursor = x;
    for (const char of text) {
      const glyph = GLYPHS[char];
      if (glyph)
        glyph.forEach((bits, row) => {
          for (let col = 0; col < 3; col++)
            if (bits & (4 >> col)) this.rect(cursor + col * scale, y + row * scale, scale, scale, colour);
        });
      cursor += 4 * scale;
    }
    return cursor - x;
  }
}

/** A PNG of the bars (at most the last 31 periods; a longer range is better read in the table or the export). */
export function renderStatsChartPng(bars: readonly ChartBar[]): Buffer {
  const shown = bars.slice(-31);
  const slot = 36;
  const left = 64;
  const top = 24;
  const plotHeight = 240;
  const width = left + Math.max(1, shown.length) * slot + 16;
  const height = top + plotHeight + 40;
  const canvas = new Canvas(width, height);
  const max = Math.max(1, ...shown.map((b) => Math.max(b.received, b.completed)));
  // Grid lines at quarters of the scale, the scale's top written at the left.
  for (let q = 0; q <= 4; q++)
    canvas.rect(left, top + Math.round((plotHeight * q) / 4), width - left - 8, 1, GRID);
  canvas.text(8, top - 5, String(max), 2);
  canvas.text(8, top + plotHeight - 5, '0', 2);
  shown.forEach((bar, i) => {
    const x = left + i * slot + 6;
    for (const [k, value] of [
      ['received', bar.received],
      ['completed', bar.completed],
    ] as const) {
      const h = Math.round((plotHeight * value) / max);
      canvas.rect(x + (k === 'received' ? 0 : 12), top + plotHeight - h, 11, h, CHART_COLOURS[k]);
    }
    // MM-DD for days, YY-MM for months: what fits under a bar.
    const label = bar.period.length === 10 ? bar.period.slice(5) : bar.period.slice(2);
    canvas.text(x - 2, top + plotHeight + 10, label, 2);
  });
  canvas.rect(left, top + plotHeight, width - left - 8, 2, INK);
  return encodePng(canvas);
}

function encodePng(canvas: Canvas): Buffer {
  const { width, height, pixels } = canvas;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let row = 0; row < height; row++) {
    raw[row * (width * 3 + 1)] = 0; // filter: none
    raw.set(pixels.subarray(row * width * 3, (row + 1) * width * 3), row * (width * 3 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method choice, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
