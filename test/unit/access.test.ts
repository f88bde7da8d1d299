import { describe, expect, it } from '@jest/globals';
import { ACTIONS, decide, type Action, type Actor, type Permission } from '../../src/domain/access.js';

const none = { phone: false, callbackAssign: false, sms: false };
const actors: Record<string, Actor | undefined> = {
  admin: { role: 'admin', permissions: none },
  phone: { role: 'member', permissions: { ...none, phone: true } },
  callbackAssign: { role: 'member', permissions: { ...none, callbackAssign: true } },
  sms: { role: 'member', permissions: { ...none, sms: true } },
  plainMember: { role: 'member', permissions: none },
  stranger: undefined,
};

/** docs/permissions.md, row by row: who may do each action. */
const EXPECTED: Record<Action, string[]> = {
  'callbacks.view': ['admin', 'phone'],
  'callbacks.viewOthers': ['admin'],
  'callbacks.work': ['admin', 'phone'],
  'callbacks.registerHistory': ['admin', 'phone'],
  'callbacks.create': ['admin', 'phone', 'callbackAssign'],
  'callbacks.cancel': ['admin'],
  'callbacks.assign': ['admin', 'callbackAssign'],
  'callbacks.stats': ['admin'],
  'sms.send': ['admin', 'sms'],
  'sms.manageTemplates': ['admin'],
  'sms.viewAllHistory': ['admin'],
  'wallboard.view': ['admin', 'phone', 'callbackAssign', 'sms', 'plainMember'],
  'wallboard.pin': ['admin'],
  'service.configure': ['admin'],
  'service.manageMembers': ['admin'],
  'service.manageApiKeys': ['admin'],
};

describe('permission table (docs/permissions.md)', () => {
  it('covers every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([action, allowed]) =>
    Object.keys(actors).map((who) => [action as Action, who, allowed.includes(who)] as const),
  );
  it.each(cases)('%s by %s → allowed: %s', (action, who, allowed) => {
    const decision = decide(actors[who], action);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) {
      // A refusal always says why, and names the permission when one would help.
      if (who === 'stranger') expect(decision.reason).toBe('notMember');
      else if (decision.reason === 'missingPermission')
        expect(['phone', 'callbackAssign', 'sms'] as Permission[]).toContain(decision.permission);
      else expect(decision.reason).toBe('adminOnly');
    }
  });
});
