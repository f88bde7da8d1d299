// Teams JSON (cards) is read field by field in tests.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { access } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { teamsIdentity } from '../../src/domain/members.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { formatDateTime } from '../../src/i18n/dates.js';
import { memberActor } from '../../src/usecases/actor.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  cardOfInvoke,
  cardText,
  personalChat,
  postActivity,
  teamsCardAction,
  teamsMessage,
  TENANT,
  type TeamsUser,
} from '../support/teams-requests.js';

jest.setTimeout(60_000);

const ADMIN: TeamsUser = { aad: 'aad-export-admin', name: 'Admin Kim' };
const OTHER_ADMIN: TeamsUser = { aad: 'aad-other-admin', name: 'Other Admin' };
const operator = { kind: 'operator', name: 'test' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const readWorkbook = async (bytes: ArrayBuffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return workbook;
};
const allText = (workbook: ExcelJS.Workbook) => {
  const parts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => parts.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|'))),
  );
  return parts.join('\n');
};

describe('export links: GET /exports/:token behind Teams export cards', () => {
  let app: TestApp;
  let connector: FakeBotConnector;
  let serviceA: string;
  let serviceB: string;
  let adminA: Awaited<ReturnType<TestApp['store']['members']['create']>>;

  const localUrl = (url: string) => url.replace(app.config.publicUrl, app.url);
  const exportCard = async (user: TeamsUser, text: string, locale = 'en-US') => {
    connector.reset();
    const activity = teamsMessage(connector.serviceUrl, user, personalChat(user), text, locale);
    const response = await postActivity(app.url, activity);
    expect(response.status).toBeLessThan(300);
    expect(connector.cardViolations).toEqual([]);
    const card = answersTo(activity.id).at(-1)?.attachments?.[0]?.content;
    expect(card).toBeDefined();
    expect(validateAdaptiveCard(card)).toEqual([]);
    return card;
  };

  /** The bot's answers to one activity (not the notifications the pipeline may post meanwhile). */
  const answersTo = (activityId: string) =>
    connector.activitiesSent().filter((a: any) => a.replyToId === activityId);

  beforeAll(async () => {
    connector = await FakeBotConnector.start();
    for (const user of [ADMIN, OTHER_ADMIN]) connector.addConversation(personalChat(user).conversationId);
    app = await startTestApp({ env: { TEAMS_EMULATOR: 'true' } });
    serviceA = (await app.store.services.create('고객센터 A', defaultServiceSettings()))._id;
    serviceB = (await app.store.services.create('Brand B', defaultServiceSettings()))._id;
    const admin = (serviceId: string, user: TeamsUser) =>
      app.store.members.create({
        serviceId,
        displayName: user.name,
        role: 'admin',
        permissions: { phone: true, callbackAssign: true, sms: false },
        identities: [teamsIdentity(TENANT, user.aad)],
        ctiAgentId: null,
      });
    adminA = await admin(serviceA, ADMIN);
    await admin(serviceB, OTHER_ADMIN);
    for (const [serviceId, phone, name] of [
      [serviceA, '01012345678', '김민지'],
      [serviceA, '0212345678', '이서준'],
      [serviceB, '01077778888', 'Other Customer'],
    ] as const) {
      const made = await app.usecases.callbacks.receiveCallback(operator, serviceId, { phone, name });
      if (!made.ok) throw new Error(JSON.stringify(made.problem));
    }
  });
  afterAll(async () => {
    await app?.close();
    await connector?.stop();
  });
  afterEach(() => connector.assertNoViolations());

  it('`callback export`: a card with the download link and its expiry (service time zone); the workbook downloads', async () => {
    const before = Date.now();
    const card = await exportCard(ADMIN, '콜백 export', 'ko-KR');
    const text = cardText(card);
    expect(text).toContain('엑셀 파일 준비 완료');
    expect(text).toContain('2행');
    const link = card.actions.find((a: any) => a.type === 'Action.OpenUrl');
    expect(link.title).toBe('다운로드');
    expect(link.url).toMatch(new RegExp(`^${app.config.publicUrl}/exports/[A-Za-z0-9_-]{43}$`));
    // Until when, in the service's time zone (Asia/Seoul), 15 minutes from now.
    const until = formatDateTime(new Date(before + 15 * 60_000), 'Asia/Seoul', 'ko');
    const untilLater = formatDateTime(new Date(Date.now() + 15 * 60_000), 'Asia/Seoul', 'ko');
    expect([until, untilLater].some((at) => text.includes(`${at}까지 (15분)`))).toBe(true);

    const response = await fetch(localUrl(link.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const filename = decodeURIComponent(disposition.split("UTF-8''")[1]!);
    expect(filename).toMatch(/^콜백목록_고객센터_A_.*\.xlsx$/);
    const workbook = await readWorkbook(await response.arrayBuffer());
    const content = allText(workbook);
    expect(content).toContain('김민지');
    expect(content).toContain('이서준');
    // The token names service A's file: nothing of service B is in it.
    expect(content).not.toContain('Other Customer');
    // Only the hash is stored.
    const stored = await app.store.db.collection('exportLinks').find({}).toArray();
    const token = link.url.split('/exports/')[1];
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('an unknown or altered token is 404; an expired one 410 gone; a purged file stays 410', async () => {
    const card = await exportCard(ADMIN, 'callback export all');
    const url = localUrl(card.actions.find((a: any) => a.type === 'Action.OpenUrl').url);
    const token = url.split('/exports/')[1]!;
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [altered, 'nope', `${token}x`]) {
      const response = await fetch(`${app.url}/exports/${bad}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const fresh = await fetch(url);
    expect(fresh.status).toBe(200);
    await fresh.arrayBuffer();

    const past = new Date(Date.now() - 1000);
    await app.store.db.collection('exportLinks').updateMany({}, { $set: { expiresAt: past } });
    const expired = await fetch(url);
    expect(expired.status).toBe(410);
    const body = (await expired.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('gone');
    expect(body.error.message).toMatch(/expired/);

    const stored = (await app.store.db.collection('exportLinks').find({}).toArray()) as any[];
    await app.usecases.maintenance.purgeExpiredExportLinks();
    for (const link of stored) await expect(access(link.path)).rejects.toThrow();
    const purged = await fetch(url);
    expect(purged.status).toBe(410);
    await purged.arrayBuffer();
  });

  it('a link is made only for an export the person may make: never for another service', async () => {
    const actorA = memberActor(adminA, 'teams');
    const refused = await app.usecases.exportLinks.exportCallbackListLink(
      actorA,
      serviceB,
      { scope: 'all' },
      'en',
    );
    expect(refused.ok).toBe(false);
    const refusedStats = await app.usecases.exportLinks.exportCallbackStatsLink(
      actorA,
      serviceB,
      { granularity: 'day' },
      'en',
    );
    expect(refusedStats.ok).toBe(false);

    // Service B's admin gets B's list; A's file stays A's.
    const cardB = await exportCard(OTHER_ADMIN, 'callback export');
    const response = await fetch(localUrl(cardB.actions.find((a: any) => a.type === 'Action.OpenUrl').url));
    const content = allText(await readWorkbook(await response.arrayBuffer()));
    expect(content).toContain('Other Customer');
    expect(content).not.toContain('김민지');
  });

  it("the stats card's export button answers with a download card of the processing status", async () => {
    const stats = await exportCard(ADMIN, 'callback stats');
    const button = stats.actions[0];
    connector.reset();
    const pressed = teamsCardAction(
      connector.serviceUrl,
      ADMIN,
      personalChat(ADMIN),
      button.verb,
      button.data,
    );
    const response = await postActivity(app.url, pressed);
    expect(response.body.value).toBe('Excel file ready');
    expect(cardOfInvoke(response.body)).toBeUndefined();
    const card = answersTo(pressed.id).at(-1)?.attachments?.[0]?.content;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain('callback processing status');
    const file = await fetch(localUrl(card.actions[0].url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const disposition = decodeURIComponent(file.headers.get('content-disposition')!.split("UTF-8''")[1]!);
    expect(disposition).toMatch(/\.xlsx$/);
  });
});
