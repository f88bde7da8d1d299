import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { MemberDoc } from '../../src/domain/members.js';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { memberActor } from '../../src/usecases/actor.js';
import { issueWallboardLink } from '../../src/usecases/wallboard-links.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { shouldRun } from '../support/required-programs.js';

/**
 * The wall page as the guide lists it, at a wall screen's size and at a phone's, in Korean and English: the
 * by-agent view's waiting customers, the pop-out control of each view, a person's combined view of their services
 * (one row per service, in their own language), and no label cut short at either width. Screenshots go to
 * test-artifacts/ for a person to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_PROGRAM = {
  name: 'Chromium',
  path: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  install: 'apt-get install chromium (Debian package "chromium")',
};
const describeInChromium = shouldRun(CHROMIUM_PROGRAM, 'the wallboard page layouts in Chromium')
  ? describe
  : describe.skip;

declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
  body: { dataset: Record<string, string | undefined> };
};

const POLL = { polling: 50 } as const;
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const WALL = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
const SIZES = [WALL, PHONE] as const;

/**
 * Runs in the page: the texts of the visible labels and figures whose box is narrower than their text (cut off or
 * ellipsised), and whether the page is wider than the screen (a phone would scroll sideways).
 */
const CUT_TEXTS = `(() => {
  const cut = [];
  const selector = 'h1, h2, .service-name, .business-day, .sub, .view-tab, .value, .agent-name, .agent-state, th, td, .clock';
  for (const element of document.querySelectorAll(selector)) {
    if (element.getClientRects().length === 0) continue;
    if (element.scrollWidth > element.clientWidth + 1) cut.push(element.textContent.trim());
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) cut.push('(the page is wider than the screen)');
  return cut;
})()`;

let app: TestApp;
let browser: Browser;
let serviceA: string;
let serviceB: string;
let screenPath: string;
let person: MemberDoc;
const problems: string[] = [];
const contexts: BrowserContext[] = [];

async function postEvents(key: string, events: Record<string, unknown>[]): Promise<void> {
  const response = await fetch(`${app.url}/api/v1/cti/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(202);
}

async function newContext(size: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: size, locale: 'ko-KR' });
  contexts.push(context);
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
  const response = await page.goto(`${app.url}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

const withView = (path: string, view: 'services' | 'agents', lang?: 'ko' | 'en') =>
  path.replace('/wallboard?', `/wallboard/${view}?`) + (lang ? `&lang=${lang}` : '');

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled', fullPage: true });
}

describeInChromium('wallboard page layouts in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: ${CHROMIUM_PROGRAM.install}`);
    await mkdir(ARTIFACTS, { recursive: true });
    app = await startTestApp();
    // The business day starts six hours before now, so the events below always fall on "today".
    const seoulHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
    const dayStart = `${String((seoulHour + 18) % 24).padStart(2, '0')}:00`;
    const settings = defaultServiceSettings({ dayStart, serviceLevelTargetPercent: 80 });
    serviceA = (await app.store.services.create('고객지원 1센터', settings))._id;
    serviceB = (await app.store.services.create('결제 상담센터', settings))._id;
    // A service the person is not in: never on their page.
    await app.store.services.create('다른 브랜드', settings);

    const agents = [
      ['SIP/8001', '김민지'],
      ['SIP/8002', '이서준'],
      ['SIP/8003', '박지우'],
      ['SIP/8004', '최유나'],
      ['SIP/8005', '정도윤'],
      ['SIP/8006', '강하은'],
    ] as const;
    for (const [ctiAgentId, displayName] of agents)
      await app.store.members.create({
        serviceId: serviceA,
        displayName,
        role: 'member',
        permissions: { phone: true, callbackAssign: false, sms: false },
        identities: [`slack:T1:${ctiAgentId}`],
        ctiAgentId,
      });
    // One person, an English Slack user, in both services (two member records sharing one chat identity).
    const identity = 'slack:T1:UENGLISH';
    person = await app.store.members.create({
      serviceId: serviceA,
      displayName: 'Jamie Lee',
      role: 'member',
      permissions: { phone: false, callbackAssign: false, sms: false },
      identities: [identity],
      ctiAgentId: null,
    });
    await app.store.members.update(person._id, { locale: 'en' });
    await app.store.members.create({
      serviceId: serviceB,
      displayName: 'Jamie Lee',
      role: 'admin',
      permissions: { phone: false, callbackAssign: false, sms: false },
      identities: [identity],
      ctiAgentId: null,
    });

    const keyOf = async (serviceId: string) =>
      (await app.store.apiKeys.create({ serviceId, name: 'pbx', allowedIps: [], createdBy: 'test' })).key;
    const screen = await issueWallboardLink(app.store, { kind: 'operator', name: 'test' }, serviceA, {
      longLived: true,
      label: 'Lobby TV',
    });
    if (!screen.ok) throw new Error('link refused');
    screenPath = screen.value.path;

    // Service A: 8 calls in, 5 answered (3 within 20 s), 1 abandoned, 2 waiting; agents in every state.
    const now = Date.now();
    let n = 0;
    const event = (secondsAgo: number, fields: Record<string, unknown>) => ({
      id: `layout-${++n}`,
      at: new Date(now - secondsAgo * 1000).toISOString(),
      service: 'support',
      ...fields,
    });
    const eventsA = agents.flatMap(([agent]) => [
      event(180, { type: 'agent.login', agent }),
      event(179, { type: 'agent.state', agent, state: 'ready' }),
    ]);
    const answered: [string, number, number, string][] = [
      ['a1', 170, 8, 'SIP/8001'],
      ['a2', 160, 12, 'SIP/8002'],
      ['a3', 150, 15, 'SIP/8003'],
      ['a4', 140, 25, 'SIP/8004'],
      ['a5', 130, 45, 'SIP/8001'],
    ];
    for (const [callId, ago, wait, agent] of answered) {
      eventsA.push(event(ago, { type: 'call.enqueued', callId }));
      eventsA.push(event(ago - wait, { type: 'call.answered', callId, agent, waitSeconds: wait }));
    }
    eventsA.push(event(100, { type: 'call.enqueued', callId: 'a6' }));
    eventsA.push(event(50, { type: 'call.abandoned', callId: 'a6', waitSeconds: 50 }));
    eventsA.push(event(75, { type: 'call.enqueued', callId: 'a7' }));
    eventsA.push(event(20, { type: 'call.enqueued', callId: 'a8' }));
    eventsA.push(event(45, { type: 'call.ended', callId: 'a2', agent: 'SIP/8002', talkSeconds: 90 }));
    eventsA.push(event(40, { type: 'agent.state', agent: 'SIP/8003', state: 'break', reason: 'lunch' }));
    eventsA.push(event(35, { type: 'agent.state', agent: 'SIP/8004', state: 'acw' }));
    eventsA.push(event(30, { type: 'agent.state', agent: 'SIP/8005', state: 'outbound' }));
    eventsA.sort((a, b) => a.at.localeCompare(b.at));
    await postEvents(await keyOf(serviceA), eventsA);
    // Service B: 3 calls in, 2 answered within 20 s, 1 waiting; one agent talking.
    const eventsB = [
      event(120, { type: 'agent.login', agent: 'SIP/9001' }),
      event(110, { type: 'call.enqueued', callId: 'b1' }),
      event(100, { type: 'call.answered', callId: 'b1', agent: 'SIP/9001', waitSeconds: 10 }),
      event(90, { type: 'call.ended', callId: 'b1', agent: 'SIP/9001', talkSeconds: 10 }),
      event(60, { type: 'call.enqueued', callId: 'b2' }),
      event(55, { type: 'call.answered', callId: 'b2', agent: 'SIP/9001', waitSeconds: 5 }),
      event(10, { type: 'call.enqueued', callId: 'b3' }),
    ];
    await postEvents(await keyOf(serviceB), eventsB);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it.each(SIZES.flatMap((size) => (['ko', 'en'] as const).map((lang) => [size, lang] as const)))(
    'one service at %o in %s: every label whole, waiting customers in both views',
    async (size, lang) => {
      const context = await newContext(size);
      const services = await open(context, withView(screenPath, 'services', lang));
      await services.waitForFunction(
        () => document.querySelector('.view-services [data-field="inbound"]')?.textContent === '8',
        undefined,
        POLL,
      );
      expect(await services.locator('html').getAttribute('lang')).toBe(lang);
      expect(await services.locator('.view-services [data-metric="service-level"] h2').innerText()).toBe(
        lang === 'ko' ? '서비스 레벨 (20초)' : 'Service level (20 s)',
      );
      expect(await services.locator('.view-services [data-field="serviceLevel"]').innerText()).toBe('37.5%');
      expect(await services.evaluate(CUT_TEXTS)).toEqual([]);
      await shoot(services, `wallboard-${lang}-${size.width}-services.png`);

      const agents = await open(context, `/wallboard/agents?lang=${lang}`);
      await agents.waitForFunction(
        () => document.querySelectorAll('#agent-list .agent').length === 6,
        undefined,
        POLL,
      );
      // The guide's by-agent view: waiting customers beside the agent counts, answer rate and service level.
      const waiting = agents.locator('.view-agents [data-metric="waiting"]');
      expect(await waiting.locator('h2').innerText()).toBe(lang === 'ko' ? '대기 고객' : 'Waiting');
      expect(await waiting.locator('.value').innerText()).toBe('2');
      expect(await agents.locator('.view-agents [data-field="loggedIn"]').innerText()).toBe('6');
      expect(await agents.locator('.view-agents [data-field="serviceLevel"]').innerText()).toBe('37.5%');
      expect(await agents.evaluate(CUT_TEXTS)).toEqual([]);
      await shoot(agents, `wallboard-${lang}-${size.width}-agents.png`);
      await context.close();
    },
    60_000,
  );

  it('the alternating page offers each view in a window of its own (the guide’s pop-up icon)', async () => {
    const context = await newContext(WALL);
    const page = await open(context, screenPath);
    const popout = page.locator('.view-tab[data-tab="agents"] a.popout');
    expect(await popout.getAttribute('href')).toBe('/wallboard/agents');
    expect(await popout.getAttribute('target')).toBe('_blank');
    expect(await popout.getAttribute('aria-label')).toBe('상담원별 현황을 새 창으로 열기');
    expect(await page.locator('.view-tab[data-tab="services"] a.popout').getAttribute('href')).toBe(
      '/wallboard/services',
    );
    const [window] = await Promise.all([context.waitForEvent('page'), popout.click()]);
    await window.waitForFunction(
      () => document.querySelector('.view-agents [data-field="loggedIn"]')?.textContent === '6',
      undefined,
      POLL,
    );
    expect(await window.evaluate(() => document.body.dataset.view)).toBe('agents');
    expect(await window.evaluate(() => document.body.dataset.rotate)).toBe('false');
    // A pop-out window is the view itself: it offers no pop-out of its own.
    expect(await window.locator('a.popout').first().isVisible()).toBe(false);
    await page.waitForFunction(
      () => document.querySelector('.view-services [data-field="inbound"]')?.textContent === '8',
      undefined,
      POLL,
    );
    await shoot(page, 'wallboard-ko-1920-alternating.png');
    await context.close();

    // On a phone the alternating page keeps both tabs and their pop-out icons whole.
    const phone = await newContext(PHONE);
    const small = await open(phone, `${screenPath}&lang=en`);
    await small.waitForFunction(
      () => document.querySelector('.view-services [data-field="inbound"]')?.textContent === '8',
      undefined,
      POLL,
    );
    expect(await small.locator('a.popout').evaluateAll((links) => links.length)).toBe(2);
    expect(await small.locator('.view-tab[data-tab="services"] a.popout').isVisible()).toBe(true);
    expect(await small.evaluate(CUT_TEXTS)).toEqual([]);
    await shoot(small, 'wallboard-en-390-alternating.png');
    await phone.close();
  }, 60_000);

  it.each(SIZES.flatMap((size) => ([undefined, 'ko'] as const).map((lang) => [size, lang] as const)))(
    'a person in two services at %o (language asked: %s): one row per service, in their own language',
    async (size, lang) => {
      const issued = await issueWallboardLink(app.store, memberActor(person, 'slack'), serviceA, {});
      if (!issued.ok) throw new Error('refused');
      const shown = lang ?? 'en';
      const context = await newContext(size);
      const page = await open(context, withView(issued.value.path, 'services', lang));
      await page.waitForFunction(
        () => document.querySelectorAll('#service-table tbody tr').length === 2,
        undefined,
        POLL,
      );
      // The person's member record says English; the services' language is Korean.
      expect(await page.locator('html').getAttribute('lang')).toBe(shown);
      expect(await page.locator('#service-name').innerText()).toBe(
        shown === 'en' ? 'My 2 services' : '내 서비스 2개',
      );
      const rows = await page
        .locator('#service-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) =>
            [...(tr as unknown as { children: { textContent: string }[] }).children].map(
              (c) => c.textContent,
            ),
          ),
        );
      // Service, waiting, inbound, answered, abandoned, answer rate, service level: the link's service first.
      expect(rows).toEqual([
        ['고객지원 1센터', '2', '8', '5', '1', '62.5%', '37.5%'],
        ['결제 상담센터', '1', '3', '2', '0', '66.7%', '66.7%'],
      ]);
      const headings = await page.locator('#service-table thead th').allInnerTexts();
      expect(headings).toEqual(
        shown === 'en'
          ? ['Service', 'Waiting', 'Inbound', 'Answered', 'Abandoned', 'Answer rate', 'Service level']
          : ['서비스명', '대기 고객', '인입', '응대', '포기', '응대율', '서비스 레벨'],
      );
      expect(await page.evaluate(CUT_TEXTS)).toEqual([]);
      await shoot(page, `wallboard-combined-${shown}-${size.width}-services.png`);

      const agents = await open(context, `/wallboard/agents${lang ? `?lang=${lang}` : ''}`);
      await agents.waitForFunction(
        () => document.querySelectorAll('#agent-table tbody tr').length === 2,
        undefined,
        POLL,
      );
      const agentRows = await agents
        .locator('#agent-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) =>
            [...(tr as unknown as { children: { textContent: string }[] }).children].map(
              (c) => c.textContent,
            ),
          ),
        );
      // Service, waiting, logged in, ready, in conversation, O/B, break/ACW, answer rate, service level.
      expect(agentRows).toEqual([
        ['고객지원 1센터', '2', '6', '2', '1', '1', '2', '62.5%', '37.5%'],
        ['결제 상담센터', '1', '1', '0', '1', '0', '0', '66.7%', '66.7%'],
      ]);
      expect(await agents.evaluate(CUT_TEXTS)).toEqual([]);
      await shoot(agents, `wallboard-combined-${shown}-${size.width}-agents.png`);
      await context.close();
    },
    60_000,
  );

  it('the pages raised no console or script errors (nothing blocked by the content security policy)', () => {
    expect(problems).toEqual([]);
  });
});
