/**
 * `npm run bench -- sms`: the two SMS targets of docs/sms.md.
 *
 * (a) A 10,000-recipient send through `POST /api/v1/sms/messages` against the fake NHN answering at once: the time
 *     from the request leaving the client to the last of its chunks accepted, minus the time the fake itself spent
 *     answering (it records that per call), is our own overhead. Target < 2 s, and exactly 10 provider calls.
 * (b) Scheduled-fire lateness: 50 requests due a few seconds ahead (submitted on a clock 30 minutes behind, so the
 *     30-minute rule is applied as written); lateness is the fake's arrival time of a request's first send minus its
 *     `sendAt`. Target p99 < 2 s.
 *
 * Both run on the real server (HTTP, Agenda, the NHN client over HTTP) on a throwaway embedded FerretDB.
 */
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startSwitchboard, type RunningSwitchboard } from '../../src/server.js';
import { FakeNhn } from '../../test/fakes/fake-nhn.js';
import { fmt, onThrowawayFerretDb, printReport, progress, sleep } from './harness.js';

const WATCHDOG_MS = 6 * 60_000;
const BIG_SEND = 10_000;
const SCHEDULED = 50;
const SENDER = '0215441234';
const THIRTY_MINUTES = 30 * 60_000;

const numbers = (block: number, count: number) =>
  Array.from({ length: count }, (_, i) => `010${String(block * 100_000 + i).padStart(8, '0')}`);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;

async function until<T>(what: string, probe: () => Promise<T | undefined>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await sleep(5);
  }
}

export async function benchSms(): Promise<void> {
  await onThrowawayFerretDb('sms', WATCHDOG_MS, async ({ mongodbUrl, servers }) => {
    const fake = await FakeNhn.start({ senderNumbers: [SENDER] });
    let clockOffsetMs = 0;
    let app: RunningSwitchboard | undefined;
    try {
      const config = {
        ...loadConfig({ LOG_LEVEL: 'silent', ...fake.env() }),
        port: 0,
        host: '127.0.0.1',
      };
      app = await startSwitchboard(config, {
        logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
        mongodbUrl,
        dbName: 'bench_sms',
        smsNow: () => new Date(Date.now() + clockOffsetMs),
      });
      servers.current = app;
      const service = await app.store.services.create(
        'SMS bench',
        defaultServiceSettings({ smsEnabled: true, smsSenderNumbers: [SENDER] }),
      );
      const { key } = await app.store.apiKeys.create({
        serviceId: service._id,
        name: 'bench',
        allowedIps: [],
        createdBy: 'bench',
      });
      const post = (body: unknown) =>
        fetch(`${app!.url}/api/v1/sms/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });

      // A small send first, so connection pools, JIT and indexes are warm for the measured one.
      progress('warm-up send (10 recipients)');
      const warm = (await (await post({ body: 'warm-up', recipients: numbers(1, 10) })).json()) as {
        id: string;
      };
      await until(
        'warm-up accepted',
        async () => ((await app!.store.smsRequests.get(warm.id))?.chunksSettledAt ? true : undefined),
        30_000,
      );

      progress(`(a) one send to ${fmt(BIG_SEND)} recipients`);
      const body = '[Switchboard] 벤치마크 문자입니다';
      const phones = numbers(2, BIG_SEND);
      const started = performance.now();
      const startedAtMs = Date.now();
      const answer = await post({ body, recipients: phones });
      const answeredMs = performance.now() - started;
      if (answer.status !== 201) throw new Error(`send answered ${answer.status}: ${await answer.text()}`);
      const receipt = (await answer.json()) as { id: string };
      await until(
        'every chunk accepted',
        async () => ((await app!.store.smsRequests.get(receipt.id))?.chunksSettledAt ? true : undefined),
        60_000,
      );
      const totalMs = performance.now() - started;
      const sends = fake.sendCalls().filter((c) => (c.body as { body?: string }).body === body);
      const fakeMs = fake.calls
        .filter((c) => c.at >= startedAtMs)
        .reduce((sum, c) => sum + (c.handledMs ?? 0), 0);
      const ownMs = totalMs - fakeMs;
      const deliveries = fake.deliveries();
      const wrong = phones.filter((p) => deliveries.get(p) !== 1).length;

      progress(`(b) ${SCHEDULED} scheduled requests due 3-8 s ahead`);
      const due: { body: string; sendAt: number }[] = [];
      clockOffsetMs = -THIRTY_MINUTES;
      const base = Date.now() + 3000;
      for (let i = 0; i < SCHEDULED; i++) {
        const sendAt = base + i * 100;
        const text = `scheduled ${i}`;
        const scheduled = await post({
          body: text,
          recipients: numbers(3 + i, 2),
          sendAt: new Date(sendAt).toISOString(),
        });
        if (scheduled.status !== 201) throw new Error(`scheduled send answered ${scheduled.status}`);
        due.push({ body: text, sendAt });
      }
      clockOffsetMs = 0;
      const lateness = await until(
        'every scheduled request fired',
        async () => {
          const firsts = due.map(
            ({ body: text }) => fake.sendCalls().find((c) => (c.body as { body?: string }).body === text)?.at,
          );
          return firsts.every((at) => at !== undefined)
            ? firsts.map((at, i) => at! - due[i]!.sendAt).sort((a, b) => a - b)
            : undefined;
        },
        60_000,
      );
      const p50 = percentile(lateness, 0.5);
      const p99 = percentile(lateness, 0.99);

      printReport('SMS', [
        [
          `(a) ${fmt(BIG_SEND)}-recipient send, our own time`,
          `${fmt(ownMs)} ms`,
          '< 2,000 ms',
          ownMs < 2000 ? 'met' : 'MISSED',
        ],
        [
          '    whole time (incl. the fake)',
          `${fmt(totalMs)} ms`,
          `fake ${fmt(fakeMs)} ms; 201 after ${fmt(answeredMs)} ms`,
          '',
        ],
        ['    provider send calls', fmt(sends.length), '= 10', sends.length === 10 ? 'met' : 'MISSED'],
        ['    recipients not delivered exactly once', fmt(wrong), '= 0', wrong === 0 ? 'met' : 'MISSED'],
        [`(b) scheduled-fire lateness p50 (${SCHEDULED} requests)`, `${fmt(p50)} ms`, '', ''],
        ['    p99', `${fmt(p99)} ms`, '< 2,000 ms', p99 < 2000 && p99 >= 0 ? 'met' : 'MISSED'],
        [
          '    earliest (never before sendAt)',
          `${fmt(lateness[0]!)} ms`,
          '≥ 0',
          lateness[0]! >= 0 ? 'met' : 'MISSED',
        ],
      ]);
    } finally {
      await app?.close();
      servers.current = undefined;
      await fake.close();
    }
  });
}
