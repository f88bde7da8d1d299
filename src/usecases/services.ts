import { callbackPlaceSettings } from '../domain/places.js';
import { defaultServiceSettings, serviceNameSchema } from '../domain/service-settings.js';
import type { Surface } from '../domain/surfaces.js';
import type { Store } from '../store/index.js';
import type { MemberDoc } from '../domain/members.js';
import type { ServiceDoc } from '../domain/services.js';
import type { Actor } from './actor.js';
import { fail, ok, type Result } from './result.js';

/** A person as a chat surface knows them, before we know whether they are a member of anything. */
export interface ChatPerson {
  identity: string;
  displayName: string;
  surface: Surface;
  locale?: string;
}

const ALL_PERMISSIONS = { phone: true, callbackAssign: true, sms: true };

/**
 * `/switchboard setup <name>`: creates a service, links the chat place to it, and makes the caller its admin.
 * `place` is absent from the CLI, which creates services without a chat link.
 */
export async function setupService(
  store: Store,
  input: { name: string; place?: string; person: ChatPerson } | { name: string; operator: string },
): Promise<Result<{ service: ServiceDoc; admin: MemberDoc | undefined }>> {
  const name = serviceNameSchema.safeParse(input.name);
  if (!name.success) {
    return fail({
      code: 'invalid_input',
      message: 'service.nameInvalid',
      params: { reason: name.error.issues[0]!.message },
    });
  }
  const person = 'person' in input ? input.person : undefined;
  const place = 'place' in input ? input.place : undefined;
  if (place) {
    const existing = await store.chatLinks.get(place);
    if (existing) {
      const linked = await store.services.get(existing.serviceId);
      return fail({
        code: 'conflict',
        message: 'setup.alreadyLinked',
        params: { name: linked?.name ?? existing.serviceId },
      });
    }
  }
  const locale = person?.locale?.slice(0, 2) === 'en' ? 'en' : 'ko';
  // New callbacks reach people from the first minute: the channel setup ran in is where they are announced
  // (the guide's receipt notifications); `/switchboard settings` moves them elsewhere.
  const service = await store.services.create(
    name.data,
    defaultServiceSettings({ locale, ...(place ? callbackPlaceSettings(place) : undefined) }),
  );
  // Operators (CLI) create services without becoming members; they add the first admin with `member add`.
  const admin = person
    ? await store.members.create({
        serviceId: service._id,
        displayName: person.displayName,
        role: 'admin',
        permissions: ALL_PERMISSIONS,
        identities: [person.identity],
        ctiAgentId: null,
        locale: person.locale ?? null,
      })
    : undefined;
  if (place && admin) {
    const link = await store.chatLinks.linkIfFree(place, service._id, admin._id);
    if (link.serviceId !== service._id) {
      // Someone linked the same place a moment earlier; the new service stays, unlinked, and the person is told.
      const other = await store.services.get(link.serviceId);
      return fail({
        code: 'conflict',
        message: 'setup.alreadyLinked',
        params: { name: other?.name ?? link.serviceId },
      });
    }
  }
  await store.audit.append({
    serviceId: service._id,
    surface: person?.surface ?? 'cli',
    actor: admin?._id ?? `operator:${'operator' in input ? input.operator : 'unknown'}`,
    action: 'service.created',
    target: service._id,
    details: { name: service.name, place: place ?? null },
  });
  return ok({ service, admin });
}

/** Links a chat place to an existing service; only that service's admins may. */
export async function linkService(
  store: Store,
  input: { serviceId: string; place: string; person: ChatPerson },
): Promise<Result<{ service: ServiceDoc }>> {
  const service = await store.services.get(input.serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });
  const member = await store.members.findByIdentity(service._id, input.person.identity);
  if (!member) return fail({ code: 'not_member', message: 'refusal.notMember' });
  if (member.role !== 'admin') return fail({ code: 'forbidden', message: 'refusal.adminOnly' });
  const link = await store.chatLinks.linkIfFree(input.place, service._id, member._id);
  if (link.serviceId !== service._id) {
    const other = await store.services.get(link.serviceId);
    return fail({
      code: 'conflict',
      message: 'setup.alreadyLinked',
      params: { name: other?.name ?? link.serviceId },
    });
  }
  await store.audit.append({
    serviceId: service._id,
    surface: input.person.surface,
    actor: member._id,
    action: 'service.linked',
    target: input.place,
  });
  // A service that announces callbacks nowhere yet announces them where it was just linked; one that has a
  // callback channel keeps it (an admin chose it).
  const callbackPlace = callbackPlaceSettings(input.place);
  const unset =
    callbackPlace &&
    ('slackCallbackChannelId' in callbackPlace
      ? !service.settings.slackCallbackChannelId
      : !service.settings.teamsCallbackConversationId);
  if (callbackPlace && unset) {
    const updated = await store.services.updateSettings(service._id, callbackPlace);
    return ok({ service: updated ?? service });
  }
  return ok({ service });
}

export async function listServicesAdministeredBy(store: Store, identity: string): Promise<ServiceDoc[]> {
  const memberships = await store.members.listByIdentity(identity);
  return store.services.getMany(memberships.filter((m) => m.role === 'admin').map((m) => m.serviceId));
}

/**
 * Which service a chat command is about: the one linked to the place it was typed in; failing that, the only
 * service the person belongs to. Returns the person's membership too (undefined for non-members).
 */
export async function resolveServiceForPlace(
  store: Store,
  input: { place: string; identity: string },
): Promise<Result<{ service: ServiceDoc; member: MemberDoc | undefined }>> {
  const link = await store.chatLinks.get(input.place);
  if (link) {
    const service = await store.services.get(link.serviceId);
    if (service)
      return ok({ service, member: await store.members.findByIdentity(service._id, input.identity) });
  }
  const memberships = await store.members.listByIdentity(input.identity);
  if (memberships.length === 1) {
    const service = await store.services.get(memberships[0]!.serviceId);
    if (service) return ok({ service, member: memberships[0] });
  }
  return fail({ code: 'not_linked', message: 'service.notLinked' });
}

/** A service by id with the person's membership in it (undefined when they are not a member). */
export async function loadServiceForPerson(
  store: Store,
  input: { serviceId: string; identity: string },
): Promise<{ service: ServiceDoc | undefined; member: MemberDoc | undefined }> {
  const service = await store.services.get(input.serviceId);
  const member = service ? await store.members.findByIdentity(service._id, input.identity) : undefined;
  return { service, member };
}

/** Every service on this server: an operator's view (the CLI); members and integrations only see their own. */
export async function listServices(store: Store, actor: Actor): Promise<Result<ServiceDoc[]>> {
  if (actor.kind !== 'operator') return fail({ code: 'forbidden', message: 'refusal.adminOnly' });
  return ok(await store.services.list());
}
