// Teams JSON (activities, cards) is read field by field.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Actor } from '../../src/usecases/actor.js';
import { FakeBotConnector, type RecordedConnectorCall } from '../fakes/bot-connector.js';
import { FakeNhn } from '../fakes/fake-nhn.js';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';
import {
  cardOfInvoke,
  cardText,
  personalChat,
  postActivity,
  teamsCardAction,
  teamsChannel,
  teamsMessage,
  TENANT,
  type TeamsUser,
  memberAddArgs,
} from '../support/teams-requests.js';

/**
 * Answers that are the person's own in Teams: the SMS history's Excel link (a download link card, a workbook
 * exceljs reads, refused in words without the permission), and `sms history` / `callback list` typed in a channel:
 * the card goes to the person's personal chat, the channel gets one line; without a personal chat the bot may
 * open, the channel is told to open one first and sees no data.
 */

jest.setTimeout(60_000);

const ADMIN: TeamsUser = { aad: 'aad-priv-admin', name: 'Admin Han' };
/** `sms` and `phone`. */
const SENDER: TeamsUser = { aad: 'aad-priv-sender', name: 'Sender Seo' };
/** `phone` only: no SMS history. */
const AGENT: TeamsUser = { aad: 'aad-priv-agent', name: 'Agent Yoo' };
/** Never opened a personal chat with the bot, and Teams will not open one (the app is not installed for them). */
const STRANGER: TeamsUser = { aad: 'aad-priv-stranger', name: 'Stranger Moon' };
const CHANNEL = teamsChannel('private-answers');
const SENDERS = ['0215441234'];
const OPERATOR: Actor = { kind: 'operator', name: 'teams-private-test' };

const cardOf = (call: RecordedConnectorCall): any => call.body?.attachments?.[0]?.content;
const isMessageTo = (conversationId: string) => (c: RecordedConnectorCall) =>
  c.method === 'POST' &&
  c.status < 300 &&
  c.conversationId === conversationId &&
  /\/activities(\/[^/]+)?$/.test(c.path) &&
  c.body?.type === 'message';

describe('Teams: answers for the person alone', () => {
  let app: TestApp;
  let connector: FakeBotConnector;
  let nhn: FakeNhn;
  let serviceId: string;

  const cli = async (...args: string[]) => {
    const result = await runCli(app.dbName, [...args, '--json']);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  /** Messages the bot sent to a conversation after `from` (an index into the connector's calls). */
  const messagesTo = (conversationId: string, from: number) =>
    connector.calls.slice(from).filter(isMessageTo(conversationId));

  const sayIn = async (
    user: TeamsUser,
    where: { conversationId: string },
    text: string,
    locale = 'en-US',
  ) => {
    const response = await postActivity(
      app.url,
      teamsMessage(connector.serviceUrl, user, where as any, text, locale),
    );
    expect(response.status).toBeLessThan(300);
  };

  const press = async (user: TeamsUser, verb: string, data: Record<string, unknown>, locale = 'en-US') => {
    const response = await postActivity(
      app.url,
      teamsCardAction(connector.serviceUrl, user, personalChat(user), verb, data, { locale }),
    );
    expect(response.status).toBe(200);
    const card = cardOfInvoke(response.body);
    if (card) expect(validateAdaptiveCard(card)).toEqual([]);
    return { card, message: card ? undefined : String(response.body?.value ?? '') };
  };

  /** The data of a button in a card, by its title. */
  const buttonOf = (card: any, title: string): any => {
    const found: any[] = [];
    const walk = (node: any) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      if (String(node.type).startsWith('Action.') && node.title === title) found.push(node);
      for (const [key, value] of Object.entries(node)) if (key !== 'fallback') walk(value);
    };
    walk(card);
    return found[0];
  };

  beforeAll(async () => {
    nhn = await FakeNhn.start({ senderNumbers: SENDERS });
    connector = await FakeBotConnector.start();
    connector.addConversation(CHANNEL.conversationId);
    for (const user of [ADMIN, SENDER, AGENT]) connector.addConversation(personalChat(user).conversationId);
    app = await startTestApp({ env: { TEAMS_EMULATOR: 'true', ...nhn.env() } });
    const setup = await app.usecases.services.setupService({
      name: 'Private Answers',
      place: `teams:${CHANNEL.conversationId}`,
      person: {
        identity: `teams:${TENANT}:${ADMIN.aad}`,
        displayName: ADMIN.name,
        surface: 'teams',
        locale: 'en-US',
      },
    });
    if (!setup.ok) throw new Error(JSON.stringify(setup.problem));
    serviceId = setup.value.service._id;
    for (const [user, permissions] of [
      [SENDER, 'sms,phone'],
      [AGENT, 'phone'],
      [STRANGER, 'sms,phone'],
    ] as const)
      await cli(...memberAddArgs(serviceId, user, '--permissions', permissions));
    await app.store.services.updateSettings(serviceId, {
      smsEnabled: true,
      smsSenderNumbers: SENDERS,
      smsOptOutNumber: '0801234567',
    });
    for (const body of ['[Private] first notice', '[Private] second notice']) {
      const sent = await app.usecases.sms.sendSms(OPERATOR, serviceId, {
        body,
        recipients: '01012345678,01087654321',
      });
      if (!sent.ok) throw new Error(JSON.stringify(sent.problem));
    }
    // Admin, Sender and Agent have written to the bot in private, so it knows their personal chats.
    for (const user of [ADMIN, SENDER, AGENT]) await sayIn(user, personalChat(user), 'help');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await connector?.stop();
    await nhn?.close();
  });
  afterEach(() => connector.assertNoViolations());

  it('SMS history → Export to Excel: a download link card; the link is a workbook with the listed requests', async () => {
    const from = connector.calls.length;
    await sayIn(ADMIN, personalChat(ADMIN), 'sms history');
    const historyCall = await connector.waitForCall(
      (c) =>
        connector.calls.indexOf(c) >= from &&
        isMessageTo(personalChat(ADMIN).conversationId)(c) &&
        !!cardOf(c),
      15_000,
    );
    const history = cardOf(historyCall);
    const exportButton = buttonOf(history, 'Export to Excel');
    expect(exportButton).toBeDefined();

    const before = connector.calls.length;
    const pressed = await press(ADMIN, exportButton.verb, exportButton.data);
    expect(pressed.message).toBe('Excel file ready');
    const linkCall = await connector.waitForCall(
      (c) =>
        connector.calls.indexOf(c) >= before &&
        isMessageTo(personalChat(ADMIN).conversationId)(c) &&
        cardText(cardOf(c)).includes('Excel file ready'),
      15_000,
    );
    const linkCard = cardOf(linkCall);
    expect(validateAdaptiveCard(linkCard)).toEqual([]);
    const text = cardText(linkCard);
    expect(text).toContain('SMS sending history: 2 rows, all dates. Dates and times are in Asia/Seoul.');
    expect(text).toContain('2 requests, 4 recipients.');
    expect(text).toMatch(/The download link works until .+ \(15 minutes\)/);
    const download = buttonOf(linkCard, 'Download');
    expect(download.type).toBe('Action.OpenUrl');

    // The card links to the public URL; the test server listens elsewhere.
    const response = await fetch(`${app.url}${new URL(String(download.url)).pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as unknown as ArrayBuffer);
    const [requests, recipients] = workbook.worksheets;
    const rows = Array.from({ length: requests!.rowCount - 1 }, (_, i) =>
      JSON.stringify(requests!.getRow(i + 2).values),
    );
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toContain('[Private] first notice');
    expect(rows.join('\n')).toContain('[Private] second notice');
    expect(recipients!.rowCount - 1).toBe(4);
  });

  it('refuses the export in words to a member without the SMS permission', async () => {
    const pressed = await press(AGENT, 'sms.export', { serviceId, page: 1 });
    expect(pressed.message).toContain('the sms permission');
  });

  it('`sms history` in a channel: the card goes to the personal chat, the channel gets one line', async () => {
    const from = connector.calls.length;
    await sayIn(SENDER, CHANNEL, 'sms history');
    const line = await connector.waitForCall(
      (c) => connector.calls.indexOf(c) >= from && isMessageTo(CHANNEL.conversationId)(c),
      15_000,
    );
    expect(line.body.text).toBe('Sender Seo, I sent it to you in our personal chat.');
    const dm = await connector.waitForCall(
      (c) => connector.calls.indexOf(c) >= from && isMessageTo(personalChat(SENDER).conversationId)(c),
      15_000,
    );
    expect(validateAdaptiveCard(cardOf(dm))).toEqual([]);
    expect(cardText(cardOf(dm))).toContain('Sending history');
    expect(cardText(cardOf(dm))).toContain('Only your own requests are shown.');
    expect(messagesTo(CHANNEL.conversationId, from).filter((c) => c.body?.attachments?.length)).toEqual([]);
  });

  it('`callback list` in a channel: to the personal chat, in Korean for a Korean client', async () => {
    const from = connector.calls.length;
    await sayIn(ADMIN, CHANNEL, 'callback list', 'ko-KR');
    const line = await connector.waitForCall(
      (c) => connector.calls.indexOf(c) >= from && isMessageTo(CHANNEL.conversationId)(c),
      15_000,
    );
    expect(line.body.text).toBe('Admin Han님, 결과는 저와의 개인 채팅으로 보내드렸습니다.');
    const dm = await connector.waitForCall(
      (c) => connector.calls.indexOf(c) >= from && isMessageTo(personalChat(ADMIN).conversationId)(c),
      15_000,
    );
    expect(validateAdaptiveCard(cardOf(dm))).toEqual([]);
    expect(cardText(cardOf(dm))).toContain('콜백');
    expect(messagesTo(CHANNEL.conversationId, from).filter((c) => c.body?.attachments?.length)).toEqual([]);
  });

  it('without a personal chat the bot may open: the channel is told to open one first, and sees no data', async () => {
    connector.refuseNewChats();
    try {
      for (const command of ['sms history', 'callback list']) {
        const from = connector.calls.length;
        await sayIn(STRANGER, CHANNEL, command);
        const line = await connector.waitForCall(
          (c) => connector.calls.indexOf(c) >= from && isMessageTo(CHANNEL.conversationId)(c),
          15_000,
        );
        expect(line.body.text).toContain('Stranger Moon, this answer goes only to your personal chat');
        expect(line.body.text).toContain('Open a chat with the Switchboard bot first');
        expect(messagesTo(CHANNEL.conversationId, from).filter((c) => c.body?.attachments?.length)).toEqual(
          [],
        );
      }
    } finally {
      connector.refuseNewChats(false);
    }
  });
});
