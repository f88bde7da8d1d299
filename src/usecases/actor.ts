import { decide, type Action } from '../domain/access.js';
import type { CallbackViewer } from '../domain/callback-actions.js';
import type { Surface } from '../domain/surfaces.js';
import type { MemberDoc } from '../domain/members.js';
import type { Problem } from './result.js';

/**
 * Who is acting. Members act through chat; operators through the CLI (they hold the database credentials, so the
 * permission table of docs/permissions.md does not apply to them); integrations through an API key.
 */
export type Actor =
  | { kind: 'member'; member: MemberDoc; surface: Surface }
  | { kind: 'operator'; name: string }
  | { kind: 'apiKey'; keyId: string; serviceId: string };

export function actorLabel(actor: Actor | undefined): string {
  switch (actor?.kind) {
    case undefined:
      return 'unknown';
    case 'member':
      return actor.member._id;
    case 'operator':
      return `operator:${actor.name}`;
    case 'apiKey':
      return actor.keyId;
  }
}

export function actorSurface(actor: Actor | undefined): Surface {
  switch (actor?.kind) {
    case undefined:
      return 'system';
    case 'member':
      return actor.surface;
    case 'operator':
      return 'cli';
    case 'apiKey':
      return 'http';
  }
}

/** The refusal for `action`, or undefined when the actor may go ahead. */
export function refusal(actor: Actor | undefined, action: Action): Problem | undefined {
  if (actor?.kind === 'operator') return undefined;
  if (actor?.kind === 'apiKey') return { code: 'forbidden', message: 'refusal.adminOnly' };
  const decision = decide(actor?.member, action);
  if (decision.allowed) return undefined;
  switch (decision.reason) {
    case 'notMember':
      return { code: 'not_member', message: 'refusal.notMember' };
    case 'adminOnly':
      return { code: 'forbidden', message: 'refusal.adminOnly' };
    case 'missingPermission':
      return {
        code: 'forbidden',
        message: 'refusal.missingPermission',
        params: { permission: decision.permission ?? '' },
      };
  }
}

/** The member behind the actor, when a member acts. */
export const memberOf = (actor: Actor | undefined): MemberDoc | undefined =>
  actor?.kind === 'member' ? actor.member : undefined;

export function memberActor(member: MemberDoc | undefined, surface: Surface): Actor | undefined {
  return member ? { kind: 'member', member, surface } : undefined;
}

/** The actor as the viewer of a message only they see: which callback buttons it shows (domain/callback-actions). */
export function callbackViewerOf(actor: Actor | undefined): CallbackViewer {
  switch (actor?.kind) {
    case 'member':
      return { kind: 'member', member: actor.member };
    case 'operator':
      return { kind: 'operator' };
    default:
      return { kind: 'none' };
  }
}
