import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { formatKoreanPhone } from '../../src/domain/callbacks.js';
import { pendingXmlOf, removeWorkbook } from '../../src/exports/callback-workbooks.js';
import { workerListExports } from '../../src/exports/list-exports.js';
import { listExportRowsIn } from '../../src/store/list-export-rows.js';
import { formatDateTime } from '../../src/i18n/dates.js';
import type { CallbackDoc } from '../../src/domain/callbacks.js';
import type { MemberDoc } from '../../src/domain/members.js';
import type { Actor } from '../../src/usecases/actor.js';
import { exportCallbackList, exportCallbackStats } from '../../src/usecases/callback-exports.js';
import { assignCallbacks, completeCallback } from '../../src/usecases/callbacks.js';
import type { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import type { TestApp } from '../support/app.js';
import { testMongoUrl } from '../support/database.js';
import { startSlackTestApp, SIGNING_SECRET } from '../support/slack-app.js';
import {
  blockActionsPayload,
  interactionBody,
  sendToSlackEndpoint,
  slashCommandBody,
} from '../support/slack-requests.js';
import { itNeeding, onPath } from '../support/required-programs.js';

const CHANNEL = 'C0EXPORT';
const ZONE = 'Asia/Seoul';

const LIBREOFFICE = {
  name: 'LibreOffice',
  path: onPath('libreoffice', 'soffice'),
  install: 'apt-get install libreoffice-calc',
};

/** The requests the test files: Korean names and notes, folded duplicates, one from each source. */
const REQUESTS = [
  {
    phone: '010-1234-5678',
    name: '김민지',
    requestedAt: '2026-03-09T23:30:00Z',
    source: 'ivr',
    note: '오후에 연락 부탁드립니다',
  },
  { phone: '02-123-4567', name: '이서준', requestedAt: '2026-03-10T01:05:00Z', source: 'web', note: null },
  {
    phone: '031-987-6543',
    name: 'Emily Park',
    requestedAt: '2026-03-10T14:59:00Z',
    source: 'api',
    note: 'English, please',
  },
  {
    phone: '070-1234-5678',
    name: null,
    requestedAt: '2026-03-10T15:00:00Z',
    source: 'abandoned',
    note: null,
  },
  {
    phone: '010-2222-3333',
    name: '박하늘',
    requestedAt: '2026-03-11T02:00:00Z',
    source: 'manual',
    note: '"따옴표", 쉼표; 줄\n바꿈',
  },
] as const;

const readWorkbook = async (bytes: Buffer | string) => {
  const workbook = new ExcelJS.Workbook();
  if (typeof bytes === 'string') await workbook.xlsx.readFile(bytes);
  // exceljs' typings predate Node's generic Buffer; the bytes are what it expects.
  else await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};
const values = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1);
/** RFC 4180 fields, remembering which were quoted. */
function parseCsv(text: string): { text: string; quoted: boolean }[][] {
  const rows: { text: string; quoted: boolean }[][] = [];
  let row: { text: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        const end = text.indexOf('"', i);
        value += text.slice(i, end);
        i = end + 1;
        if (text[i] !== '"') break;
        value += '"';
        i++;
      }
    } else {
      const match = /[,\r\n]/.exec(text.slice(i));
      const end = match ? i + match.index : text.length;
      value = text.slice(i, end);
      i = end;
    }
    row.push({ text: value, quoted });
    if (text[i] === ',') i++;
    else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('Callback exports: the list and the processing status as .xlsx, and the Slack export buttons', () => {
  let app: TestApp;
  let slack: FakeSlackWebApi;
  let serviceId: string;
  let admin: MemberDoc;
  let agent: MemberDoc;
  let callbacks: CallbackDoc[];
  /** The export files in this app's own folder (see startTestApp): other test files never write there. */
  const exportFiles = async () => (await readdir(app.callbacks.exportDirectory!)).sort();
  const adminActor = (): Actor => ({ kind: 'member', member: admin, surface: 'slack' });
  const agentActor = (): Actor => ({ kind: 'member', member: agent, surface: 'slack' });

  const click = async (actionId: string, value: unknown, userId: string) => {
    const payload = blockActionsPayload({
      actionId,
      value: JSON.stringify(value),
      userId,
      channelId: CHANNEL,
      responseUrl: slack.responseUrl(),
    });
    const sent = await sendToSlackEndpoint(app.url, SIGNING_SECRET, interactionBody(payload));
    expect(sent.status).toBe(200);
    return sent;
  };

  beforeAll(async () => {
    // The bot was invited to the service's channel, as in a real workspace.
    ({ app, slack } = await startSlackTestApp({
      workspace: { channels: [{ id: CHANNEL, botIsMember: true }] },
    }));
    slack.setUser({ id: 'U0001', realName: '관리자 김', locale: 'ko-KR' });
    slack.setUser({ id: 'U0002', realName: 'Agent Park', locale: 'en-US' });
    await sendToSlackEndpoint(
      app.url,
      SIGNING_SECRET,
      slashCommandBody({
        command: '/switchboard',
        text: 'setup 고객센터',
        channelId: CHANNEL,
        userId: 'U0001',
        responseUrl: slack.responseUrl(),
      }),
    );
    await slack.waitForCall('response_url');
    serviceId = (await app.store.services.list())[0]!._id;
    admin = (await app.store.members.listByService(serviceId))[0]!;
    agent = await app.store.members.create({
      serviceId,
      displayName: 'Agent Park',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: ['slack:T0001:U0002'],
      ctiAgentId: null,
    });
    const { key } = await app.store.apiKeys.create({
      serviceId,
      name: 'ivr',
      allowedIps: [],
      createdBy: 'test',
    });
    const post = async (body: object) => {
      const response = await fetch(`${app.url}/api/v1/callbacks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 200 && response.status !== 201)
        throw new Error(`POST /callbacks answered ${response.status}: ${await response.text()}`);
    };
    for (const request of REQUESTS) await post(request);
    // The same caller again while the first is open: folded (request count 2, last requested later).
    await post({ phone: '01012345678', requestedAt: '2026-03-10T00:10:00Z', source: 'ivr' });

    const all = await app.store.callbacks.list({ serviceId }, { skip: 0, limit: 100, order: 'oldest' });
    const [first, second] = all.items;
    const operator: Actor = { kind: 'operator', name: 'test' };
    const assigned = await assignCallbacks(app.callbacks, operator, serviceId, {
      callbackIds: [first!._id, second!._id],
      agentIds: [agent._id],
      mode: 'manual',
    });
    expect(assigned.ok).toBe(true);
    expect(
      (await completeCallback(app.callbacks, operator, first!._id, { outcome: 'connected', note: '완료' }))
        .ok,
    ).toBe(true);
    callbacks = (await app.store.callbacks.list({ serviceId }, { skip: 0, limit: 100, order: 'oldest' }))
      .items;
    expect(callbacks).toHaveLength(REQUESTS.length);
  });
  afterAll(async () => {
    await app.close();
    await slack.stop();
  });
  afterEach(() => {
    expect(slack.violations).toEqual([]);
  });

  it('writes the list with styled Korean headers, Korean text intact, Seoul wall-clock dates and number cells', async () => {
    const result = await exportCallbackList(app.callbacks, adminActor(), serviceId, { scope: 'all' }, 'ko');
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    const exported = result.value;
    try {
      expect(exported.rows).toBe(REQUESTS.length);
      expect(exported.filename).toBe('콜백목록_고객센터_전체_기간.xlsx');
      expect(exported.timeZone).toBe(ZONE);
      const workbook = await readWorkbook(exported.path);
      const sheet = workbook.getWorksheet('콜백 목록')!;
      expect(sheet).toBeDefined();
      expect(sheet.rowCount).toBe(1 + REQUESTS.length);

      const header = sheet.getRow(1);
      expect(values(header)).toEqual([
        'ID',
        '전화번호',
        '고객명',
        '접수 경로',
        '상태',
        '담당자',
        '요청 시각 (Asia/Seoul)',
        '마지막 요청 시각 (Asia/Seoul)',
        '요청 횟수',
        '할당 시각 (Asia/Seoul)',
        '완료 시각 (Asia/Seoul)',
        '통화 결과',
        '통화 시도',
        '메모',
      ]);
      expect(header.getCell(1).font?.bold).toBe(true);
      expect(header.getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(14).width).toBeGreaterThan(sheet.getColumn(5).width!);

      // Oldest request first: 김민지, requested 2026-03-09T23:30Z = 2026-03-10 08:30 in Seoul, folded once at
      // 00:10Z (09:10 Seoul), assigned to the agent and completed.
      const first = sheet.getRow(2);
      const doc = callbacks[0]!;
      expect(first.getCell(1).value).toBe(doc._id);
      expect(first.getCell(2).value).toBe('010-1234-5678');
      expect(first.getCell(3).value).toBe('김민지');
      expect(first.getCell(4).value).toBe('IVR');
      expect(first.getCell(5).value).toBe('완료');
      expect(first.getCell(6).value).toBe('Agent Park');
      const requested = first.getCell(7);
      expect(requested.type).toBe(ExcelJS.ValueType.Date);
      expect((requested.value as Date).toISOString()).toBe('2026-03-10T08:30:00.000Z');
      expect(requested.numFmt).toBe('yyyy-mm-dd hh:mm');
      expect((first.getCell(8).value as Date).toISOString()).toBe('2026-03-10T09:10:00.000Z');
      expect(first.getCell(9).type).toBe(ExcelJS.ValueType.Number);
      expect(first.getCell(9).value).toBe(2);
      expect(first.getCell(10).type).toBe(ExcelJS.ValueType.Date);
      expect(first.getCell(11).type).toBe(ExcelJS.ValueType.Date);
      expect(first.getCell(12).value).toBe('통화 성공');
      expect(first.getCell(13).value).toBe(0);
      expect(first.getCell(14).value).toBe('오후에 연락 부탁드립니다');

      // Crossing midnight in Seoul (14:59Z → 23:59, 15:00Z → 00:00 the next day), no name, a 070 number.
      expect((sheet.getRow(4).getCell(7).value as Date).toISOString()).toBe('2026-03-10T23:59:00.000Z');
      expect((sheet.getRow(5).getCell(7).value as Date).toISOString()).toBe('2026-03-11T00:00:00.000Z');
      expect(sheet.getRow(5).getCell(2).value).toBe('070-1234-5678');
      expect(sheet.getRow(5).getCell(3).value).toBeNull();
      expect(sheet.getRow(5).getCell(4).value).toBe('포기호');
      expect(sheet.getRow(6).getCell(14).value).toBe('"따옴표", 쉼표; 줄\n바꿈');
    } finally {
      await removeWorkbook(exported.path);
    }
  });

  it('gives an agent only their own callbacks, and a range narrows the list by Seoul calendar days', async () => {
    const mine = await exportCallbackList(app.callbacks, agentActor(), serviceId, { scope: 'all' }, 'en');
    if (!mine.ok) throw new Error(JSON.stringify(mine.problem));
    try {
      expect(mine.value.ownOnly).toBe(true);
      expect(mine.value.rows).toBe(2);
      const sheet = (await readWorkbook(mine.value.path)).getWorksheet('Callbacks')!;
      expect(values(sheet.getRow(1)).slice(0, 3)).toEqual(['ID', 'Phone', 'Name']);
      expect(sheet.getRow(3).getCell(5).value).toBe('Assigned');
      expect(sheet.getRow(3).getCell(3).value).toBe('이서준');
    } finally {
      await removeWorkbook(mine.value.path);
    }

    // 2026-03-11 in Seoul starts at 2026-03-10T15:00Z: the 15:00Z and the 02:00Z requests, not the 14:59Z one.
    const day = await exportCallbackList(
      app.callbacks,
      adminActor(),
      serviceId,
      { scope: 'all', fromDay: '2026-03-11', toDay: '2026-03-11' },
      'en',
    );
    if (!day.ok) throw new Error(JSON.stringify(day.problem));
    await removeWorkbook(day.value.path);
    expect(day.value.rows).toBe(2);
    expect(day.value.filename).toBe('callbacks_고객센터_2026-03-11.xlsx');

    const bad = await exportCallbackList(
      app.callbacks,
      adminActor(),
      serviceId,
      { scope: 'all', fromDay: '2026-03-12', toDay: '2026-03-01' },
      'en',
    );
    expect(bad.ok ? undefined : bad.problem.code).toBe('invalid_input');
  });

  it('the writer can see how much sheet XML waits for compression (exceljs internals it relies on)', async () => {
    const path = join(tmpdir(), `switchboard-export-probe-${process.pid}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const pending = pendingXmlOf(workbook.addWorksheet('probe'));
    try {
      // Without it the writer only yields, and a large export's XML piles up again (no error, just memory).
      expect(pending?._writableState.length).toEqual(expect.any(Number));
      expect(pending?._writableState.needDrain).toEqual(expect.any(Boolean));
    } finally {
      await workbook.commit();
      await rm(path, { force: true });
    }
  });

  it('the server writes lists in worker threads: four at once (two at a time) come out whole and alike', async () => {
    expect(app.callbacks.listExports).toBeDefined();
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        exportCallbackList(app.callbacks, adminActor(), serviceId, { scope: 'all' }, 'en'),
      ),
    );
    const paths = results.map((r) => (r.ok ? r.value.path : ''));
    try {
      expect(results.map((r) => r.ok && r.value.rows)).toEqual([5, 5, 5, 5].map(() => REQUESTS.length));
      expect(new Set(paths).size).toBe(4);
      const sheets = await Promise.all(paths.map(async (p) => (await readWorkbook(p)).worksheets[0]!));
      const phones = sheets.map((sheet) => sheet.getColumn(2).values.slice(2));
      for (const list of phones) expect(list).toEqual(phones[0]);
      expect(phones[0]).toContain(formatKoreanPhone('01012345678'));
    } finally {
      await Promise.all(paths.map((p) => removeWorkbook(p)));
    }
  });

  it('a list export whose worker fails (a database name the driver refuses) rejects with the reason, no file left', async () => {
    const before = await exportFiles();
    const broken = workerListExports(listExportRowsIn({ mongodbUrl: testMongoUrl(), dbName: 'no/such' }));
    await expect(
      broken.write(
        { serviceId },
        { locale: 'ko', timeZone: ZONE, names: new Map(), directory: app.callbacks.exportDirectory },
      ),
    ).rejects.toThrow(/list export failed: Invalid namespace/);
    expect(await exportFiles()).toEqual(before);
  });

  it('writes the processing status as two sheets with a percentage completion rate; agents are refused', async () => {
    const refused = await exportCallbackStats(
      app.callbacks,
      agentActor(),
      serviceId,
      { granularity: 'day' },
      'en',
    );
    expect(refused.ok ? undefined : refused.problem.message).toBe('refusal.adminOnly');

    const result = await exportCallbackStats(
      app.callbacks,
      adminActor(),
      serviceId,
      { granularity: 'day', fromDay: '2026-03-01', toDay: '2026-03-31' },
      'ko',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    try {
      const workbook = await readWorkbook(result.value.path);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['기간별', '상담원별']);
      const periods = workbook.getWorksheet('기간별')!;
      expect(values(periods.getRow(1))).toEqual([
        '일자',
        '접수',
        '완료',
        '취소',
        '미처리',
        '할당',
        '완료율',
        '중앙값(분)',
      ]);
      // Every day of March is a row (row 2 is 03-01), empty days as zeros, so a chart of the sheet has no gaps.
      expect(values(periods.getRow(2)).slice(0, 7)).toEqual(['2026-03-01', 0, 0, 0, 0, 0]);
      // Seoul days: 03-10 has 김민지, 이서준, Emily Park; 03-11 has the 070 number and 박하늘.
      expect(values(periods.getRow(11)).slice(0, 7)).toEqual(['2026-03-10', 3, 1, 0, 2, 2, 1 / 3]);
      expect(values(periods.getRow(12)).slice(0, 7)).toEqual(['2026-03-11', 2, 0, 0, 2, 0, 0]);
      const total = periods.getRow(33);
      expect(values(total).slice(0, 7)).toEqual(['합계', 5, 1, 0, 4, 2, 0.2]);
      expect(total.getCell(1).font?.bold).toBe(true);
      const rate = periods.getRow(11).getCell(7);
      expect(rate.type).toBe(ExcelJS.ValueType.Number);
      expect(rate.numFmt).toBe('0.0%');
      expect(typeof periods.getRow(11).getCell(8).value).toBe('number');

      const agents = workbook.getWorksheet('상담원별')!;
      expect(values(agents.getRow(2)).slice(0, 6)).toEqual(['Agent Park', 2, 1, 0, 1, 2]);
      expect(agents.getRow(3).getCell(1).value).toBe('(미할당)');
      expect(result.value.rows).toBe(33);
    } finally {
      await removeWorkbook(result.value.path);
    }
  });

  itNeeding(LIBREOFFICE)(
    'opens in LibreOffice: the CSV it makes of the list equals the expected rows (needs LibreOffice; .ci/run installs it)',
    async () => {
      const result = await exportCallbackList(app.callbacks, adminActor(), serviceId, { scope: 'all' }, 'en');
      if (!result.ok) throw new Error(JSON.stringify(result.problem));
      const out = await mkdtemp(join(tmpdir(), 'lo-export-'));
      try {
        // Own profile directory: LibreOffice refuses to start twice on one profile, and CI's HOME may be read-only.
        // Filter options 44,34,76,1: comma, double quotes, UTF-8, from the first line.
        await promisify(execFile)(
          LIBREOFFICE.path!,
          [
            `-env:UserInstallation=file://${join(out, 'profile')}`,
            '--headless',
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76,1',
            '--outdir',
            out,
            result.value.path,
          ],
          { timeout: 90_000 },
        );
        const csvName = (await readdir(out)).find((f) => f.endsWith('.csv'));
        expect(csvName).toBeDefined();
        const csv = await readFile(join(out, csvName!), 'utf8');
        const date = (d: Date | null) => (d ? formatDateTime(d, ZONE, 'en') : '');
        const status = {
          unassigned: 'Unassigned',
          assigned: 'Assigned',
          completed: 'Completed',
          cancelled: 'Cancelled',
        };
        const source = {
          ivr: 'IVR',
          web: 'Web',
          api: 'API',
          abandoned: 'Abandoned call',
          manual: 'Entered by staff',
        };
        const expected = [
          [
            'ID',
            'Phone',
            'Name',
            'Source',
            'Status',
            'Assignee',
            'Requested at (Asia/Seoul)',
            'Last requested at (Asia/Seoul)',
            'Requests',
            'Assigned at (Asia/Seoul)',
            'Completed at (Asia/Seoul)',
            'Outcome',
            'Call attempts',
            'Note',
          ],
          ...callbacks.map((c) => [
            c._id,
            formatKoreanPhone(c.phone),
            c.name ?? '',
            source[c.source],
            status[c.status],
            c.assigneeId ? 'Agent Park' : '',
            date(c.requestedAt),
            date(c.lastRequestedAt),
            String(c.requestCount),
            date(c.assignedAt),
            date(c.completedAt),
            c.outcome === 'connected' ? 'Connected' : '',
            String(c.attempts.length),
            c.note ?? '',
          ]),
        ];
        const parsed = parseCsv(csv);
        expect(parsed.map((row) => row.map((f) => f.text))).toEqual(expected);
        // LibreOffice quotes the text cells of a CSV and only those: dates and counts arrive unquoted, so it read
        // them as dates and numbers, not as text that merely looks like them.
        const NOT_TEXT = new Set([6, 7, 8, 9, 10, 12]);
        for (const row of parsed.slice(1))
          row.forEach((field, i) => {
            if (field.text !== '') expect([i, field.quoted]).toEqual([i, !NOT_TEXT.has(i)]);
          });
      } finally {
        await removeWorkbook(result.value.path);
        await rm(out, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('Slack: the list export button answers at once and uploads an .xlsx to the requester’s DM, then deletes it', async () => {
    const before = await exportFiles();
    slack.reset();
    const sent = await click('callback.export_list', { scope: 'all' }, 'U0001');
    expect(sent.ms).toBeLessThan(3000);
    const note = await slack.waitForCall('response_url');
    expect(note.args.response_type).toBe('ephemeral');
    expect(String(note.args.text)).toContain('엑셀 파일을 만들고 있습니다');

    const completed = await slack.waitForCall(
      'files.completeUploadExternal',
      (c) => c.response.ok === true,
      15_000,
    );
    const dm = await slack.waitForCall('conversations.open');
    expect(dm.args.users).toBe('U0001');
    const dmChannel = (dm.response.channel as { id: string }).id;
    expect(completed.args.channel_id).toBe(dmChannel);
    expect(String(completed.args.initial_comment)).toContain('5행');
    expect(String(completed.args.initial_comment)).toContain('Asia/Seoul');
    const file = (completed.response.files as { id: string; name: string; channels: string[] }[])[0]!;
    expect(file.name).toBe('콜백목록_고객센터_전체_기간.xlsx');
    expect(file.channels).toEqual([dmChannel]);
    const bytes = slack.uploads.get(file.id)!;
    const sheet = (await readWorkbook(bytes)).getWorksheet('콜백 목록')!;
    expect(sheet.rowCount).toBe(1 + REQUESTS.length);
    expect(sheet.getRow(2).getCell(3).value).toBe('김민지');

    // The temp file is removed once Slack has it.
    for (let i = 0; i < 50 && (await exportFiles()).length > before.length; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await exportFiles()).toEqual(before);
  });

  it('Slack: an agent’s list export holds only their callbacks; their stats export is refused ephemerally', async () => {
    slack.reset();
    await click('callback.export_list', { scope: 'open' }, 'U0002');
    const completed = await slack.waitForCall(
      'files.completeUploadExternal',
      (c) => c.response.ok === true,
      15_000,
    );
    expect(String(completed.args.initial_comment)).toContain('only the callbacks assigned to you');
    const file = (completed.response.files as { id: string }[])[0]!;
    const sheet = (await readWorkbook(slack.uploads.get(file.id)!)).getWorksheet('Callbacks')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(3).value).toBe('이서준');

    slack.reset();
    await click('callback.export_stats', { granularity: 'month' }, 'U0002');
    const refused = await slack.waitForCall('response_url', (c) => String(c.args.text).includes('admin'));
    expect(refused.args.response_type).toBe('ephemeral');
    expect(String(refused.args.text)).toContain('Only a service admin');
    // The refusal is the export use case's answer: an export that was refused never started, so no upload follows.
    expect(slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('Slack: the stats export reaches an admin’s DM; a broken button value is answered, not ignored', async () => {
    slack.reset();
    await click(
      'callback.export_stats',
      { granularity: 'month', fromDay: '2026-03-01', toDay: '2026-03-31' },
      'U0001',
    );
    const completed = await slack.waitForCall(
      'files.completeUploadExternal',
      (c) => c.response.ok === true,
      15_000,
    );
    const file = (completed.response.files as { id: string; name: string }[])[0]!;
    expect(file.name).toBe('콜백처리현황_고객센터_2026-03-01~2026-03-31.xlsx');
    const workbook = await readWorkbook(slack.uploads.get(file.id)!);
    expect(values(workbook.getWorksheet('기간별')!.getRow(2)).slice(0, 2)).toEqual(['2026-03', 5]);

    slack.reset();
    await click('callback.export_list', { scope: 'everything' }, 'U0001');
    const answer = await slack.waitForCall('response_url');
    expect(String(answer.args.text)).toContain('더 이상 쓸 수 없습니다');

    slack.reset();
    slack.failNext('files.completeUploadExternal', 'file_upload_disabled');
    await click('callback.export_list', { scope: 'all' }, 'U0001');
    // A list export runs in a worker thread of its own; on a busy machine starting one takes seconds.
    const failed = await slack.waitForCall(
      'response_url',
      (c) => String(c.args.text).includes('file_upload_disabled'),
      15_000,
    );
    expect(failed.args.response_type).toBe('ephemeral');
  });
});
