/**
 * `npm run bench -- startup`: time from process start to `/readyz` 200 and idle memory, for `node dist/src/main.js`
 * on the embedded database (FerretDB binary already cached), against the ceiling of a bare Fastify process
 * answering its first request, measured in the same run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';
import { buildFerretDb } from '../../src/store/embedded-mongo.js';

const ROOT = projectRoot();
const RUNS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function timeUntilReady(command: string, args: string[], env: Record<string, string>, url: string) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) break;
    } catch {
      // not yet listening
    }
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const appRss = await rssMb(child.pid!);
  let dbRss = 0;
  for (const pid of childPids(child.pid!)) dbRss += await rssMb(pid).catch(() => 0);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms, appRss, dbRss };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStartup(): Promise<void> {
  process.stdout.write('building (npm run build) and making sure FerretDB is cached…\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  await buildFerretDb(() => {});

  const bareFile = join(await mkdtemp(join(tmpdir(), 'bench-bare-')), 'bare.mjs');
  await writeFile(
    bareFile,
    `import Fastify from '${join(ROOT, 'node_modules', 'fastify', 'fastify.js')}';\n` +
      `const app = Fastify(); app.get('/readyz', async () => ({ ok: true }));\n` +
      `await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n` +
      `process.on('SIGTERM', () => app.close().then(() => process.exit(0)));\n`,
  );

  const ours: { ms: number; appRss: number; dbRss: number }[] = [];
  const bare: { ms: number; appRss: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-startup-'));
    const port = await freePort();
    ours.push(
      await timeUntilReady(
        process.execPath,
        [join(ROOT, 'dist', 'src', 'main.js')],
        {
          PORT: String(port),
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          MONGODB_URL: '',
          SWITCHBOARD_EMBEDDED_DB: 'ferretdb',
        },
        `http://127.0.0.1:${port}/readyz`,
      ),
    );
    await rm(dataDir, { recursive: true, force: true });
    const barePort = await freePort();
    bare.push(
      await timeUntilReady(
        process.execPath,
        [bareFile],
        { PORT: String(barePort) },
        `http://127.0.0.1:${barePort}/readyz`,
      ),
    );
  }

  const startMs = median(ours.map((r) => r.ms));
  const bareMs = median(bare.map((r) => r.ms));
  const rows = [
    ['process start → /readyz 200 (median of 3)', `${startMs.toFixed(0)} ms`],
    ['  runs', ours.map((r) => `${r.ms.toFixed(0)} ms`).join(', ')],
    ['bare Fastify process → first 200 (ceiling)', `${bareMs.toFixed(0)} ms`],
    ['ratio (ours / bare)', `${(startMs / bareMs).toFixed(2)}×`],
    ['idle RSS, Switchboard process', `${median(ours.map((r) => r.appRss)).toFixed(1)} MB`],
    ['idle RSS, embedded FerretDB', `${median(ours.map((r) => r.dbRss)).toFixed(1)} MB`],
    ['idle RSS, bare Fastify process', `${median(bare.map((r) => r.appRss)).toFixed(1)} MB`],
  ];
  const width = Math.max(...rows.map((r) => r[0]!.length));
  process.stdout.write(`\nstartup benchmark (${new Date().toISOString()}, node ${process.version})\n`);
  for (const [label, value] of rows) process.stdout.write(`  ${label!.padEnd(width)}  ${value}\n`);
}
