/**
 * A JPEG as far as any reader looks before the pixels: SOI, a JFIF APP0, SOF0 with the size, padding, EOI (the
 * rules only look at the type, the size in bytes and the frame's width and height). `totalBytes` pads it to that.
 */
export function tinyJpeg(width = 16, height = 16, totalBytes = 0): Buffer {
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0,
  ];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03];
  const components = [0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  const head = [0xff, 0xd8, ...app0, ...sof0, ...components];
  const data = Buffer.alloc(Math.max(totalBytes, head.length + 2));
  data.set(head, 0);
  data.set([0xff, 0xd9], data.length - 2);
  return data;
}
