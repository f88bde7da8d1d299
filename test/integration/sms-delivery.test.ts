import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createNhnSmsProvider } from '../../src/integrations/nhn-sms/nhn-client.js';
import { SMS_DELIVER } from '../../src/jobs/sms-jobs.js';
import { numbers, SMS_OPERATOR, SMS_SENDER, SmsBench } from '../support/sms.js';

/**
 * Sending exactly once (docs/sms.md): the use cases, Agenda, FerretDB and the real NHN client talking HTTP to the
 * fake NHN server, whose per-number counts tell whether anyone got a message twice or not at all.
 */
describe('SMS delivery: everyone exactly once', () => {
  let bench: SmsBench;
  beforeAll(async () => {
    bench = await SmsBench.start();
  });
  afterAll(async () => {
    await bench.close();
  });

  it('2,500 recipients: exactly 3 provider requests, everyone exactly once, results by polling', async () => {
    const phones = numbers(1, 2500);
    const body = 'Three chunks';
    const receipt = await bench.send({ body, recipients: phones });
    expect(receipt).toMatchObject({ status: 'queued', recipientCount: 2500, bytes: 12, replayed: false });

    const done = await bench.untilStatus(receipt.id, ['sent'], 30_000);
    const calls = bench.sendCallsWith(body);
    // Chunks go out a few at a time (delivery.ts, CHUNKS_AT_ONCE): the provider may get the 500 before a 1,000.
    const sizes = calls.map((c) => (c.body as { recipientList: unknown[] }).recipientList.length);
    expect(sizes.sort((x, y) => y - x)).toEqual([1000, 1000, 500]);
    bench.expectEachOnce(phones);
    expect(done.counts).toEqual({ total: 2500, pending: 0, success: 2500, failed: 0, cancelled: 0 });
    expect(done.recipientPage).toEqual({ page: 1, pageSize: 1000, total: 2500 });
    expect(done.recipients[0]).toMatchObject({ phone: phones[0], status: 'success', resultCode: '1000' });
    expect(done.recipients[0]!.deliveredAt).toBeInstanceOf(Date);
    const third = await bench.detail(receipt.id, 3);
    expect(third.recipients.map((r) => r.phone)).toEqual(phones.slice(2000));
  }, 45_000);

  it('three delivery jobs of one request at once (a resumed job beside a live one): everyone exactly once', async () => {
    const phones = numbers(2, 2001);
    const body = 'Three runs, one send';
    const receipt = await bench.send({ body, recipients: phones });
    await Promise.all(
      [1, 2].map(() => bench.app.scheduler.schedule(new Date(), SMS_DELIVER, { requestId: receipt.id })),
    );
    await bench.untilChunksSettled(receipt.id);
    // The runs that found the lease held come back after it; give them the time to find nothing left to send.
    await new Promise((r) => setTimeout(r, 1500));
    expect(bench.sendCallsWith(body)).toHaveLength(3);
    bench.expectEachOnce(phones);
  }, 45_000);

  it('a chunk left "sending" by a process that died is asked about first and never sent twice', async () => {
    const phones = numbers(30, 2500);
    const body = 'Resumed after a crash';
    const { receipt } = await bench.sendScheduled({ body, recipients: phones }, 60 * 60_000);
    // What a process killed right after NHN accepted chunk 1 leaves behind: the chunk sent and marked `sending`,
    // the request `sending`, its delivery job gone with the process.
    const { app, fake } = bench;
    const chunk = (await app.store.smsRequests.chunk(receipt.id, 0))!;
    const provider = createNhnSmsProvider({
      appKey: fake.appKey,
      secretKey: fake.secretKey,
      baseUrl: fake.baseUrl,
    });
    const sent = await provider.send({
      type: 'SMS',
      advertisement: false,
      body,
      title: null,
      sendNo: SMS_SENDER,
      recipients: chunk.recipients.map((r) => r.phone),
      senderGroupingKey: chunk.senderGroupingKey,
    });
    expect(sent.kind).toBe('accepted');
    await app.store.db
      .collection('smsChunks')
      .updateOne(
        { _id: chunk._id as never },
        { $set: { state: 'sending', sendingSince: new Date(), attempts: 1 } },
      );
    await app.store.db
      .collection('smsRequests')
      .updateOne({ _id: receipt.id as never }, { $set: { status: 'sending', startedAt: new Date() } });
    await app.scheduler.cancel(SMS_DELIVER, { requestId: receipt.id });

    await bench.restart();
    await bench.untilChunksSettled(receipt.id);
    expect(bench.sendCallsWith(body)).toHaveLength(3);
    bench.expectEachOnce(phones);
    const chunks = await bench.chunks(receipt.id);
    expect(chunks.map((c) => c.state)).toEqual(['accepted', 'accepted', 'accepted']);
  }, 45_000);

  it('an idempotency key replayed (also concurrently) gives the same request and sends once', async () => {
    const body = 'Only once';
    const phones = numbers(90, 2);
    const first = await bench.send({ body, recipients: phones, idempotencyKey: 'order-17' });
    const replay = await bench.send({ body, recipients: phones, idempotencyKey: 'order-17' });
    expect(replay).toEqual({ ...first, replayed: true, status: replay.status });

    const concurrentPhones = numbers(91, 2);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() =>
        bench.send({ body: 'Concurrent', recipients: concurrentPhones, idempotencyKey: 'order-18' }),
      ),
    );
    expect(new Set(concurrent.map((r) => r.id)).size).toBe(1);
    expect(concurrent.filter((r) => !r.replayed)).toHaveLength(1);
    expect(concurrent[0]!.id).not.toBe(first.id);

    await bench.untilChunksSettled(first.id);
    await bench.untilChunksSettled(concurrent[0]!.id);
    expect(bench.sendCallsWith(body)).toHaveLength(1);
    expect(bench.sendCallsWith('Concurrent')).toHaveLength(1);
    bench.expectEachOnce([...phones, ...concurrentPhones]);
    // The same key in another service is another request.
    const other = await bench.app.store.services.create(
      'Other',
      (await bench.app.store.services.get(bench.serviceId))!.settings,
    );
    const elsewhere = await bench.app.usecases.sms.sendSms(SMS_OPERATOR, other._id, {
      body: 'Elsewhere',
      recipients: numbers(92, 1),
      idempotencyKey: 'order-17',
    });
    expect(elsewhere.ok && elsewhere.value).toMatchObject({ replayed: false });
    expect(elsewhere.ok && elsewhere.value.id).not.toBe(first.id);
  }, 30_000);
});
