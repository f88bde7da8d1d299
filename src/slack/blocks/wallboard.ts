import { createHash } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { ServiceSnapshot } from '../../usecases/wallboard-live.js';
import { context, escapeMrkdwn, header, plain } from './text.js';

export const WALLBOARD_VIEW_ACTION = 'wallboard_view';
export type WallboardView = 'services' | 'agents';

const LISTED_AGENTS = 40;

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

function clock(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/**
 * The wallboard as a Slack message: service figures or agent states, with buttons to switch. `hash` covers the
 * figures but not the clock line, so the pinned card is edited only when something people read has changed.
 */
export function renderWallboardCard(
  locale: Locale,
  snapshot: ServiceSnapshot,
  input: { view: WallboardView; timeZone: string; now: Date; live: boolean },
): { text: string; blocks: KnownBlock[]; hash: string } {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
  const serviceLevel = field(
    t('wallboard.serviceLevel', { seconds: snapshot.serviceLevelThresholdSeconds }),
    `${snapshot.serviceLevel.toFixed(1)}%`,
  );
  const body: KnownBlock[] = [];
  if (input.view === 'services') {
    body.push({
      type: 'section',
      fields: [
        field(t('wallboard.waiting'), `*${snapshot.waiting}*`),
        field(t('wallboard.longestWait'), duration(snapshot.longestWaitSeconds)),
        field(t('wallboard.inbound'), String(snapshot.inbound)),
        field(t('wallboard.answered'), String(snapshot.answered)),
        field(t('wallboard.abandoned'), String(snapshot.abandoned)),
        field(t('wallboard.answerRate'), `${snapshot.answerRate.toFixed(1)}%`),
        serviceLevel,
        field(t('wallboard.asa'), duration(snapshot.averageSpeedOfAnswerSeconds)),
      ],
    });
  } else {
    const a = snapshot.agents;
    body.push({
      type: 'section',
      // The guide's by-agent columns: waiting customers and service level beside the agent counts.
      fields: [
        field(t('wallboard.waiting'), `*${snapshot.waiting}*`),
        field(t('wallboard.loggedIn'), String(a.loggedIn)),
        field(t('wallboard.ready'), String(a.ready)),
        field(t('wallboard.inConversation'), String(a.inConversation)),
        field(t('wallboard.outbound'), String(a.outbound)),
        field(t('wallboard.breakOrAcw'), String(a.breakOrAcw)),
        field(t('wallboard.answerRate'), `${snapshot.answerRate.toFixed(1)}%`),
        serviceLevel,
      ],
    });
    const lines = snapshot.agentList.slice(0, LISTED_AGENTS).map((agent) => {
      const since = duration((input.now.getTime() - new Date(agent.since).getTime()) / 1000);
      return `• *${escapeMrkdwn(agent.name)}* — ${t(`wallboard.state.${agent.state}` as MessageKey)} ${since} · ${t('wallboard.answered')} ${agent.answered}`;
    });
    if (snapshot.agentList.length > LISTED_AGENTS)
      lines.push(t('members.more', { count: snapshot.agentList.length - LISTED_AGENTS }));
    body.push({
      type: 'section',
      text: { type: 'mrkdwn', text: lines.length ? lines.join('\n') : t('wallboard.noAgents') },
    });
  }
  // Times in state tick every second; the hash ignores them so only real changes cause an edit.
  const hashed = JSON.stringify({
    ...snapshot,
    agentList: snapshot.agentList.map((a) => [a.id, a.state, a.answered, a.name]),
    longestWaitSeconds: Math.floor(snapshot.longestWaitSeconds / 10),
  });
  const blocks: KnownBlock[] = [
    header(t('wallboard.title', { name: snapshot.name })),
    ...body,
    context(t('wallboard.updated', { day: snapshot.businessDay, time: clock(input.timeZone, input.now) })),
    {
      type: 'actions',
      block_id: 'wallboard_actions',
      elements: (['services', 'agents'] as const).map((view) => ({
        type: 'button' as const,
        action_id: `${WALLBOARD_VIEW_ACTION}_${view}`,
        value: view,
        text: plain(t(view === 'services' ? 'wallboard.servicesView' : 'wallboard.agentsView'), 75),
        ...(view === input.view ? { style: 'primary' as const } : {}),
      })),
    },
  ];
  return {
    // Slack reads `text` as mrkdwn (the header is plain text): a service named `<!channel>` must not ping anyone.
    text: `${t('wallboard.title', { name: escapeMrkdwn(snapshot.name) })}: ${t('wallboard.waiting')} ${snapshot.waiting}`,
    blocks,
    hash: createHash('sha1').update(`${input.view}:${locale}:${hashed}`).digest('hex'),
  };
}
