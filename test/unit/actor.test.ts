import { describe, expect, it } from '@jest/globals';
import type { Action } from '../../src/domain/access.js';
import type { MemberDoc } from '../../src/domain/members.js';
import { actorLabel, actorSurface, memberActor, refusal, type Actor } from '../../src/usecases/actor.js';

const none = { phone: false, callbackAssign: false, sms: false };
const member = (role: MemberDoc['role'], permissions: Partial<MemberDoc['permissions']> = {}): MemberDoc => ({
  _id: `mem_${role}`,
  serviceId: 'svc_1',
  displayName: role,
  role,
  permissions: { ...none, ...permissions },
  identities: [],
  ctiAgentId: null,
  locale: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe('who is acting', () => {
  const admin = memberActor(member('admin'), 'teams');
  const operator: Actor = { kind: 'operator', name: 'kim' };
  const apiKey: Actor = { kind: 'apiKey', keyId: 'key_1', serviceId: 'svc_1' };

  it('labels each kind of actor for the audit log', () => {
    expect(actorLabel(admin)).toBe('mem_admin');
    expect(actorLabel(operator)).toBe('operator:kim');
    expect(actorLabel(apiKey)).toBe('key_1');
    expect(actorLabel(undefined)).toBe('unknown');
  });

  it('names the surface each kind of actor came through', () => {
    expect(actorSurface(admin)).toBe('teams');
    expect(actorSurface(memberActor(member('member'), 'slack'))).toBe('slack');
    expect(actorSurface(operator)).toBe('cli');
    expect(actorSurface(apiKey)).toBe('http');
    expect(actorSurface(undefined)).toBe('system');
  });

  it('a member acts as a member; nobody is no actor', () => {
    const doc = member('member');
    expect(memberActor(doc, 'slack')).toEqual({ kind: 'member', member: doc, surface: 'slack' });
    expect(memberActor(undefined, 'slack')).toBeUndefined();
  });
});

describe('refusals as a person reads them', () => {
  const actions: Action[] = ['service.configure', 'callbacks.assign', 'callbacks.create', 'wallboard.view'];

  it('lets operators do anything: they hold the database credentials', () => {
    for (const action of actions) expect(refusal({ kind: 'operator', name: 'ops' }, action)).toBeUndefined();
  });

  it('keeps API keys out of every chat action, as an admin-only refusal', () => {
    for (const action of actions)
      expect(refusal({ kind: 'apiKey', keyId: 'k', serviceId: 's' }, action)).toEqual({
        code: 'forbidden',
        message: 'refusal.adminOnly',
      });
  });

  it('tells a stranger they are not a member', () => {
    expect(refusal(undefined, 'wallboard.view')).toEqual({
      code: 'not_member',
      message: 'refusal.notMember',
    });
  });

  it('tells a member an action is for admins', () => {
    expect(refusal(memberActor(member('member', { phone: true }), 'slack'), 'service.configure')).toEqual({
      code: 'forbidden',
      message: 'refusal.adminOnly',
    });
  });

  it('names the permission a member is missing (the first that would do)', () => {
    const plain = memberActor(member('member'), 'slack');
    expect(refusal(plain, 'callbacks.assign')).toEqual({
      code: 'forbidden',
      message: 'refusal.missingPermission',
      params: { permission: 'callbackAssign' },
    });
    expect(refusal(plain, 'callbacks.create')).toEqual({
      code: 'forbidden',
      message: 'refusal.missingPermission',
      params: { permission: 'phone' },
    });
  });

  it('lets an allowed member through', () => {
    expect(
      refusal(memberActor(member('member', { callbackAssign: true }), 'slack'), 'callbacks.create'),
    ).toBe(undefined);
    expect(refusal(memberActor(member('admin'), 'slack'), 'service.configure')).toBeUndefined();
  });
});
