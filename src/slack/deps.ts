import type { WebClient } from '@slack/web-api';
import type { FastifyBaseLogger } from 'fastify';
import type { Locale } from '../domain/service-settings.js';
import { pickLocale } from '../i18n/index.js';
import { slackChannelPlace } from '../domain/places.js';
import type { Store } from '../store/index.js';
import type { MemberDoc } from '../domain/members.js';
import type { ServiceDoc } from '../domain/services.js';
import { loadServiceForPerson, resolveServiceForPlace, type ChatPerson } from '../usecases/services.js';
import type { SlackPeople } from './people.js';
import type { Scheduler } from '../jobs/scheduler.js';
import type { WallboardLive } from '../usecases/wallboard-live.js';
import type { CallbackDeps } from '../usecases/callbacks.js';

export interface SlackDeps {
  store: Store;
  live: WallboardLive;
  scheduler: Scheduler;
  /** Callback use cases' dependencies (store, events, webhooks, scheduler). */
  callbacks: CallbackDeps;
  people: SlackPeople;
  log: FastifyBaseLogger;
  /** Where links we hand out point (wallboard pages). */
  publicUrl: string;
  /**
   * How long a modal submission may work before it answers with a progress view and shows its result by
   * `views.update` instead (Slack waits 3 s for the answer). Tests set 0 to take the long way every time.
   */
  modalAnswerWithinMs?: number;
}

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
}

export async function loadSlackContext(
  deps: SlackDeps,
  client: WebClient,
  ids: { teamId: string; userId: string; channelId: string; serviceId?: string },
): Promise<SlackContext> {
  const { person, isBot } = await deps.people.lookup(client, ids.teamId, ids.userId);
  const place = slackChannelPlace(ids.teamId, ids.channelId);
  let service: ServiceDoc | undefined;
  let member: MemberDoc | undefined;
  if (ids.serviceId) {
    ({ service, member } = await loadServiceForPerson(deps.store, {
      serviceId: ids.serviceId,
      identity: person.identity,
    }));
  } else {
    const resolved = await resolveServiceForPlace(deps.store, { place, identity: person.identity });
    if (resolved.ok) ({ service, member } = resolved.value);
  }
  return {
    person,
    isBot,
    teamId: ids.teamId,
    channelId: ids.channelId,
    place,
    locale: pickLocale(person.locale, service?.settings.locale),
    service,
    member,
  };
}

/** Modals carry where they were opened from, so their submission acts on the same service and channel. */
export interface ModalMetadata {
  serviceId?: string;
  teamId: string;
  channelId: string;
  /** Settings modal: a short hash of each value as the modal showed it, so a save writes only what was edited. */
  shown?: Record<string, string>;
}

export function encodeMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(metadata);
}

export function decodeMetadata(text: string | undefined): ModalMetadata | undefined {
  try {
    const value = JSON.parse(text ?? '') as Partial<ModalMetadata>;
    if (typeof value.teamId === 'string' && typeof value.channelId === 'string')
      return value as ModalMetadata;
  } catch {
    // fall through
  }
  return undefined;
}

/** Reads the value of one input from a submitted view's state, whatever the element type. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;
export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_user?: string | null;
  selected_conversation?: string | null;
}

/** The single input of a block (our inputs all use action_id `value`); block ids may carry a `_rev` suffix. */
export function inputOf(values: ViewStateValues, blockId: string): ViewStateValue | undefined {
  const exact = values[blockId]?.value;
  if (exact) return exact;
  const key = Object.keys(values).find((k) => k.startsWith(`${blockId}_`) && /_\d+$/.test(k));
  return key ? values[key]?.value : undefined;
}

export function blockIdIn(values: ViewStateValues, blockId: string): string {
  return (
    Object.keys(values).find((k) => k === blockId || (k.startsWith(`${blockId}_`) && /_\d+$/.test(k))) ??
    blockId
  );
}

/** A modal submission or in-modal action: the service and channel the modal was opened for. */
export async function loadModalContext(
  deps: SlackDeps,
  client: WebClient,
  userId: string,
  privateMetadata: string | undefined,
): Promise<{ metadata: ModalMetadata & { serviceId: string }; ctx: SlackContext } | undefined> {
  const metadata = decodeMetadata(privateMetadata);
  if (!metadata?.serviceId) return undefined;
  const ctx = await loadSlackContext(deps, client, { ...metadata, userId, serviceId: metadata.serviceId });
  return { metadata: { ...metadata, serviceId: metadata.serviceId }, ctx };
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

/** A button on a message: the service linked to the message's channel. */
export function loadActionContext(
  deps: SlackDeps,
  client: WebClient,
  body: { team?: { id: string } | null; user: { id: string; team_id?: string }; channel?: { id: string } },
): Promise<SlackContext> {
  return loadSlackContext(deps, client, {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
  });
}
