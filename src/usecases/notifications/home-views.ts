import type { CallbackChange } from '../callback-events.js';

/** Members whose "My open callbacks" a change touches: who has it now and who had it before. */
export function affectedAssignees(changes: readonly CallbackChange[]): Set<string> {
  const ids = new Set<string>();
  for (const change of changes) {
    // A new callback is nobody's yet; a logged attempt or a registered history changes nothing the home view shows.
    if (change.kind === 'created' || change.kind === 'attempt' || change.kind === 'history') continue;
    if (change.callback.assigneeId && change.callback.status === 'assigned')
      ids.add(change.callback.assigneeId);
    if (change.previousAssigneeId) ids.add(change.previousAssigneeId);
    if (change.kind === 'completed' || change.kind === 'cancelled')
      if (change.callback.assigneeId) ids.add(change.callback.assigneeId);
  }
  return ids;
}
