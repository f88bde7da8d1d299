import type { Activity } from '@microsoft/agents-activity';
import { teamsIdentity, type MemberDoc } from '../domain/members.js';
import { teamsConversationPlace } from '../domain/places.js';
import type { Locale } from '../domain/service-settings.js';
import type { ServiceDoc } from '../domain/services.js';
import { pickLocale } from '../i18n/index.js';
import { memberActor, type Actor } from '../usecases/actor.js';
import type { UseCases } from '../usecases/index.js';
import type { ChatPerson } from '../usecases/services.js';

/** What every Teams handler needs to know about the person and conversation it was invoked from. */
export interface TeamsContext {
  person: ChatPerson;
  tenantId: string;
  conversationId: string;
  /** `personal`, `channel` or `groupChat`. */
  conversationType: string;
  /** `teams:<conversation id>`. */
  place: string;
  locale: Locale;
  service: ServiceDoc | undefined;
  member: MemberDoc | undefined;
  /** The person as the use cases see them (undefined: not a member of the service). */
  actor: Actor | undefined;
}

/** The tenant of an activity: the conversation's, else Teams' channel data. */
export function tenantOf(activity: Activity): string {
  return (
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ??
    ''
  );
}

/** The person behind an activity, by tenant and Entra (AAD) object id — the identity `member add --teams` stores. */
export function personOf(activity: Activity): ChatPerson {
  const aad = activity.from?.aadObjectId ?? activity.from?.id ?? '';
  return {
    identity: teamsIdentity(tenantOf(activity), aad),
    displayName: activity.from?.name ?? aad,
    surface: 'teams',
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

/**
 * The one context loader: the service given (a card's or dialog's own), else the one linked to the conversation,
 * else the person's only one.
 */
export async function loadTeamsContext(
  usecases: Pick<UseCases, 'services' | 'members'>,
  activity: Activity,
  serviceId?: string,
): Promise<TeamsContext> {
  const person = personOf(activity);
  const conversationId = activity.conversation?.id ?? '';
  const place = teamsConversationPlace(conversationId);
  let service: ServiceDoc | undefined;
  let member: MemberDoc | undefined;
  if (serviceId) {
    ({ service, member } = await usecases.services.loadServiceForPerson({
      serviceId,
      identity: person.identity,
    }));
  } else {
    const resolved = await usecases.services.resolveServiceForPlace({ place, identity: person.identity });
    if (resolved.ok) ({ service, member } = resolved.value);
  }
  // The person's Teams language, kept on their membership for the cards and reminders they get later.
  if (member && person.locale && member.locale !== person.locale)
    await usecases.members.rememberChatLocale({ identity: person.identity, locale: person.locale });
  return {
    person,
    tenantId: tenantOf(activity),
    conversationId,
    conversationType: activity.conversation?.conversationType ?? 'personal',
    place,
    locale: pickLocale(person.locale ?? member?.locale ?? undefined, service?.settings.locale),
    service,
    member,
    actor: memberActor(member, 'teams'),
  };
}
