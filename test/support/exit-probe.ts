/**
 * Run as a child process by test/integration/clean-exit.test.ts (argv: database URL, database name): starts the
 * whole server with Slack and Teams (emulator) on against the fakes, lets a job, a Slack call and a Teams reply
 * finish, closes everything as a test does, and then must end by itself. A fresh process, so nothing of Jest's own
 * is counted.
 */
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startSwitchboard } from '../../src/server.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';

const [mongodbUrl, dbName] = process.argv.slice(2);
const EXIT_GRACE_MS = 10_000;
if (!mongodbUrl || !dbName) throw new Error('usage: exit-probe.ts <mongodb url> <database name>');

const slack = await FakeSlackWebApi.start();
const connector = await FakeBotConnector.start();
// The personal chat the probe writes from exists in Teams; the connector answers 404 anywhere else.
connector.addConversation('a:probe');
const config = {
  ...loadConfig({
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'probe-secret',
    SLACK_API_URL: slack.url,
    TEAMS_EMULATOR: 'true',
  }),
  port: 0,
  host: '127.0.0.1',
};
const app = await startSwitchboard(config, {
  logger: pino({ level: 'silent' }),
  mongodbUrl,
  dbName,
  processEvery: 100,
  jobs: [
    {
      name: 'probe.post',
      // A job that talks to Slack, as the card and reminder jobs do: its HTTP agent keeps a socket open.
      handler: async () => {
        await app.slack?.bolt.client.chat.postMessage({ channel: 'C0PROBE', text: 'probe' });
      },
    },
  ],
});
const completed = new Promise((resolve) => app.scheduler.agenda.once('complete:probe.post', resolve));
await app.scheduler.agenda.now('probe.post', {});
await completed;
// A Teams message, answered through the Agents SDK's connector client (its own HTTP client).
await fetch(`${app.url}/api/messages`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    type: 'message',
    id: 'probe-1',
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:probe', name: 'Probe' },
    conversation: { id: 'a:probe', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:bot', name: 'Switchboard' },
    text: 'help',
    locale: 'en-US',
  }),
});
await connector.waitForCall((c) => c.method === 'POST' && c.path.includes('/activities'));
await app.close();
await slack.stop();
await connector.stop();
// Whatever is still open keeps the process alive, so it should end by itself now. If it is still here after
// EXIT_GRACE_MS, name what holds it and fail (this timer is unref'd: it never holds the process itself).
setTimeout(() => {
  process.stdout.write(`still alive after close: ${JSON.stringify(process.getActiveResourcesInfo())}\n`);
  process.exit(1);
}, EXIT_GRACE_MS).unref();
process.stdout.write(
  `closed; Slack got ${slack.callsTo('chat.postMessage').length} message(s), Teams ${connector.calls.length} call(s)\n`,
);
