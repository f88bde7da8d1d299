import { describe, expect, it } from '@jest/globals';
import type { CallbackItem, ChatMessage } from '../../src/usecases/notifications/chat-port.js';
import { renderTeamsCard } from '../../src/teams/cards/messages.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { cardText } from '../support/teams-requests.js';

/** Every callback notification kind as a Teams card: what it shows, and zero validator findings. */

const at = (iso: string) => new Date(iso);

function item(over: Partial<CallbackItem> = {}): CallbackItem {
  return {
    _id: 'cb_1',
    phone: '01012345678',
    name: 'Kim [link](http://x)',
    status: 'unassigned',
    source: 'ivr',
    requestedAt: at('2026-11-22T05:05:00Z'),
    lastRequestedAt: at('2026-11-22T06:10:00Z'),
    requestCount: 2,
    preferredAt: at('2026-11-22T08:00:00Z'),
    assigneeId: null,
    attempts: [],
    outcome: null,
    note: null,
    completedAt: null,
    completionNote: null,
    cancelReason: null,
    actions: ['assign_to_me', 'assign', 'register_history', 'cancel'],
    ...over,
  };
}

const render = (message: ChatMessage, refreshUserIds?: string[]) => {
  const { card, summary } = renderTeamsCard(message, refreshUserIds ? { refreshUserIds } : {});
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect(summary.length).toBeGreaterThan(0);
  return { card, text: cardText(card), summary };
};

describe('Teams callback cards', () => {
  it('a card shows requested and last requested times in the service time zone, the preferred time and escapes names', () => {
    const { text, card } = render(
      {
        kind: 'callback_card',
        locale: 'ko',
        timeZone: 'Asia/Seoul',
        callback: item(),
        assigneeName: null,
        history: [],
      },
      Array.from({ length: 70 }, (_, i) => `8:orgid:aad-${i}`),
    );
    expect(text).toContain('010-1234-5678');
    expect(text).toContain('Kim \\[link\\]\\(http://x\\)');
    expect(text).toContain('2026-11-22 14:05 (마지막 요청 2026-11-22 15:10)');
    expect(text).toContain('희망 통화 시각');
    expect(text).toContain('2026-11-22 17:00');
    expect(text).toContain('나에게 할당');
    expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(60);
  });

  it('a completed card shows how it ended and the latest history; a cancelled one its reason; neither has buttons', () => {
    const { text, card } = render({
      kind: 'callback_card',
      locale: 'en',
      timeZone: 'Asia/Seoul',
      callback: item({
        status: 'completed',
        assigneeId: 'm1',
        attempts: [
          { id: 'a1', at: at('2026-11-22T07:00:00Z'), by: 'm1', outcome: 'connected', interactionId: null },
        ],
        outcome: 'connected',
        completedAt: at('2026-11-22T07:05:00Z'),
        completionNote: 'All good',
        actions: [],
      }),
      assigneeName: 'Park',
      history: [
        {
          id: 'i1',
          kind: 'history',
          at: at('2026-11-22T07:03:00Z'),
          callbackId: 'cb_1',
          phone: '01012345678',
          customerName: null,
          memberId: 'm1',
          memberName: 'Park',
          channel: 'phone',
          summary: 'Refund',
          note: 'Asked for a refund',
          forward: 'none',
        } as never,
      ],
    });
    expect(text).toContain('Completed 2026-11-22 16:05 · outcome: Connected');
    expect(text).toContain('Completion note: All good');
    expect(text).toContain('1 · last: Connected');
    expect(text).toContain('Latest history');
    expect(text).toContain('Refund');
    expect(card.actions).toBeUndefined();
    const cancelled = render({
      kind: 'callback_card',
      locale: 'en',
      timeZone: 'Asia/Seoul',
      callback: item({ status: 'cancelled', cancelReason: 'Duplicate', actions: [] }),
      assigneeName: null,
    });
    expect(cancelled.text).toContain('Cancelled · reason: Duplicate');
  });

  it("a DM of one callback has the agent's buttons; of many, a list and where to see them", () => {
    const one = render({
      kind: 'assignee_dm',
      locale: 'en',
      change: 'assigned',
      timeZone: 'Asia/Seoul',
      assigneeName: 'Park',
      callbacks: [
        item({ status: 'assigned', assigneeId: 'm1', actions: ['call', 'complete', 'register_history'] }),
      ],
      total: 1,
    });
    expect(one.text).toContain('A callback was assigned to you');
    expect(JSON.stringify(one.card)).toContain('callback.connect');
    const many = render({
      kind: 'assignee_dm',
      locale: 'ko',
      change: 'unassigned',
      timeZone: 'Asia/Seoul',
      assigneeName: 'Park',
      callbacks: Array.from({ length: 12 }, (_, i) => item({ _id: `cb_${i}`, actions: [] })),
      total: 12,
    });
    expect(many.text).toContain('콜백 12건의 할당이 취소되어');
    expect(many.text).toContain('외 2건');
    expect(many.text).toContain('callback list');
  });

  it('reminders list their callbacks with buttons; the unreachable notice names the place', () => {
    const reminder = render({
      kind: 'callback_reminder',
      locale: 'en',
      reminder: 'unassigned',
      minutes: 30,
      timeZone: 'Asia/Seoul',
      assigneeName: null,
      callbacks: Array.from({ length: 7 }, (_, i) => item({ _id: `cb_${i}` })),
    });
    expect(reminder.text).toContain('7 callbacks have been unassigned for more than 30 minutes');
    expect(reminder.text).toContain('2 more in callback list');
    const unreachable = render({
      kind: 'place_unreachable',
      locale: 'ko',
      place: 'teams:19:x@thread.tacv2',
      what: 'callbacks',
    });
    expect(unreachable.text).toContain('19:x@thread.tacv2');
  });
});
