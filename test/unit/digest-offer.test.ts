import { describe, expect, it } from '@jest/globals';
import { digestOffer, receiptRecipients } from '../../src/usecases/notifications/digest.js';

const member = (role: 'admin' | 'member', phone: boolean, callbackAssign: boolean) => ({
  role,
  permissions: { phone, callbackAssign, sms: false },
});

describe('who hears of new callbacks, and what a digest offers its reader', () => {
  it('receipt notifications go to admins and phone agents only (the guide: 관리자 및 전화 권한이 부여된 상담원)', () => {
    const admin = member('admin', false, false);
    const agent = member('member', true, false);
    const assigner = member('member', false, true);
    const clerk = member('member', false, false);
    expect(receiptRecipients([admin, agent, assigner, clerk])).toEqual([admin, agent]);
  });

  it('a shared place gets every action and the hint naming each role', () => {
    expect(digestOffer(undefined, true)).toEqual({
      actions: ['assign_next_to_me', 'distribute_evenly', 'assign_manually', 'list_unassigned'],
      hints: ['channel'],
    });
  });

  it.each([
    [
      'admin',
      member('admin', false, false),
      ['assign_next_to_me', 'distribute_evenly', 'assign_manually', 'list_unassigned'],
      ['take', 'share', 'list'],
    ],
    ['phone agent', member('member', true, false), ['assign_next_to_me'], ['take']],
    [
      'assigner with phone',
      member('member', true, true),
      ['assign_next_to_me', 'distribute_evenly', 'assign_manually'],
      ['take', 'share'],
    ],
    [
      'assigner without phone',
      member('member', false, true),
      ['distribute_evenly', 'assign_manually'],
      ['share'],
    ],
  ] as const)('a DM to a %s offers only what they may do', (_who, reader, actions, hints) => {
    expect(digestOffer(reader, true)).toEqual({ actions, hints });
  });

  it('nothing left unassigned: no buttons, and the hint says so', () => {
    expect(digestOffer(undefined, false)).toEqual({ actions: [], hints: ['done'] });
    expect(digestOffer(member('admin', true, true), false)).toEqual({ actions: [], hints: ['done'] });
  });
});
