import type { Permission, Role } from '../domain/access.js';
import type { Store } from '../store/index.js';
import type { MemberDoc } from '../domain/members.js';
import { actorLabel, actorSurface, refusal, type Actor } from './actor.js';
import { fail, ok, type Result } from './result.js';

export interface MemberInput {
  identity: string;
  displayName: string;
  role: Role;
  permissions: Record<Permission, boolean>;
  /** Empty string or null clears it. */
  ctiAgentId: string | null;
  /** The person's chat language, when the surface could look it up (DMs and reminders are written in it). */
  locale?: string;
}

const CTI_AGENT_ID = /^\S{1,64}$/;

/**
 * `/switchboard members` (save): adds a person to the service or changes their role, permissions and CTI agent id.
 * The service always keeps at least one admin.
 */
export async function saveMember(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  input: MemberInput,
): Promise<Result<{ member: MemberDoc; created: boolean }>> {
  const refused = refusal(actor, 'service.manageMembers');
  if (refused) return fail(refused);
  const service = await store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });

  const ctiAgentId = input.ctiAgentId?.trim() ? input.ctiAgentId.trim() : null;
  if (ctiAgentId !== null && !CTI_AGENT_ID.test(ctiAgentId)) {
    return fail({
      code: 'invalid_input',
      message: 'members.ctiInvalid',
      fields: { ctiAgentId: { message: 'members.ctiInvalid' } },
    });
  }
  const existing = await store.members.findByIdentity(serviceId, input.identity);
  if (ctiAgentId !== null) {
    const holder = await store.members.findByCtiAgentId(serviceId, ctiAgentId);
    if (holder && holder._id !== existing?._id) {
      const params = { agentId: ctiAgentId, name: holder.displayName };
      return fail({
        code: 'conflict',
        message: 'members.ctiTaken',
        params,
        fields: { ctiAgentId: { message: 'members.ctiTaken', params } },
      });
    }
  }
  if (
    existing?.role === 'admin' &&
    input.role !== 'admin' &&
    (await store.members.countAdmins(serviceId)) <= 1
  ) {
    return fail({
      code: 'conflict',
      message: 'members.lastAdmin',
      fields: { role: { message: 'members.lastAdmin' } },
    });
  }

  const changes = {
    displayName: input.displayName,
    role: input.role,
    permissions: input.permissions,
    ctiAgentId,
    ...(input.locale ? { locale: input.locale } : {}),
  };
  const member = existing
    ? await store.members.update(existing._id, changes)
    : await store.members.create({ serviceId, identities: [input.identity], ...changes });
  if (!member) return fail({ code: 'not_found', message: 'service.notFound' });

  await store.audit.append({
    serviceId,
    surface: actorSurface(actor),
    actor: actorLabel(actor),
    action: existing ? 'member.updated' : 'member.added',
    target: member._id,
    details: { role: member.role, permissions: member.permissions, ctiAgentId: member.ctiAgentId },
  });
  return ok({ member, created: !existing });
}

/**
 * Keeps a person's chat language on their memberships, so what reaches them later without a request of theirs
 * (assignment DMs, reminders) is in the language their chat client shows. Surfaces call it with the locale they
 * looked up for the person acting (Slack: users.info with include_locale, cached for minutes, so it is refreshed
 * whenever the person uses the app); it writes only when the language changed.
 */
export async function rememberChatLocale(
  store: Store,
  input: { identity: string; locale: string },
): Promise<void> {
  await store.members.setLocaleOfIdentity(input.identity, input.locale);
}

export async function listMembers(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<MemberDoc[]>> {
  const refused = refusal(actor, 'service.manageMembers');
  if (refused) return fail(refused);
  return ok(await store.members.listByService(serviceId));
}
