import { z } from 'zod';
import { PERMISSIONS, type Permission } from './access.js';

/** A chat identity, flattened to one string so one multikey index finds a member from any surface. */
export function slackIdentity(teamId: string, userId: string): string {
  return `slack:${teamId}:${userId}`;
}
export function teamsIdentity(tenantId: string, aadObjectId: string): string {
  return `teams:${tenantId}:${aadObjectId}`;
}

export const memberDocSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'member']),
  permissions: z.object(
    Object.fromEntries(PERMISSIONS.map((p) => [p, z.boolean()])) as Record<Permission, z.ZodBoolean>,
  ),
  identities: z.array(z.string()),
  ctiAgentId: z.string().nullable(),
  locale: z.string().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type MemberDoc = z.infer<typeof memberDocSchema>;

export type NewMember = Pick<
  MemberDoc,
  'serviceId' | 'displayName' | 'role' | 'permissions' | 'identities' | 'ctiAgentId'
> & {
  /** The person's chat language (Slack's `ko-KR`, `en-US`), when the surface knows it already. */
  locale?: string | null;
};
