/**
 * Who may do what (docs/permissions.md). Pure: callers pass the member (or undefined for a stranger) and get a decision
 * with the reason a person can read. Use cases call `decide` before they touch anything.
 */
export const PERMISSIONS = ['phone', 'callbackAssign', 'sms'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Role = 'admin' | 'member';

export interface Actor {
  role: Role;
  permissions: Record<Permission, boolean>;
}

export const ACTIONS = {
  'callbacks.view': { anyOf: ['phone'] },
  'callbacks.viewOthers': { adminOnly: true },
  'callbacks.work': { anyOf: ['phone'] },
  'callbacks.registerHistory': { anyOf: ['phone'] },
  /** `/callback new` (a product choice: whoever takes or hands out callbacks may also write one down). */
  'callbacks.create': { anyOf: ['phone', 'callbackAssign'] },
  /** Cancel an open callback with a reason (admins only). */
  'callbacks.cancel': { adminOnly: true },
  'callbacks.assign': { anyOf: ['callbackAssign'] },
  'callbacks.stats': { adminOnly: true },
  'sms.send': { anyOf: ['sms'] },
  'sms.manageTemplates': { adminOnly: true },
  'sms.viewAllHistory': { adminOnly: true },
  'wallboard.view': { anyMember: true },
  'wallboard.pin': { adminOnly: true },
  'service.configure': { adminOnly: true },
  'service.manageMembers': { adminOnly: true },
  'service.manageApiKeys': { adminOnly: true },
} as const satisfies Record<string, { adminOnly?: true; anyMember?: true; anyOf?: readonly Permission[] }>;

export type Action = keyof typeof ACTIONS;

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: 'notMember' | 'adminOnly' | 'missingPermission'; permission?: Permission };

/** Integrations (an API key of the service) may file and read callbacks, send SMS and read all SMS history. */
const API_KEY_ACTIONS: ReadonlySet<Action> = new Set([
  'sms.send',
  'sms.viewAllHistory',
  'callbacks.create',
  'callbacks.view',
  'callbacks.viewOthers',
]);
export const apiKeyMay = (action: Action): boolean => API_KEY_ACTIONS.has(action);

/**
 * Who acts on any callback of the service, not only their own: operators (the CLI) and admins. Takes the acting
 * party as the use cases describe it (`usecases/actor.ts`); only its kind and the member's role matter here.
 */
export const isAdmin = (actor: { kind: string; member?: { role: Role } } | undefined): boolean =>
  actor?.kind === 'operator' || (actor?.kind === 'member' && actor.member?.role === 'admin');

/** Members who may be handed callbacks: whoever may work on them (admins and members with `phone`). */
export const takesCallbacks = (member: Actor): boolean => decide(member, 'callbacks.work').allowed;

export function decide(actor: Actor | undefined, action: Action): Decision {
  if (!actor) return { allowed: false, reason: 'notMember' };
  if (actor.role === 'admin') return { allowed: true };
  const rule: { adminOnly?: true; anyMember?: true; anyOf?: readonly Permission[] } = ACTIONS[action];
  if (rule.anyMember) return { allowed: true };
  if (rule.adminOnly) return { allowed: false, reason: 'adminOnly' };
  const granted = rule.anyOf?.find((p) => actor.permissions[p]);
  return granted
    ? { allowed: true }
    : { allowed: false, reason: 'missingPermission', permission: rule.anyOf?.[0] };
}
