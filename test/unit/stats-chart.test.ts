import { describe, expect, it } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import { CHART_COLOURS, renderStatsChartPng } from '../../src/exports/stats-chart.js';

/** Reads our PNG back: chunks with valid CRCs, the header, and the RGB pixels (filter 0 rows). */
function decode(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + length);
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(chunks[1]!.data);
  expect(raw.length).toBe((width * 3 + 1) * height);
  const pixel = (x: number, y: number) => [
    ...raw.subarray(y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 4 + x * 3),
  ];
  return { width, height, pixel };
}

describe('processing status chart (PNG)', () => {
  it('draws a received and a completed bar per period, the taller one up to the top of the scale', () => {
    const png = renderStatsChartPng([
      { period: '2026-11-20', received: 10, completed: 5 },
      { period: '2026-11-21', received: 4, completed: 4 },
      { period: '2026-11-22', received: 0, completed: 0 },
    ]);
    const { width, height, pixel } = decode(png);
    expect(width).toBe(64 + 3 * 36 + 16);
    expect(height).toBe(24 + 240 + 40);
    const bottom = 24 + 240 - 1;
    // Period 1: received (10) reaches the top of the plot, completed (5) half of it.
    expect(pixel(64 + 6 + 5, 24)).toEqual([...CHART_COLOURS.received]);
    expect(pixel(64 + 6 + 12 + 5, 24 + 121)).toEqual([...CHART_COLOURS.completed]);
    expect(pixel(64 + 6 + 12 + 5, 24 + 110)).not.toEqual([...CHART_COLOURS.completed]);
    // Period 3 has nothing: no bar at the bottom of its slot.
    expect(pixel(64 + 2 * 36 + 6 + 5, bottom)).toEqual([255, 255, 255]);
  });

  it('keeps the last 31 periods of a long range', () => {
    const bars = Array.from({ length: 60 }, (_, i) => ({
      period: `2026-01-${String(i).padStart(2, '0')}`,
      received: i,
      completed: 0,
    }));
    expect(decode(renderStatsChartPng(bars)).width).toBe(64 + 31 * 36 + 16);
  });
});
