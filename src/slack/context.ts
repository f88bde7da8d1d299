import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { MemberDoc } from '../domain/members.js';
import { slackChannelPlace } from '../domain/places.js';
import type { Locale } from '../domain/service-settings.js';
import type { ServiceDoc } from '../domain/services.js';
import { pickLocale } from '../i18n/index.js';
import { memberActor, type Actor } from '../usecases/actor.js';
import type { ChatPerson } from '../usecases/services.js';
import type { SlackDeps } from './deps.js';
import { decodeMetadata, type ModalMetadata } from './modal-metadata.js';

/** What every Slack listener needs to know about the person and place it was invoked from. */
export interface SlackContext {
  person: ChatPerson;
  isBot: boolean;
  teamId: string;
  channelId: string;
  place: string;
  locale: Locale;
  service: ServiceDoc | undefined;
  member: MemberDoc | undefined;
  /** The person as the use cases see them (undefined: not a member of the service). */
  actor: Actor | undefined;
}

/**
 * The one context loader: who the person is (cached `users.info`), and the service — the one given, else the one
 * linked to the place (or the person's only one).
 */
export async function loadSlackContext(
  deps: SlackDeps,
  client: WebClient,
  ids: { teamId: string; userId: string; channelId: string; serviceId?: string },
): Promise<SlackContext> {
  const { person, isBot } = await deps.people.lookup(client, ids.teamId, ids.userId);
  const place = slackChannelPlace(ids.teamId, ids.channelId);
  const { services } = deps.usecases;
  let service: ServiceDoc | undefined;
  let member: MemberDoc | undefined;
  if (ids.serviceId) {
    ({ service, member } = await services.loadServiceForPerson({
      serviceId: ids.serviceId,
      identity: person.identity,
    }));
  } else {
    const resolved = await services.resolveServiceForPlace({ place, identity: person.identity });
    if (resolved.ok) ({ service, member } = resolved.value);
  }
  // The person's Slack language, kept on their membership for the DMs and reminders they get later.
  if (member && person.locale && member.locale !== person.locale)
    await deps.usecases.members.rememberChatLocale({ identity: person.identity, locale: person.locale });
  return {
    person,
    isBot,
    teamId: ids.teamId,
    channelId: ids.channelId,
    place,
    // When users.info did not answer in time, the language Slack last reported for the member still holds.
    locale: pickLocale(person.locale ?? member?.locale ?? undefined, service?.settings.locale),
    service,
    member,
    actor: memberActor(member, 'slack'),
  };
}

/** A slash command: the service linked to the channel it was typed in. */
export function loadCommandContext(
  deps: SlackDeps,
  client: WebClient,
  command: { team_id: string; user_id: string; channel_id: string },
): Promise<SlackContext> {
  return loadSlackContext(deps, client, {
    teamId: command.team_id,
    userId: command.user_id,
    channelId: command.channel_id,
  });
}

/** A button or select on a message (or the Home tab): the service given, else the one of the message's channel. */
export function loadActionContext(
  deps: SlackDeps,
  client: WebClient,
  body: Pick<BlockAction, 'team' | 'user' | 'channel'>,
  serviceId?: string,
): Promise<SlackContext> {
  return loadSlackContext(deps, client, {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
    ...(serviceId ? { serviceId } : {}),
  });
}

/**
 * A callback's button. The card's channel need not be linked to the service (the callback channel is a setting of
 * its own), and the same person may work for several services, so the service is the callback's own.
 */
export async function loadCallbackContext(
  deps: SlackDeps,
  client: WebClient,
  body: Pick<BlockAction, 'team' | 'user' | 'channel'>,
  callbackId: string,
): Promise<SlackContext> {
  const serviceId = callbackId ? await deps.usecases.callbacks.serviceOfCallback(callbackId) : undefined;
  return loadActionContext(deps, client, body, serviceId);
}

/**
 * A modal submission or in-modal action: the service and channel the modal was opened for (undefined when the
 * metadata is not ours or names no service).
 */
export async function loadModalContext(
  deps: SlackDeps,
  client: WebClient,
  userId: string,
  privateMetadata: string | undefined,
): Promise<{ metadata: ModalMetadata & { serviceId: string }; ctx: SlackContext } | undefined> {
  const metadata = decodeMetadata(privateMetadata);
  if (!metadata?.serviceId) return undefined;
  const ctx = await loadSlackContext(deps, client, {
    teamId: metadata.teamId,
    channelId: metadata.channelId,
    userId,
    serviceId: metadata.serviceId,
  });
  return { metadata: { ...metadata, serviceId: metadata.serviceId }, ctx };
}

export type ModalContext = NonNullable<Awaited<ReturnType<typeof loadModalContext>>>;
