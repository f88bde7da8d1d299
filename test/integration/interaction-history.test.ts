import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { FakeSlackWebApi, RecordedSlackCall } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from '../support/slack-requests.js';

/**
 * Issue 13 item 3: registered history (이력 등록) and the tickets Call (연결) creates are visible where people work:
 * the callback's card lists the latest entries, its [이력 보기] opens every entry, `/callback history <phone>` lists a
 * number's, the callback list export has an 이력 sheet, and `GET /api/v1/interactions` pages them. All through the
 * real app (HTTP API, Bolt, jobs, database) and the fake Slack; times are read in Asia/Seoul.
 */

const CHANNEL = 'C0HISTORY';
const ADMIN = 'U0101';
const PARK = 'U0102'; // phone, CTI agent h2 (logged in)
const LEE = 'U0103'; // phone, no callbacks of their own

const PHONE = '01077770001';
const SHOWN = '010-7777-0001';

const text = (call: RecordedSlackCall) =>
  `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? call.args.view ?? [])}`;

/** `2026-12-02 14:05`: an instant as a Seoul wall clock (Korea has no daylight saving time). */
const seoul = (iso: string) =>
  new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const seoulDay = (date: Date) => new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

interface ApiInteraction {
  id: string;
  kind: string;
  createdAt: string;
  callbackId: string | null;
  phone: string | null;
  member: { id: string; name: string };
  channel: string;
  summary: string | null;
}

describe('Interaction records: card, history views, /callback history, export sheet and API', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let apiKey: string;
  let callbackId: string;
  let cardTs: string;
  let responseNo = 0;

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const api = (path: string) =>
    fetch(`${app.url}/api/v1${path}`, { headers: { authorization: `Bearer ${apiKey}` } });

  const click = async (userId: string, actionId: string, value: string) => {
    responseNo += 1;
    const responseId = `h${responseNo}`;
    const payload = blockActionsPayload({
      actionId,
      userId,
      channelId: CHANNEL,
      messageTs: cardTs,
      responseUrl: slack.responseUrl(responseId),
      value,
    });
    const sent = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(sent.status).toBe(200);
    return responseId;
  };
  const command = async (userId: string, commandText: string) => {
    responseNo += 1;
    const responseId = `h${responseNo}`;
    const sent = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      slashCommandBody({
        command: '/callback',
        text: commandText,
        userId,
        channelId: CHANNEL,
        responseUrl: slack.responseUrl(responseId),
      }),
    );
    expect(sent.status).toBe(200);
    return responseId;
  };
  const answerOn = (responseId: string) =>
    slack.waitForCall('response_url', (c) => c.url?.endsWith(`/response/${responseId}`) === true, 10_000);
  const cardUpdate = (predicate: (t: string) => boolean) =>
    slack.waitForCall(
      'chat.update',
      (c) => c.args.ts === cardTs && c.response.ok === true && predicate(text(c)),
      15_000,
    );
  const listed = async (query: string) => {
    const response = await api(`/interactions?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { items: ApiInteraction[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    slack.setUser({ id: ADMIN, realName: '관리자 김', locale: 'ko-KR' });
    slack.setUser({ id: PARK, realName: '박상담', locale: 'ko-KR' });
    slack.setUser({ id: LEE, realName: '이상담', locale: 'ko-KR' });
    serviceId = String((await cli('service', 'create', '--name', '이력센터')).id);
    const member = (name: string, user: string, ...rest: string[]) =>
      cli('member', 'add', '--service', serviceId, '--name', name, '--slack', `T0001:${user}`, ...rest);
    await Promise.all([
      member('관리자 김', ADMIN, '--role', 'admin'),
      member('박상담', PARK, '--permissions', 'phone', '--cti', 'h2'),
      member('이상담', LEE, '--permissions', 'phone', '--cti', 'h3'),
      cli(
        'settings',
        'set',
        '--service',
        serviceId,
        `slackCallbackChannelId=${CHANNEL}`,
        'locale=ko',
        'timeZone=Asia/Seoul',
        'outboundTicketAutoCreate=true',
      ),
    ]);
    apiKey = String((await cli('apikey', 'create', '--service', serviceId, '--name', 'ivr')).key);
    const cti = await fetch(`${app.url}/api/v1/cti/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { id: 'h2-login', type: 'agent.login', at: Date.now(), service: 'support', agent: 'h2' },
          {
            id: 'h2-ready',
            type: 'agent.state',
            at: Date.now(),
            service: 'support',
            agent: 'h2',
            state: 'ready',
          },
        ],
      }),
    });
    expect(cti.status).toBe(202);

    const filed = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: SHOWN, name: '홍길동', source: 'ivr' }),
    });
    expect(filed.status).toBe(201);
    callbackId = ((await filed.json()) as { id: string }).id;
    const card = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === CHANNEL && c.response.ok === true && text(c).includes(callbackId),
      15_000,
    );
    cardTs = String(card.response.ts);
    // A fresh card has no history yet, so no history block.
    expect(text(card)).not.toContain('최근 이력');
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await slack?.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('Call with ticket auto-creation: no internal id, and the card lists the ticket with its Seoul time', async () => {
    await answerOn(await click(PARK, 'callback.assign_to_me', callbackId));
    const called = await answerOn(await click(PARK, 'callback.call', callbackId));
    expect(text(called)).toContain('티켓이 자동으로 생성되었습니다');
    expect(text(called)).not.toMatch(/int_[0-9a-z]/);

    const [ticket] = (await listed(`phone=${PHONE}`)).items;
    expect(ticket).toMatchObject({ kind: 'outbound_call', callbackId, phone: PHONE, channel: 'phone' });
    expect(ticket!.member.name).toBe('박상담');
    const card = await cardUpdate((t) => t.includes('최근 이력'));
    const shown = text(card);
    expect(shown).toContain('연결 (티켓 자동 생성)');
    expect(shown).toContain(seoul(ticket!.createdAt));
    expect(shown).toContain('박상담');
    expect(shown).toContain('이력 보기');
    expect(shown).not.toMatch(/int_[0-9a-z]/);
  }, 60_000);

  it('Register history from the card: confirmed with where to see it, and the card shows it on top', async () => {
    await click(PARK, 'callback.history_open', callbackId);
    const form = await slack.waitForCall(
      'views.open',
      (c) =>
        JSON.stringify(c.args.view).includes('callback.history') &&
        JSON.stringify(c.args.view).includes(callbackId),
    );
    const metadata = (form.args.view as { private_metadata: string }).private_metadata;
    const saved = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        viewSubmissionPayload({
          callbackId: 'callback.history',
          userId: PARK,
          privateMetadata: metadata,
          values: {
            history_channel: { value: { type: 'static_select', selected_option: { value: 'sms' } } },
            history_summary: { value: { type: 'plain_text_input', value: '배송 일정 문의' } },
            history_note: { value: { type: 'plain_text_input', value: '내일 오전 재안내' } },
          },
        }),
      ),
    );
    expect(saved.body).toBe('');
    const confirmed = await slack.waitForCall(
      'chat.postEphemeral',
      (c) => c.args.user === PARK && String(c.args.text).includes('이력을 등록했습니다'),
    );
    expect(String(confirmed.args.text)).toContain(`/callback history ${SHOWN}`);
    expect(String(confirmed.args.text)).not.toMatch(/int_[0-9a-z]/);

    const card = await cardUpdate((t) => t.includes('배송 일정 문의'));
    const blocks = card.args.blocks as { type: string; block_id?: string; text?: { text: string } }[];
    const history = blocks.find((b) => b.block_id === `history_${callbackId}`)!;
    const lines = history.text!.text.split('\n');
    expect(lines[0]).toBe('*최근 이력*');
    // Newest first: the registered history, then the ticket of the call.
    expect(lines[1]).toContain('*이력 등록*');
    expect(lines[1]).toContain('문자');
    expect(lines[1]).toContain('배송 일정 문의');
    expect(lines.slice(2).join('\n')).toContain('*연결 (티켓 자동 생성)*');
    // The history block sits above the card's buttons.
    expect(blocks.findIndex((b) => b.block_id === `history_${callbackId}`)).toBeLessThan(
      blocks.findIndex((b) => b.type === 'actions'),
    );
  }, 60_000);

  it('[이력 보기] opens every entry of the callback; an agent who does not have it is told why', async () => {
    await click(ADMIN, 'callback.history_view', callbackId);
    const modal = await slack.waitForCall(
      'views.open',
      (c) => JSON.stringify(c.args.view).includes('상담 이력') && JSON.stringify(c.args.view).includes(SHOWN),
    );
    const shown = JSON.stringify(modal.args.view);
    expect(shown).toContain('이력 2건');
    expect(shown).toContain('배송 일정 문의');
    expect(shown).toContain('내일 오전 재안내');
    expect(shown).toContain('연결 (티켓 자동 생성)');
    const { items } = await listed(`phone=${PHONE}`);
    for (const item of items) expect(shown).toContain(seoul(item.createdAt));

    const refused = await answerOn(await click(LEE, 'callback.history_view', callbackId));
    expect(String(refused.args.text)).toContain('박상담 님에게 할당된 콜백입니다');
  }, 60_000);

  it('/callback history <phone>: the number’s records in Korean; agents see their own; bad input is answered', async () => {
    const byPark = await answerOn(await command(PARK, 'history 010 7777 0001'));
    const shown = text(byPark);
    expect(byPark.args.response_type).toBe('ephemeral');
    expect(shown).toContain(`${SHOWN} 상담 이력`);
    expect(shown).toContain('이력 등록');
    expect(shown).toContain('배송 일정 문의');
    expect(shown).toContain('연결 (티켓 자동 생성)');
    expect(shown).toContain('내가 등록한 이력과 나에게 할당된 콜백의 이력만 표시됩니다');

    // Agent Lee made none and has no callback of that number.
    const byLee = text(await answerOn(await command(LEE, `history ${SHOWN}`)));
    expect(byLee).toContain('아직 등록된 이력이 없습니다');
    expect(byLee).not.toContain('배송 일정 문의');

    const bad = await answerOn(await command(PARK, 'history 010-abc'));
    expect(String(bad.args.text)).toMatch(/전화번호/);
    const usage = await answerOn(await command(PARK, 'history'));
    expect(String(usage.args.text)).toContain('/callback history <전화번호>');
  }, 60_000);

  it('GET /api/v1/interactions: by phone and Seoul days, newest first, paged by cursor, with coded 400s', async () => {
    const all = await listed(`phone=${encodeURIComponent(SHOWN)}`);
    expect(all.items.map((i) => i.kind)).toEqual(['history', 'outbound_call']);
    expect(all.items[0]).toMatchObject({ summary: '배송 일정 문의', channel: 'sms', callbackId });
    expect(all.items[1]!.summary).toBeNull();
    expect(all.nextCursor).toBeNull();

    const today = seoulDay(new Date(all.items[0]!.createdAt));
    const tomorrow = seoulDay(new Date(new Date(all.items[0]!.createdAt).getTime() + 86_400_000));
    expect((await listed(`from=${today}&to=${today}`)).items).toHaveLength(2);
    expect((await listed(`from=${tomorrow}`)).items).toHaveLength(0);
    expect((await listed(`phone=01000000000`)).items).toHaveLength(0);

    const first = await listed(`phone=${PHONE}&limit=1`);
    expect(first.items.map((i) => i.kind)).toEqual(['history']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listed(`phone=${PHONE}&limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.items.map((i) => i.kind)).toEqual(['outbound_call']);
    expect(second.nextCursor).toBeNull();

    const badPhone = await api('/interactions?phone=12ab');
    expect(badPhone.status).toBe(400);
    const badPhoneBody = (await badPhone.json()) as {
      error: { code: string; details: Record<string, string> };
    };
    expect(badPhoneBody.error.code).toBe('invalid_input');
    expect(Object.keys(badPhoneBody.error.details)).toEqual(['phone']);
    const badDay = await api('/interactions?from=2026-02-30');
    expect(badDay.status).toBe(400);
    expect(((await badDay.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    const badCursor = await api('/interactions?cursor=nonsense');
    expect(badCursor.status).toBe(400);
    expect(
      ((await badCursor.json()) as { error: { details: Record<string, string> } }).error.details,
    ).toHaveProperty('cursor');

    const openapi = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    expect(openapi.paths['/interactions']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['phone', 'from', 'to', 'limit', 'cursor']),
    );
  }, 60_000);

  it('the callback list export has an 이력 sheet with kinds in words and Seoul times', async () => {
    const sent = await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        blockActionsPayload({
          actionId: 'callback.export_list',
          value: JSON.stringify({ scope: 'all' }),
          userId: ADMIN,
          channelId: CHANNEL,
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    expect(sent.status).toBe(200);
    const completed = await slack.waitForCall(
      'files.completeUploadExternal',
      (c) => c.response.ok === true,
      20_000,
    );
    const file = (completed.response.files as { id: string }[])[0]!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(slack.uploads.get(file.id)! as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('이력')!;
    expect(sheet).toBeDefined();
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1).slice(0, 3)).toEqual(['등록 시각 (Asia/Seoul)', '구분', '전화번호']);
    expect(sheet.rowCount).toBe(3);
    const { items } = await listed(`phone=${PHONE}`);
    const [history, ticket] = [row(2), row(3)];
    expect(history.slice(1, 7)).toEqual(['이력 등록', SHOWN, '홍길동', '박상담', '문자', '배송 일정 문의']);
    expect(ticket.slice(1, 5)).toEqual(['연결 (티켓 자동 생성)', SHOWN, '홍길동', '박상담']);
    // The cell is the Seoul wall clock (an Excel date has no zone; the header names it).
    const cell = history[0] as Date;
    expect(cell.toISOString().slice(0, 16).replace('T', ' ')).toBe(seoul(items[0]!.createdAt));
  }, 60_000);
});
