import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { slackIdentity } from '../../src/domain/members.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
} from '../support/slack-requests.js';

const TEAM = 'T0001';
const ADMIN = 'U0001';
const KIM = 'U0002';
const LEE = 'U0003';
const CHANNEL = 'C0STATS';
const BY = { by: 'test', byName: null, surface: 'system' as const };

/**
 * The processing status (처리 현황) against figures worked out by hand: two months of callbacks in Asia/Seoul with
 * the service's day starting at 06:00, cancelled ones, and ones without an assignee (never assigned, or returned
 * to the pool). Read as a Korean admin reads it, through a signed `/callback stats` and its Excel button.
 *
 * | id | requested (KST)    | business day | what happened                          | status    | assignee |
 * | -- | ------------------ | ------------ | -------------------------------------- | --------- | -------- |
 * | S0 | 09-01 05:30        | 08-31        | (before the range)                     | open      | -        |
 * | S1 | 09-01 10:00        | 09-01        | Kim, completed after 30 min            | completed | Kim      |
 * | S2 | 09-15 14:00        | 09-15        | Lee, then cancelled                    | cancelled | Lee      |
 * | S3 | 09-30 23:00        | 09-30        | cancelled, never assigned              | cancelled | -        |
 * | S4 | 10-01 05:59        | 09-30        | Kim, then returned to the pool         | open      | -        |
 * | O1 | 10-01 06:00        | 10-01        | Kim, completed after 90 min            | completed | Kim      |
 * | O2 | 10-10 09:00        | 10-10        | Lee                                    | open      | Lee      |
 * | O3 | 10-10 10:00        | 10-10        | Lee, completed after 60 min            | completed | Lee      |
 * | O4 | 10-31 23:30        | 10-31        | never assigned                         | open      | -        |
 * | O5 | 11-01 05:00        | 10-31        | Kim, then cancelled                    | cancelled | Kim      |
 * | N1 | 11-01 07:00        | 11-01        | (after the range)                      | open      | -        |
 *
 * By month: 09 = S1 S2 S3 S4: received 4 = completed 1 + cancelled 2 + open 1; assigned 2 (S1, S2); 25%; median 30.
 *           10 = O1..O5: received 5 = 2 + 1 + 2; assigned 4 (all but O4); 40%; median of 90, 60 = 75.
 *           total 9 = 3 + 3 + 3; assigned 6; 33.3%; median of 30, 60, 90 = 60.
 * By agent: 김하나 = S1 O1 O5: 3 = 2 + 1 + 0, assigned 3, 66.7%, median 60.
 *           이두리 = S2 O2 O3: 3 = 1 + 1 + 1, assigned 3, 33.3%, median 60.
 *           (미할당) = S3 S4 O4: 3 = 0 + 1 + 2, assigned 0 (S4 was assigned once, but has no assignee now), 0%, -.
 */
describe('Processing status: figures that add up, by the service’s days and calendar months', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let apiKey: string;
  const ids = new Map<string, string>();
  const memberIds = new Map<string, string>();
  let phoneSeq = 0;

  const cli = async (args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  /** The ephemeral answer of `/callback <text>` by the admin. */
  const ask = async (text: string) => {
    slack.reset();
    const body = slashCommandBody({
      command: '/callback',
      text,
      channelId: CHANNEL,
      userId: ADMIN,
      responseUrl: slack.responseUrl(),
    });
    expect((await sendToSlackEndpoint(app.url, SIGNING_SECRET, body)).status).toBe(200);
    const call = await slack.waitForCall('response_url');
    return call.args as {
      text: string;
      blocks: { type: string; text?: { text: string }; elements?: unknown[] }[];
    };
  };
  /** The tables' lines, each split into cells (labels here have no spaces). */
  const tableOf = (answer: Awaited<ReturnType<typeof ask>>, heading: string): string[][] => {
    const at = answer.blocks.findIndex((b) => b.text?.text === heading);
    expect(at).toBeGreaterThan(-1);
    const code = answer.blocks[at + 1]!.text!.text;
    return code
      .replace(/```/g, '')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => line.trim().split(/\s+/));
  };
  /** A callback through the public intake API, requested at `kst` (Seoul wall-clock time). */
  const file = async (name: string, kst: string) => {
    phoneSeq++;
    const response = await fetch(`${app.url}/api/v1/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: `0105555${String(phoneSeq).padStart(4, '0')}`,
        requestedAt: new Date(`${kst}:00+09:00`).toISOString(),
      }),
    });
    expect(response.status).toBe(201);
    ids.set(name, ((await response.json()) as { id: string }).id);
  };
  const assign = async (name: string, user: string) => {
    const names = new Map([[memberIds.get(user)!, user]]);
    const { assigned } = await app.store.callbacks.assign(
      serviceId,
      new Map([[memberIds.get(user)!, [ids.get(name)!]]]),
      BY,
      names,
    );
    expect(assigned).toHaveLength(1);
  };
  const complete = async (name: string, minutesAfterRequest: number) => {
    const doc = await app.store.callbacks.get(ids.get(name)!);
    const at = new Date(doc!.requestedAt.getTime() + minutesAfterRequest * 60_000);
    expect(
      await app.store.callbacks.complete(
        ids.get(name)!,
        undefined,
        { outcome: 'connected', note: null },
        BY,
        at,
      ),
    ).toBeDefined();
  };
  const cancel = async (name: string) =>
    expect(await app.store.callbacks.cancel(ids.get(name)!, '고객 요청', BY)).toBeDefined();

  beforeAll(async () => {
    slack = await FakeSlackWebApi.start({ channels: [{ id: CHANNEL, botIsMember: true }] });
    app = await startTestApp({
      env: { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url },
    });
    slack.setUser({ id: ADMIN, realName: '관리자', locale: 'ko-KR' });
    slack.setUser({ id: KIM, realName: '김하나', locale: 'ko-KR' });
    slack.setUser({ id: LEE, realName: '이두리', locale: 'ko-KR' });
    const setup = slashCommandBody({
      command: '/switchboard',
      text: 'setup 처리현황',
      channelId: CHANNEL,
      userId: ADMIN,
      responseUrl: slack.responseUrl(),
    });
    await sendToSlackEndpoint(app.url, SIGNING_SECRET, setup);
    await slack.waitForCall('response_url');
    serviceId = (await app.store.services.list())[0]!._id;
    await cli(['settings', 'set', '--service', serviceId, 'dayStart=06:00', 'timeZone=Asia/Seoul']);
    for (const [user, name] of [
      [KIM, '김하나'],
      [LEE, '이두리'],
    ] as const) {
      const added = await cli([
        'member',
        'add',
        '--service',
        serviceId,
        '--name',
        name,
        '--slack',
        `${TEAM}:${user}`,
        '--permissions',
        'phone',
      ]);
      memberIds.set(user, String(added.id));
    }
    const admin = await app.store.members.findByIdentity(serviceId, slackIdentity(TEAM, ADMIN));
    memberIds.set(ADMIN, admin!._id);
    apiKey = String((await cli(['apikey', 'create', '--service', serviceId, '--name', 'IVR'])).key);

    await file('S0', '2026-09-01T05:30');
    await file('S1', '2026-09-01T10:00');
    await file('S2', '2026-09-15T14:00');
    await file('S3', '2026-09-30T23:00');
    await file('S4', '2026-10-01T05:59');
    await file('O1', '2026-10-01T06:00');
    await file('O2', '2026-10-10T09:00');
    await file('O3', '2026-10-10T10:00');
    await file('O4', '2026-10-31T23:30');
    await file('O5', '2026-11-01T05:00');
    await file('N1', '2026-11-01T07:00');
    await assign('S1', KIM);
    await complete('S1', 30);
    await assign('S2', LEE);
    await cancel('S2');
    await cancel('S3');
    await assign('S4', KIM);
    expect(await app.store.callbacks.unassign(serviceId, [ids.get('S4')!], BY)).toHaveLength(1);
    await assign('O1', KIM);
    await complete('O1', 90);
    await assign('O2', LEE);
    await assign('O3', LEE);
    await complete('O3', 60);
    await assign('O5', KIM);
    await cancel('O5');
  }, 90_000);
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  const COLUMNS = ['접수', '완료', '취소', '미처리', '할당', '완료율', '중앙값(분)'];
  const BY_MONTH = [
    ['월', ...COLUMNS],
    ['2026-09', '4', '1', '2', '1', '2', '25%', '30'],
    ['2026-10', '5', '2', '1', '2', '4', '40%', '75'],
    ['합계', '9', '3', '3', '3', '6', '33.3%', '60'],
  ];
  const BY_AGENT = [
    ['상담원', ...COLUMNS],
    ['김하나', '3', '2', '1', '0', '3', '66.7%', '60'],
    ['이두리', '3', '1', '1', '1', '3', '33.3%', '60'],
    ['(미할당)', '3', '0', '1', '2', '0', '0%', '-'],
    ['합계', '9', '3', '3', '3', '6', '33.3%', '60'],
  ];

  it('by calendar month: every row adds up, the cancelled column explains the rest, (미할당) counts no assignment', async () => {
    const answer = await ask('stats month 2026-09..2026-10');
    expect(answer.text).toBe('콜백 처리 현황');
    const all = JSON.stringify(answer.blocks);
    expect(all).toContain('2026-09-01 ~ 2026-10-31 · 월별 · Asia/Seoul, 하루는 06:00에 시작');
    expect(all).toContain('접수 = 완료 + 취소 + 미처리');
    expect(tableOf(answer, '*기간별*')).toEqual(BY_MONTH);
    expect(tableOf(answer, '*상담원별*')).toEqual(BY_AGENT);
  });

  it('by day: days start at 06:00 Seoul time, empty days are zero rows', async () => {
    const answer = await ask('stats day 2026-09-29..2026-10-01');
    expect(tableOf(answer, '*기간별*')).toEqual([
      ['일자', ...COLUMNS],
      ['2026-09-29', '0', '0', '0', '0', '0', '-', '-'],
      // S3 at 23:00 and S4 at 05:59 the next morning, before the day starts.
      ['2026-09-30', '2', '0', '1', '1', '0', '0%', '-'],
      // O1 at 06:00 sharp.
      ['2026-10-01', '1', '1', '0', '0', '1', '100%', '90'],
      ['합계', '3', '1', '1', '1', '1', '33.3%', '90'],
    ]);
  });

  it('by week: Monday to Sunday of the service’s days', async () => {
    const answer = await ask('stats week 2026-09-28..2026-10-11');
    expect(tableOf(answer, '*기간별*')).toEqual([
      ['주', ...COLUMNS],
      ['2026-09-28~10-04', '3', '1', '1', '1', '1', '33.3%', '90'],
      ['2026-10-05~10-11', '2', '1', '0', '1', '2', '50%', '60'],
      ['합계', '5', '2', '1', '2', '3', '40%', '75'],
    ]);
  });

  it('`stats month` alone covers calendar months: the 1st of the month two before this one, up to today', async () => {
    // Today in Seoul (UTC+9, no daylight saving) with days starting at 06:00: the UTC date three hours later.
    const today = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);
    const [year, month] = today.split('-').map(Number) as [number, number];
    const first = new Date(Date.UTC(year, month - 3, 1)).toISOString().slice(0, 10);
    const answer = await ask('stats month');
    expect(JSON.stringify(answer.blocks)).toContain(`${first} ~ ${today} · 월별`);
  });

  it('the Excel export has the table’s columns and figures, sheet by sheet', async () => {
    const answer = await ask('stats month 2026-09..2026-10');
    const actions = answer.blocks.find((b) => b.type === 'actions')!;
    const button = (actions.elements as { action_id: string; value: string }[])[0]!;
    slack.reset();
    await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      interactionBody(
        blockActionsPayload({
          actionId: button.action_id,
          value: button.value,
          userId: ADMIN,
          channelId: CHANNEL,
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    // The chart of the `stats` answer may still be on its way to the DM: wait for the workbook.
    const completed = await slack.waitForCall(
      'files.completeUploadExternal',
      (c) => c.response.ok === true && (c.response.files as { name: string }[])[0]!.name.endsWith('.xlsx'),
      15_000,
    );
    const file = (completed.response.files as { id: string; name: string }[])[0]!;
    expect(file.name).toBe('콜백처리현황_처리현황_2026-09-01~2026-10-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(slack.uploads.get(file.id)! as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['기간별', '상담원별']);
    // The sheet holds numbers: the table's cells as text, the rate as a fraction, no median as an empty cell.
    const cells = (sheet: ExcelJS.Worksheet) =>
      Array.from({ length: sheet.rowCount }, (_, r) =>
        Array.from({ length: 8 }, (_, c) => {
          const v = sheet.getRow(r + 1).getCell(c + 1).value;
          if (typeof v === 'number' && v > 0 && v < 1) return `${Math.round(v * 1000) / 10}%`;
          return v === null || v === undefined ? '-' : String(v);
        }),
      );
    // Same header, same rows; a rate of 0 or 1 is the number the table shows as 0% or 100%.
    const asTable = (rows: string[][]) =>
      rows.map((row) => row.map((v) => (v === '0%' ? '0' : v === '100%' ? '1' : v)));
    expect(cells(workbook.getWorksheet('기간별')!)).toEqual(asTable(BY_MONTH));
    expect(cells(workbook.getWorksheet('상담원별')!)).toEqual(asTable(BY_AGENT));
  });
});
