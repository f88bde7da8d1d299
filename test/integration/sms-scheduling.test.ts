import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, numbers, SMS_OPERATOR, SmsBench } from '../support/sms.js';

/** Scheduled sends on Agenda: on time, across a restart, and cancel before (or racing) the start. */
describe('SMS scheduling and cancel', () => {
  let bench: SmsBench;
  beforeAll(async () => {
    bench = await SmsBench.start();
  });
  afterAll(async () => {
    await bench.close();
  });

  it('a scheduled request fires within 2 s of its time, also when the app restarted in between', async () => {
    const body = 'On time';
    const { receipt, sendAt } = await bench.sendScheduled({ body, recipients: numbers(40, 3) }, 2500);
    expect(receipt.status).toBe('scheduled');
    const fired = await eventually('the scheduled send', async () => bench.sendCallsWith(body)[0], 10_000);
    expect(fired.at).toBeGreaterThanOrEqual(sendAt.getTime());
    expect(fired.at - sendAt.getTime()).toBeLessThan(2000);

    const restartBody = 'On time after a restart';
    const phones = numbers(41, 3);
    const restarted = await bench.sendScheduled({ body: restartBody, recipients: phones }, 4000);
    await bench.restart();
    const firedAfter = await eventually(
      'the scheduled send after a restart',
      async () => bench.sendCallsWith(restartBody)[0],
      15_000,
    );
    expect(firedAfter.at).toBeGreaterThanOrEqual(restarted.sendAt.getTime());
    expect(firedAfter.at - restarted.sendAt.getTime()).toBeLessThan(2000);
    await bench.untilChunksSettled(restarted.receipt.id);
    bench.expectEachOnce(phones);
  }, 45_000);

  it('cancel before the time: cancelled, nothing reaches the provider, a second cancel is refused as final', async () => {
    const body = 'Cancelled in time';
    const { receipt } = await bench.sendScheduled({ body, recipients: numbers(50, 4) }, 1500);
    const cancelled = await bench.app.usecases.sms.cancelSmsRequest(
      SMS_OPERATOR,
      bench.serviceId,
      receipt.id,
    );
    expect(cancelled).toEqual({ ok: true, value: { id: receipt.id, status: 'cancelled' } });
    expect(await bench.app.store.db.collection('jobs').countDocuments({ 'data.requestId': receipt.id })).toBe(
      0,
    );
    await new Promise((r) => setTimeout(r, 2500));
    expect(bench.sendCallsWith(body)).toHaveLength(0);
    const after = await bench.detail(receipt.id);
    expect(after.status).toBe('cancelled');
    expect(after.counts).toEqual({ total: 4, pending: 0, success: 0, failed: 0, cancelled: 4 });
    expect(after.recipients.map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const again = await bench.app.usecases.sms.cancelSmsRequest(SMS_OPERATOR, bench.serviceId, receipt.id);
    expect(again).toMatchObject({
      ok: false,
      problem: { code: 'conflict', message: 'smsDelivery.alreadyFinal' },
    });
  }, 20_000);

  it('cancel of a request that is sending or sent is refused as already started / final', async () => {
    const receipt = await bench.send({ body: 'Sent at once', recipients: numbers(55, 1) });
    const done = await bench.untilStatus(receipt.id, ['sent'], 20_000);
    expect(done.status).toBe('sent');
    const refused = await bench.app.usecases.sms.cancelSmsRequest(SMS_OPERATOR, bench.serviceId, receipt.id);
    expect(refused).toMatchObject({
      ok: false,
      problem: { code: 'conflict', message: 'smsDelivery.alreadyFinal' },
    });
  }, 30_000);
});

describe('SMS cancel racing the start of sending', () => {
  // The app's ordinary connection pool: the race is decided by an insert under the request's id, which FerretDB
  // v1 makes atomic too (its conditional updates are a query then a write, so they could not decide it alone).
  let bench: SmsBench;
  beforeAll(async () => {
    bench = await SmsBench.start();
  });
  afterAll(async () => {
    await bench.close();
  });

  it('always exactly one outcome: cancelled and nothing sent, or refused and everyone sent once', async () => {
    const outcomes: string[] = [];
    for (let run = 0; run < 5; run++) {
      const body = `Race ${run}`;
      const phones = numbers(60 + run, 3);
      const { receipt, sendAt } = await bench.sendScheduled({ body, recipients: phones }, 1000);
      // Around the due time, a little later each run: Agenda looks every 250 ms.
      await new Promise((r) => setTimeout(r, Math.max(0, sendAt.getTime() - Date.now() + run * 60)));
      const cancel = await bench.app.usecases.sms.cancelSmsRequest(SMS_OPERATOR, bench.serviceId, receipt.id);
      if (cancel.ok) {
        await new Promise((r) => setTimeout(r, 1000));
        expect((await bench.detail(receipt.id)).status).toBe('cancelled');
        expect(bench.sendCallsWith(body)).toHaveLength(0);
        outcomes.push('cancelled');
      } else {
        expect(cancel.problem).toMatchObject({ code: 'conflict', message: 'smsDelivery.alreadyStarted' });
        await bench.untilChunksSettled(receipt.id);
        bench.expectEachOnce(phones);
        expect((await bench.detail(receipt.id)).status).not.toBe('cancelled');
        outcomes.push('sent');
      }
    }
    expect(outcomes).toHaveLength(5);
  }, 45_000);
});
