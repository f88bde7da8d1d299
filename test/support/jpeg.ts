/**
 * Small JPEG files for SMS tests (a PNG is in png.ts): a real frame header (the size readers find its width and
 * height) and comment segments to reach an exact byte size. They carry no picture; the rules and the fake NHN look
 * only at the type, the size and the dimensions.
 */
export function jpegOf(options: { width?: number; height?: number; bytes?: number } = {}): Buffer {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const soi = Buffer.from([0xff, 0xd8]);
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]);
  const sof0 = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ]);
  const eoi = Buffer.from([0xff, 0xd9]);
  const fixed = soi.length + app0.length + sof0.length + eoi.length;
  // Comment segments (FF FE + a length that counts itself, so 4 to 65,537 bytes each) fill the file up to the size
  // asked for; a gap of 1-3 bytes cannot be filled, so the size is then the next one that can.
  let left = Math.max((options.bytes ?? fixed) - fixed, 0);
  if (left > 0 && left < 4) left = 4;
  const comments: Buffer[] = [];
  while (left > 0) {
    let size = Math.min(left, 65_537);
    if (left - size > 0 && left - size < 4) size -= 4;
    const length = size - 2;
    comments.push(
      Buffer.concat([Buffer.from([0xff, 0xfe, length >> 8, length & 0xff]), Buffer.alloc(length - 2, 0x20)]),
    );
    left -= size;
  }
  return Buffer.concat([soi, app0, ...comments, sof0, eoi]);
}
