import { describe, expect, it } from '@jest/globals';
import type { ProviderRecipientResult } from '../../src/integrations/nhn-sms/provider.js';
import type { SmsRecipientDoc } from '../../src/store/sms-requests.js';
import { applyResults } from '../../src/usecases/sms/recipient-results.js';

const pending = (phone: string, recipientSeq: number | null = null): SmsRecipientDoc => ({
  phone,
  status: 'pending',
  resultCode: null,
  resultMessage: null,
  deliveredAt: null,
  recipientSeq,
});
const result = (over: Partial<ProviderRecipientResult>): ProviderRecipientResult => ({
  requestId: 'r1',
  recipientSeq: 1,
  recipientNo: '',
  status: 'pending',
  resultCode: null,
  resultMessage: null,
  deliveredAt: null,
  ...over,
});
const at = new Date('2026-12-02T13:00:00Z');

describe('applying provider results to a chunk’s recipients', () => {
  it('matches by recipientSeq once known, else by the number; records the seq of an accepted recipient', () => {
    const applied = applyResults(
      [pending('01000000001'), pending('01000000002', 7)],
      [
        result({ recipientSeq: 3, recipientNo: '010-0000-0001' }),
        result({ recipientSeq: 7, status: 'success', resultCode: '1000', deliveredAt: at }),
      ],
    );
    expect(applied).toEqual({
      changed: 2,
      recipients: [
        { ...pending('01000000001'), recipientSeq: 3 },
        { ...pending('01000000002', 7), status: 'success', resultCode: '1000', deliveredAt: at },
      ],
    });
  });

  it('an accept-time refusal fails the recipient with its code', () => {
    const applied = applyResults(
      [pending('01000000001')],
      [result({ recipientNo: '01000000001', status: 'failed', resultCode: '-2019', resultMessage: 'bad' })],
    );
    expect(applied?.recipients[0]).toMatchObject({
      status: 'failed',
      resultCode: '-2019',
      resultMessage: 'bad',
    });
  });

  it('never undoes a final status (a late "pending" poll after the webhook said delivered)', () => {
    const delivered: SmsRecipientDoc = {
      ...pending('01000000001', 1),
      status: 'success',
      resultCode: '1000',
    };
    expect(applyResults([delivered], [result({ recipientSeq: 1, status: 'pending' })])).toBeUndefined();
    expect(
      applyResults([delivered], [result({ recipientSeq: 1, status: 'failed', resultCode: '3006' })]),
    ).toBeUndefined();
  });

  it('nothing changed → undefined (the caller writes nothing); a failed recipient keeps no delivery time', () => {
    expect(applyResults([pending('01000000001', 1)], [result({ recipientSeq: 1 })])).toBeUndefined();
    const failed = applyResults(
      [pending('01000000001', 1)],
      [result({ recipientSeq: 1, status: 'failed', resultCode: '3006', deliveredAt: at })],
    );
    expect(failed?.recipients[0]?.deliveredAt).toBeNull();
  });
});
