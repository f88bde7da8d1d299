import { describe, expect, it } from '@jest/globals';
import { interactionLine, renderCardHistory } from '../../src/slack/blocks/interaction-history.js';
import { parseCallbackCommand } from '../../src/usecases/callbacks/command-words.js';
import type { InteractionEntry } from '../../src/usecases/callbacks.js';

const entry = (over: Partial<InteractionEntry> = {}): InteractionEntry => ({
  id: 'int_x',
  kind: 'history',
  at: new Date('2026-11-30T15:30:00Z'),
  callbackId: 'cb_1',
  phone: '01012345678',
  customerName: '홍길동',
  memberId: 'mem_1',
  memberName: '박상담',
  channel: 'email',
  summary: 'Refund <b>',
  note: null,
  forward: 'none',
  ...over,
});

describe('interaction history in Slack', () => {
  it('one line: Seoul wall clock, kind and channel in words, the summary escaped, never the id', () => {
    const line = interactionLine('ko', entry(), 'Asia/Seoul');
    expect(line).toBe('`2026-12-01 00:30` · *이력 등록* · 박상담 · 이메일 — Refund &lt;b&gt;');
    const ticket = interactionLine(
      'en',
      entry({ kind: 'outbound_call', summary: null, forward: 'sent' }),
      'UTC',
    );
    expect(ticket).toBe('`2026-11-30 15:30` · *Connect (ticket created)* · 박상담 · Ticket sent');
    expect(ticket).not.toContain('int_');
  });

  it('the card block exists only with entries, and its button opens the callback’s history', () => {
    expect(renderCardHistory('ko', { _id: 'cb_1', phone: '01012345678' }, [], 'Asia/Seoul')).toBeUndefined();
    const block = renderCardHistory('en', { _id: 'cb_1', phone: '01012345678' }, [entry()], 'Asia/Seoul')!;
    expect(block.text?.text.split('\n')[0]).toBe('*Latest history*');
    expect(block.accessory).toMatchObject({ action_id: 'callback.history_view', value: 'cb_1' });
  });

  it('/callback history takes the rest of the words as one number, and asks for one when there is none', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(parseCallbackCommand('history 010 1234 5678', 'Asia/Seoul', now)).toEqual({
      kind: 'history',
      phone: '010 1234 5678',
    });
    expect(parseCallbackCommand('history', 'Asia/Seoul', now)).toEqual({ kind: 'historyUsage' });
  });
});
