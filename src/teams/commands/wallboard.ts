import type { ServiceDoc } from '../../domain/services.js';
import { formatDateTime } from '../../i18n/dates.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { ChatMessage } from '../../usecases/notifications/chat-port.js';
import { activeWallboardLinks } from '../../usecases/wallboard-links.js';
import type { WallboardView } from '../../usecases/wallboard-view.js';
import { adaptiveCard, factSet, heading, textBlock } from '../cards/card.js';
import {
  renderWallboardCard,
  renderWallboardLinkCard,
  renderWallboardLinkOffer,
  WALLBOARD_LINK_VERB,
  WALLBOARD_VIEW_VERB,
} from '../cards/wallboard-card.js';
import { problemText, replyCard, replyProblem, replyText } from '../reply.js';
import type { CardActionAnswer, TeamsCardAction, TeamsCommand, TeamsTurn } from '../router.js';

/** Korean words people may type after `전광판`, as the English sub-commands they stand for. */
const KOREAN_WORDS: Record<string, string> = {
  현황: 'show',
  서비스별: 'services',
  상담원별: 'agents',
  고정: 'pin',
  고정해제: 'unpin',
  링크: 'link',
};

const say = (turn: TeamsTurn, key: MessageKey, params?: Record<string, string | number>) =>
  translate(turn.ctx.locale, key, params);

/** `wallboard [agents]`: the current figures as a card, for any member of the service. */
async function showFigures(turn: TeamsTurn, service: ServiceDoc, view: WallboardView): Promise<void> {
  const result = await turn.deps.usecases.wallboard.viewWallboard(turn.ctx.actor, service._id);
  if (!result.ok) return replyProblem(turn, result.problem);
  const { card, summary } = renderWallboardCard(turn.ctx.locale, result.value, {
    view,
    timeZone: service.settings.timeZone,
    now: new Date(),
    live: false,
  });
  await replyCard(turn, card, summary);
}

/**
 * `wallboard pin` (admins, in a channel or group chat): a live card posted through the chat port and kept current
 * by the pinned-wallboard job (updated in place, only when the figures change). Teams bots cannot pin, so the card
 * and the answer say how people pin it themselves.
 */
async function pin(turn: TeamsTurn, service: ServiceDoc): Promise<void> {
  const { deps, ctx } = turn;
  const { wallboard, live } = deps.usecases;
  if (ctx.conversationType === 'personal') return replyText(turn, say(turn, 'teamsWallboard.pinWhere'));
  const prepared = await wallboard.preparePin(ctx.actor, service._id, ctx.conversationId);
  if (!prepared.ok) return replyProblem(turn, prepared.problem);
  if (prepared.value.existing) return replyText(turn, say(turn, 'teamsWallboard.alreadyPinned'));
  const locale = service.settings.locale;
  const message: ChatMessage = {
    kind: 'wallboard',
    locale,
    view: 'services',
    timeZone: service.settings.timeZone,
    now: new Date(),
    live: true,
    snapshot: live.snapshot(service._id, service)!,
  };
  const posted = await deps.chat.post(ctx.place, message);
  if (posted.kind === 'rate_limited')
    return replyText(
      turn,
      say(turn, 'teamsWallboard.busy', { seconds: Math.ceil(posted.retryAfterMs / 1000) }),
    );
  if (posted.kind !== 'posted') {
    deps.log.warn({ place: ctx.place, result: posted }, 'could not post the live wallboard card');
    return replyText(turn, say(turn, 'teamsWallboard.postFailed'));
  }
  const recorded = await wallboard.recordPin(ctx.actor, {
    serviceId: service._id,
    teamId: ctx.tenantId,
    channelId: ctx.conversationId,
    ts: posted.ref.id,
    place: ctx.place,
    view: 'services',
    locale,
    lastHash: deps.chat.fingerprint(message),
  });
  if (!recorded.ok) return replyProblem(turn, recorded.problem);
  await replyText(
    turn,
    say(turn, 'teamsWallboard.pinned', { seconds: service.settings.wallboardIntervalSeconds }),
  );
}

/** `wallboard unpin` (admins): the card stops updating and stays with its last figures. */
async function unpin(turn: TeamsTurn, service: ServiceDoc): Promise<void> {
  const result = await turn.deps.usecases.wallboard.unpinWallboard(
    turn.ctx.actor,
    service._id,
    turn.ctx.conversationId,
  );
  if (!result.ok) return replyProblem(turn, result.problem);
  await replyText(turn, say(turn, 'teamsWallboard.unpinned'));
}

/** A signed link as a card with an Open button, or the use case's refusal in words. */
async function linkCard(
  turn: TeamsTurn,
  service: ServiceDoc,
  options: { screen: boolean; label?: string },
): Promise<CardActionAnswer> {
  const { deps, ctx } = turn;
  const issued = await deps.usecases.wallboardLinks.issueWallboardLink(
    ctx.actor,
    service._id,
    options.screen ? { longLived: true, label: options.label } : {},
  );
  if (!issued.ok) return { kind: 'message', text: problemText(turn, issued.problem) };
  const url = `${deps.publicUrl}${issued.value.path}`;
  const expires = formatDateTime(issued.value.expiresAt, service.settings.timeZone, ctx.locale);
  const text = options.screen
    ? say(turn, 'teamsWallboard.linkScreen', {
        label: options.label ?? say(turn, 'teamsWallboard.screenLabel'),
        id: issued.value.linkId ?? '',
        expires,
      })
    : say(turn, 'teamsWallboard.linkPersonal', { expires });
  // The Teams catalogue writes card markdown already (`**label**`): only the code marks go (TextBlocks have none).
  return { kind: 'card', card: renderWallboardLinkCard(ctx.locale, text.replace(/`/g, ''), url) };
}

/**
 * `wallboard link [screen [name] | list | revoke <id>]`. A link is for one person: in a personal chat it is the
 * answer; in a channel or group chat the answer is a button that shows each presser their own link, to them alone.
 */
async function link(turn: TeamsTurn, service: ServiceDoc, words: string[]): Promise<void> {
  const { deps, ctx } = turn;
  const { wallboardLinks } = deps.usecases;
  const [first = '', ...rest] = words;
  const sub = first.toLowerCase();
  if (sub === 'list') {
    const links = await wallboardLinks.listWallboardLinks(ctx.actor, service._id);
    if (!links.ok) return replyProblem(turn, links.problem);
    const active = activeWallboardLinks(links.value).map((l) => ({
      title: l._id,
      value: `${l.label ?? ''} · ${formatDateTime(l.expiresAt, service.settings.timeZone, ctx.locale)}`,
    }));
    const body = [heading(say(turn, 'wallboard.linkList'))];
    body.push(active.length ? factSet(active) : textBlock(say(turn, 'common.none'), { isSubtle: true }));
    return void (await replyCard(turn, adaptiveCard(body)));
  }
  if (sub === 'revoke') {
    const revoked = await wallboardLinks.revokeWallboardLink(ctx.actor, service._id, rest[0] ?? '');
    if (!revoked.ok) return replyProblem(turn, revoked.problem);
    return replyText(turn, say(turn, 'wallboard.linkRevoked', { id: revoked.value._id }));
  }
  const options = { screen: sub === 'screen', label: rest.join(' ') || undefined };
  if (ctx.conversationType !== 'personal')
    return void (await replyCard(turn, renderWallboardLinkOffer(ctx.locale, service._id, options)));
  const answer = await linkCard(turn, service, options);
  if (answer.kind === 'message') return replyText(turn, `⚠️ ${answer.text}`);
  await replyCard(turn, answer.card);
}

/** `wallboard` (`전광판`): figures, the live card, and wall-page links. */
export const wallboardCommand: TeamsCommand = {
  name: 'wallboard',
  aliases: ['전광판'],
  run: async (turn, args) => {
    const service = turn.ctx.service;
    if (!service) return replyText(turn, `⚠️ ${say(turn, 'teamsWallboard.noService')}`);
    const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
    const verb = KOREAN_WORDS[first] ?? first.toLowerCase();
    if (verb === '' || verb === 'show' || verb === 'services' || verb === 'agents')
      return showFigures(turn, service, verb === 'agents' ? 'agents' : 'services');
    if (verb === 'pin') return pin(turn, service);
    if (verb === 'unpin') return unpin(turn, service);
    if (verb === 'link')
      return link(
        turn,
        service,
        rest.map((w) => KOREAN_WORDS[w] ?? w),
      );
    await replyText(turn, say(turn, 'teamsWallboard.usage'));
  },
};

/** The Action.Submit fallback arrives as a message: its answer would replace the card for everyone in the conversation. */
const isFallback = (turn: TeamsTurn) => turn.turn.activity.type === 'message';

/**
 * "By service" / "By agent". The presser sees the other view at once (a Universal Actions answer is theirs alone);
 * on the live card the view is recorded and the refresh job shows it to everyone at its next run, within the
 * card's pacing (the job is the live card's only writer, so a press never adds an unpaced update).
 */
export const wallboardViewAction: TeamsCardAction = {
  verb: WALLBOARD_VIEW_VERB,
  run: async (turn, data) => {
    const { deps, ctx } = turn;
    const view: WallboardView = data.view === 'agents' ? 'agents' : 'services';
    if (!ctx.service) return { kind: 'message', text: say(turn, 'teamsWallboard.noService') };
    const { wallboard } = deps.usecases;
    const result = await wallboard.viewWallboard(ctx.actor, ctx.service._id);
    if (!result.ok) return { kind: 'message', text: problemText(turn, result.problem) };
    const settings = ctx.service.settings;
    const pinned = await wallboard.findPinnedCard(ctx.conversationId, turn.turn.activity.replyToId);
    // Nobody sees this view on the live card yet: the refresh job's next run updates it.
    if (pinned && pinned.view !== view) await wallboard.recordPinnedView(pinned._id, view, '');
    if (pinned && isFallback(turn))
      return {
        kind: 'message',
        text: say(turn, 'teamsWallboard.viewNext', { seconds: settings.wallboardIntervalSeconds }),
      };
    const input = { view, timeZone: settings.timeZone, now: new Date(), live: !!pinned };
    return {
      kind: 'card',
      card: renderWallboardCard(pinned?.locale ?? ctx.locale, result.value, input).card,
    };
  },
};

/** "Show my link" on a link card in a shared conversation: the presser's own link, shown to them alone. */
export const wallboardLinkAction: TeamsCardAction = {
  verb: WALLBOARD_LINK_VERB,
  run: async (turn, data) => {
    if (!turn.ctx.service) return { kind: 'message', text: say(turn, 'teamsWallboard.noService') };
    if (isFallback(turn) && turn.ctx.conversationType !== 'personal')
      return { kind: 'message', text: say(turn, 'teamsWallboard.linkInPersonalChat') };
    return linkCard(turn, turn.ctx.service, {
      screen: data.screen === true,
      label: typeof data.label === 'string' && data.label ? data.label : undefined,
    });
  },
};
