import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import { sendToSlackEndpoint, slashCommandBody } from '../support/slack-requests.js';

/**
 * Searching callbacks (issue 13, item 8) by any part of the phone number (digits only) or the customer name, over
 * `GET /api/v1/callbacks?q=` and `/callback list <search>`, on the real app and its embedded FerretDB v1.
 */

const TEAM = 'T0001';
const CHANNEL = 'C0SEARCH';
const ADMIN = 'U0001';
const PARK = 'U0002'; // phone

const text = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? [])}`;

describe('callback search by phone number or name', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let apiKey: string;
  let responseNo = 0;
  const ids: Record<string, string> = {};

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const search = async (query: string) => {
    const response = await fetch(`${app.url}/api/v1/callbacks?${query}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** The names of the callbacks `q` finds over the API, sorted. */
  const found = async (q: string, scope = 'all') => {
    const { status, body } = await search(`q=${encodeURIComponent(q)}&status=${scope}`);
    expect(status).toBe(200);
    const items = body.items as { id: string; phone: string }[];
    expect(body.total).toBe(items.length);
    return items.map((c) => Object.keys(ids).find((k) => ids[k] === c.id)).sort();
  };
  const ask = async (words: string, userId = ADMIN) => {
    responseNo += 1;
    const responseId = `search${responseNo}`;
    const body = slashCommandBody({
      command: '/callback',
      text: words,
      teamId: TEAM,
      channelId: CHANNEL,
      userId,
      responseUrl: slack.responseUrl(responseId),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
    return text(
      await slack.waitForCall('response_url', (c) => c.url?.endsWith(`/response/${responseId}`) === true),
    );
  };

  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    slack.setUser({ id: ADMIN, realName: 'Admin Kim', locale: 'en-US' });
    slack.setUser({ id: PARK, realName: 'Agent Park', locale: 'en-US' });
    serviceId = String((await cli('service', 'create', '--name', 'Search Co')).id);
    await cli(
      'member',
      'add',
      '--service',
      serviceId,
      '--name',
      'Admin Kim',
      '--slack',
      `${TEAM}:${ADMIN}`,
      '--role',
      'admin',
    );
    const park = await cli(
      'member',
      'add',
      '--service',
      serviceId,
      '--name',
      'Agent Park',
      '--slack',
      `${TEAM}:${PARK}`,
      '--permissions',
      'phone',
    );
    await cli('settings', 'set', '--service', serviceId, `slackCallbackChannelId=${CHANNEL}`, 'locale=en');
    apiKey = String((await cli('apikey', 'create', '--service', serviceId, '--name', 'ivr')).key);
    const customers: [string, string, string | undefined][] = [
      ['minsu', '010-1234-5678', 'Kim Minsu'],
      ['hangul', '02-555-1234', '김민수'],
      ['junior', '031-777-8899', 'Lee (Jr.) *VIP*'],
      ['nameless', '010-9999-0000', undefined],
    ];
    for (const [key, phone, name] of customers) {
      const response = await fetch(`${app.url}/api/v1/callbacks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phone, name }),
      });
      expect(response.status).toBe(201);
      ids[key] = ((await response.json()) as { id: string }).id;
    }
    // Agent Park has one of them; agents search only their own.
    await app.store.callbacks.assign(
      serviceId,
      new Map([[String(park.id), [ids.hangul!]]]),
      { by: 'test', byName: null, surface: 'system' },
      new Map([[String(park.id), 'Agent Park']]),
      new Date(),
    );
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await slack?.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('GET /api/v1/callbacks?q= finds any part of the number (digits only) or of the name, ignoring case', async () => {
    expect(await found('5678')).toEqual(['minsu']);
    expect(await found('1234')).toEqual(['hangul', 'minsu']);
    // Hyphens, spaces and brackets in the search are dropped: a number is matched by its digits.
    expect(await found('010-1234')).toEqual(['minsu']);
    expect(await found(' (031) 777 ')).toEqual(['junior']);
    expect(await found('KIM')).toEqual(['minsu']);
    expect(await found('민수')).toEqual(['hangul']);
    // A name is matched literally: brackets, dots and stars are not patterns.
    expect(await found('(jr.) *vip')).toEqual(['junior']);
    expect(await found('.*')).toEqual([]);
    expect(await found('nobody')).toEqual([]);
    // With the other filters.
    expect(await found('1234', 'unassigned')).toEqual(['minsu']);
    expect(await found('1234', 'assigned')).toEqual(['hangul']);
  });

  it('a search longer than 50 characters is refused with 400 and a code', async () => {
    const { status, body } = await search(`q=${'가'.repeat(51)}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: { code: 'invalid_request', details: [{ field: 'query.q', message: expect.any(String) }] },
    });
    expect((await search(`q=${'가'.repeat(50)}`)).status).toBe(200);
  });

  it('/callback list <search> in Slack: by number or name, said in the header; agents search only their own', async () => {
    const byNumber = await ask('list all 5678');
    expect(byNumber).toContain('010-1234-5678');
    expect(byNumber).not.toContain('02-555-1234');
    expect(byNumber).toContain('Search: “5678”');
    expect(byNumber).toContain('Page 1 of 1 · 1 in all');

    const byName = await ask('list all kim minsu');
    expect(byName).toContain('010-1234-5678');
    expect(byName).toContain('Search: “kim minsu”');
    expect(byName).toContain('Page 1 of 1 · 1 in all');

    const agent = await ask('list all 1234', PARK);
    expect(agent).toContain('02-555-1234');
    expect(agent).not.toContain('010-1234-5678');

    expect(await ask(`list all ${'x'.repeat(51)}`)).toContain('A search is at most 50 characters.');
    // Without `list`, an unknown word is still answered as a mistyped subcommand.
    expect(await ask('5678')).toContain('`5678` is not a word `/callback` knows.');
    expect(await ask('help')).toContain('/callback list [status] [dates] <search>');
  });
});
