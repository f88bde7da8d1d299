import { z } from 'zod';

/**
 * What every modal carries in `private_metadata`: where it was opened (team, channel), the service it acts on and,
 * for a callback's modals, the callback — so the submission acts on the same things and answers in the same place.
 */
const modalMetadataSchema = z.object({
  serviceId: z.string().optional(),
  teamId: z.string(),
  channelId: z.string(),
  /** Complete, Cancel, Register history: the callback (null: history about whoever the person enters). */
  callbackId: z.string().nullable().optional(),
  /** Settings modal: a short hash of each value as the modal showed it, so a save writes only what was edited. */
  shown: z.record(z.string(), z.string()).optional(),
  /** SMS send modal: the suffix of the block ids it last filled (a template pick fills them anew). */
  rev: z.number().int().nonnegative().optional(),
  /** SMS send modal from a callback card: the callback's number (shown above the form). */
  phone: z.string().max(20).optional(),
});
export type ModalMetadata = z.infer<typeof modalMetadataSchema>;

export function encodeMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(metadata);
}

/** Undefined for anything we did not write (an old or foreign modal): the submission is then just closed. */
export function decodeMetadata(text: string | undefined): ModalMetadata | undefined {
  try {
    const parsed = modalMetadataSchema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
