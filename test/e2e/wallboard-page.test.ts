import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { issueWallboardLink } from '../../src/usecases/wallboard-links.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { shouldRun } from '../support/required-programs.js';

/**
 * The wall page in a real browser nobody here wrote: Debian Chromium driven by playwright-core.
 * Figures visible, a live update after an event, the 5-second alternation, the 401 page, and screenshots in
 * test-artifacts/ for a person to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_PROGRAM = {
  name: 'Chromium',
  path: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  install: 'apt-get install chromium (Debian package "chromium")',
};
/** Skipped loudly where Chromium is missing; in CI (CI=true) it runs, and beforeAll fails saying what is missing. */
const describeInChromium = shouldRun(CHROMIUM_PROGRAM, 'the wallboard page in Chromium')
  ? describe
  : describe.skip;

/** Functions passed to `waitForFunction` run in the page; tsconfig has no DOM types, so name the little they use. */
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
  body: { dataset: Record<string, string | undefined> };
};
declare const MutationObserver: new (callback: () => void) => {
  observe(target: unknown, options: { attributes: boolean; attributeFilter: string[] }): void;
};
/** Where the page records when its view switched (ms since navigation start, the page's own clock). */
type Recorder = { viewSwitches: number[] };

/** Page-side waits poll every 50 ms (not on animation frames, which a busy machine may throttle). */
const POLL = { polling: 50 } as const;
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const SERVICE = 'support';

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let apiKey: string;
let linkPath: string;
/** When the morning's events were stamped: the oldest waiting call was enqueued 75 s before it. */
let trafficAt: number;
const problems: string[] = [];

async function postEvents(events: Record<string, unknown>[]): Promise<void> {
  const response = await fetch(`${app.url}/api/v1/cti/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  const report = (await response.json()) as { accepted: number; rejected: unknown[] };
  expect({ status: response.status, rejected: report.rejected }).toEqual({ status: 202, rejected: [] });
}

/** A page that records console errors and script errors (a CSP violation shows up as one). */
async function open(path: string, target: BrowserContext = context): Promise<Page> {
  const page = await target.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
  const response = await page.goto(`${app.url}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

const text = (page: Page, view: 'services' | 'agents', field: string) =>
  page.locator(`.view-${view} [data-field="${field}"]`).innerText();

describeInChromium('wallboard page in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}, and CI must run this check (CI=true): ${CHROMIUM_PROGRAM.install}`,
      );
    await mkdir(ARTIFACTS, { recursive: true });
    app = await startTestApp();
    // The business day starts six hours before now, so the events below (the last few minutes) always fall on
    // "today", whatever time the test runs.
    const seoulHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
    const dayStart = `${String((seoulHour + 18) % 24).padStart(2, '0')}:00`;
    const service = await app.store.services.create(
      '고객지원 1센터',
      defaultServiceSettings({ dayStart, serviceLevelTargetPercent: 80, longWaitWarningSeconds: 60 }),
    );
    const agents = [
      ['SIP/8001', '김민지'],
      ['SIP/8002', '이서준'],
      ['SIP/8003', '박지우'],
      ['SIP/8004', '최유나'],
      ['SIP/8005', '정도윤'],
      ['SIP/8006', '강하은'],
      ['SIP/8007', '윤서연'],
      ['SIP/8008', '한지호'],
    ] as const;
    for (const [ctiAgentId, displayName] of agents)
      await app.store.members.create({
        serviceId: service._id,
        displayName,
        role: 'member',
        permissions: { phone: true, callbackAssign: false, sms: false },
        identities: [`slack:T1:${ctiAgentId}`],
        ctiAgentId,
      });
    ({ key: apiKey } = await app.store.apiKeys.create({
      serviceId: service._id,
      name: 'pbx',
      allowedIps: [],
      createdBy: 'test',
    }));
    const link = await issueWallboardLink(app.store, { kind: 'operator', name: 'test' }, service._id, {});
    if (!link.ok) throw new Error('link refused');
    linkPath = link.value.path;

    // A morning's worth of traffic, compressed into the last 3 minutes:
    // 10 calls in; 7 answered (4 within 20 s), 1 abandoned, 2 still waiting (the longest for 75 s).
    const now = Date.now();
    trafficAt = now;
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
    let n = 0;
    const event = (secondsAgo: number, fields: Record<string, unknown>) => ({
      id: `e2e-${++n}`,
      at: at(secondsAgo),
      service: SERVICE,
      ...fields,
    });
    const events = agents.flatMap(([agent]) => [
      event(180, { type: 'agent.login', agent }),
      event(179, { type: 'agent.state', agent, state: 'ready' }),
    ]);
    const answered: [callId: string, enqueuedAgo: number, wait: number, agent: string][] = [
      ['c1', 170, 8, 'SIP/8001'],
      ['c2', 160, 12, 'SIP/8002'],
      ['c3', 150, 15, 'SIP/8003'],
      ['c4', 140, 25, 'SIP/8004'],
      ['c5', 130, 30, 'SIP/8005'],
      ['c6', 120, 18, 'SIP/8006'],
      ['c7', 110, 45, 'SIP/8001'],
    ];
    for (const [callId, ago, wait, agent] of answered) {
      events.push(event(ago, { type: 'call.enqueued', callId }));
      events.push(event(ago - wait, { type: 'call.answered', callId, agent, waitSeconds: wait }));
    }
    events.push(event(100, { type: 'call.enqueued', callId: 'c8' }));
    events.push(event(50, { type: 'call.abandoned', callId: 'c8', waitSeconds: 50 }));
    events.push(event(75, { type: 'call.enqueued', callId: 'c9' }));
    events.push(event(20, { type: 'call.enqueued', callId: 'c10' }));
    // Where everyone is now: talking, ringing, on a break, wrapping up, calling out, ready.
    events.push(event(45, { type: 'call.ended', callId: 'c2', agent: 'SIP/8002', talkSeconds: 90 }));
    events.push(event(40, { type: 'agent.state', agent: 'SIP/8003', state: 'break', reason: 'lunch' }));
    events.push(event(35, { type: 'agent.state', agent: 'SIP/8004', state: 'acw' }));
    events.push(event(30, { type: 'agent.state', agent: 'SIP/8005', state: 'outbound' }));
    events.push(event(4, { type: 'agent.state', agent: 'SIP/8006', state: 'ringing' }));
    events.push(event(60, { type: 'agent.state', agent: 'SIP/8008', state: 'talking' }));
    events.sort((a, b) => a.at.localeCompare(b.at));
    await postEvents(events);

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
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ko-KR' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('with a valid link shows the figures, with threshold colours, and takes the token out of the address', async () => {
    const page = await open(linkPath.replace('/wallboard?', '/wallboard/services?'));
    await page.waitForFunction(
      () => document.querySelector('.view-services [data-field="inbound"]')?.textContent === '10',
      undefined,
      POLL,
    );
    expect(new URL(page.url()).search).toBe('');
    expect(await text(page, 'services', 'waiting')).toBe('2');
    expect(await text(page, 'services', 'answered')).toBe('7');
    expect(await text(page, 'services', 'abandoned')).toBe('1');
    expect(await text(page, 'services', 'answerRate')).toBe('70.0%');
    // 4 of 10 within 20 s: 40 % against a target of 80 % → red.
    expect(await text(page, 'services', 'serviceLevel')).toBe('40.0%');
    expect(
      await page.locator('.view-services [data-metric="service-level"]').getAttribute('class'),
    ).toContain('is-bad');
    // (8 + 12 + 15 + 25 + 30 + 18 + 45) / 7 = 21.9 s
    expect(await text(page, 'services', 'asa')).toBe('0:22');
    // The oldest waiting call has waited 75 s and counting (however long this machine took to get here): past the
    // 60 s warning, not yet twice it → amber.
    const [minutes, seconds] = (await text(page, 'services', 'longestWait')).split(':').map(Number);
    const waited = minutes! * 60 + seconds!;
    expect(waited).toBeGreaterThanOrEqual(75);
    expect(waited).toBeLessThanOrEqual(75 + Math.ceil((Date.now() - trafficAt) / 1000));
    expect(await page.locator('.view-services [data-metric="longest-wait"]').getAttribute('class')).toContain(
      'is-warn',
    );
    expect(await page.locator('#service-name').innerText()).toBe('고객지원 1센터');
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard.png'), animations: 'disabled' });

    const agents = await open('/wallboard/agents');
    await agents.waitForFunction(
      () => document.querySelectorAll('#agent-list .agent').length === 8,
      undefined,
      POLL,
    );
    expect(await text(agents, 'agents', 'loggedIn')).toBe('8');
    expect(await text(agents, 'agents', 'ready')).toBe('2');
    expect(await text(agents, 'agents', 'inConversation')).toBe('3');
    expect(await text(agents, 'agents', 'outbound')).toBe('1');
    expect(await text(agents, 'agents', 'breakOrAcw')).toBe('2');
    const minji = agents.locator('.agent', { hasText: '김민지' });
    expect(await minji.getAttribute('class')).toContain('state-talking');
    expect(await minji.locator('.agent-state').innerText()).toBe('통화중');
    expect(await minji.locator('.agent-answered').innerText()).toBe('응대 2');
    await agents.screenshot({ path: join(ARTIFACTS, 'wallboard-agents.png'), animations: 'disabled' });
    await page.close();
    await agents.close();
  });

  it('updates within 1 s after an event is posted (services and agents views alike)', async () => {
    const services = await open('/wallboard/services');
    const agents = await open('/wallboard/agents');
    await services.waitForFunction(
      () => document.querySelector('.view-services [data-field="waiting"]')?.textContent === '2',
      undefined,
      POLL,
    );
    await agents.waitForFunction(
      () => document.querySelector('.view-agents [data-field="ready"]')?.textContent === '2',
      undefined,
      POLL,
    );
    const now = Date.now();
    await postEvents([
      {
        id: 'live-1',
        type: 'call.enqueued',
        at: new Date(now).toISOString(),
        service: SERVICE,
        callId: 'c11',
      },
      {
        id: 'live-2',
        type: 'agent.state',
        at: new Date(now).toISOString(),
        service: SERVICE,
        agent: 'SIP/8003',
        state: 'ready',
      },
    ]);
    await Promise.all([
      services.waitForFunction(
        () =>
          document.querySelector('.view-services [data-field="waiting"]')?.textContent === '3' &&
          document.querySelector('.view-services [data-field="inbound"]')?.textContent === '11',
        undefined,
        { ...POLL, timeout: 1000 },
      ),
      agents.waitForFunction(
        () => document.querySelector('.view-agents [data-field="ready"]')?.textContent === '3',
        undefined,
        { ...POLL, timeout: 1000 },
      ),
    ]);
    expect(await agents.locator('#reconnecting').isHidden()).toBe(true);
    await services.close();
    await agents.close();
  });

  it('/wallboard alternates the service and agent views every 5 s; the pop-out pages stay put', async () => {
    const single = await open('/wallboard/services');
    const page = await open('/wallboard');
    // Timed by the page's own clock, so a slow test machine does not blur what is measured.
    await page.evaluate(() => {
      const recorder = globalThis as unknown as Recorder;
      recorder.viewSwitches = [];
      new MutationObserver(() => recorder.viewSwitches.push(performance.now())).observe(document.body, {
        attributes: true,
        attributeFilter: ['data-view'],
      });
    });
    await page.waitForFunction(
      () => document.querySelector('.view-services [data-field="inbound"]')?.textContent === '11',
      undefined,
      POLL,
    );
    expect(await page.evaluate(() => document.body.dataset.view)).toBe('services');
    expect(await page.locator('.view-services').isVisible()).toBe(true);
    expect(await page.locator('.view-agents').isVisible()).toBe(false);

    await page.waitForFunction(() => document.body.dataset.view === 'agents', undefined, {
      ...POLL,
      timeout: 8000,
    });
    expect(await page.locator('.view-agents').isVisible()).toBe(true);
    expect(await page.locator('.view-services').isVisible()).toBe(false);
    expect(await page.locator('.view-agents [data-field="loggedIn"]').innerText()).toBe('8');

    await page.waitForFunction(
      () => (globalThis as unknown as Recorder).viewSwitches.length >= 2,
      undefined,
      { ...POLL, timeout: 8000 },
    );
    const [first, second] = await page.evaluate(() => (globalThis as unknown as Recorder).viewSwitches);
    // First switch 5 s after the page started (plus the time to load it); the next 5 s after that.
    expect(first).toBeGreaterThanOrEqual(5000);
    expect(first).toBeLessThan(7000);
    expect(second! - first!).toBeGreaterThan(4500);
    expect(second! - first!).toBeLessThan(6000);
    expect(await page.evaluate(() => document.body.dataset.view)).toBe('services');
    expect(await single.evaluate(() => document.body.dataset.view)).toBe('services');
    await page.close();
    await single.close();
  });

  it('without a link shows the 401 page (status 401), in Korean and English', async () => {
    const stranger = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const page = await stranger.newPage();
      const response = await page.goto(`${app.url}/wallboard`);
      expect(response?.status()).toBe(401);
      const shown = await page.locator('.denied').innerText();
      expect(shown).toContain('링크가 없거나 만료되었습니다');
      expect(shown).toContain('This wallboard link is missing or expired');
      expect(await page.locator('.board').isVisible()).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, 'wallboard-401.png') });
    } finally {
      await stranger.close();
    }
  });

  it('the pages raised no console or script errors (nothing blocked by the content security policy)', () => {
    expect(problems).toEqual([]);
  });

  // Last: it stops the server.
  it('shows a discreet "reconnecting" badge when the stream drops', async () => {
    const page = await open('/wallboard/services');
    await page.waitForFunction(
      () => document.querySelector('[data-field="inbound"]')?.textContent === '11',
      undefined,
      POLL,
    );
    expect(await page.locator('#reconnecting').isHidden()).toBe(true);
    await app.close();
    await page.locator('#reconnecting').waitFor({ state: 'visible', timeout: 5000 });
    expect(await page.locator('#reconnecting').innerText()).toBe('재연결 중…');
    // The last figures stay on screen meanwhile.
    expect(await text(page, 'services', 'inbound')).toBe('11');
  });
});
