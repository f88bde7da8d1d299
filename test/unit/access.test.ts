import { describe, expect, it } from '@jest/globals';
import { ACTIONS, decide, type Action, type Actor, type Permission } from '../../src/domain/access.js';
import {
  callbackActionsFor,
  type CallbackAction,
  type CallbackViewer,
} from '../../src/domain/callback-actions.js';

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

/**
 * What each person is shown on a callback in a message only they see (DM, App Home, their list): the table above,
 * plus "Connect and Complete only on one's own callbacks" (admins: any). A shared channel card shows every action
 * of the state. docs/permissions.md, "What each person is shown".
 */
describe('visible callback actions: role × callback state', () => {
  const viewers: Record<string, CallbackViewer> = {
    shared: { kind: 'shared' },
    operator: { kind: 'operator' },
    apiKey: { kind: 'none' },
    ...Object.fromEntries(
      Object.entries(actors)
        .filter((entry): entry is [string, Actor] => entry[1] !== undefined)
        .map(([who, actor]) => [who, { kind: 'member', member: { ...actor, _id: who } }]),
    ),
  };
  const states = {
    unassigned: { status: 'unassigned', assigneeId: null },
    'assigned to the viewer': { status: 'assigned', assigneeId: 'self' },
    'assigned to someone else': { status: 'assigned', assigneeId: 'someone' },
    completed: { status: 'completed', assigneeId: 'self' },
    cancelled: { status: 'cancelled', assigneeId: null },
  } as const;
  const ALL_UNASSIGNED: CallbackAction[] = ['assign_to_me', 'assign', 'register_history', 'cancel'];
  const ALL_ASSIGNED: CallbackAction[] = ['call', 'complete', 'register_history', 'cancel'];
  const EXPECTED_VISIBLE: Record<string, Record<keyof typeof states, CallbackAction[]>> = {
    shared: {
      unassigned: ALL_UNASSIGNED,
      'assigned to the viewer': ALL_ASSIGNED,
      'assigned to someone else': ALL_ASSIGNED,
      completed: [],
      cancelled: [],
    },
    operator: {
      unassigned: ALL_UNASSIGNED,
      'assigned to the viewer': ALL_ASSIGNED,
      'assigned to someone else': ALL_ASSIGNED,
      completed: [],
      cancelled: [],
    },
    apiKey: {
      unassigned: [],
      'assigned to the viewer': [],
      'assigned to someone else': [],
      completed: [],
      cancelled: [],
    },
    admin: {
      unassigned: ALL_UNASSIGNED,
      'assigned to the viewer': ALL_ASSIGNED,
      'assigned to someone else': ALL_ASSIGNED,
      completed: [],
      cancelled: [],
    },
    // The guide: agents see Connect and Complete only on callbacks assigned to them; never Cancel….
    phone: {
      unassigned: ['assign_to_me', 'register_history'],
      'assigned to the viewer': ['call', 'complete', 'register_history'],
      'assigned to someone else': ['register_history'],
      completed: [],
      cancelled: [],
    },
    callbackAssign: {
      unassigned: ['assign'],
      'assigned to the viewer': [],
      'assigned to someone else': [],
      completed: [],
      cancelled: [],
    },
    sms: {
      unassigned: [],
      'assigned to the viewer': [],
      'assigned to someone else': [],
      completed: [],
      cancelled: [],
    },
    plainMember: {
      unassigned: [],
      'assigned to the viewer': [],
      'assigned to someone else': [],
      completed: [],
      cancelled: [],
    },
  };

  it('covers every viewer', () => {
    expect(Object.keys(EXPECTED_VISIBLE).sort()).toEqual(Object.keys(viewers).sort());
  });

  const cases = Object.keys(EXPECTED_VISIBLE).flatMap((who) =>
    (Object.keys(states) as (keyof typeof states)[]).map((state) => [who, state] as const),
  );
  it.each(cases)('%s, callback %s', (who, state) => {
    const { status, assigneeId } = states[state];
    const viewer = viewers[who]!;
    // "assigned to the viewer" means the viewer's own id for a member.
    const owner = assigneeId === 'self' && viewer.kind === 'member' ? viewer.member._id : assigneeId;
    expect(callbackActionsFor(viewer, { status, assigneeId: owner })).toEqual(EXPECTED_VISIBLE[who]![state]);
  });

  it('a person is never shown an action the table refuses them', () => {
    const needs: Record<CallbackAction, Action> = {
      assign_to_me: 'callbacks.work',
      assign: 'callbacks.assign',
      call: 'callbacks.work',
      complete: 'callbacks.work',
      register_history: 'callbacks.registerHistory',
      cancel: 'callbacks.cancel',
    };
    for (const [who, actor] of Object.entries(actors)) {
      if (!actor) continue;
      for (const { status, assigneeId } of Object.values(states))
        for (const action of callbackActionsFor(
          { kind: 'member', member: { ...actor, _id: who } },
          { status, assigneeId: assigneeId === 'self' ? who : assigneeId },
        ))
          expect(decide(actor, needs[action]).allowed).toBe(true);
    }
  });
});
