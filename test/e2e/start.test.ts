import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDist } from '../support/build.js';
import { testMongoUrl } from '../support/database.js';
import { freePort } from '../support/free-port.js';

/**
 * `npm start` as a person runs it: a real process on the embedded database ladder (no MONGODB_URL), stopped with
 * Ctrl-C (SIGINT to the whole process group, as a terminal sends it).
 */
const ROOT = join(import.meta.dirname, '..', '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

function npmStart(env: Record<string, string>): Started {
  const cleanEnv = { ...process.env };
  delete cleanEnv.MONGODB_URL;
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...cleanEnv, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  let signalledAt = 0;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.once('exit', (code, signal) =>
      resolve({ code, signal, ms: signalledAt ? Date.now() - signalledAt : 0 }),
    ),
  );
  const originalKill = child.kill.bind(child);
  child.kill = ((signal?: NodeJS.Signals) => {
    signalledAt = Date.now();
    process.kill(-child.pid!, signal ?? 'SIGINT');
    return true;
  }) as typeof child.kill;
  void originalKill;
  return { child, output: () => output, exited };
}

async function waitFor(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === status) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
}

function cli(dataDir: string, args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.MONGODB_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'cli.ts'), ...args],
      { cwd: ROOT, env },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`cli exited ${code}`))));
  });
}

describe('npm start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('PORT=abc exits non-zero with one line naming PORT', async () => {
    const started = npmStart({ PORT: 'abc' });
    const { code } = await started.exited;
    expect(code).not.toBe(0);
    const ours = started
      .output()
      .split('\n')
      .filter((l) => l.includes('PORT') && !l.startsWith('>') && !l.startsWith('npm'));
    expect(ours).toEqual(['PORT must be an integer 1-65535, got "abc"']);
  }, 120_000);

  it('runs on embedded defaults, is ready, stops cleanly on Ctrl-C, and keeps its data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-e2e-'));
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;

    const first = npmStart({ PORT: String(port), DATA_DIR: dataDir });
    await waitFor(`${base}/readyz`, 200, 150_000);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(first.output()).toContain('Slack is off');
    expect(first.output()).toContain('Teams is off');

    // The CLI finds the running embedded database and writes through it.
    const service = JSON.parse(
      (await cli(dataDir, ['service', 'create', '--name', '재시작 테스트', '--json']))
        .trim()
        .split('\n')
        .pop()!,
    ) as { id: string };
    const key = JSON.parse(
      (await cli(dataDir, ['apikey', 'create', '--service', service.id, '--json'])).trim().split('\n').pop()!,
    ) as { key: string };
    expect(
      (await fetch(`${base}/api/v1/service`, { headers: { authorization: `Bearer ${key.key}` } })).status,
    ).toBe(200);

    first.child.kill('SIGINT');
    const stopped = await first.exited;
    // npm re-raises the SIGINT it got once its child is done (a shell shows 130); Switchboard itself says it stopped.
    expect(stopped.code === 0 || stopped.signal === 'SIGINT').toBe(true);
    expect(first.output()).toMatch(/"msg":"stopped"/);
    expect(stopped.ms).toBeLessThan(10_000);
    await waitFor(`${base}/healthz`, -1, 1000).catch(() => undefined);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    const second = npmStart({ PORT: String(port), DATA_DIR: dataDir });
    await waitFor(`${base}/readyz`, 200, 150_000);
    const after = await fetch(`${base}/api/v1/service`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ id: service.id, name: '재시작 테스트' });
    second.child.kill('SIGINT');
    await second.exited;
    expect(second.output()).toMatch(/"msg":"stopped"/);
  }, 300_000);

  it('the built server writes list exports in its compiled worker thread', async () => {
    // The worker is a file of its own in dist/, found next to list-exports.js. This test builds dist/ itself
    // rather than rely on `npm start` in another test having built it first.
    await buildDist();
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-e2e-export-'));
    dirs.push(dir);
    const script = `
      const { workerListExports } = await import(${JSON.stringify(
        pathToFileURL(join(ROOT, 'dist', 'src', 'exports', 'list-exports.js')).href,
      )});
      const { listExportRowsIn } = await import(${JSON.stringify(
        pathToFileURL(join(ROOT, 'dist', 'src', 'store', 'list-export-rows.js')).href,
      )});
      const exports = workerListExports(listExportRowsIn({ mongodbUrl: process.env.TEST_URL, dbName: 'e2e_export' }));
      const written = await exports.write(
        { serviceId: 'svc_none' },
        { locale: 'ko', timeZone: 'Asia/Seoul', names: new Map(), directory: ${JSON.stringify(dir)} },
      );
      console.log(JSON.stringify(written));`;
    await writeFile(join(dir, 'export.mjs'), script);
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [join(dir, 'export.mjs')], {
        cwd: ROOT,
        env: { ...process.env, TEST_URL: testMongoUrl() },
      });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.once('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`exited ${code}: ${text}`)),
      );
    });
    const written = JSON.parse(out.trim().split('\n').pop()!) as { path: string; rows: number };
    expect(written.rows).toBe(0);
    // Written in the folder this test gave it, not the shared temp folder other test files look into.
    expect(dirname(written.path)).toBe(dir);
    expect((await stat(written.path)).size).toBeGreaterThan(0);
  }, 240_000);
});
