import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, LogLevel, WebClient, type Logger, type WebClientOptions } from '@slack/web-api';
import {
  FAKE_BOT_TOKEN,
  FakeSlackWebApi,
  issueTriggerId,
  manifestBotScopes,
  TRIGGER_LIFETIME_MS,
} from '../fakes/slack-web-api.js';

/**
 * The fake is driven by the real @slack/web-api client, so what it parses is exactly what Bolt sends (form-encoded,
 * nested arguments as JSON strings, token in the Authorization header) and what it answers is read the way Bolt
 * reads it (platform errors thrown with `data`, 429 turned into a rate-limit error).
 */

let fake: FakeSlackWebApi;

beforeAll(async () => {
  // A workspace where the bot was invited to #general and the people these tests write to exist.
  fake = await FakeSlackWebApi.start({
    channels: [{ id: 'C0001', name: 'general', botIsMember: true }],
    users: [{ id: 'U0001' }, { id: 'U0042' }],
  });
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

// Refusals are what these tests are about; WebClient would log each one as an error.
const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function client(options: WebClientOptions = {}): WebClient {
  return new WebClient(FAKE_BOT_TOKEN, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    logger: quietLogger,
    ...options,
  });
}

/** A raw POST, for what WebClient never sends (JSON bodies, no token). */
async function post(method: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${fake.url}${method}`, { method: 'POST', headers, body });
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('FakeSlackWebApi: requests as Slack takes them', () => {
  it('serves at a URL that ends with /api/ and answers auth.test with the bot identity', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const result = await client().auth.test();
    expect(result).toMatchObject({ ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'B0001' });
    expect(fake.calls).toEqual([expect.objectContaining({ method: 'auth.test', token: FAKE_BOT_TOKEN })]);
  });

  it('reads form-encoded calls and records nested JSON arguments as objects', async () => {
    const first = await client().chat.postMessage({
      channel: 'C0001',
      text: 'one',
      blocks: [section('one')],
    });
    const second = await client().chat.postMessage({ channel: 'C0001', text: 'two' });

    expect(first).toMatchObject({ ok: true, channel: 'C0001', message: { text: 'one', bot_id: 'B0001' } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.args).toEqual({ channel: 'C0001', text: 'one', blocks: [section('one')] });
    expect(call?.response).toMatchObject({ ok: true, ts: first.ts });
  });

  it('reads JSON bodies, taking the token only from the Authorization header', async () => {
    const body = JSON.stringify({ channel: 'C0001', blocks: [section('json')] });
    const withHeader = await post('chat.postMessage', body, {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${FAKE_BOT_TOKEN}`,
    });
    expect(await withHeader.json()).toMatchObject({ ok: true, channel: 'C0001' });
    expect(fake.calls[0]).toMatchObject({ token: FAKE_BOT_TOKEN, args: { blocks: [section('json')] } });

    const tokenInBody = await post(
      'chat.postMessage',
      JSON.stringify({ token: FAKE_BOT_TOKEN, channel: 'C0001', text: 'x' }),
      {
        'content-type': 'application/json',
      },
    );
    expect(await tokenInBody.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('takes a token argument in a form body, and answers not_authed without any token', async () => {
    const form = await post('auth.test', `token=${FAKE_BOT_TOKEN}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(await form.json()).toMatchObject({ ok: true });
    expect(fake.calls[0]?.token).toBe(FAKE_BOT_TOKEN);

    const none = await post('auth.test', '', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers unknown_method for a method it does not know', async () => {
    await expect(client().apiCall('chat.doSomethingNew')).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'unknown_method' },
    });
  });
});

describe('FakeSlackWebApi: messages', () => {
  it('requires a channel and some content', async () => {
    await expect(client().apiCall('chat.postMessage', { text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client().apiCall('chat.postMessage', { channel: 'C0001' })).rejects.toMatchObject({
      data: { error: 'no_text' },
    });
  });

  it('updates a posted message, and answers message_not_found for a ts it never posted', async () => {
    const posted = await client().chat.postMessage({
      channel: 'C0001',
      text: 'old',
      blocks: [section('old')],
    });
    const updated = await client().chat.update({
      channel: 'C0001',
      ts: posted.ts!,
      text: 'new',
      blocks: [section('new')],
    });
    expect(updated).toMatchObject({ ok: true, channel: 'C0001', ts: posted.ts });
    expect(fake.messageAt('C0001', posted.ts!)).toMatchObject({ text: 'new', blocks: [section('new')] });

    await expect(
      client().chat.update({ channel: 'C0001', ts: '1699999999.000001', text: 'x' }),
    ).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'message_not_found' },
    });
    // An ephemeral message has a ts, but it is not a message chat.update can reach.
    const ephemeral = await client().chat.postEphemeral({
      channel: 'C0001',
      user: 'U0001',
      text: 'just you',
    });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    await expect(
      client().chat.update({ channel: 'C0001', ts: ephemeral.message_ts!, text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('posts to a user id in the DM that conversations.open names', async () => {
    const opened = await client().conversations.open({ users: 'U0042' });
    const posted = await client().chat.postMessage({ channel: 'U0042', text: 'hi' });
    expect(opened.channel?.id).toBe('DU0042');
    expect(posted.channel).toBe('DU0042');
  });

  it('pins once: already_pinned on the second add, no_pin on the second remove', async () => {
    const posted = await client().chat.postMessage({ channel: 'C0001', text: 'wallboard' });
    const pin = { channel: 'C0001', timestamp: posted.ts! };
    await expect(client().pins.add(pin)).resolves.toMatchObject({ ok: true });
    await expect(client().pins.add(pin)).rejects.toMatchObject({ data: { error: 'already_pinned' } });
    await expect(client().pins.remove(pin)).resolves.toMatchObject({ ok: true });
    await expect(client().pins.remove(pin)).rejects.toMatchObject({ data: { error: 'no_pin' } });
  });
});

describe('FakeSlackWebApi: Block Kit over the limits', () => {
  it('answers invalid_blocks with Slack-style errors and keeps the violation', async () => {
    const header = { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } };
    const error = await client()
      .chat.postMessage({ channel: 'C0001', text: 'x', blocks: [header] })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'invalid_blocks' },
    });
    const data = (error as { data: { errors: string[]; response_metadata: { messages: string[] } } }).data;
    expect(data.errors).toEqual([expect.stringContaining('[json-pointer:/blocks/0/text/text]')]);
    expect(data.response_metadata.messages[0]).toMatch(/^\[ERROR\] header text is 151 characters/);
    expect(fake.violations).toEqual([
      expect.stringMatching(/^chat\.postMessage: header text is 151 characters/),
    ]);
    expect(fake.calls[0]?.response).not.toHaveProperty('ts');
  });

  it('keeps the violation of a payload refused for another reason, such as a rate limit', async () => {
    fake.rateLimit('chat.update', { retryAfterSeconds: 1, forMs: 60_000 });
    await client({ rejectRateLimitedCalls: true })
      .chat.update({ channel: 'C0001', ts: '1.1', text: 'x', blocks: [{ type: 'nope' }] })
      .catch(() => undefined);
    expect(fake.violations).toEqual([expect.stringContaining('chat.update: unknown block type "nope"')]);
  });

  it('answers invalid_arguments for a view over the limits, as views.* do', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'x'.repeat(25) },
      blocks: [],
    };
    await expect(client().views.open({ trigger_id: issueTriggerId(), view })).rejects.toMatchObject({
      data: {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: [expect.stringContaining('modal title')] },
      },
    });
    expect(fake.violations).toEqual([expect.stringMatching(/^views\.open: modal title is 25 characters/)]);
  });
});

describe('FakeSlackWebApi: views', () => {
  const modal = (text: string) => ({
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Callbacks' },
    external_id: 'callbacks-U0001',
    blocks: [section(text)],
  });

  it('opens a view for a trigger, then updates it by view_id or external_id, honouring hash', async () => {
    await expect(client().views.open({ trigger_id: '', view: modal('a') })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
    const opened = await client().views.open({ trigger_id: issueTriggerId(), view: modal('a') });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      blocks: [section('a')],
    });

    const byExternalId = await client().views.update({ external_id: 'callbacks-U0001', view: modal('b') });
    expect(byExternalId.view).toMatchObject({ id: opened.view?.id, blocks: [section('b')] });
    await expect(
      client().views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal('c') }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    await expect(client().views.update({ view_id: 'VNOPE', view: modal('c') })).rejects.toMatchObject({
      data: { error: 'not_found' },
    });
  });

  it('publishes a Home tab, which needs a user_id and no title', async () => {
    const home = { type: 'home' as const, blocks: [section('home')] };
    await expect(client().views.publish({ user_id: 'U0001', view: home })).resolves.toMatchObject({
      ok: true,
      view: { type: 'home' },
    });
    await expect(client().views.publish({ user_id: '', view: home })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });
});

describe('FakeSlackWebApi: users.info', () => {
  it('returns locale only when include_locale is set', async () => {
    fake.setUser({ id: 'U0777', name: 'jiwoo', realName: '김지우', locale: 'ko-KR', tz: 'Asia/Seoul' });

    const without = await client().users.info({ user: 'U0777' });
    const withLocale = await client().users.info({ user: 'U0777', include_locale: true });

    expect(without.user).toMatchObject({
      id: 'U0777',
      name: 'jiwoo',
      real_name: '김지우',
      tz: 'Asia/Seoul',
      tz_offset: 32400,
    });
    expect(without.user).not.toHaveProperty('locale');
    expect(withLocale.user?.locale).toBe('ko-KR');
  });

  it('knows only the people of the workspace: user_not_found for anyone else', async () => {
    const known = await client().users.info({ user: 'U0042', include_locale: true });
    expect(known.user).toMatchObject({ id: 'U0042', name: 'U0042', locale: 'en-US' });
    for (const user of ['U0123', 'nobody']) {
      await expect(client().users.info({ user })).rejects.toMatchObject({
        data: { error: 'user_not_found' },
      });
    }
    await expect(client().conversations.open({ users: 'U0123' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
    await expect(client().chat.postMessage({ channel: 'U0123', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(
      client().chat.postEphemeral({ channel: 'C0001', user: 'U0123', text: 'hi' }),
    ).rejects.toMatchObject({ data: { error: 'user_not_in_channel' } });
  });
});

describe('FakeSlackWebApi: switches', () => {
  it('answers HTTP 429 with Retry-After until the window ends', async () => {
    fake.rateLimit('chat.postMessage', { retryAfterSeconds: 7, forMs: 300 });

    await expect(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C0001', text: 'x' }),
    ).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    const raw = await post('chat.postMessage', 'channel=C0001&text=x', {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Bearer ${FAKE_BOT_TOKEN}`,
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('7');
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });
    // Other methods are not limited.
    await expect(client().auth.test()).resolves.toMatchObject({ ok: true });

    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(client().chat.postMessage({ channel: 'C0001', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
    expect(fake.callsTo('chat.postMessage').map((c) => c.response.ok)).toEqual([false, false, true]);
    // Both later calls came before the 7 s Retry-After of the first 429 had passed.
    expect(fake.violations).toEqual([
      expect.stringMatching(/^chat\.postMessage C0001: called again \d+ ms before the Retry-After/),
      expect.stringMatching(/^chat\.postMessage C0001: called again \d+ ms before the Retry-After/),
    ]);
  });

  it('fails the next calls as told, with HTTP 200 like Slack, then recovers', async () => {
    fake.failNext('users.info', 'fatal_error', 2);
    const call = () => client().users.info({ user: 'U0001' });
    await expect(call()).rejects.toMatchObject({ data: { error: 'fatal_error' } });
    await expect(call()).rejects.toMatchObject({ data: { error: 'fatal_error' } });
    await expect(call()).resolves.toMatchObject({ ok: true });
  });

  it('slows answers but records the call at once, as a slow Slack would have acted on it', async () => {
    fake.setDelay('chat.postMessage', 400);
    const slow = client({ timeout: 100 }).chat.postMessage({ channel: 'C0001', text: 'late' });
    await expect(slow).rejects.toMatchObject({ code: ErrorCode.RequestError });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('waits for calls already made and calls still to come', async () => {
    await client().auth.test();
    await expect(fake.waitForCall('auth.test')).resolves.toMatchObject({ method: 'auth.test' });

    const waiting = fake.waitForCall('chat.postMessage', (c) => c.args.text === 'second');
    await client().chat.postMessage({ channel: 'C0001', text: 'first' });
    await client().chat.postMessage({ channel: 'C0001', text: 'second' });
    await expect(waiting).resolves.toMatchObject({ args: { text: 'second' } });

    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      /no matching views\.open call within 50 ms/,
    );
  });

  it('reset forgets calls, violations and switches', async () => {
    fake.failNext('auth.test', 'fatal_error');
    await client()
      .chat.postMessage({ channel: 'C0001', text: 'x', blocks: [{ type: 'nope' }] })
      .catch(() => undefined);
    fake.reset();
    expect(fake.calls).toEqual([]);
    expect(fake.violations).toEqual([]);
    await expect(client().auth.test()).resolves.toMatchObject({ ok: true });
  });
});

describe('FakeSlackWebApi: response_url', () => {
  it('records posts to a response_url and refuses Block Kit over the limits with HTTP 400', async () => {
    const url = fake.responseUrl('cmd-1');
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'done', blocks: [section('done')] }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    expect(fake.callsTo('response_url')).toEqual([
      expect.objectContaining({
        url,
        args: { response_type: 'ephemeral', text: 'done', blocks: [section('done')] },
      }),
    ]);

    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blocks: tooMany }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(fake.violations).toEqual([expect.stringMatching(/^response_url: 51 blocks; the limit is 50/)]);
  });
});

describe('FakeSlackWebApi: file upload', () => {
  it('runs the external upload flow files.uploadV2 uses and keeps the bytes', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
    const result = await client().files.uploadV2({
      channel_id: 'C0001',
      file: bytes,
      filename: 'callbacks.xlsx',
      title: 'Callbacks',
      initial_comment: 'Here is the export',
    });

    const [urlCall] = fake.callsTo('files.getUploadURLExternal');
    expect(urlCall?.args).toMatchObject({ filename: 'callbacks.xlsx', length: String(bytes.length) });
    const fileId = urlCall?.response.file_id as string;
    expect(urlCall?.response.upload_url).toBe(`${fake.url.replace(/api\/$/, '')}upload/${fileId}`);
    expect(fake.uploads.get(fileId)).toEqual(bytes);
    expect(fake.callsTo('files.completeUploadExternal')[0]?.args).toMatchObject({
      files: [{ id: fileId, title: 'Callbacks' }],
      channel_id: 'C0001',
      initial_comment: 'Here is the export',
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('keeps raw bytes posted without multipart, and refuses to complete a file never uploaded', async () => {
    const started = await client().files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    const upload = await fetch(started.upload_url!, { method: 'POST', body: Buffer.from('a,b') });
    expect(await upload.text()).toBe('OK - 3');
    expect(fake.uploads.get(started.file_id!)?.toString()).toBe('a,b');

    const never = await client().files.getUploadURLExternal({ filename: 'b.csv', length: 3 });
    await expect(
      client().files.completeUploadExternal({ files: [{ id: never.file_id! }] }),
    ).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
    await expect(client().files.getUploadURLExternal({ filename: '', length: 3 })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });
});

describe('FakeSlackWebApi: as strict as Slack', () => {
  const simpleModal = {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Hello' },
    blocks: [section('hello')],
  };

  /** A second workspace for one test, with its own install (scopes) and people. */
  async function withWorkspace(
    options: Parameters<typeof FakeSlackWebApi.start>[0],
    test: (other: FakeSlackWebApi, otherClient: WebClient) => Promise<void>,
  ): Promise<void> {
    const other = await FakeSlackWebApi.start(options);
    try {
      await test(
        other,
        new WebClient(other.token, {
          slackApiUrl: other.url,
          retryConfig: { retries: 0 },
          logger: quietLogger,
        }),
      );
    } finally {
      await other.stop();
    }
  }

  it('takes only the bot token of the install: invalid_auth for another, not_authed for none', async () => {
    const stranger = new WebClient('xoxb-someone-else', {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      logger: quietLogger,
    });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { ok: false, error: 'invalid_auth' } });
    await expect(stranger.chat.postMessage({ channel: 'C0001', text: 'x' })).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
    const none = await post('chat.postMessage', 'channel=C0001&text=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(await none.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(fake.callsTo('chat.postMessage').every((c) => c.response.ok === false)).toBe(true);
  });

  it('grants the bot scopes of manifests/slack.yaml and answers missing_scope beyond them', async () => {
    expect(manifestBotScopes()).toEqual(expect.arrayContaining(['chat:write', 'users:read', 'im:write']));
    // The manifest does not ask for channels:join, so the app cannot join channels by itself.
    await expect(client().conversations.join({ channel: 'C0002' })).rejects.toMatchObject({
      data: {
        ok: false,
        error: 'missing_scope',
        needed: 'channels:join',
        provided: manifestBotScopes().join(','),
      },
    });
    expect(fake.violations).toEqual([
      'conversations.join: needs the channels:join scope, which the app was not granted',
    ]);
  });

  it('checks the scope each method needs, per conversation kind for conversations.open', async () => {
    await withWorkspace(
      { scopes: ['chat:write'], users: [{ id: 'U0001' }, { id: 'U0002' }] },
      async (other, c) => {
        await expect(c.users.info({ user: 'U0001' })).rejects.toMatchObject({
          data: { error: 'missing_scope', needed: 'users:read', provided: 'chat:write' },
        });
        await expect(c.conversations.open({ users: 'U0001' })).rejects.toMatchObject({
          data: { error: 'missing_scope', needed: 'im:write' },
        });
        await expect(c.conversations.open({ users: 'U0001,U0002' })).rejects.toMatchObject({
          data: { error: 'missing_scope', needed: 'mpim:write' },
        });
        await expect(c.files.getUploadURLExternal({ filename: 'a.csv', length: 1 })).rejects.toMatchObject({
          data: { error: 'missing_scope', needed: 'files:write' },
        });
        const posted = await c.chat.postMessage({ channel: 'U0001', text: 'x' });
        await expect(c.pins.add({ channel: posted.channel!, timestamp: posted.ts! })).rejects.toMatchObject({
          data: { error: 'missing_scope', needed: 'pins:write' },
        });
        // views.* and auth.test need no scope.
        await expect(
          c.views.open({ trigger_id: issueTriggerId(), view: simpleModal }),
        ).resolves.toMatchObject({
          ok: true,
        });
        expect(other.violations).toHaveLength(5);
      },
    );
  });

  it('exchanges a trigger_id once: exchanged_trigger_id the second time, for views.push too', async () => {
    const trigger = issueTriggerId();
    await expect(client().views.open({ trigger_id: trigger, view: simpleModal })).resolves.toMatchObject({
      ok: true,
    });
    await expect(client().views.open({ trigger_id: trigger, view: simpleModal })).rejects.toMatchObject({
      data: { ok: false, error: 'exchanged_trigger_id' },
    });
    await expect(client().views.push({ trigger_id: trigger, view: simpleModal })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    expect(fake.violations).toEqual([
      `views.open: trigger_id ${trigger} was already exchanged for a view`,
      `views.push: trigger_id ${trigger} was already exchanged for a view`,
    ]);
  });

  it('refuses a trigger_id older than 3 s with expired_trigger_id, and one it never issued with invalid_trigger_id', async () => {
    const late = issueTriggerId(Date.now() - TRIGGER_LIFETIME_MS - 1);
    await expect(client().views.open({ trigger_id: late, view: simpleModal })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
    expect(fake.violations).toEqual([
      expect.stringMatching(/^views\.open: trigger_id used \d+ ms after the click/),
    ]);
    await expect(client().views.open({ trigger_id: '12345.abc', view: simpleModal })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
    // A trigger at the edge of its life still works.
    const justInTime = issueTriggerId(Date.now() - TRIGGER_LIFETIME_MS + 1000);
    await expect(client().views.open({ trigger_id: justInTime, view: simpleModal })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('lets the bot post to public channels it is not in only with chat:write.public, and never to private ones', async () => {
    await withWorkspace(
      {
        channels: [
          { id: 'C0PUBLIC', name: 'public' },
          { id: 'C0SECRET', name: 'secret', isPrivate: true },
          { id: 'C0INVITED', name: 'invited', isPrivate: true, botIsMember: true },
        ],
        users: [{ id: 'U0001' }],
      },
      async (other, c) => {
        await expect(c.chat.postMessage({ channel: 'C0PUBLIC', text: 'x' })).resolves.toMatchObject({
          ok: true,
        });
        await expect(c.chat.postMessage({ channel: 'C0UNDECLARED', text: 'x' })).resolves.toMatchObject({
          ok: true,
        });
        await expect(c.chat.postMessage({ channel: 'C0INVITED', text: 'x' })).resolves.toMatchObject({
          ok: true,
        });
        for (const channel of ['C0SECRET', 'G0GROUP']) {
          await expect(c.chat.postMessage({ channel, text: 'x' })).rejects.toMatchObject({
            data: { ok: false, error: 'not_in_channel' },
          });
          await expect(c.chat.postEphemeral({ channel, user: 'U0001', text: 'x' })).rejects.toMatchObject({
            data: { error: 'not_in_channel' },
          });
        }
        await expect(c.conversations.info({ channel: 'C0PUBLIC' })).resolves.toMatchObject({
          channel: { is_member: false },
        });
        expect(other.violations).toEqual([]);
      },
    );
    await withWorkspace({ scopes: ['chat:write'] }, async (_other, c) => {
      await expect(c.chat.postMessage({ channel: 'C0PUBLIC', text: 'x' })).rejects.toMatchObject({
        data: { error: 'not_in_channel' },
      });
    });
  });

  it('conversations.info shows public channels with is_member, hides private ones until the bot is invited', async () => {
    await withWorkspace(
      {
        channels: [
          { id: 'C0PUBLIC', name: 'public' },
          { id: 'C0SECRET', name: 'secret', isPrivate: true },
          { id: 'C0INVITED', name: 'invited', isPrivate: true, botIsMember: true },
        ],
        users: [{ id: 'U0001' }],
      },
      async (other, c) => {
        await expect(c.conversations.info({ channel: 'C0PUBLIC' })).resolves.toMatchObject({
          channel: { id: 'C0PUBLIC', name: 'public', is_private: false, is_member: false },
        });
        await expect(c.conversations.info({ channel: 'C0SECRET' })).rejects.toMatchObject({
          data: { ok: false, error: 'channel_not_found' },
        });
        await expect(c.conversations.info({ channel: 'C0INVITED' })).resolves.toMatchObject({
          channel: { name: 'invited', is_private: true, is_group: true, is_member: true },
        });
        other.addChannel({ id: 'C0SECRET', botIsMember: true });
        await expect(c.conversations.info({ channel: 'C0SECRET' })).resolves.toMatchObject({
          channel: { is_member: true },
        });
        expect(other.callsTo('conversations.info').map((call) => call.response.ok)).toEqual([
          true,
          false,
          true,
          true,
        ]);
        expect(other.violations).toEqual([]);
      },
    );
  });

  it('users.info names the locale only when asked with include_locale', async () => {
    await withWorkspace({ users: [{ id: 'U0EN', locale: 'en-US' }] }, async (_other, c) => {
      const plain = await c.users.info({ user: 'U0EN' });
      expect(plain.user?.locale).toBeUndefined();
      const withLocale = await c.users.info({ user: 'U0EN', include_locale: true });
      expect(withLocale.user?.locale).toBe('en-US');
    });
  });

  it('pins only where the bot is a member; conversations.join (with channels:join) makes it one', async () => {
    await withWorkspace(
      { scopes: [...manifestBotScopes(), 'channels:join'], channels: [{ id: 'G0PRIV', isPrivate: true }] },
      async (other, c) => {
        const posted = await c.chat.postMessage({ channel: 'C0PUBLIC', text: 'wallboard' });
        const pin = { channel: 'C0PUBLIC', timestamp: posted.ts! };
        await expect(c.pins.add(pin)).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
        await expect(c.conversations.join({ channel: 'C0PUBLIC' })).resolves.toMatchObject({
          ok: true,
          channel: { id: 'C0PUBLIC', is_member: true },
        });
        expect(other.botIsMemberOf('C0PUBLIC')).toBe(true);
        await expect(c.pins.add(pin)).resolves.toMatchObject({ ok: true });
        // A private channel takes an invitation.
        await expect(c.conversations.join({ channel: 'G0PRIV' })).rejects.toMatchObject({
          data: { error: 'method_not_supported_for_channel_type' },
        });
      },
    );
  });

  it('records no violation for a retry after Retry-After, nor for another channel', async () => {
    fake.rateLimit('chat.postMessage', { retryAfterSeconds: 0, forMs: 60_000 });
    const limited = client({ rejectRateLimitedCalls: true });
    await expect(limited.chat.postMessage({ channel: 'C0001', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
    });
    // Retry-After: 0 — calling again at once is waiting as long as told.
    await limited.chat.postMessage({ channel: 'C0001', text: 'x' }).catch(() => undefined);
    expect(fake.violations).toEqual([]);

    fake.rateLimit('chat.update', { retryAfterSeconds: 30, forMs: 60_000 });
    await limited.chat.update({ channel: 'C0001', ts: '1.1', text: 'x' }).catch(() => undefined);
    await limited.chat.update({ channel: 'C0002', ts: '1.1', text: 'x' }).catch(() => undefined);
    expect(fake.violations).toEqual([]);
    await limited.chat.update({ channel: 'C0001', ts: '1.1', text: 'x' }).catch(() => undefined);
    expect(fake.violations).toEqual([
      expect.stringMatching(/^chat\.update C0001: called again \d+ ms before/),
    ]);
  });

  it('makes the app a member of a group DM it opens (with mpim:write, which our manifest does not ask for)', async () => {
    await withWorkspace(
      { scopes: [...manifestBotScopes(), 'mpim:write'], users: [{ id: 'U0001' }, { id: 'U0042' }] },
      async (other, c) => {
        const group = await c.conversations.open({ users: 'U0001,U0042' });
        expect(group.channel?.id).toMatch(/^G/);
        await expect(
          c.chat.postMessage({ channel: group.channel!.id!, text: 'hi all' }),
        ).resolves.toMatchObject({
          ok: true,
        });
        expect(other.violations).toEqual([]);
      },
    );
  });

  it('assertNoViolations throws with every violation, then starts afresh', async () => {
    fake.assertNoViolations();
    await client()
      .chat.postMessage({ channel: 'C0001', text: 'x', blocks: [{ type: 'nope' }] })
      .catch(() => undefined);
    expect(() => fake.assertNoViolations()).toThrow(
      /1 violation\(s\):\n {2}chat\.postMessage: unknown block type "nope"/,
    );
    expect(() => fake.assertNoViolations()).not.toThrow();
  });
});
