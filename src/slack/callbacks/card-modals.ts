import { z } from 'zod';

/**
 * What the Complete and Register history modals carry in `private_metadata`: the callback (if any), the service it
 * belongs to and where the modal was opened, so the submission acts on the same things and can answer there.
 */
const cardModalMetadataSchema = z.object({
  serviceId: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  callbackId: z.string().nullable(),
});
export type CardModalMetadata = z.infer<typeof cardModalMetadataSchema>;

export function encodeCardModalMetadata(metadata: CardModalMetadata): string {
  return JSON.stringify(metadata);
}

export function decodeCardModalMetadata(text: string | undefined): CardModalMetadata | undefined {
  try {
    const parsed = cardModalMetadataSchema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
