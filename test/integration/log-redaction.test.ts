import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createRedactingLogger } from '../../src/log-redaction.js';
import { issueWallboardLink } from '../../src/usecases/wallboard-links.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { SIGNING_SECRET } from '../support/slack-app.js';
import { sendToSlackEndpoint, slashCommandBody } from '../support/slack-requests.js';

const BOT_TOKEN = 'xoxb-test-secret-bot-token';
const PHONE = '010-5000-1234';
const PHONE_DIGITS = '01050001234';

/**
 * The real app's log stream at `trace`, read as a log shipper reads it: every line the app writes while it serves
 * a year-long wall screen link, API calls with a key and a phone number, and Slack commands carrying a
 * `response_url` (the Slack client logs each Web API request body at debug level: the callback card's text holds
 * the phone).
 */
describe('the log never carries a secret or a whole phone number', () => {
  const lines: string[] = [];
  let app: TestApp;
  let slack: FakeSlackWebApi;

  beforeAll(async () => {
    slack = await FakeSlackWebApi.start({ botToken: BOT_TOKEN });
    app = await startTestApp({
      env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url },
      logger: createRedactingLogger({ level: 'trace', destination: { write: (line) => lines.push(line) } }),
    });
  });
  afterEach(() => slack.assertNoViolations());
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });

  it('redacts wall links, API keys, response URLs and phones in every line', async () => {
    const responseUrls: string[] = [];
    const command = async (text: string) => {
      slack.reset();
      const responseUrl = slack.responseUrl();
      responseUrls.push(responseUrl);
      const body = slashCommandBody({ command: '/switchboard', text, channelId: 'C0LOGS', responseUrl });
      expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
      await slack.waitForCall('response_url');
    };
    await command('setup Log test');
    const serviceId = (await app.store.services.list())[0]!._id;
    await app.store.services.updateSettings(serviceId, { slackCallbackChannelId: 'C0LOGS' });
    const { key } = await app.store.apiKeys.create({
      serviceId,
      name: 'pbx',
      allowedIps: [],
      createdBy: 'test',
    });
    const link = await issueWallboardLink(app.store, { kind: 'operator', name: 'ops' }, serviceId, {
      longLived: true,
    });
    if (!link.ok) throw new Error('refused');
    const wallToken = link.value.token;

    expect((await fetch(`${app.url}${link.value.path}`)).status).toBe(200);
    expect((await fetch(`${app.url}/wallboard/data?lang=en&token=${wallToken}`)).status).toBe(200);
    const auth = { authorization: `Bearer ${key}` };
    expect((await fetch(`${app.url}/api/v1/service`, { headers: auth })).status).toBe(200);
    // An unknown key is refused, and must not be logged either (it may be a real key of another instance).
    const unknownKey = `${key.slice(0, -6)}AAAAAA`;
    expect(
      (
        await fetch(`${app.url}/api/v1/service?api_key=${unknownKey}`, {
          headers: { 'x-api-key': unknownKey },
        })
      ).status,
    ).toBe(401);
    slack.reset();
    const filed = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: PHONE, name: 'Kim' }),
    });
    expect(filed.status).toBe(201);
    // The callback card goes to the service's channel; the Slack client logs that request's body.
    await slack.waitForCall('chat.postMessage');
    await fetch(`${app.url}/api/v1/callbacks?assignee=${PHONE_DIGITS}`, { headers: auth });
    // Whatever our own code logs (a Slack body in an error report, say) goes through the same scrubbing; real
    // response URLs are Slack's hooks (the fake's are local, and never logged).
    const slackHook = 'https://hooks.slack.com/commands/T0001/1234567890/SECRETpartOFtheHOOK';
    app.http.log.warn(
      { body: { response_url: responseUrls[0], text: `call back ${PHONE}`, token: wallToken } },
      `while handling ${slackHook} for +82 10-5000-1234`,
    );

    const log = lines.join('');
    const secrets = [
      wallToken,
      encodeURIComponent(wallToken),
      key,
      unknownKey,
      BOT_TOKEN,
      PHONE,
      PHONE_DIGITS,
    ];
    for (const secret of [...secrets, ...responseUrls.map((url) => new URL(url).pathname)])
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    // The lines are there, with the secrets cut out: the request log keeps the route, the phone its last digits.
    expect(log).toContain('"url":"/wallboard?token=[redacted]"');
    expect(log).toContain('"url":"/wallboard/data?lang=en&token=[redacted]"');
    expect(log).toContain('"url":"/api/v1/service?api_key=[redacted]"');
    expect(log).toContain(`"url":"/api/v1/callbacks?assignee=*******1234"`);
    expect(log).toContain('***-****-1234');
    expect(log).toContain('"response_url":"[redacted]"');
    expect(log).toContain('while handling https://hooks.slack.com/[redacted] for +** **-****-1234');
    expect(lines.every((line) => JSON.parse(line) !== null)).toBe(true);
  });
});
