import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import type { AssignableAgent, AssignmentReport } from '../../usecases/callbacks.js';
import { escapeMrkdwn, header, modal, option, plain, section } from './text.js';
import { callbackChoiceLabel } from '../../usecases/callbacks/choice-label.js';
import { CALLBACK_VIEWS } from '../action-ids.js';

/** Slack shows at most 100 options in a select; larger pools are handled with "oldest N". */
export const MAX_SELECT_OPTIONS = 100;

export const ASSIGN_BLOCKS = {
  callbacks: 'cb_assign_callbacks',
  oldest: 'cb_assign_oldest',
  agents: 'cb_assign_agents',
  mode: 'cb_assign_mode',
} as const;

/** A callback as a select option: number, name and when it was asked for (75 characters at most). */
export function callbackOption(
  locale: Locale,
  callback: CallbackDoc,
  timeZone: string,
  extra?: string,
): PlainTextOption {
  return option(callbackChoiceLabel(locale, callback, timeZone, extra), callback._id);
}

export interface AssignModalInput {
  /** Oldest first, at most 100 (the rest are reachable through "oldest N"). */
  unassigned: CallbackDoc[];
  unassignedTotal: number;
  agents: AssignableAgent[];
  /** Picked already (the Assign… button of one callback). */
  preselected?: string[];
  /** The digest's Distribute evenly… / Assign manually… buttons choose the mode; otherwise evenly. */
  initialMode?: 'even' | 'manual';
  timeZone: string;
}

/** `/callback assign`: pick callbacks (or the oldest N), pick agents (with their open loads), pick how. */
export function renderAssignModal(
  locale: Locale,
  input: AssignModalInput,
  privateMetadata: string,
): ModalView {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const base = {
    callbackId: CALLBACK_VIEWS.assign,
    title: t('cbcmd.assign.title'),
    close: t('common.cancel'),
    metadata: privateMetadata,
  };
  if (input.agents.length === 0) return modal({ ...base, blocks: [section(t('cbcmd.assign.noAgents'))] });

  const callbackOptions = input.unassigned
    .slice(0, MAX_SELECT_OPTIONS)
    .map((c) => callbackOption(locale, c, input.timeZone));
  const picked = callbackOptions.filter((o) => input.preselected?.includes(o.value ?? ''));
  const agentOptions = [...input.agents]
    .sort((a, b) => a.member.displayName.localeCompare(b.member.displayName, 'ko'))
    .slice(0, MAX_SELECT_OPTIONS)
    .map((a) =>
      option(
        t(a.cannotConnect ? 'cbcmd.assign.agentOptionNoCti' : 'cbcmd.assign.agentOption', {
          name: a.member.displayName,
          open: a.open,
        }),
        a.member._id,
      ),
    );
  // A select option has no room for a reason: the hint under the list names who cannot Connect, and why.
  const noCti = input.agents
    .filter((a) => a.cannotConnect === 'noCtiAgentId')
    .map((a) => a.member.displayName);
  const even = option(t('cbcmd.assign.even'), 'even');
  const manual = option(t('cbcmd.assign.manual'), 'manual');
  even.description = plain(t('cbcmd.assign.evenHint'), 75);
  manual.description = plain(t('cbcmd.assign.manualHint'), 75);

  const blocks: KnownBlock[] = [
    section(
      input.unassignedTotal > 0
        ? t('cbcmd.assign.intro', { count: input.unassignedTotal })
        : t('cbcmd.assign.noneWaiting'),
    ),
  ];
  if (callbackOptions.length > 0)
    blocks.push({
      type: 'input',
      block_id: ASSIGN_BLOCKS.callbacks,
      optional: true,
      label: plain(t('cbcmd.assign.callbacks'), 2000),
      element: {
        type: 'multi_static_select',
        action_id: 'value',
        options: callbackOptions,
        ...(picked.length > 0 ? { initial_options: picked } : {}),
      },
    });
  blocks.push(
    {
      type: 'input',
      block_id: ASSIGN_BLOCKS.oldest,
      optional: true,
      label: plain(t('cbcmd.assign.oldest'), 2000),
      hint: plain(t('cbcmd.assign.oldestHint'), 2000),
      element: {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: '10000',
      },
    },
    {
      type: 'input',
      block_id: ASSIGN_BLOCKS.agents,
      label: plain(t('cbcmd.assign.agents'), 2000),
      ...(noCti.length > 0
        ? { hint: plain(t('cbcmd.assign.noCtiHint', { names: noCti.join(', ') }), 2000) }
        : {}),
      element: { type: 'multi_static_select', action_id: 'value', options: agentOptions },
    },
    {
      type: 'input',
      block_id: ASSIGN_BLOCKS.mode,
      label: plain(t('cbcmd.assign.mode'), 2000),
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        options: [even, manual],
        initial_option: input.initialMode === 'manual' ? manual : even,
      },
    },
  );
  return modal({ ...base, submit: t('cbcmd.assign.submit'), blocks });
}

/** After an assignment: how many each agent got, and which ones someone else had taken meanwhile (and who). */
export function renderAssignmentSummary(locale: Locale, report: AssignmentReport): ModalView {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const got = report.assigned.filter((a) => a.callbackIds.length > 0);
  const lines = got.map((a) =>
    t('cbcmd.assign.perAgent', { name: escapeMrkdwn(a.name), count: a.callbackIds.length }),
  );
  const blocks: KnownBlock[] = [
    header(t('cbcmd.assign.done')),
    section(lines.length > 0 ? lines.join('\n') : t('cbcmd.assign.nothingAssigned')),
  ];
  if (report.taken.length > 0) {
    const taken = report.taken.map((c) => {
      const phone = formatKoreanPhone(c.phone);
      return c.assigneeName
        ? t('cbcmd.assign.takenBy', { phone, name: escapeMrkdwn(c.assigneeName) })
        : t('cbcmd.assign.takenClosed', { phone, status: t(`callbacks.status.${c.status}`) });
    });
    // 3,000 characters per section: long lists are split over several sections (at most 40 more blocks).
    const chunks: string[] = [t('cbcmd.assign.takenTitle', { count: report.taken.length })];
    for (const line of taken) {
      const last = chunks[chunks.length - 1]!;
      if (last.length + line.length + 1 > 2900) chunks.push(line);
      else chunks[chunks.length - 1] = `${last}\n${line}`;
    }
    blocks.push(...chunks.slice(0, 40).map((chunk) => section(chunk)));
  }
  return modal({
    callbackId: CALLBACK_VIEWS.assign,
    title: t('cbcmd.assign.title'),
    close: t('cbcmd.close'),
    blocks,
  });
}
