import type { ServiceDoc } from '../../domain/services.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import {
  adaptiveCard,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card.js';
import { problemWarning, replyCard, replyText } from '../reply.js';
import type { CardActionAnswer, TeamsCardAction, TeamsCommand, TeamsTurn } from '../router.js';

/** The verb of a service button on the `link` card. */
export const LINK_VERB = 'service.link';
/** Buttons per ActionSet (the card host's limit) and services offered on one card. */
const ACTIONS_PER_SET = 5;
const MAX_SERVICES = 25;

const say = (turn: TeamsTurn, key: MessageKey, params: Record<string, string> = {}) =>
  translate(turn.ctx.locale, key, params);

/** A personal chat has no team to announce callbacks to: setup works there, but nothing is linked. */
const inPersonalChat = (turn: TeamsTurn) => turn.ctx.conversationType === 'personal';

/** A use case's refusal in words. */
const refusal = problemWarning;

/**
 * `setup <name>` (`@Switchboard setup Acme` in a channel): creates a service with the caller as its admin. In a
 * channel or group chat that conversation is linked and becomes the service's callbacks place (the use case does
 * both for a `teams:19:…` place); in a personal chat the service is created without a place.
 */
export const setupCommand: TeamsCommand = {
  name: 'setup',
  run: async (turn, args) => {
    const name = args.trim();
    if (!name) return replyText(turn, say(turn, 'teamsSetup.usage'));
    const personal = inPersonalChat(turn);
    const result = await turn.deps.usecases.services.setupService({
      name,
      ...(personal ? {} : { place: turn.ctx.place }),
      person: turn.ctx.person,
    });
    if (!result.ok) return replyText(turn, refusal(turn, result.problem));
    const { service } = result.value;
    const created = say(turn, personal ? 'teamsSetup.createdPersonal' : 'teamsSetup.createdHere', {
      name: service.name,
    });
    await replyText(turn, `${created}\n\n${say(turn, 'teamsSetup.next', { id: service._id })}`);
  },
};

/** The `link` card: one button per service the person administers, at most five per row. */
export function renderLinkCard(turn: TeamsTurn, services: ServiceDoc[]): AdaptiveCard {
  const shown = services.slice(0, MAX_SERVICES);
  const body: CardElement[] = [textBlock(say(turn, 'teamsLink.choose'))];
  for (let i = 0; i < shown.length; i += ACTIONS_PER_SET) {
    body.push({
      type: 'ActionSet',
      actions: shown
        .slice(i, i + ACTIONS_PER_SET)
        .map((service) => executeAction(service.name.slice(0, 60), LINK_VERB, { serviceId: service._id })),
    });
  }
  if (services.length > shown.length)
    body.push(
      textBlock(say(turn, 'teamsLink.more', { count: String(services.length - shown.length) }), {
        isSubtle: true,
      }),
    );
  return adaptiveCard(body);
}

/** `link` in a channel or group chat: which of the person's services to link it to. */
export const linkCommand: TeamsCommand = {
  name: 'link',
  run: async (turn) => {
    if (inPersonalChat(turn)) return replyText(turn, say(turn, 'teamsLink.channelOnly'));
    const { services } = turn.deps.usecases;
    const administered = await services.listServicesAdministeredBy(turn.ctx.person.identity);
    if (administered.length === 0) return replyText(turn, say(turn, 'teamsLink.none'));
    await replyCard(turn, renderLinkCard(turn, administered));
  },
};

/** A service button of the `link` card: links this conversation, for that service's admins only. */
export const linkServiceAction: TeamsCardAction = {
  verb: LINK_VERB,
  run: async (turn, data): Promise<CardActionAnswer> => {
    const serviceId = typeof data.serviceId === 'string' ? data.serviceId : '';
    if (inPersonalChat(turn)) return { kind: 'message', text: say(turn, 'teamsLink.channelOnly') };
    const result = await turn.deps.usecases.services.linkService({
      serviceId,
      place: turn.ctx.place,
      person: turn.ctx.person,
    });
    if (!result.ok) {
      const text =
        result.problem.code === 'not_member'
          ? say(turn, 'teamsLink.notMember', { name: turn.ctx.service?.name ?? serviceId })
          : refusal(turn, result.problem);
      return { kind: 'message', text };
    }
    const { service } = result.value;
    const announcingHere = service.settings.teamsCallbackConversationId === turn.ctx.conversationId;
    return {
      kind: 'card',
      card: adaptiveCard([
        textBlock(
          say(turn, announcingHere ? 'teamsLink.linkedAnnouncing' : 'teamsLink.linkedElsewhere', {
            name: service.name,
          }),
        ),
      ]),
    };
  },
};
