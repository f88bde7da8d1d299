/**
 * Draws the Teams app icons into manifests/teams/: `color.png` (192×192) and `outline.png` (32×32, white on
 * transparent), as Teams requires. Run with `npx tsx scripts/make-teams-icons.ts`; the output is committed, so this
 * only needs re-running when the artwork changes.
 *
 * The glyph is an "S" drawn as a patch cord with a plug at each end — a switchboard operator's cable. Shapes are
 * rendered analytically with 4×4 supersampling, so edges are smooth without an image library; the PNG encoder is the
 * minimal one the format allows (8-bit RGBA, no filtering, one IDAT) on top of node:zlib.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

/** Same value as the manifest's accentColor, so the tile and the accent match in Teams. */
const BACKGROUND: Rgb = [0x0e, 0x6e, 0x8c];
const WHITE: Rgb = [255, 255, 255];

const outDir = fileURLToPath(new URL('../manifests/teams/', import.meta.url));

/** RGBA pixels, row by row. Without a background the glyph is pure white with coverage as alpha. */
function drawIcon(options: { size: number; glyphHalf: number; background?: Rgb }): Uint8Array {
  const { size, glyphHalf, background } = options;
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          // Glyph space: centre of the icon at 0,0, ±1 at glyphHalf pixels from it, y pointing down.
          const gx = (x + (sx + 0.5) / samples - size / 2) / glyphHalf;
          const gy = (y + (sy + 0.5) / samples - size / 2) / glyphHalf;
          if (insideGlyph(gx, gy)) covered++;
        }
      }
      const coverage = covered / (samples * samples);
      const i = (y * size + x) * 4;
      if (background) {
        for (let c = 0; c < 3; c++)
          pixels[i + c] = Math.round(background[c]! * (1 - coverage) + WHITE[c]! * coverage);
        pixels[i + 3] = 255;
      } else {
        pixels.set(WHITE, i);
        pixels[i + 3] = Math.round(coverage * 255);
      }
    }
  }
  return pixels;
}

const RADIUS = 0.42; // each bowl of the S, before the horizontal stretch
const STRETCH = 1.3; // bowls are wider than tall, like a letter S
const STROKE = 0.2;
const PLUG = 0.17; // plug radius: a little wider than the cord so the ends read as jacks
const DEG = Math.PI / 180;

/** Upper bowl: from the right-hand end over the top and left side down to the spine; lower bowl mirrors it. */
const ARCS = [
  { cy: -RADIUS, from: 90 * DEG, to: 340 * DEG },
  { cy: RADIUS, from: -90 * DEG, to: 160 * DEG },
] as const;

const PLUGS = [pointOnArc(ARCS[0].cy, ARCS[0].to), pointOnArc(ARCS[1].cy, ARCS[1].to)];

function insideGlyph(x: number, y: number): boolean {
  if (PLUGS.some(([px, py]) => Math.hypot(x - px, y - py) <= PLUG)) return true;
  // Stretching x turns the circles into the S's oval bowls; the vertical strokes get a little heavier, as in type.
  const sx = x / STRETCH;
  return ARCS.some(({ cy, from, to }) => {
    const angle = normalise(Math.atan2(y - cy, sx), from);
    const onArc = angle <= to;
    const distance = onArc
      ? Math.abs(Math.hypot(sx, y - cy) - RADIUS)
      : Math.min(
          ...[from, to].map((a) => Math.hypot(sx - RADIUS * Math.cos(a), y - cy - RADIUS * Math.sin(a))),
        );
    return distance <= STROKE / 2;
  });
}

function pointOnArc(cy: number, angle: number): [number, number] {
  return [RADIUS * Math.cos(angle) * STRETCH, cy + RADIUS * Math.sin(angle)];
}

/** The angle shifted by whole turns into [from, from + 2π), so an arc is the range [from, to]. */
function normalise(angle: number, from: number): number {
  let a = angle;
  while (a < from) a += 2 * Math.PI;
  while (a >= from + 2 * Math.PI) a -= 2 * Math.PI;
  return a;
}

function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace

  const stride = width * 4;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines[y * (stride + 1)] = 0; // filter type None
    scanlines.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0, 0);
  return Buffer.concat([length, typeAndData, crc]);
}

// Last, so every constant above is initialised before drawing starts.
writeFileSync(
  `${outDir}color.png`,
  encodePng(192, 192, drawIcon({ size: 192, glyphHalf: 60, background: BACKGROUND })),
);
// The outline icon keeps a 2 px margin: Teams crops it into a 32×32 slot beside text.
writeFileSync(`${outDir}outline.png`, encodePng(32, 32, drawIcon({ size: 32, glyphHalf: 14 })));
console.log(`wrote ${outDir}color.png and ${outDir}outline.png`);
