import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli, runScript } from '../support/cli.js';
import { freePort } from '../support/free-port.js';

/**
 * The wall page without Slack: an operator prints links with `npm run cli -- wallboard link` (screen links listed
 * and revoked as in Slack), and `npm run simulate` prints a working link for its demo service.
 */
describe('wall page links from the CLI and the simulator', () => {
  let app: TestApp;
  let serviceId: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(app.dbName, args, env);
  /** The printed URL, asked of this test's server (the CLI prints PUBLIC_URL, which is that server). */
  const open = (url: string) => fetch(url, { redirect: 'manual' });

  beforeAll(async () => {
    app = await startTestApp();
    env = { PUBLIC_URL: app.url };
    const created = await cli('service', 'create', '--name', '고객센터 Acme', '--json');
    expect(created.code).toBe(0);
    serviceId = (JSON.parse(created.stdout) as { id: string }).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('wallboard link prints a URL that opens the wall page for 8 hours', async () => {
    const printed = await cli('wallboard', 'link', '--service', serviceId);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout).toMatch(/^wall page link, valid until \S+:\n/);
    const url = /(http:\/\/\S+\/wallboard\?token=\S+)/.exec(printed.stdout)?.[1];
    expect(url?.startsWith(`${app.url}/wallboard?token=`)).toBe(true);
    const page = await open(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('고객센터 Acme');

    const json = await cli('wallboard', 'link', '--service', serviceId, '--json');
    const link = JSON.parse(json.stdout) as { url: string; expiresAt: string };
    const hours = (Date.parse(link.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    const data = await open(link.url.replace('/wallboard?', '/wallboard/data?'));
    expect(data.status).toBe(200);
    expect(((await data.json()) as { services: { id: string }[] }).services.map((s) => s.id)).toEqual([
      serviceId,
    ]);
  }, 90_000);

  it('--screen NAME gives a year-long link, listed and revoked like /wallboard link in Slack', async () => {
    const made = await cli('wallboard', 'link', '--service', serviceId, '--screen', 'Lobby TV', '--json');
    expect(made.code).toBe(0);
    const screen = JSON.parse(made.stdout) as { url: string; id: string; label: string; expiresAt: string };
    expect(screen.label).toBe('Lobby TV');
    expect((Date.parse(screen.expiresAt) - Date.now()) / 86_400_000).toBeGreaterThan(364);
    expect((await open(screen.url)).status).toBe(200);

    const listed = await cli('wallboard', 'link', 'list', '--service', serviceId);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${screen.id}  Lobby TV  until `);

    const revoked = await cli('wallboard', 'link', 'revoke', '--service', serviceId, '--id', screen.id);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${screen.id}\n` });
    const page = await open(screen.url);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('This wallboard link was revoked by an admin');
    expect((await cli('wallboard', 'link', 'list', '--service', serviceId)).stdout).toBe(
      '(no screen links)\n',
    );
  }, 120_000);

  it('bad input gets one clear line and exit code 2', async () => {
    const cases: [string[], string][] = [
      [['wallboard', 'link'], '--service is required'],
      [['wallboard', 'link', '--service', 'svc_nope'], 'Service not found'],
      [['wallboard', 'link', '--service', serviceId, '--screen', ' '], '--screen needs a name'],
      [['wallboard', 'link', 'revoke', '--service', serviceId, '--id', 'wbl_nope'], 'wbl_nope'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(result.stderr).toContain(message);
    }
  }, 120_000);

  it('npm run simulate prints a working wall link for its demo service', async () => {
    const simulated = await runScript(
      'simulate.ts',
      app.dbName,
      ['--url', app.url, '--agents', '2', '--rate', '30', '--duration', '2'],
      { FAKE_NHN_PORT: String(await freePort()) },
    );
    // (The whole output is shown should it fail.)
    expect(simulated).toMatchObject({ code: 0 });
    const url = /wall page \(valid 8 hours\): (\S+)/.exec(simulated.stdout)?.[1];
    expect(url?.startsWith(`${app.url}/wallboard?token=`)).toBe(true);
    const page = await open(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('데모 고객센터');
    const data = await open(url!.replace('/wallboard?', '/wallboard/data?'));
    expect(((await data.json()) as { services: { name: string }[] }).services[0]?.name).toBe('데모 고객센터');
  }, 90_000);
});
