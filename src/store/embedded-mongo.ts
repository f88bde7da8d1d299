import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile, stat, rm, open } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { projectRoot } from '../project-root.js';
import { ProcessSupervisor, type SupervisedState, type SupervisionOptions } from './process-supervisor.js';
import { pingWire } from './wire-ping.js';

/**
 * The database ladder (docs/operations.md) for when no MONGODB_URL is given:
 *   1. a running embedded server from an earlier `npm start` / CLI call on the same data directory (shared),
 *   2. a real mongod via mongodb-memory-server, where one can be downloaded or is cached,
 *   3. FerretDB v1 (MongoDB wire protocol over SQLite) built once from the Go module proxy.
 * `persistent` keeps data in `dataDir` across restarts; otherwise everything lives in a throwaway directory.
 */
export interface EmbeddedMongo {
  url: string;
  kind: 'mongod' | 'ferretdb' | 'shared';
  /**
   * FerretDB is supervised (restarted when it dies or freezes; `failed` once it gave up). A shared server belongs
   * to the process that started it, and mongod to mongodb-memory-server: both always say `running`.
   */
  state(): SupervisedState;
  /** The server process we run, while it runs (fault tests kill or stop it). */
  pid(): number | undefined;
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
  /** How FerretDB is kept alive (fault tests shorten the pauses and limits). */
  supervision?: SupervisionOptions;
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
    const running = await findRunningServer(dataDir, options.log);
    if (running) {
      options.log(`embedded database: reusing the one already running for ${dataDir} (${running.url})`);
      if (sharesState(options))
        await updateState(dataDir, (state) => ({ ...state, owners: [...state.owners, process.pid] }));
      return {
        url: running.url,
        kind: 'shared',
        state: () => 'running',
        pid: () => undefined,
        stop: async () => {
          if (sharesState(options) && (await leaveAsOwner(dataDir)))
            await endServer(running.pid, options.log);
        },
      };
    }
  }

  const wantMongod = !options.ferretOnly && process.env.SWITCHBOARD_EMBEDDED_DB !== 'ferretdb';
  if (wantMongod && !(await mongodRecentlyUnavailable())) {
    try {
      return await startMongod(dataDir, options);
    } catch (error) {
      // One line, not mongodb-memory-server's stack: on most machines without internet this is the expected way.
      options.log(
        error instanceof Error && error.constructor.name === 'DownloadError'
          ? 'embedded database: no MongoDB download possible here; using the embedded FerretDB instead'
          : `embedded database: no mongod available (${firstLine(error)}); using the embedded FerretDB instead`,
      );
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

/**
 * What `embedded-mongo.json` in a persistent data directory says: the server's url and pid, and the pids of the
 * `npm start` processes that use it (its owners). The last owner out stops the server; a server whose owners are
 * all gone (killed with SIGKILL, so they could not stop it) is stale, and the next start ends it. A pid file, not
 * "FerretDB exits when its parent's pipe closes": that would need a patch to FerretDB's behaviour, and it could
 * not let a second process share the server.
 */
interface ServerState {
  url: string;
  pid: number;
  kind: 'mongod' | 'ferretdb';
  owners: number[];
}

async function readState(dataDir: string): Promise<ServerState | undefined> {
  try {
    const state = JSON.parse(await readFile(join(dataDir, STATE_FILE), 'utf8')) as Partial<ServerState>;
    if (typeof state.url !== 'string' || typeof state.pid !== 'number') return undefined;
    // A file from before owners were recorded: its starter is taken to be alive (it was never checked).
    return { kind: 'ferretdb', ...state, owners: state.owners ?? [] } as ServerState;
  } catch {
    return undefined;
  }
}

async function writeState(dataDir: string, state: ServerState): Promise<void> {
  await writeFile(join(dataDir, STATE_FILE), JSON.stringify(state));
}

async function updateState(dataDir: string, change: (state: ServerState) => ServerState): Promise<void> {
  const state = await readState(dataDir);
  if (state) await writeState(dataDir, change(state));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes this process from the owners; true when nobody else alive still uses the server. */
async function leaveAsOwner(dataDir: string): Promise<boolean> {
  const state = await readState(dataDir);
  if (!state) return false;
  const others = state.owners.filter((pid) => pid !== process.pid && isAlive(pid));
  if (others.length > 0) {
    await writeState(dataDir, { ...state, owners: others });
    return false;
  }
  await rm(join(dataDir, STATE_FILE), { force: true });
  return true;
}

/** The command line of a process, to be sure a recorded pid is still our database and not a reused number. */
async function commandLine(pid: number): Promise<string> {
  return new Promise((resolveArgs) =>
    execFile('ps', ['-o', 'args=', '-p', String(pid)], (error, stdout) =>
      resolveArgs(error ? '' : stdout.trim()),
    ),
  );
}

/** Stops a database server we do not hold as a child: SIGTERM, then SIGKILL after 3 s. */
async function endServer(pid: number, log: (line: string) => void): Promise<void> {
  const args = await commandLine(pid);
  if (!/ferretdb|mongod/.test(args)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 3000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) {
    log(`embedded database: pid ${pid} ignored SIGTERM; killing it`);
    process.kill(pid, 'SIGKILL');
  }
}

async function findRunningServer(
  dataDir: string,
  log: (line: string) => void,
): Promise<{ url: string; pid: number } | undefined> {
  const state = await readState(dataDir);
  if (!state) return undefined;
  if (!isAlive(state.pid)) {
    await rm(join(dataDir, STATE_FILE), { force: true });
    return undefined;
  }
  const owners = state.owners.filter(isAlive);
  if (state.owners.length > 0 && owners.length === 0) {
    log(
      `embedded database: ending the ${state.kind} (pid ${state.pid}) left running by a server that was killed`,
    );
    await endServer(state.pid, log);
    await rm(join(dataDir, STATE_FILE), { force: true });
    return undefined;
  }
  const client = new MongoClient(state.url, { serverSelectionTimeoutMS: 1500 });
  try {
    await client.db('admin').command({ ping: 1 });
    return { url: state.url, pid: state.pid };
  } catch {
    return undefined;
  } finally {
    await client.close();
  }
}

async function startMongod(dataDir: string, options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  // Imported lazily: it is only needed on this rung.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = join(dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  // The binary first: MongoMemoryServer.create() prints a 20-line stack of its own when the download fails,
  // and a machine without internet is an expected case here (the caller says so in one line).
  const { MongoBinary } = await import('mongodb-memory-server-core');
  const systemBinary = await MongoBinary.getPath();
  const server = await MongoMemoryServer.create({
    binary: { systemBinary },
    instance: options.persistent ? { dbPath, storageEngine: 'wiredTiger' } : {},
  });
  const url = server.getUri();
  const pid = server.instanceInfo?.instance.mongodProcess?.pid;
  if (sharesState(options) && pid)
    await writeState(dataDir, { url, pid, kind: 'mongod', owners: [process.pid] });
  options.log(`embedded database: mongod at ${url}${options.persistent ? ` (data in ${dbPath})` : ''}`);
  return {
    url,
    kind: 'mongod',
    state: () => 'running',
    pid: () => pid,
    stop: async () => {
      // The last one out stops it; while another `npm start` still uses it, it keeps running.
      if (sharesState(options) && !(await leaveAsOwner(dataDir))) return;
      await server.stop({ doCleanup: !options.persistent });
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

async function waitUntilAnswering(port: number, deadline: number, hasExited: () => boolean): Promise<void> {
  // A ping, not just a TCP connect: whatever else holds the port (an older FerretDB, another program) must not
  // pass for the database we started.
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('FerretDB exited before it answered');
    if (await pingWire(port, 1000)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`FerretDB did not answer on port ${port} in time`);
}

async function startFerret(dataDir: string, options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const binary = await buildFerretDb(options.log);
  const sqliteDir = join(dataDir, 'ferretdb');
  await mkdir(sqliteDir, { recursive: true });
  // Fixed for the life of this process: a restarted FerretDB comes back where the app's client expects it.
  const port = options.port ?? (await freePort());
  const url = `mongodb://127.0.0.1:${port}/`;
  const launch = async (): Promise<ChildProcess> => {
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
      // shutdown has flushed its last writes. GOGC=400: decoding documents makes short-lived garbage, and
      // collecting at five times the live heap (tens of MB) instead of twice cut FerretDB's CPU time by about
      // 15 % in our benchmarks. An operator's own GOGC wins.
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
      await waitUntilAnswering(port, Date.now() + 20_000, () => exited);
    } catch (error) {
      if (!exited) child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}; see ${join(dataDir, 'ferretdb.log')}`);
    }
    return child;
  };
  const recordPid = async (child: ChildProcess) => {
    if (sharesState(options) && child.pid !== undefined)
      await updateState(dataDir, (state) => ({ ...state, pid: child.pid! }));
  };
  const supervisor = new ProcessSupervisor(
    {
      name: 'FerretDB',
      launch,
      ping: (timeoutMs) => pingWire(port, timeoutMs),
      log: options.log,
      onRestarted: recordPid,
    },
    options.supervision,
  );
  await supervisor.start();
  const first = supervisor.pid();
  if (first !== undefined && sharesState(options))
    await writeState(dataDir, { url, pid: first, kind: 'ferretdb', owners: [process.pid] });
  options.log(`embedded database: FerretDB at ${url} (data in ${sqliteDir})`);
  return {
    url,
    kind: 'ferretdb',
    state: () => supervisor.state(),
    pid: () => supervisor.pid(),
    stop: async () => {
      // The last one out stops it. While another `npm start` still uses it, it keeps running unsupervised: this
      // process is about to exit, and that one stops it when it is the last.
      if (sharesState(options) && !(await leaveAsOwner(dataDir))) return;
      await supervisor.stop();
    },
  };
}
