import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist } from '../support/build.js';
import { freePort } from '../support/free-port.js';

/**
 * The server killed with SIGKILL cannot stop the FerretDB it started (FerretDB runs in its own process group, so a
 * Ctrl-C reaches the server first). The next start must find that orphan by the pid file in the data directory and
 * end it, so there is exactly one FerretDB for the data directory, and none once the last server stops.
 */
const ROOT = join(import.meta.dirname, '..', '..');

function startServer(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port) };
  delete env.MONGODB_URL;
  // The built server itself, as `npm start` runs it after its build, in a process group of its own.
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...env, SWITCHBOARD_EMBEDDED_DB: 'ferretdb' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

async function waitForReady(port: number, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${output()}`);
}

/** The pids of FerretDB processes serving this data directory (matched by their --sqlite-url). */
function ferretProcesses(dataDir: string): Promise<number[]> {
  return new Promise((resolve, reject) =>
    execFile('ps', ['-eo', 'pid=,args='], (error, stdout) => {
      if (error) return reject(error);
      resolve(
        stdout
          .split('\n')
          .filter(
            (line) => line.includes('ferretdb') && line.includes(`--sqlite-url=file:${dataDir}/ferretdb/`),
          )
          .map((line) => Number(line.trim().split(/\s+/)[0])),
      );
    }),
  );
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('a server killed with SIGKILL', () => {
  let dataDir = '';
  afterAll(async () => {
    for (const pid of dataDir ? await ferretProcesses(dataDir) : []) process.kill(pid, 'SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves exactly one FerretDB after the next start, and none after that one stops', async () => {
    await buildDist();
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-kill9-'));
    const port = await freePort();

    const first = startServer(dataDir, port);
    await waitForReady(port, 150_000, first.output);
    const state = JSON.parse(await readFile(join(dataDir, 'embedded-mongo.json'), 'utf8')) as {
      pid: number;
      owners: number[];
    };
    expect(state.owners).toEqual([first.child.pid]);
    expect(await ferretProcesses(dataDir)).toEqual([state.pid]);

    process.kill(-first.child.pid!, 'SIGKILL');
    await exited(first.child);
    // What the issue describes: the FerretDB of a killed server is still there.
    expect(await ferretProcesses(dataDir)).toEqual([state.pid]);

    const second = startServer(dataDir, port);
    await waitForReady(port, 150_000, second.output);
    expect(second.output()).toContain(
      `ending the ferretdb (pid ${state.pid}) left running by a server that was killed`,
    );
    const running = await ferretProcesses(dataDir);
    expect(running).toHaveLength(1);
    expect(running[0]).not.toBe(state.pid);

    process.kill(-second.child.pid!, 'SIGINT');
    await exited(second.child);
    expect(second.output()).toMatch(/"msg":"stopped"/);
    expect(await ferretProcesses(dataDir)).toEqual([]);
  }, 300_000);
});
