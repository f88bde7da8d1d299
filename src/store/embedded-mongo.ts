import { spawn, execFile } from 'node:child_process';
import { mkdir, readFile, writeFile, stat, rm, open } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { projectRoot } from '../project-root.js';

/**
 * The database ladder of TESTING.md for when no MONGODB_URL is given:
 *   1. a running embedded server from an earlier `npm start` / CLI call on the same data directory (shared),
 *   2. a real mongod via mongodb-memory-server, where one can be downloaded or is cached,
 *   3. FerretDB v1 (MongoDB wire protocol over SQLite) built once from the Go module proxy.
 * `persistent` keeps data in `dataDir` across restarts; otherwise everything lives in a throwaway directory.
 */
export interface EmbeddedMongo {
  url: string;
  kind: 'mongod' | 'ferretdb' | 'shared';
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  dataDir: string;
  persistent: boolean;
  log: (line: string) => void;
  /** Skip rung 2 (tests do, to keep runs identical on every machine). */
  ferretOnly?: boolean;
  /**
   * Whether another process (the CLI next to `npm start`) may reuse the server this call starts. Short-lived
   * processes pass false: a server they started ends with them, so nobody may come to depend on it.
   */
  shareable?: boolean;
  /** A fixed port (FerretDB only); fault tests restart the database where the app expects it. */
  port?: number;
}

const STATE_FILE = 'embedded-mongo.json';
const MONGOD_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export function cacheDir(): string {
  return (
    process.env.SWITCHBOARD_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'switchboard')
  );
}

export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });

  if (options.persistent) {
    const running = await findRunningServer(dataDir);
    if (running) {
      options.log(`embedded database: reusing the one already running for ${dataDir} (${running})`);
      return { url: running, kind: 'shared', stop: async () => {} };
    }
  }

  const wantMongod = !options.ferretOnly && process.env.SWITCHBOARD_EMBEDDED_DB !== 'ferretdb';
  if (wantMongod && !(await mongodRecentlyUnavailable())) {
    try {
      return await startMongod(dataDir, options);
    } catch (error) {
      options.log(`embedded database: no mongod available (${firstLine(error)}); using FerretDB instead`);
      await mkdir(cacheDir(), { recursive: true });
      await writeFile(join(cacheDir(), 'mongod-unavailable'), new Date().toISOString());
    }
  }
  return startFerret(dataDir, options);
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .slice(0, 200);
}

async function mongodRecentlyUnavailable(): Promise<boolean> {
  try {
    const s = await stat(join(cacheDir(), 'mongod-unavailable'));
    return Date.now() - s.mtimeMs < MONGOD_RETRY_AFTER_MS;
  } catch {
    return false;
  }
}

async function findRunningServer(dataDir: string): Promise<string | undefined> {
  try {
    const state = JSON.parse(await readFile(join(dataDir, STATE_FILE), 'utf8')) as {
      url: string;
      pid: number;
    };
    process.kill(state.pid, 0);
    const client = new MongoClient(state.url, { serverSelectionTimeoutMS: 1500 });
    try {
      await client.db('admin').command({ ping: 1 });
      return state.url;
    } finally {
      await client.close();
    }
  } catch {
    return undefined;
  }
}

async function startMongod(dataDir: string, options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  // Imported lazily: it is only needed on this rung.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = join(dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: options.persistent ? { dbPath, storageEngine: 'wiredTiger' } : {},
  });
  const url = server.getUri();
  const pid = server.instanceInfo?.instance.mongodProcess?.pid;
  if (sharesState(options) && pid)
    await writeFile(join(dataDir, STATE_FILE), JSON.stringify({ url, pid, kind: 'mongod' }));
  options.log(`embedded database: mongod at ${url}${options.persistent ? ` (data in ${dbPath})` : ''}`);
  return {
    url,
    kind: 'mongod',
    stop: async () => {
      await server.stop({ doCleanup: !options.persistent });
      if (sharesState(options)) await rm(join(dataDir, STATE_FILE), { force: true });
    },
  };
}

export async function buildFerretDb(log: (line: string) => void): Promise<string> {
  const script = join(projectRoot(), 'scripts', 'build-ferretdb.sh');
  return new Promise((resolvePath, reject) => {
    const child = execFile('bash', [script], { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error)
        return reject(
          new Error(`could not build FerretDB (${firstLine(error)}); set MONGODB_URL to use another MongoDB`),
        );
      const lines = stdout.trim().split('\n');
      resolvePath(lines[lines.length - 1]!);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line.trim());
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Only long-lived, persistent servers are advertised for reuse (see `shareable`). */
function sharesState(options: EmbeddedMongoOptions): boolean {
  return options.persistent && options.shareable !== false;
}

async function waitForPort(port: number, deadline: number, hasExited: () => boolean): Promise<void> {
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('FerretDB exited before it listened');
    const ok = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`FerretDB did not listen on port ${port} in time`);
}

async function startFerret(dataDir: string, options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const binary = await buildFerretDb(options.log);
  const sqliteDir = join(dataDir, 'ferretdb');
  await mkdir(sqliteDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const logFile = await open(join(dataDir, 'ferretdb.log'), 'a');
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${sqliteDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      '--state-dir=-',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    // Own process group: a Ctrl-C in the terminal reaches us first, and we stop FerretDB after our own
    // shutdown has flushed its last writes. GOGC=400: decoding documents makes short-lived garbage, and collecting
    // at five times the live heap (tens of MB) instead of twice cut FerretDB's CPU time by about 15 % in our
    // benchmarks. An operator's own GOGC wins.
    {
      stdio: ['ignore', logFile.fd, logFile.fd],
      detached: true,
      env: { ...process.env, GOGC: process.env.GOGC ?? '400' },
    },
  );
  let exited = false;
  child.once('exit', () => {
    exited = true;
    void logFile.close();
  });
  try {
    await waitForPort(port, Date.now() + 20_000, () => exited);
  } catch (error) {
    if (!exited) child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; see ${join(dataDir, 'ferretdb.log')}`);
  }
  const url = `mongodb://127.0.0.1:${port}/`;
  if (sharesState(options)) {
    await writeFile(join(dataDir, STATE_FILE), JSON.stringify({ url, pid: child.pid, kind: 'ferretdb' }));
  }
  options.log(`embedded database: FerretDB at ${url} (data in ${sqliteDir})`);
  return {
    url,
    kind: 'ferretdb',
    stop: async () => {
      if (sharesState(options)) await rm(join(dataDir, STATE_FILE), { force: true });
      if (exited) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    },
  };
}
