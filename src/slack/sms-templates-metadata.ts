import { z } from 'zod';
import { encodeMetadata, type ModalMetadata } from './modal-metadata.js';

/**
 * The template screen's own part of `private_metadata`, next to the common fields (`modal-metadata.ts` reads those
 * and ignores this): which category the screen shows, and for a form pushed on top of it, the screen's view id (to
 * refresh it after the form is saved) and what the form edits.
 */
const smsTemplatesStateSchema = z.object({
  /** The category the screen shows (its templates, or its sub-categories). */
  selected: z.string().nullable().default(null),
  /** Forms and confirmations: the template screen under them. */
  rootViewId: z.string().nullable().default(null),
  /** Delete confirmation: what is deleted. */
  kind: z.enum(['category', 'template']).nullable().default(null),
  /** The category or template the form edits or the confirmation deletes (null: a new one). */
  targetId: z.string().nullable().default(null),
});
export type SmsTemplatesState = z.infer<typeof smsTemplatesStateSchema>;

export function encodeSmsTemplatesMetadata(
  base: Pick<ModalMetadata, 'serviceId' | 'teamId' | 'channelId'>,
  state: Partial<SmsTemplatesState>,
): string {
  const common = JSON.parse(
    encodeMetadata({ serviceId: base.serviceId, teamId: base.teamId, channelId: base.channelId }),
  ) as Record<string, unknown>;
  return JSON.stringify({ ...common, smsTemplates: smsTemplatesStateSchema.parse(state) });
}

export function decodeSmsTemplatesState(privateMetadata: string | undefined): SmsTemplatesState {
  try {
    const parsed = z
      .object({ smsTemplates: smsTemplatesStateSchema })
      .safeParse(JSON.parse(privateMetadata ?? ''));
    if (parsed.success) return parsed.data.smsTemplates;
  } catch {
    // Not ours: an empty state.
  }
  return smsTemplatesStateSchema.parse({});
}
