import type { ModalView } from '@slack/types';
import { PERMISSIONS } from '../../domain/access.js';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { MemberDoc } from '../../domain/members.js';
import { context, escapeMrkdwn, option, plain, section, modal } from './text.js';

export const MEMBERS_CALLBACK_ID = 'switchboard_members';
export const MEMBERS_BLOCKS = {
  user: 'member_user',
  role: 'member_role',
  permissions: 'member_permissions',
  ctiAgentId: 'member_cti',
} as const;

const LISTED_MEMBERS = 40;

/**
 * `/switchboard members`: the current members on top, the add/change form below. `editing` pre-fills the form with
 * one member's values; block ids carry a revision because Slack keeps typed input per block id across updates.
 */
export function renderMembersModal(
  locale: Locale,
  input: {
    serviceName: string;
    members: MemberDoc[];
    privateMetadata: string;
    notice?: string;
    editing?: MemberDoc;
    revision?: number;
  },
): ModalView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const rev = input.revision ? `_${input.revision}` : '';
  const editing = input.editing;
  const slackUserId = editing?.identities.find((i) => i.startsWith('slack:'))?.split(':')[2];

  const lines = input.members.slice(0, LISTED_MEMBERS).map((m) => {
    const perms = PERMISSIONS.filter((p) => m.permissions[p]).join(', ') || '—';
    const cti = m.ctiAgentId ? ` · CTI \`${escapeMrkdwn(m.ctiAgentId)}\`` : '';
    return `• *${escapeMrkdwn(m.displayName)}* — ${t(`role.${m.role}`)} · ${perms}${cti}`;
  });
  if (input.members.length > LISTED_MEMBERS)
    lines.push(t('members.more', { count: input.members.length - LISTED_MEMBERS }));

  const blocks: ModalView['blocks'] = [];
  if (input.notice) blocks.push(section(`:white_check_mark: ${input.notice}`));
  blocks.push(section(`*${t('members.current', { count: input.members.length })}*\n${lines.join('\n')}`));
  blocks.push({ type: 'divider' });
  blocks.push({
    type: 'input',
    block_id: MEMBERS_BLOCKS.user + rev,
    dispatch_action: true,
    label: plain(t('members.userLabel'), 2000),
    element: {
      type: 'users_select',
      action_id: 'value',
      ...(slackUserId ? { initial_user: slackUserId } : {}),
    },
  });
  const roleOptions = [option(t('role.member'), 'member'), option(t('role.admin'), 'admin')];
  blocks.push({
    type: 'input',
    block_id: MEMBERS_BLOCKS.role + rev,
    label: plain(t('members.roleLabel'), 2000),
    element: {
      type: 'radio_buttons',
      action_id: 'value',
      options: roleOptions,
      initial_option: editing?.role === 'admin' ? roleOptions[1] : roleOptions[0],
    },
  });
  const permissionOptions = PERMISSIONS.map((p) => option(t(`permission.${p}`), p));
  const granted = permissionOptions.filter(
    (o) => editing?.permissions[o.value as (typeof PERMISSIONS)[number]],
  );
  blocks.push({
    type: 'input',
    block_id: MEMBERS_BLOCKS.permissions + rev,
    optional: true,
    label: plain(t('members.permissionsLabel'), 2000),
    element: {
      type: 'checkboxes',
      action_id: 'value',
      options: permissionOptions,
      ...(granted.length > 0 ? { initial_options: granted } : {}),
    },
  });
  blocks.push({
    type: 'input',
    block_id: MEMBERS_BLOCKS.ctiAgentId + rev,
    optional: true,
    label: plain(t('members.ctiLabel'), 2000),
    hint: plain(t('members.ctiHint'), 2000),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      max_length: 64,
      ...(editing?.ctiAgentId ? { initial_value: editing.ctiAgentId } : {}),
    },
  });
  blocks.push(context(escapeMrkdwn(input.serviceName)));
  return modal({
    callbackId: MEMBERS_CALLBACK_ID,
    metadata: input.privateMetadata,
    title: t('members.modalTitle'),
    submit: t('setup.submit'),
    close: t('common.cancel'),
    blocks,
  });
}
