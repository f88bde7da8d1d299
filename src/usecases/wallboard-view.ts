import { createHash } from 'node:crypto';
import type { Locale } from '../domain/service-settings.js';
import { formatTimeOfDay } from '../i18n/dates.js';
import { translate, type MessageKey } from '../i18n/index.js';
import type { ServiceSnapshot } from './wallboard-live.js';

/** The two views of a wallboard card: figures per service, or agent states. */
export type WallboardView = 'services' | 'agents';
export const WALLBOARD_VIEWS: readonly WallboardView[] = ['services', 'agents'];

/** How many agents a card lists by name; the rest are counted. */
export const LISTED_AGENTS = 40;

/** One labelled figure as a card shows it (`emphasis`: the headline, waiting customers). */
export interface WallboardFigure {
  label: string;
  value: string;
  emphasis?: boolean;
}

/** One agent of the by-agent view: name, state word, time in that state, answered calls. */
export interface WallboardAgentLine {
  name: string;
  state: string;
  inState: string;
  answered: number;
}

/**
 * A wallboard card as words and figures, for every chat surface (Slack blocks, Teams Adaptive Cards) to lay out in
 * its own way. `hash` covers what people read but not the clock line, nor times that tick every second, so a live
 * card is edited only when something people read has changed.
 */
export interface WallboardCardModel {
  title: string;
  figures: WallboardFigure[];
  /** The by-agent view's list (undefined in the by-service view). */
  agents?: { lines: WallboardAgentLine[]; more: string | null; none: string };
  /** Label of an agent's answered count (`Answered`). */
  answeredLabel: string;
  /** `2026-11-22 · as of 14:05:09`, in the service's time zone. */
  updated: string;
  views: { view: WallboardView; label: string; current: boolean }[];
  hash: string;
}

/** `m:ss`, or `h:mm:ss` from an hour on: waits and times in state. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

const percent = (value: number) => `${value.toFixed(1)}%`;

export function wallboardCardModel(
  locale: Locale,
  snapshot: ServiceSnapshot,
  input: { view: WallboardView; timeZone: string; now: Date },
): WallboardCardModel {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const figure = (key: MessageKey, value: string | number): WallboardFigure => ({
    label: t(key),
    value: String(value),
  });
  const waiting: WallboardFigure = { ...figure('wallboard.waiting', snapshot.waiting), emphasis: true };
  const answerRate = figure('wallboard.answerRate', percent(snapshot.answerRate));
  const serviceLevel: WallboardFigure = {
    label: t('wallboard.serviceLevel', { seconds: snapshot.serviceLevelThresholdSeconds }),
    value: percent(snapshot.serviceLevel),
  };
  const a = snapshot.agents;
  const figures =
    input.view === 'services'
      ? [
          waiting,
          figure('wallboard.longestWait', formatDuration(snapshot.longestWaitSeconds)),
          figure('wallboard.inbound', snapshot.inbound),
          figure('wallboard.answered', snapshot.answered),
          figure('wallboard.abandoned', snapshot.abandoned),
          answerRate,
          serviceLevel,
          figure('wallboard.asa', formatDuration(snapshot.averageSpeedOfAnswerSeconds)),
        ]
      : // The guide's by-agent columns: waiting customers and service level beside the agent counts.
        [
          waiting,
          figure('wallboard.loggedIn', a.loggedIn),
          figure('wallboard.ready', a.ready),
          figure('wallboard.inConversation', a.inConversation),
          figure('wallboard.outbound', a.outbound),
          figure('wallboard.breakOrAcw', a.breakOrAcw),
          answerRate,
          serviceLevel,
        ];
  const agents =
    input.view === 'agents'
      ? {
          lines: snapshot.agentList.slice(0, LISTED_AGENTS).map((agent) => ({
            name: agent.name,
            state: t(`wallboard.state.${agent.state}` as MessageKey),
            inState: formatDuration((input.now.getTime() - new Date(agent.since).getTime()) / 1000),
            answered: agent.answered,
          })),
          more:
            snapshot.agentList.length > LISTED_AGENTS
              ? t('members.more', { count: snapshot.agentList.length - LISTED_AGENTS })
              : null,
          none: t('wallboard.noAgents'),
        }
      : undefined;
  // Times in state tick every second; the hash ignores them so only real changes cause an edit.
  const hashed = JSON.stringify({
    ...snapshot,
    agentList: snapshot.agentList.map((agent) => [agent.id, agent.state, agent.answered, agent.name]),
    longestWaitSeconds: Math.floor(snapshot.longestWaitSeconds / 10),
  });
  return {
    title: t('wallboard.title', { name: snapshot.name }),
    figures,
    ...(agents ? { agents } : {}),
    answeredLabel: t('wallboard.answered'),
    updated: t('wallboard.updated', {
      day: snapshot.businessDay,
      time: formatTimeOfDay(input.now, input.timeZone),
    }),
    views: WALLBOARD_VIEWS.map((view) => ({
      view,
      label: t(view === 'services' ? 'wallboard.servicesView' : 'wallboard.agentsView'),
      current: view === input.view,
    })),
    hash: createHash('sha1').update(`${input.view}:${locale}:${hashed}`).digest('hex'),
  };
}
