/**
 * `npm run bench -- startup`: time from process start to `/readyz` 200 and idle memory, for `node dist/src/main.js`
 * on the embedded database (FerretDB binary already cached, a new empty data directory each run: a first start,
 * so no stored events to replay), against the ceiling of a bare Fastify process answering its first request,
 * measured in the same run. Three runs, each starting both, alternating which goes first (so one's leftovers, such
 * as a FerretDB still exiting, slow both alike); every run's pair is printed, and the headline times and ratio
 * are those of the median run (the run whose ratio is the median). Idle RSS is that run's, with the highest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';
import { buildFerretDb } from '../../src/store/embedded-mongo.js';
import { medianPass, passRows, printReport } from './harness.js';

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

export async function benchStartup(): Promise<void> {
  process.stdout.write('building (npm run build) and making sure FerretDB is cached…\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  await buildFerretDb(() => {});

  const bareDir = await mkdtemp(join(tmpdir(), 'bench-bare-'));
  const bareFile = join(bareDir, 'bare.mjs');
  await writeFile(
    bareFile,
    `import Fastify from '${join(ROOT, 'node_modules', 'fastify', 'fastify.js')}';\n` +
      `const app = Fastify(); app.get('/readyz', async () => ({ ok: true }));\n` +
      `await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n` +
      `process.on('SIGTERM', () => app.close().then(() => process.exit(0)));\n`,
  );

  const startOurs = async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-startup-'));
    const port = await freePort();
    try {
      return await timeUntilReady(
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
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  const startBare = async () => {
    const barePort = await freePort();
    return timeUntilReady(
      process.execPath,
      [bareFile],
      { PORT: String(barePort) },
      `http://127.0.0.1:${barePort}/readyz`,
    );
  };
  const runs: { ours: Awaited<ReturnType<typeof startOurs>>; bare: Awaited<ReturnType<typeof startBare>> }[] =
    [];
  try {
    for (let i = 0; i < RUNS; i++) {
      if (i % 2) {
        const bare = await startBare();
        runs.push({ bare, ours: await startOurs() });
      } else {
        const ours = await startOurs();
        runs.push({ ours, bare: await startBare() });
      }
    }
  } finally {
    await rm(bareDir, { recursive: true, force: true });
  }

  // Lower is better here, and the ratio is ours / ceiling all the same.
  const pairs = runs.map((r) => ({ ours: r.ours.ms, ceiling: r.bare.ms }));
  const { index, ratio } = medianPass(pairs);
  const median = runs[index]!;
  const rss = (pick: (run: (typeof runs)[number]) => number) =>
    `${pick(median).toFixed(1)} MB (highest ${Math.max(...runs.map(pick)).toFixed(1)} MB)`;
  const rows: [string, string, string, string][] = [
    [`process start → /readyz 200 (median run of ${RUNS})`, `${median.ours.ms.toFixed(0)} ms`, '', ''],
    ['bare Fastify process → first 200 (ceiling)', `${median.bare.ms.toFixed(0)} ms`, '', ''],
    ["ratio ours / bare (times above are that run's)", `${ratio.toFixed(2)}×`, '', ''],
    ...passRows(pairs, (ms) => `${ms.toFixed(0)} ms`, index, 'run'),
    ['idle RSS, Switchboard process', rss((r) => r.ours.appRss), '', ''],
    ['idle RSS, embedded FerretDB', rss((r) => r.ours.dbRss), '', ''],
    ['idle RSS, bare Fastify process', rss((r) => r.bare.appRss), '', ''],
  ];
  printReport(`startup benchmark (${new Date().toISOString()}, node ${process.version})`, rows);
}
