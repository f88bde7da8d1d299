import type { Problem } from '../usecases/result.js';
import type { TeamsContext } from './context.js';
import type { TeamsDeps } from './router.js';

/** What a card button or a dialog form sends back: Teams hands it over as loose JSON. */
export type CardData = Record<string, unknown>;

/** An activity's `value` (or a part of it) as card data; anything that is not an object is empty data. */
export const asCardData = (value: unknown): CardData =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as CardData) : {};

/** A text field of card data, trimmed; undefined when it is missing, not text or blank. */
export const optionalText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The service a callback button or dialog acts on: its callback's, else its digest's, else the one it carries. */
export async function callbackServiceOf(deps: TeamsDeps, data: CardData): Promise<string | undefined> {
  const callbackId = optionalText(data.callbackId);
  if (callbackId) return deps.usecases.callbacks.serviceOfCallback(callbackId);
  const digestId = optionalText(data.digestId);
  if (digestId) return deps.usecases.callbacks.serviceOfDigest(digestId);
  return optionalText(data.serviceId);
}

/** Why callback commands and dialogs cannot run here: no service for this conversation, or callbacks are off. */
export function callbacksUnavailable(ctx: Pick<TeamsContext, 'service'>): Problem | undefined {
  if (!ctx.service) return { code: 'not_linked', message: 'service.notLinked' };
  if (!ctx.service.settings.callbacksEnabled)
    return { code: 'feature_disabled', message: 'callbacks.disabled' };
  return undefined;
}
