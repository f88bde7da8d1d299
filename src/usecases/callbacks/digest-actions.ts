import type { CallbackDoc } from '../../domain/callbacks.js';
import type { Actor } from '../actor.js';
import { fail, ok, type Result } from '../result.js';
import { assignToMe } from './assignment.js';
import { openService, refusedFor, type CallbackDeps } from './common.js';

/**
 * The buttons of a digest of new callbacks (src/usecases/notifications/digest.ts decides which a reader sees). A
 * digest in a shared channel shows every button to everyone: each use case here refuses, in words, whoever may
 * not, exactly as the matching command would.
 */

/** The service a digest's callbacks belong to (undefined for an unknown digest). */
export async function serviceOfDigest(deps: CallbackDeps, digestId: string): Promise<string | undefined> {
  return (await deps.store.callbackPosts.getPost(digestId))?.serviceId;
}

/** The digest's callbacks still unassigned, oldest request first. */
async function unassignedOf(deps: CallbackDeps, digestId: string): Promise<CallbackDoc[] | undefined> {
  const post = await deps.store.callbackPosts.getPost(digestId);
  if (!post) return undefined;
  const callbacks = await deps.store.callbacks.getMany(post.serviceId, post.callbackIds);
  return callbacks
    .filter((c) => c.status === 'unassigned')
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
}

const digestNotFound = { code: 'not_found', message: 'callbackDigest.notFound' } as const;
const noneLeft = { code: 'conflict', message: 'callbackDigest.noneLeft' } as const;

/**
 * "Assign to me" on a digest: the caller (phone permission, or admin) takes the oldest of its callbacks still
 * unassigned; one someone else takes at the same moment is skipped for the next.
 */
export async function assignNextFromDigest(
  deps: CallbackDeps,
  actor: Actor | undefined,
  digestId: string,
): Promise<Result<CallbackDoc>> {
  const serviceId = await serviceOfDigest(deps, digestId);
  if (!serviceId) return fail(digestNotFound);
  const opened = await openService(deps, actor, serviceId, 'callbacks.work');
  if (!opened.ok) return opened;
  for (const callback of (await unassignedOf(deps, digestId)) ?? []) {
    const taken = await assignToMe(deps, actor, callback._id);
    if (taken.ok || taken.problem.code !== 'conflict') return taken;
  }
  return fail(noneLeft);
}

/** "Distribute evenly…" / "Assign manually…" on a digest: its unassigned callbacks, for whoever may assign. */
export async function digestCallbacksToAssign(
  deps: CallbackDeps,
  actor: Actor | undefined,
  digestId: string,
): Promise<Result<{ serviceId: string; callbackIds: string[] }>> {
  const serviceId = await serviceOfDigest(deps, digestId);
  if (!serviceId) return fail(digestNotFound);
  const opened = await openService(deps, actor, serviceId, 'callbacks.assign');
  if (!opened.ok) return opened;
  const unassigned = (await unassignedOf(deps, digestId)) ?? [];
  if (unassigned.length === 0) return fail(noneLeft);
  return ok({ serviceId, callbackIds: unassigned.map((c) => c._id) });
}

/**
 * "Unassigned list" on a digest: only for who sees every callback (admins). An agent would see only their own
 * (none of these), so they are told why instead of being shown an empty list.
 */
export async function digestUnassignedList(
  deps: CallbackDeps,
  actor: Actor | undefined,
  digestId: string,
): Promise<Result<{ serviceId: string }>> {
  const serviceId = await serviceOfDigest(deps, digestId);
  if (!serviceId) return fail(digestNotFound);
  const refused = refusedFor(actor, 'callbacks.viewOthers', serviceId);
  if (refused) return fail(refused);
  const opened = await openService(deps, actor, serviceId, 'callbacks.view');
  if (!opened.ok) return opened;
  return ok({ serviceId });
}
