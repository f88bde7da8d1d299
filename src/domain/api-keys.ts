import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Keys are 32 random bytes: a plain SHA-256 is enough to make the stored hash useless to a thief. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `sbk_${randomBytes(32).toString('base64url')}`;
}

export const apiKeyDocSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  name: z.string(),
  /** First characters of the key, so people can tell keys apart without the secret. */
  prefix: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  allowedIps: z.array(z.string()),
  createdAt: z.date(),
  createdBy: z.string(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});
export type ApiKeyDoc = z.infer<typeof apiKeyDocSchema>;
