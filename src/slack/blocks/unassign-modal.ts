import type { KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { CallbackDoc } from '../../domain/callbacks.js';
import { escapeMrkdwn, modal, plain, section } from './text.js';
import { CALLBACK_VIEWS } from '../action-ids.js';
import { callbackOption, MAX_SELECT_OPTIONS } from './assign-modal.js';

export const UNASSIGN_BLOCKS = { callbacks: 'cb_unassign_callbacks', agents: 'cb_unassign_agents' } as const;

export interface UnassignModalInput {
  loads: { agentId: string; name: string; open: number }[];
  /** Open assigned callbacks, oldest first. */
  assigned: CallbackDoc[];
  names: Map<string, string>;
  timeZone: string;
}

/** `/callback unassign`: open callbacks per agent, and a pick of assigned ones (labelled with who has them). */
export function renderUnassignModal(
  locale: Locale,
  input: UnassignModalInput,
  privateMetadata: string,
): ModalView {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const loads = input.loads
    .slice(0, 60)
    .map((l) => t('cbcmd.unassign.load', { name: escapeMrkdwn(l.name), open: l.open }));
  const blocks: KnownBlock[] = [
    section(
      loads.length > 0
        ? `${t('cbcmd.unassign.loads')}\n${loads.join('\n')}`
        : t('cbcmd.unassign.noneAssigned'),
    ),
  ];
  const options = input.assigned
    .slice(0, MAX_SELECT_OPTIONS)
    .map((c) =>
      callbackOption(locale, c, input.timeZone, `→ ${input.names.get(c.assigneeId ?? '') ?? c.assigneeId}`),
    );
  const base = {
    callbackId: CALLBACK_VIEWS.unassign,
    title: t('cbcmd.unassign.title'),
    close: t('common.cancel'),
    metadata: privateMetadata,
  };
  if (options.length === 0) return modal({ ...base, blocks });
  blocks.push({
    type: 'input',
    block_id: UNASSIGN_BLOCKS.callbacks,
    optional: true,
    label: plain(t('cbcmd.unassign.callbacks'), 2000),
    element: { type: 'multi_static_select', action_id: 'value', options },
  });
  // Beyond the 100 options a select holds: everything an agent has, in one pick.
  const agents = input.loads
    .filter((l) => l.open > 0)
    .slice(0, MAX_SELECT_OPTIONS)
    .map((l) => ({
      text: plain(t('cbcmd.unassign.agentOption', { name: l.name, open: l.open }), 75),
      value: l.agentId,
    }));
  if (agents.length > 0)
    blocks.push({
      type: 'input',
      block_id: UNASSIGN_BLOCKS.agents,
      optional: true,
      label: plain(t('cbcmd.unassign.agents'), 2000),
      element: { type: 'multi_static_select', action_id: 'value', options: agents },
    });
  return modal({ ...base, submit: t('cbcmd.unassign.submit'), blocks });
}

/** After unassigning: how many went back to the pool, and how many were skipped (no longer assigned). */
export function renderUnassignSummary(
  locale: Locale,
  result: { unassigned: CallbackDoc[]; skipped: string[] },
): ModalView {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const lines = [t('cbcmd.unassign.done', { count: result.unassigned.length })];
  if (result.skipped.length > 0) lines.push(t('cbcmd.unassign.skipped', { count: result.skipped.length }));
  return modal({
    callbackId: CALLBACK_VIEWS.unassign,
    title: t('cbcmd.unassign.title'),
    close: t('cbcmd.close'),
    blocks: [section(lines.join('\n'))],
  });
}
