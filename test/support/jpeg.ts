/**
 * A baseline JPEG as small as a frame-header reader accepts: SOI, SOF0 with the size, EOI (no image data; the
 * rules only look at the type, the size in bytes and the frame's width and height). `padTo` appends a comment
 * segment so the file has that many bytes.
 */
export function tinyJpeg(width = 16, height = 16, padTo = 0): Buffer {
  const frame = Buffer.from([
    0xff,
    0xd8,
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
  const end = Buffer.from([0xff, 0xd9]);
  const missing = padTo - frame.length - end.length;
  if (missing <= 0) return Buffer.concat([frame, end]);
  // COM segments of at most 65,533 bytes of text each.
  const comments: Buffer[] = [];
  for (let left = missing; left > 0;) {
    const text = Math.min(65_533, Math.max(0, left - 4));
    const header = Buffer.from([0xff, 0xfe, (text + 2) >> 8, (text + 2) & 0xff]);
    comments.push(header, Buffer.alloc(text, 0x20));
    left -= text + 4;
  }
  return Buffer.concat([frame, ...comments, end]).subarray(0, Math.max(padTo, frame.length + end.length));
}
