import { describe, expect, it } from '@jest/globals';
import { parseResultWebhook } from '../../src/integrations/nhn-sms/webhook.js';

describe('NHN result webhook', () => {
  it('reads NHN’s sample, typo included, into our recipient results', () => {
    const parsed = parseResultWebhook({
      hooksId: '20240429205809GcSUXthVA00',
      webhookConfigId: 'String',
      productName: 'SMS',
      appKey: 'akb3dukdmdjsdSvgk',
      event: 'MESSAGE_RESULT_UPDATE',
      hooks: [
        {
          hookId: '20240429205809GcSUXthVA00',
          senderType: 'NORMAL_SMS',
          requestId: '20240429205802y0Tl7Gbz0e0',
          recipientSeq: 1,
          requestDate: '2024-04-29T20:58:02',
          receiveDate: '2024-04-29T20:58:04',
          sendNo: '15446859',
          recipientNo: '01012341234',
          messageStatus: 'COMPLETED',
          recipientGropuingKey: 'RecipientGroupingKey',
          senderGropuingKey: 'chunk-1',
          resultCode: '1000',
          messageCount: 1,
        },
        {
          requestId: 'r2',
          recipientSeq: '2',
          recipientNo: '01099990000',
          messageStatus: 'FAILED',
          resultCode: 3006,
        },
        { recipientSeq: 3 },
      ],
    });
    expect(parsed).toEqual({
      ok: true,
      event: 'MESSAGE_RESULT_UPDATE',
      skipped: 1,
      results: [
        {
          requestId: '20240429205802y0Tl7Gbz0e0',
          recipientSeq: 1,
          recipientNo: '01012341234',
          status: 'success',
          resultCode: '1000',
          resultMessage: null,
          deliveredAt: new Date('2024-04-29T11:58:04Z'),
          senderGroupingKey: 'chunk-1',
        },
        {
          requestId: 'r2',
          recipientSeq: 2,
          recipientNo: '01099990000',
          status: 'failed',
          resultCode: '3006',
          resultMessage: null,
          deliveredAt: null,
          senderGroupingKey: null,
        },
      ],
    });
  });

  it('other events carry no results; a body without an event is refused', () => {
    expect(parseResultWebhook({ event: 'UNSUBSCRIBE', hooks: [{ recipientNo: '01012341234' }] })).toEqual({
      ok: true,
      event: 'UNSUBSCRIBE',
      results: [],
      skipped: 0,
    });
    expect(parseResultWebhook({ hooks: [] }).ok).toBe(false);
    expect(parseResultWebhook('not json').ok).toBe(false);
  });
});
