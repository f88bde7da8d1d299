import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { ChatMessage } from '../../usecases/notifications/chat-port.js';
import type { ServiceSnapshot } from '../../usecases/wallboard-live.js';
import {
  wallboardCardModel,
  type WallboardFigure,
  type WallboardView,
} from '../../usecases/wallboard-view.js';
import {
  adaptiveCard,
  executeAction,
  factSet,
  heading,
  openUrlAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './card.js';

type WallboardMessage = Extract<ChatMessage, { kind: 'wallboard' }>;

/** The verb of "By service" / "By agent" on a wallboard card. */
export const WALLBOARD_VIEW_VERB = 'wallboard.view';
/** The verb of "Show my link" on a wallboard-link card in a shared conversation. */
export const WALLBOARD_LINK_VERB = 'wallboard.link';

export interface WallboardCardInput {
  view: WallboardView;
  timeZone: string;
  now: Date;
  /** The card kept current in a conversation (it says how to pin it; Teams bots cannot pin). */
  live: boolean;
}

/** One figure as a wall reads it: a small label over a large number. */
function tile(figure: WallboardFigure): CardElement {
  return {
    type: 'Column',
    width: 'stretch',
    items: [
      textBlock(figure.label, { isSubtle: true, size: 'Small' }),
      textBlock(figure.value, {
        size: figure.emphasis ? 'ExtraLarge' : 'Large',
        weight: 'Bolder',
        spacing: 'None',
        ...(figure.emphasis ? { color: 'Accent' } : {}),
      }),
    ],
  };
}

/** Figures two to a row, so the card reads the same in a narrow Teams pane and on a wide screen. */
function tiles(figures: WallboardFigure[]): CardElement[] {
  const rows: CardElement[] = [];
  for (let i = 0; i < figures.length; i += 2)
    rows.push({ type: 'ColumnSet', columns: figures.slice(i, i + 2).map(tile), spacing: 'Medium' });
  return rows;
}

/**
 * The wallboard as an Adaptive Card: a service's figures or its agents by state, the time of the figures in the
 * service's time zone, and buttons to switch views. Words and figures come from the shared wallboard view model,
 * so Slack and Teams show the same thing.
 */
export function renderWallboardCard(
  locale: Locale,
  snapshot: ServiceSnapshot,
  input: WallboardCardInput,
): { card: AdaptiveCard; summary: string; hash: string } {
  const model = wallboardCardModel(locale, snapshot, input);
  const body: CardElement[] = [heading(model.title), ...tiles(model.figures)];
  if (model.agents) {
    const { lines, more, none } = model.agents;
    body.push(
      lines.length
        ? factSet(
            lines.map((agent) => ({
              title: agent.name,
              value: `${agent.state} ${agent.inState} · ${model.answeredLabel} ${agent.answered}`,
            })),
          )
        : textBlock(none, { isSubtle: true }),
    );
    if (more) body.push(textBlock(more, { isSubtle: true, spacing: 'None' }));
  }
  body.push(textBlock(model.updated, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  if (input.live)
    body.push(textBlock(translate(locale, 'teamsWallboard.liveHint'), { isSubtle: true, size: 'Small' }));
  const actions = model.views.map(({ view, label, current }) =>
    executeAction(
      label,
      WALLBOARD_VIEW_VERB,
      { view, serviceId: snapshot.id },
      current ? { style: 'positive' } : {},
    ),
  );
  const waiting = model.figures.find((f) => f.emphasis);
  return {
    card: adaptiveCard(body, { actions, msteams: { width: 'Full' } }),
    summary: `${model.title}: ${waiting?.label ?? ''} ${waiting?.value ?? ''}`.trim(),
    hash: model.hash,
  };
}

/** The live card the notification pipeline posts and keeps current. */
export function renderWallboardMessageCard(message: WallboardMessage): {
  card: AdaptiveCard;
  summary: string;
} {
  const { card, summary } = renderWallboardCard(message.locale, message.snapshot, message);
  return { card, summary };
}

/** What people read of a wallboard card without its clock line: an update happens only when figures change. */
export function wallboardFingerprint(message: WallboardMessage): string {
  return renderWallboardCard(message.locale, message.snapshot, message).hash;
}

/** A signed wall-page link with an Open button (shown only to the person who asked). */
export function renderWallboardLinkCard(locale: Locale, text: string, url: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading(translate(locale, 'teamsWallboard.linkTitle')),
      textBlock(text),
      textBlock(url, { isSubtle: true, size: 'Small' }),
    ],
    { actions: [openUrlAction(translate(locale, 'teamsWallboard.open'), url)] },
  );
}

/**
 * In a channel or group chat a link is not posted for all to see: a button gives each presser their own link, in
 * the answer only they see (Universal Actions replace the card for the presser alone).
 */
export function renderWallboardLinkOffer(
  locale: Locale,
  serviceId: string,
  options: { screen: boolean; label?: string },
): AdaptiveCard {
  return adaptiveCard(
    [
      heading(translate(locale, 'teamsWallboard.linkTitle')),
      textBlock(translate(locale, 'teamsWallboard.linkPrivate')),
    ],
    {
      actions: [
        executeAction(translate(locale, 'teamsWallboard.showLink'), WALLBOARD_LINK_VERB, {
          serviceId,
          screen: options.screen,
          ...(options.label ? { label: options.label } : {}),
        }),
      ],
    },
  );
}
