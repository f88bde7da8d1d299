import { z } from 'zod';

/**
 * NHN Cloud SMS v3.0 answers as they arrive on the wire (TOAST-DOCS/SMS `api-guide.md`). NHN's field types differ
 * between endpoints and releases (`resultCode` is a number in the send answer and a string in lists,
 * `telecomCode` both, counts sometimes strings), so every scalar here takes either form, and unknown fields pass.
 */

/** A whole number sent as a number or as a string of digits. */
export const lenientInt = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Text sent as a string or as a number. */
export const lenientText = z.union([z.string(), z.number().transform(String)]);

const optionalText = lenientText.nullish().transform((v) => v ?? null);
const optionalInt = lenientInt.nullish().transform((v) => v ?? null);

const lenientBoolean = z.union([
  z.boolean(),
  z.enum(['true', 'false', 'TRUE', 'FALSE']).transform((v) => v.toLowerCase() === 'true'),
]);

export const nhnHeader = z.object({
  isSuccessful: lenientBoolean,
  resultCode: lenientInt,
  resultMessage: optionalText,
});
export type NhnHeader = z.infer<typeof nhnHeader>;

/** Every NHN answer: a header and, when it succeeded, a body whose shape depends on the endpoint. */
export const nhnEnvelope = z.object({ header: nhnHeader, body: z.unknown().optional() });

export const sendResultItem = z.object({
  recipientNo: lenientText,
  resultCode: optionalInt,
  resultMessage: optionalText,
  recipientSeq: lenientInt,
  recipientGroupingKey: optionalText,
});

export const sendBody = z.object({
  data: z.object({
    requestId: lenientText.pipe(z.string().min(1)),
    statusCode: optionalText,
    senderGroupingKey: optionalText,
    sendResultList: z
      .array(sendResultItem)
      .nullish()
      .transform((v) => v ?? []),
  }),
});
export type NhnSendBody = z.infer<typeof sendBody>;

/** One recipient in `GET /sender/sms|mms` (by requestId or by date range). */
export const listItem = z.object({
  requestId: lenientText,
  recipientNo: lenientText,
  recipientSeq: lenientInt,
  msgStatus: optionalText,
  resultCode: optionalText,
  resultCodeName: optionalText,
  resultMessage: optionalText,
  requestDate: optionalText,
  resultDate: optionalText,
  senderGroupingKey: optionalText,
});
export type NhnListItem = z.infer<typeof listItem>;

const pageFields = {
  pageNum: optionalInt,
  pageSize: optionalInt,
  totalCount: optionalInt,
};

export const listBody = z.object({
  ...pageFields,
  data: z
    .array(listItem)
    .nullish()
    .transform((v) => v ?? []),
});

/**
 * One row of `GET /message-results`: a list item's fields, where the recipient number and msgStatus may be
 * absent (only the delivery code), and an `updateDate`.
 */
export const resultUpdateItem = listItem.extend({
  recipientNo: optionalText,
  updateDate: optionalText,
});
export type NhnResultUpdateItem = z.infer<typeof resultUpdateItem>;
/** A recipient row of either list: a list item (which has no `updateDate`) fits it, as does a result update. */
export type NhnRecipientRow = Omit<NhnResultUpdateItem, 'updateDate'> & { updateDate?: string | null };

/**
 * NHN's guide shows this list both as `body.data[]` (the sample) and as `body.data.resultUpdateList[]` (the field
 * table); either is taken, and the page counts are looked for beside either.
 */
export const messageResultsBody = z
  .object({
    ...pageFields,
    data: z
      .union([
        z.array(resultUpdateItem),
        z.object({ ...pageFields, resultUpdateList: z.array(resultUpdateItem).nullish() }),
      ])
      .nullish(),
  })
  .transform((body) => {
    const data = body.data;
    if (data === null || data === undefined) return { totalCount: body.totalCount, items: [] };
    if (Array.isArray(data)) return { totalCount: body.totalCount, items: data };
    return { totalCount: body.totalCount ?? data.totalCount, items: data.resultUpdateList ?? [] };
  });

export const uploadBody = z.object({
  data: z.object({ fileId: lenientInt, fileName: optionalText, filePath: optionalText }),
});

export const cancelBody = z.object({
  data: z.object({ requestedCount: optionalInt, canceledCount: lenientInt }),
});

export const sendNosBody = z.object({
  ...pageFields,
  data: z
    .array(z.object({ sendNo: lenientText, useYn: optionalText, blockYn: optionalText }))
    .nullish()
    .transform((v) => v ?? []),
});

const KST_OFFSET_MS = 9 * 60 * 60_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-MM-dd HH:mm:ss` (or without seconds) in Korea time, the format NHN's query and request dates use. */
export function formatKst(date: Date, withSeconds = true): string {
  const k = new Date(date.getTime() + KST_OFFSET_MS);
  const text =
    `${k.getUTCFullYear()}-${pad(k.getUTCMonth() + 1)}-${pad(k.getUTCDate())} ` +
    `${pad(k.getUTCHours())}:${pad(k.getUTCMinutes())}`;
  return withSeconds ? `${text}:${pad(k.getUTCSeconds())}` : text;
}

/** NHN's dates (`2018-08-10 10:06:42.0`, `2024-04-29T20:58:04`), Korea time unless an offset is given. */
export function parseKst(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number(frac.padEnd(3, '0')) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  let offset = KST_OFFSET_MS;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}
