import { expect } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import type { Actor } from '../../src/usecases/actor.js';
import type { SmsRequestDetail, SmsSendInput, SmsSendReceipt } from '../../src/usecases/sms/types.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { startTestApp, type TestApp } from './app.js';

export const SMS_OPERATOR: Actor = { kind: 'operator', name: 'sms-test' };
export const SMS_SENDER = '0215441234';
const THIRTY_MINUTES = 30 * 60_000;

/** `count` numbers of their own for each test (`block` keeps tests apart in the fake's per-number counts). */
export const numbers = (block: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `010${String(block * 100_000 + i).padStart(8, '0')}`);

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  withinMs = 20_000,
): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The app on its own database with NHN pointed at a fake NHN server (the real client over HTTP), one service with
 * SMS on, and the SMS use cases' clock under the test's hand: a send scheduled "30 minutes ahead" by that clock can
 * fall due in seconds, so the schedule rule is applied as written.
 */
export class SmsBench {
  app!: TestApp;
  serviceId = '';
  /** Added to the SMS use cases' clock. */
  clockOffsetMs = 0;
  private constructor(readonly fake: FakeNhn) {}

  static async start(options: { mongodbUrl?: string } = {}): Promise<SmsBench> {
    const bench = new SmsBench(await FakeNhn.start({ senderNumbers: [SMS_SENDER] }));
    bench.app = await bench.startApp({ mongodbUrl: options.mongodbUrl });
    const service = await bench.app.store.services.create(
      'SMS',
      defaultServiceSettings({ smsEnabled: true, smsSenderNumbers: [SMS_SENDER] }),
    );
    bench.serviceId = service._id;
    return bench;
  }

  /** A start of the app (again, on the same database when `dbName` is given: a restart). */
  startApp(options: { dbName?: string; mongodbUrl?: string } = {}): Promise<TestApp> {
    return startTestApp({
      env: this.fake.env(),
      smsNow: () => new Date(Date.now() + this.clockOffsetMs),
      ...options,
    });
  }

  async restart(): Promise<void> {
    await this.app.close();
    this.app = await this.startApp({ dbName: this.app.dbName });
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.fake.close();
  }

  async send(input: SmsSendInput): Promise<SmsSendReceipt> {
    const result = await this.app.usecases.sms.sendSms(SMS_OPERATOR, this.serviceId, input);
    if (!result.ok) throw new Error(`sendSms refused: ${JSON.stringify(result.problem)}`);
    return result.value;
  }

  /** A send due `inMs` from now, submitted on a clock 30 minutes behind. */
  async sendScheduled(input: SmsSendInput, inMs: number): Promise<{ receipt: SmsSendReceipt; sendAt: Date }> {
    const sendAt = new Date(Date.now() + inMs);
    this.clockOffsetMs = -THIRTY_MINUTES;
    try {
      return { receipt: await this.send({ ...input, sendAt }), sendAt };
    } finally {
      this.clockOffsetMs = 0;
    }
  }

  async detail(id: string, recipientPage?: number): Promise<SmsRequestDetail> {
    const result = await this.app.usecases.sms.getSmsRequest(SMS_OPERATOR, this.serviceId, id, {
      recipientPage,
    });
    if (!result.ok) throw new Error(`getSmsRequest refused: ${JSON.stringify(result.problem)}`);
    return result.value;
  }

  untilStatus(id: string, statuses: string[], withinMs?: number): Promise<SmsRequestDetail> {
    return eventually(
      `request ${id} reaching ${statuses.join('|')}`,
      async () => {
        const d = await this.detail(id);
        return statuses.includes(d.status) ? d : undefined;
      },
      withinMs,
    );
  }

  /**
   * Every chunk accepted or failed, and the first result poll scheduled: what is left is results. Waiting for the
   * poll too matters to tests that then move the clock: the delivery records `chunksSettledAt` a moment before it
   * schedules the poll, and a poll scheduled on the moved clock would be due a day later in real time.
   */
  untilChunksSettled(id: string): Promise<unknown> {
    return eventually(`chunks of ${id} settled`, async () => {
      const request = await this.app.store.smsRequests.get(id);
      if (!request?.chunksSettledAt) return undefined;
      return request.status !== 'sending' || request.nextPollAt ? request : undefined;
    });
  }

  async chunks(id: string) {
    const request = await this.app.store.smsRequests.get(id);
    return request ? this.app.store.smsRequests.chunksOf(request) : [];
  }

  sendCallsWith(body: string) {
    return this.fake.sendCalls().filter((c) => (c.body as { body?: string } | undefined)?.body === body);
  }

  /** Each number exactly once at NHN (numbers are never shared between tests, so the counts are this test's). */
  expectEachOnce(phones: string[]): void {
    const deliveries = this.fake.deliveries();
    const wrong = phones
      .map((phone) => [phone, deliveries.get(phone) ?? 0] as const)
      .filter(([, count]) => count !== 1);
    expect(wrong).toEqual([]);
  }
}
