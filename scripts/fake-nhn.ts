/**
 * `npm run fake-nhn`: the fake NHN Cloud SMS server of the tests (test/fakes/fake-nhn.ts), standing alone, so a
 * local Switchboard can send SMS without NHN credentials. It prints the environment lines to start Switchboard
 * with, then one line per call it receives.
 *
 *   FAKE_NHN_PORT           port on 127.0.0.1 (default 4010)
 *   FAKE_NHN_DELIVERY_MS    delay before a message is reported delivered (default 3000)
 *   FAKE_NHN_FAIL_NUMBERS   comma-separated numbers whose delivery fails (result 3006, refused by the recipient)
 *   FAKE_NHN_WEBHOOK_URL    where to push result webhooks (e.g. http://127.0.0.1:3000/api/v1/sms/nhn-webhook),
 *                           signed with NHN_SMS_WEBHOOK_SECRET (default fake-webhook-secret)
 *
 * Registered sender numbers: 0215441234 and 0215445678. Everything is kept in memory: a restart forgets it.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeNhn } from '../test/fakes/fake-nhn.js';

export async function startDemoFakeNhn(port: number): Promise<FakeNhn> {
  const fake = await FakeNhn.start({
    port,
    senderNumbers: ['0215441234', '0215445678'],
    deliveryDelayMs: Number(process.env.FAKE_NHN_DELIVERY_MS ?? 3_000),
    failNumbers: (process.env.FAKE_NHN_FAIL_NUMBERS ?? '')
      .split(',')
      .map((n) => n.replace(/\D/g, ''))
      .filter(Boolean),
  });
  const webhookUrl = process.env.FAKE_NHN_WEBHOOK_URL;
  if (webhookUrl)
    fake.setWebhook({
      url: webhookUrl,
      signature: process.env.NHN_SMS_WEBHOOK_SECRET ?? 'fake-webhook-secret',
    });
  return fake;
}

/** The lines to paste before `npm start` (or into .env). */
export function envLines(fake: FakeNhn): string {
  const lines = Object.entries(fake.env()).map(([name, value]) => `${name}=${value}`);
  if (process.env.FAKE_NHN_WEBHOOK_URL)
    lines.push(`NHN_SMS_WEBHOOK_SECRET=${process.env.NHN_SMS_WEBHOOK_SECRET ?? 'fake-webhook-secret'}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const port = Number(process.env.FAKE_NHN_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`FAKE_NHN_PORT is not a port: ${port}`);
  const fake = await startDemoFakeNhn(port);
  process.stdout.write(
    `fake NHN Cloud SMS listening at ${fake.baseUrl} (sender numbers 0215441234, 0215445678)\n` +
      `start Switchboard with:\n${envLines(fake)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
  );
  let logged = 0;
  const log = setInterval(() => {
    for (const call of fake.calls.slice(logged)) {
      const body = call.body as { recipientList?: unknown[]; senderGroupingKey?: string } | undefined;
      const detail =
        call.method === 'POST' && call.path.startsWith('/sender/')
          ? ` ${body?.recipientList?.length ?? 0} recipient(s), key ${body?.senderGroupingKey ?? '-'}`
          : '';
      process.stdout.write(
        `${new Date(call.at).toTimeString().slice(0, 8)}  ${call.method} ${call.path} → ${call.injected ?? call.status}${detail}\n`,
      );
    }
    logged = fake.calls.length;
  }, 250);
  const stop = () => {
    clearInterval(log);
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Only when run as the script, not when simulate.ts imports startDemoFakeNhn.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
