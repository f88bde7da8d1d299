import { decide, takesCallbacks } from '../../domain/access.js';
import type { MemberDoc } from '../../domain/members.js';

/**
 * Who hears of new callbacks, and what a digest of them offers its reader. Written once for every surface: the
 * guide's receipt notifications (접수 알림) go to admins and agents with the phone permission.
 */

/** What a reader may do with a digest's callbacks, in the order surfaces show them. */
export type DigestAction = 'assign_next_to_me' | 'distribute_evenly' | 'assign_manually' | 'list_unassigned';

/**
 * The digest's hint, as sentences a surface words: `channel` names what each role can do (a shared channel has
 * readers of every role); the others are one member's own actions; `done` when nothing is left to take.
 */
export type DigestHint = 'channel' | 'take' | 'share' | 'list' | 'done';

/**
 * Members told of new callbacks when the service has no callback place: admins and members with `phone` (those
 * who take callbacks, `takesCallbacks`), never a member who may do neither.
 */
export function receiptRecipients<M extends Pick<MemberDoc, 'role' | 'permissions'>>(
  members: readonly M[],
): M[] {
  return members.filter(takesCallbacks);
}

/**
 * The actions and hint of a digest for its reader: `undefined` is a shared place, which gets every action (the
 * use case behind each button refuses who may not, and says why) and a hint naming each role's part; a member
 * gets only what their role allows.
 */
export function digestOffer(
  reader: Pick<MemberDoc, 'role' | 'permissions'> | undefined,
  anyUnassigned: boolean,
): { actions: DigestAction[]; hints: DigestHint[] } {
  if (!anyUnassigned) return { actions: [], hints: ['done'] };
  if (!reader)
    return {
      actions: ['assign_next_to_me', 'distribute_evenly', 'assign_manually', 'list_unassigned'],
      hints: ['channel'],
    };
  const actions: DigestAction[] = [];
  const hints: DigestHint[] = [];
  if (decide(reader, 'callbacks.work').allowed) {
    actions.push('assign_next_to_me');
    hints.push('take');
  }
  if (decide(reader, 'callbacks.assign').allowed) {
    actions.push('distribute_evenly', 'assign_manually');
    hints.push('share');
  }
  if (decide(reader, 'callbacks.viewOthers').allowed) {
    actions.push('list_unassigned');
    hints.push('list');
  }
  return { actions, hints };
}
