import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import { wallboardCardModel, type WallboardView } from '../../usecases/wallboard-view.js';
import type { ServiceSnapshot } from '../../usecases/wallboard-live.js';
import { context, escapeMrkdwn, header, plain } from './text.js';

export const WALLBOARD_VIEW_ACTION = 'wallboard_view';
export type { WallboardView };

/**
 * The wallboard as a Slack message: service figures or agent states, with buttons to switch. `hash` covers the
 * figures but not the clock line, so the pinned card is edited only when something people read has changed.
 */
export function renderWallboardCard(
  locale: Locale,
  snapshot: ServiceSnapshot,
  input: { view: WallboardView; timeZone: string; now: Date; live: boolean },
): { text: string; blocks: KnownBlock[]; hash: string } {
  const model = wallboardCardModel(locale, snapshot, input);
  const body: KnownBlock[] = [
    {
      type: 'section',
      fields: model.figures.map((f) => ({
        type: 'mrkdwn' as const,
        text: `*${f.label}*\n${f.emphasis ? `*${f.value}*` : f.value}`,
      })),
    },
  ];
  if (model.agents) {
    const lines = model.agents.lines.map(
      (agent) =>
        `• *${escapeMrkdwn(agent.name)}* — ${agent.state} ${agent.inState} · ${model.answeredLabel} ${agent.answered}`,
    );
    if (model.agents.more) lines.push(model.agents.more);
    body.push({
      type: 'section',
      text: { type: 'mrkdwn', text: lines.length ? lines.join('\n') : model.agents.none },
    });
  }
  const blocks: KnownBlock[] = [
    header(model.title),
    ...body,
    context(model.updated),
    {
      type: 'actions',
      block_id: 'wallboard_actions',
      elements: model.views.map(({ view, label, current }) => ({
        type: 'button' as const,
        action_id: `${WALLBOARD_VIEW_ACTION}_${view}`,
        value: view,
        text: plain(label, 75),
        ...(current ? { style: 'primary' as const } : {}),
      })),
    },
  ];
  return {
    // Slack reads `text` as mrkdwn (the header is plain text): a service named `<!channel>` must not ping anyone.
    text: `${translate(locale, 'wallboard.title', { name: escapeMrkdwn(snapshot.name) })}: ${translate(locale, 'wallboard.waiting')} ${snapshot.waiting}`,
    blocks,
    hash: model.hash,
  };
}
