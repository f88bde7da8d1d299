import { decide, type Action, type Actor } from './access.js';
import type { CallbackStatus } from './callbacks.js';

/**
 * Which buttons a callback shows, and to whom (docs/permissions.md, "What each person is shown"). Pure: the
 * surfaces render exactly these; the use cases still decide when a button is pressed.
 */
export type CallbackAction = 'assign_to_me' | 'assign' | 'call' | 'complete' | 'register_history' | 'cancel';

/**
 * Who looks at a callback. A message only one person sees (their DM, App Home, an ephemeral list) shows what that
 * person may do. A message in a shared place (the callback channel's card, its reminder) is seen by everyone in
 * the place, so it keeps every action its state allows and each press is checked (and refused in words).
 */
export type CallbackViewer =
  | { kind: 'shared' }
  /** The CLI: operators may do everything. */
  | { kind: 'operator' }
  /** An integration (API key), or nobody: no buttons. */
  | { kind: 'none' }
  | { kind: 'member'; member: Actor & { _id: string } };

export const SHARED_VIEWER: CallbackViewer = { kind: 'shared' };

/** What each action needs from the table in `access.ts`, besides the callback's state. */
const PERMISSION_OF: Record<CallbackAction, Action> = {
  assign_to_me: 'callbacks.work',
  assign: 'callbacks.assign',
  call: 'callbacks.work',
  complete: 'callbacks.work',
  register_history: 'callbacks.registerHistory',
  cancel: 'callbacks.cancel',
};

/** The actions a callback's state allows, in the order surfaces show them. */
export function actionsOfState(status: CallbackStatus): CallbackAction[] {
  switch (status) {
    case 'unassigned':
      return ['assign_to_me', 'assign', 'register_history', 'cancel'];
    case 'assigned':
      return ['call', 'complete', 'register_history', 'cancel'];
    case 'completed':
    case 'cancelled':
      return [];
  }
}

/**
 * The actions `viewer` is shown on `callback`: its state's actions, narrowed for one person to those the table
 * grants them; Connect (Call) and Complete only to the assignee or an admin, as the use cases decide on click.
 */
export function callbackActionsFor(
  viewer: CallbackViewer,
  callback: { status: CallbackStatus; assigneeId?: string | null },
): CallbackAction[] {
  const actions = actionsOfState(callback.status);
  switch (viewer.kind) {
    case 'shared':
    case 'operator':
      return actions;
    case 'none':
      return [];
    case 'member': {
      const { member } = viewer;
      const isAdmin = member.role === 'admin';
      return actions.filter((action) => {
        if (!decide(member, PERMISSION_OF[action]).allowed) return false;
        if (action === 'call' || action === 'complete') return isAdmin || callback.assigneeId === member._id;
        return true;
      });
    }
  }
}
