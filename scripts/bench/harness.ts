import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSwitchboard } from '../../src/server.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo.js';

/** What every benchmark shares: number formatting, progress lines, and a throwaway database cleaned up whatever happens. */

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let benchStarted = performance.now();

/** One progress line on stderr, with the seconds since the benchmark started: the figures alone go to stdout. */
export const progress = (line: string) =>
  process.stderr.write(
    `  [${((performance.now() - benchStarted) / 1000).toFixed(1).padStart(5)} s] ${line}\n`,
  );

export interface ThrowawayDatabase {
  mongodbUrl: string;
  /** The server a step runs, so a Ctrl-C or the watchdog closes it before the database goes. */
  servers: { current: RunningSwitchboard | undefined };
  /** Stops FerretDB early, for steps that need no database (they would share the CPUs with its settling). */
  stopDatabase(): Promise<void>;
}

/**
 * Runs `bench` on its own embedded FerretDB in a throwaway directory, and removes both at the end, also on Ctrl-C
 * or when the watchdog fires. FerretDB runs in its own process group (a Ctrl-C does not reach it), so it must be
 * stopped here.
 */
export async function onThrowawayFerretDb(
  name: string,
  watchdogMs: number,
  bench: (database: ThrowawayDatabase) => Promise<void>,
): Promise<void> {
  benchStarted = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), `bench-${name}-`));
  let embedded: EmbeddedMongo | undefined;
  const servers: ThrowawayDatabase['servers'] = { current: undefined };
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      // Bounded: a server stopped in the middle of a run may wait on requests that never finish.
      await Promise.race([servers.current?.close().catch(() => undefined), sleep(8_000)]);
      await embedded?.stop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    })());
  const interrupted = () => {
    process.stderr.write('\ninterrupted; cleaning up\n');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  const watchdog = setTimeout(() => {
    process.stderr.write(`${name} benchmark exceeded ${watchdogMs / 1000} s; cleaning up\n`);
    void cleanup().finally(() => process.exit(1));
  }, watchdogMs);
  watchdog.unref();
  try {
    progress('starting embedded FerretDB (throwaway directory)');
    embedded = await startEmbeddedMongo({ dataDir, persistent: false, ferretOnly: true, log: () => {} });
    await bench({
      mongodbUrl: embedded.url,
      servers,
      stopDatabase: async () => {
        await embedded?.stop();
        embedded = undefined;
      },
    });
  } finally {
    clearTimeout(watchdog);
    process.removeListener('SIGINT', interrupted);
    await cleanup();
  }
}

/** The figures on stdout: a title line, then label, value, target and verdict in aligned columns. */
export function printReport(title: string, rows: [string, string, string, string][]): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  process.stdout.write(`\n${title}\n`);
  for (const [label, value, target, met] of rows)
    process.stdout.write(
      `  ${label.padEnd(widths[0]!)}  ${value.padStart(widths[1]!)}  ${target.padEnd(widths[2]!)}  ${met}`.trimEnd() +
        '\n',
    );
}
