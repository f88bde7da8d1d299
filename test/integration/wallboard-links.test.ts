import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import type { Database } from '../../src/store/database.js';
import { connectDatabase } from '../../src/store/database.js';
import { createStore, type Store } from '../../src/store/index.js';
import type { MemberDoc } from '../../src/domain/members.js';
import { memberActor, type Actor } from '../../src/usecases/actor.js';
import {
  issueWallboardLink,
  listWallboardLinks,
  LONG_LINK_MS,
  revokeWallboardLink,
  SHORT_LINK_MS,
  verifyWallboardToken,
} from '../../src/usecases/wallboard-links.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { openTestStore, testMongoUrl } from '../support/database.js';

const member = (store: Store, serviceId: string, name: string, role: 'admin' | 'member') =>
  store.members.create({
    serviceId,
    displayName: name,
    role,
    permissions: { phone: false, callbackAssign: false, sms: false },
    identities: [`slack:T1:${name}`],
    ctiAgentId: null,
  });

/** Flips one character of a base64url string, so it still decodes but says something else. */
function flip(part: string, at = 2): string {
  const c = part[at]!;
  return part.slice(0, at) + (c === 'A' ? 'B' : 'A') + part.slice(at + 1);
}

describe('wallboard links: issue, verify, expire, revoke', () => {
  let database: Database;
  let store: Store;
  let serviceId: string;
  const actors: Record<string, Actor | undefined> = {};

  beforeAll(async () => {
    ({ database, store } = await openTestStore('wblinks'));
    serviceId = (await store.services.create('고객지원', defaultServiceSettings()))._id;
    const otherServiceId = (await store.services.create('Other brand', defaultServiceSettings()))._id;
    actors.admin = memberActor(await member(store, serviceId, 'UADMIN', 'admin'), 'slack');
    actors.member = memberActor(await member(store, serviceId, 'UMEMBER', 'member'), 'slack');
    actors.adminOfAnotherService = memberActor(
      await member(store, otherServiceId, 'UOTHER', 'admin'),
      'slack',
    );
    actors.stranger = undefined;
    actors.operator = { kind: 'operator', name: 'ops' };
  });
  afterAll(async () => {
    await database.close();
  });

  const matrix: [who: string, longLived: boolean, expected: string][] = [
    ['admin', false, 'ok'],
    ['admin', true, 'ok'],
    ['member', false, 'ok'],
    ['member', true, 'forbidden'],
    ['adminOfAnotherService', false, 'not_member'],
    ['adminOfAnotherService', true, 'not_member'],
    ['stranger', false, 'not_member'],
    ['stranger', true, 'not_member'],
    ['operator', false, 'ok'],
    ['operator', true, 'ok'],
  ];
  it.each(matrix)('%s asking for a link (long-lived: %s) → %s', async (who, longLived, expected) => {
    const storedBefore = (await store.wallboardLinks.listByService(serviceId)).length;
    const result = await issueWallboardLink(store, actors[who], serviceId, { longLived });
    const storedAfter = (await store.wallboardLinks.listByService(serviceId)).length;
    if (expected !== 'ok') {
      expect(result).toMatchObject({ ok: false, problem: { code: expected } });
      expect(storedAfter).toBe(storedBefore);
      return;
    }
    if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
    expect(result.value.path).toBe(`/wallboard?token=${encodeURIComponent(result.value.token)}`);
    expect(await verifyWallboardToken(store, result.value.token)).toMatchObject({ serviceId });
    // Only long-lived links are stored (so they can be revoked); a member's own link is just signed.
    expect(storedAfter).toBe(storedBefore + (longLived ? 1 : 0));
    expect(result.value.linkId !== undefined).toBe(longLived);
  });

  it('refuses a member of the service a long-lived link, naming the admin-only rule', async () => {
    const result = await issueWallboardLink(store, actors.member, serviceId, { longLived: true });
    expect(result).toEqual({ ok: false, problem: { code: 'forbidden', message: 'refusal.adminOnly' } });
  });

  it('answers not_found for a service that does not exist', async () => {
    const result = await issueWallboardLink(store, actors.operator, 'svc_nope', {});
    expect(result).toMatchObject({ ok: false, problem: { code: 'not_found' } });
  });

  it('a short link lasts 8 hours and a long-lived one 365 days, to the second', async () => {
    const now = new Date('2030-03-01T09:00:00.000Z');
    const short = await issueWallboardLink(store, actors.member, serviceId, { now });
    const long = await issueWallboardLink(store, actors.admin, serviceId, { longLived: true, now });
    if (!short.ok || !long.ok) throw new Error('refused');
    expect(short.value.expiresAt.getTime() - now.getTime()).toBe(SHORT_LINK_MS);
    expect(long.value.expiresAt.getTime() - now.getTime()).toBe(LONG_LINK_MS);

    const justBefore = new Date(short.value.expiresAt.getTime() - 1000);
    expect(await verifyWallboardToken(store, short.value.token, justBefore)).toEqual({
      serviceId,
      expiresAt: short.value.expiresAt,
      memberId: actors.member?.kind === 'member' ? actors.member.member._id : 'a member',
    });
    expect(await verifyWallboardToken(store, short.value.token, short.value.expiresAt)).toEqual({
      error: 'expired',
    });
    const yearLater = new Date(long.value.expiresAt.getTime() + 1);
    expect(await verifyWallboardToken(store, long.value.token, yearLater)).toEqual({ error: 'expired' });
  });

  it('refuses tampered, truncated and foreign tokens as invalid', async () => {
    const issued = await issueWallboardLink(store, actors.member, serviceId, {});
    if (!issued.ok) throw new Error('refused');
    const [payload, signature] = issued.value.token.split('.') as [string, string];
    // Another service id (or a later expiry) in the payload, with the original signature.
    const forged = Buffer.from(
      JSON.stringify({ s: 'svc_someoneelse', e: Math.floor(Date.now() / 1000) + 3600 }),
    ).toString('base64url');
    const tokens = [
      `${forged}.${signature}`,
      `${flip(payload)}.${signature}`,
      `${payload}.${flip(signature)}`,
      `${payload}.${signature.slice(0, -4)}`,
      `${payload}.`,
      payload,
      `${payload}.${signature}.extra`,
      'not a token',
      '',
    ];
    for (const token of tokens)
      expect({ token, result: await verifyWallboardToken(store, token) }).toEqual({
        token,
        result: { error: 'invalid' },
      });
  });

  it('an admin revokes a long-lived link; it stops working at once, and revoking twice says not found', async () => {
    const issued = await issueWallboardLink(store, actors.admin, serviceId, {
      longLived: true,
      label: 'Lobby TV',
    });
    if (!issued.ok || !issued.value.linkId) throw new Error('refused');
    const linkId = issued.value.linkId;
    expect(await verifyWallboardToken(store, issued.value.token)).toMatchObject({ serviceId, linkId });

    expect(await revokeWallboardLink(store, actors.member, serviceId, linkId)).toMatchObject({
      ok: false,
      problem: { code: 'forbidden' },
    });
    expect(await revokeWallboardLink(store, actors.adminOfAnotherService, serviceId, linkId)).toMatchObject({
      ok: false,
      problem: { code: 'not_member' },
    });
    expect(await verifyWallboardToken(store, issued.value.token)).toMatchObject({ serviceId });

    const revoked = await revokeWallboardLink(store, actors.admin, serviceId, linkId);
    expect(revoked).toMatchObject({ ok: true, value: { _id: linkId, label: 'Lobby TV' } });
    expect(await verifyWallboardToken(store, issued.value.token)).toEqual({ error: 'revoked' });
    expect(await revokeWallboardLink(store, actors.admin, serviceId, linkId)).toMatchObject({
      ok: false,
      problem: { code: 'not_found', message: 'wallboardLink.notFound', params: { id: linkId } },
    });

    const audit = await store.audit.listByService(serviceId, 1000);
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'wallboard.linkIssued',
        'wallboard.longLinkIssued',
        'wallboard.longLinkRevoked',
      ]),
    );
  });

  it('lists the long-lived links of a service to its admins only', async () => {
    const listed = await listWallboardLinks(store, actors.admin, serviceId);
    if (!listed.ok) throw new Error('refused');
    expect(listed.value.length).toBeGreaterThan(0);
    expect(listed.value.every((l) => l.serviceId === serviceId)).toBe(true);
    expect(listed.value.some((l) => l.revokedAt !== null)).toBe(true);
    expect(await listWallboardLinks(store, actors.member, serviceId)).toMatchObject({
      ok: false,
      problem: { code: 'forbidden' },
    });
    expect(await listWallboardLinks(store, actors.stranger, serviceId)).toMatchObject({
      ok: false,
      problem: { code: 'not_member' },
    });
  });

  it('two instances starting at once agree on one signing secret', async () => {
    const connections = await Promise.all(
      [1, 2, 3].map(() => connectDatabase(testMongoUrl(), { dbName: database.db.databaseName })),
    );
    try {
      // Fresh stores: nothing cached, and a secret of its own name, so all of them race to create it.
      const stores = connections.map((c) => createStore(c.db));
      const secrets = await Promise.all(stores.map((s) => s.secrets.getOrCreate('race-test')));
      expect(secrets[0]!.length).toBe(32);
      expect(secrets.map((s) => s.toString('hex'))).toEqual(Array(3).fill(secrets[0]!.toString('hex')));

      const issued = await issueWallboardLink(stores[0]!, actors.member, serviceId, {});
      if (!issued.ok) throw new Error('refused');
      expect(await verifyWallboardToken(stores[1]!, issued.value.token)).toMatchObject({ serviceId });
      expect(await verifyWallboardToken(store, issued.value.token)).toMatchObject({ serviceId });
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  });
});

describe('wall page over HTTP: who gets in, and what they get', () => {
  let app: TestApp;
  let serviceId: string;
  let admin: MemberDoc;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    const service = await app.store.services.create(
      '<b>Support</b> & "Co"',
      defaultServiceSettings({ serviceLevelTargetPercent: 90, longWaitWarningSeconds: 45 }),
    );
    serviceId = service._id;
    admin = await member(app.store, serviceId, 'UADMIN', 'admin');
    const issued = await issueWallboardLink(app.store, memberActor(admin, 'slack'), serviceId, {});
    if (!issued.ok) throw new Error('refused');
    token = issued.value.token;
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { headers, redirect: 'manual' });

  it('without a link: a 401 page in both languages, with the security headers', async () => {
    const response = await get('/wallboard');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('링크가 없거나 만료되었습니다');
    expect(html).toContain('This wallboard link is missing or expired');
    expect(html).not.toContain('<script type="module"');
    for (const path of ['/wallboard/services', '/wallboard/agents', '/wallboard?token=garbage'])
      expect((await get(path)).status).toBe(401);
  });

  it('an expired link and a revoked link each say so', async () => {
    const expired = await issueWallboardLink(app.store, memberActor(admin, 'slack'), serviceId, {
      now: new Date(Date.now() - SHORT_LINK_MS - 60_000),
    });
    const long = await issueWallboardLink(app.store, memberActor(admin, 'slack'), serviceId, {
      longLived: true,
    });
    if (!expired.ok || !long.ok) throw new Error('refused');
    await revokeWallboardLink(app.store, memberActor(admin, 'slack'), serviceId, long.value.linkId!);

    const expiredPage = await get(expired.value.path);
    expect(expiredPage.status).toBe(401);
    expect(await expiredPage.text()).toContain('This wallboard link has expired');
    const revokedPage = await get(long.value.path);
    expect(revokedPage.status).toBe(401);
    expect(await revokedPage.text()).toContain('This wallboard link was revoked by an admin');
    const data = await get(`/wallboard/data?token=${encodeURIComponent(long.value.token)}`);
    expect(data.status).toBe(401);
    expect(((await data.json()) as { error: { code: string } }).error.code).toBe('link_revoked');
  });

  it('a member’s own link stops working, page and stream, once the member is removed from the service', async () => {
    const leaver = await member(app.store, serviceId, 'ULEAVER', 'member');
    const issued = await issueWallboardLink(app.store, memberActor(leaver, 'slack'), serviceId, {});
    if (!issued.ok) throw new Error('refused');
    const query = `token=${encodeURIComponent(issued.value.token)}`;
    expect((await get(`/wallboard?${query}`)).status).toBe(200);
    expect((await get(`/wallboard/data?${query}`)).status).toBe(200);
    // A link issued by the admin is not the leaver's: it keeps working.
    expect((await get(`/wallboard/data?token=${encodeURIComponent(token)}`)).status).toBe(200);

    await app.store.db.collection('members').deleteOne({ _id: leaver._id as never });

    expect(await verifyWallboardToken(app.store, issued.value.token)).toEqual({ error: 'member_removed' });
    const page = await get(`/wallboard?${query}`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('이 링크를 받은 멤버가 더 이상 서비스에 없습니다');
    expect(html).toContain('The member this link was issued to is no longer in the service');
    for (const path of ['/wallboard/data', '/wallboard/events']) {
      const response = await get(`${path}?${query}`);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('link_member_removed');
    }
    // The bookmark cookie carries the same token: no way back in through it either.
    expect((await get('/wallboard', { cookie: `sb_wallboard=${issued.value.token}` })).status).toBe(401);
    expect((await get(`/wallboard/data?token=${encodeURIComponent(token)}`)).status).toBe(200);
  });

  it('with a link: the page (service name escaped), a cookie for the bookmark, and no inline code', async () => {
    const response = await get(`/wallboard?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^sb_wallboard=[\w-]+\.[\w-]+; Path=\/wallboard; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBeGreaterThan(SHORT_LINK_MS / 1000 - 60);
    expect(maxAge).toBeLessThanOrEqual(SHORT_LINK_MS / 1000);
    const html = await response.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('&lt;b&gt;Support&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('<b>Support</b>');
    expect(html).not.toMatch(/\{\{/);
    expect(html).toContain('대기 고객');
    expect(html).not.toMatch(/<script>|\sstyle=|\son[a-z]+=/);

    // The bookmark: the same browser comes back without the token in the address.
    const again = await get('/wallboard/agents', { cookie: cookie.split(';')[0]! });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('data-view="agents" data-rotate="false"');

    const english = await get(`/wallboard/services?lang=en&token=${encodeURIComponent(token)}`);
    const englishHtml = await english.text();
    expect(englishHtml).toContain('<html lang="en">');
    expect(englishHtml).toContain('Waiting');
  });

  it('serves the page’s own CSS and script', async () => {
    const html = await (await get(`/wallboard?token=${encodeURIComponent(token)}`)).text();
    const css = /href="(\/wallboard\/assets\/wallboard\.css\?v=\w+)"/.exec(html)![1]!;
    const js = /src="(\/wallboard\/assets\/wallboard\.js\?v=\w+)"/.exec(html)![1]!;
    const cssResponse = await get(css);
    expect(cssResponse.status).toBe(200);
    expect(cssResponse.headers.get('content-type')).toContain('text/css');
    const jsResponse = await get(js);
    expect(jsResponse.status).toBe(200);
    expect(jsResponse.headers.get('content-type')).toContain('text/javascript');
  });

  it('JSON snapshot and stream carry the figures and the service’s thresholds', async () => {
    const data = await get(`/wallboard/data?token=${encodeURIComponent(token)}`);
    expect(data.status).toBe(200);
    const body = (await data.json()) as { generatedAt: string; services: Record<string, unknown>[] };
    expect(body.services).toEqual([
      expect.objectContaining({
        id: serviceId,
        waiting: 0,
        thresholds: { serviceLevelTargetPercent: 90, longWaitWarningSeconds: 45 },
      }),
    ]);
    expect((await get('/wallboard/data')).status).toBe(401);
    expect((await get('/wallboard/events')).status).toBe(401);

    const controller = new AbortController();
    const stream = await fetch(`${app.url}/wallboard/events?token=${encodeURIComponent(token)}`, {
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('event: snapshot\ndata: ') || !text.endsWith('\n\n'))
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const snapshot = JSON.parse(/event: snapshot\ndata: (.*)\n\n/.exec(text)![1]!) as typeof body;
    expect(snapshot.services[0]).toMatchObject({ id: serviceId, thresholds: { longWaitWarningSeconds: 45 } });
  });
});
