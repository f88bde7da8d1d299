import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { MemberDoc } from '../../src/domain/members.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startOfDay } from '../../src/domain/callback-ranges.js';
import type { Actor } from '../../src/usecases/actor.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * `usecases.sms.exportSmsHistory` (what Slack's history export uploads) on the real app with the fake NHN: the
 * workbook read back with exceljs, with the listing's permission rule (members their own, admins all).
 */

const WEBHOOK_SECRET = 'export-test-webhook-secret';
const SENDERS = ['0215441234'];

const readWorkbook = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  // exceljs' typings predate Node's generic Buffer; the bytes are what it expects.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};
const values = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1);
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  Array.from({ length: sheet.rowCount - 1 }, (_, i) => values(sheet.getRow(i + 2)));

async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('SMS history export', () => {
  let app: TestApp;
  let fake: FakeNhn;
  let serviceId: string;
  let admin: MemberDoc;
  let agent: MemberDoc;
  let noSms: MemberDoc;
  const as = (member: MemberDoc): Actor => ({ kind: 'member', member, surface: 'slack' });
  let agentRequestId: string;
  let adminRequestId: string;

  beforeAll(async () => {
    fake = await FakeNhn.start({ senderNumbers: SENDERS, failNumbers: ['01000000009'] });
    app = await startTestApp({ env: { ...fake.env(), NHN_SMS_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    fake.setWebhook({ url: `${app.url}/api/v1/sms/nhn-webhook`, signature: WEBHOOK_SECRET });
    const service = await app.store.services.create(
      '고객센터 문자',
      defaultServiceSettings({ smsEnabled: true, smsSenderNumbers: SENDERS }),
    );
    serviceId = service._id;
    const member = (displayName: string, role: 'admin' | 'member', sms: boolean, user: string) =>
      app.store.members.create({
        serviceId,
        displayName,
        role,
        permissions: { phone: true, callbackAssign: false, sms },
        identities: [`slack:T0001:${user}`],
        ctiAgentId: null,
      });
    admin = await member('관리자 김', 'admin', true, 'U0001');
    agent = await member('상담원 박', 'member', true, 'U0002');
    noSms = await member('상담원 이', 'member', false, 'U0003');

    const sent = async (actor: Actor, input: Parameters<TestApp['usecases']['sms']['sendSms']>[2]) => {
      const result = await app.usecases.sms.sendSms(actor, serviceId, input);
      if (!result.ok) throw new Error(`send refused: ${JSON.stringify(result.problem)}`);
      return result.value.id;
    };
    agentRequestId = await sent(as(agent), {
      type: 'MMS',
      title: '방문 예약 안내',
      body: '안녕하세요, 똠방각하 고객님.\n내일 오후 2시 방문 예약이 확정되었습니다.',
      recipients: '010-1111-2222',
    });
    adminRequestId = await sent(as(admin), {
      body: '점검 안내: 오늘 밤 11시',
      recipients: ['01033334444', '01000000009'],
    });
    // Results come back through the webhook (the fake pushes them as NHN would).
    await eventually('results of both requests', async () => {
      const [a, b] = await Promise.all(
        [agentRequestId, adminRequestId].map((id) =>
          app.usecases.sms.getSmsRequest(as(admin), serviceId, id),
        ),
      );
      return a?.ok && b?.ok && a.value.counts.pending === 0 && b.value.counts.pending === 0
        ? true
        : undefined;
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('an agent exports only their own requests, in Korean, with their recipients and results', async () => {
    const result = await app.usecases.sms.exportSmsHistory(as(agent), serviceId, {});
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.value.fileName).toBe('발송내역_고객센터_문자_전체_기간.xlsx');
    expect(result.value).toMatchObject({ requests: 1, recipients: 1, truncated: false });
    const workbook = await readWorkbook(result.value.data);
    const [requests, recipients] = workbook.worksheets;
    expect(requests!.name).toBe('발송 내역');
    expect(values(requests!.getRow(1)).slice(0, 10)).toEqual([
      '요청 시각 (Asia/Seoul)',
      '예약 시각 (Asia/Seoul)',
      '발신번호',
      '유형',
      '수신자 수',
      '성공',
      '실패',
      '대기',
      '상태',
      '내용',
    ]);
    const rows = rowsOf(requests!);
    expect(rows).toHaveLength(1);
    const [createdAt, sendAt, sendNo, type, total, success, failed, pending, status, body, title, by, id] =
      rows[0]!;
    // The request time as the Seoul wall clock: within a minute of now + 9 h, written as a date cell.
    expect(createdAt).toBeInstanceOf(Date);
    expect(Math.abs((createdAt as Date).getTime() - (Date.now() + 9 * 3_600_000))).toBeLessThan(120_000);
    expect([sendAt, sendNo, type, total, success, failed, pending, status]).toEqual([
      '즉시 발송',
      '02-1544-1234',
      'MMS',
      1,
      1,
      0,
      0,
      '발송 완료',
    ]);
    expect(body).toBe('안녕하세요, 똠방각하 고객님.\n내일 오후 2시 방문 예약이 확정되었습니다.');
    expect([title, by, id]).toEqual(['방문 예약 안내', '상담원 박', agentRequestId]);

    expect(recipients!.name).toBe('수신자별 결과');
    expect(values(recipients!.getRow(1))).toEqual([
      '요청 ID',
      '수신번호',
      '상태',
      '결과 코드',
      '결과 설명',
      '수신 시각 (Asia/Seoul)',
    ]);
    const recipientRows = rowsOf(recipients!);
    expect(recipientRows).toHaveLength(1);
    expect(recipientRows[0]!.slice(0, 5)).toEqual([agentRequestId, '010-1111-2222', '성공', '1000', '성공']);
    expect(recipientRows[0]![5]).toBeInstanceOf(Date);
  });

  it('an admin exports everyone’s, in English when asked; failures carry the meaning of their code', async () => {
    const result = await app.usecases.sms.exportSmsHistory(as(admin), serviceId, { locale: 'en' });
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.value.fileName).toBe('sms-history_고객센터_문자_all_dates.xlsx');
    const workbook = await readWorkbook(result.value.data);
    const [requests, recipients] = workbook.worksheets;
    expect(requests!.name).toBe('Send history');
    const rows = rowsOf(requests!);
    // Newest first, as the history lists them.
    expect(rows.map((r) => r[12])).toEqual([adminRequestId, agentRequestId]);
    expect(rows[0]!.slice(3, 9)).toEqual(['SMS', 2, 1, 1, 0, 'Partially failed']);
    const byPhone = Object.fromEntries(rowsOf(recipients!).map((r) => [r[1], r]));
    expect(Object.keys(byPhone).sort()).toEqual(['010-0000-0009', '010-1111-2222', '010-3333-4444']);
    expect(byPhone['010-0000-0009']!.slice(2, 5)).toEqual(['Failed', '3006', 'Refused by the recipient']);
    expect(byPhone['010-3333-4444']!.slice(2, 5)).toEqual(['Delivered', '1000', 'Delivered']);
  });

  it('the filter of the list applies: a status, a range of days (in the file name)', async () => {
    const failedOnly = await app.usecases.sms.exportSmsHistory(as(admin), serviceId, {
      status: 'partially_failed',
    });
    if (!failedOnly.ok) throw new Error(JSON.stringify(failedOnly.problem));
    expect(failedOnly.value).toMatchObject({ requests: 1, recipients: 2 });

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    const range = await app.usecases.sms.exportSmsHistory(as(admin), serviceId, {
      from: startOfDay(today, 'Asia/Seoul'),
      to: startOfDay(tomorrow, 'Asia/Seoul'),
    });
    if (!range.ok) throw new Error(JSON.stringify(range.problem));
    expect(range.value.fileName).toBe(`발송내역_고객센터_문자_${today}.xlsx`);
    expect(range.value.requests).toBe(2);
    const empty = await app.usecases.sms.exportSmsHistory(as(admin), serviceId, {
      from: startOfDay('2020-01-01', 'Asia/Seoul'),
      to: startOfDay('2020-02-01', 'Asia/Seoul'),
    });
    if (!empty.ok) throw new Error(JSON.stringify(empty.problem));
    expect(empty.value.fileName).toBe('발송내역_고객센터_문자_2020-01-01~2020-01-31.xlsx');
    expect(empty.value.requests).toBe(0);
  });

  it('a member without the sms permission is refused, with the permission named', async () => {
    const result = await app.usecases.sms.exportSmsHistory(as(noSms), serviceId, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({
      code: 'forbidden',
      params: { permission: expect.stringMatching(/sms/) },
    });
  });
});
