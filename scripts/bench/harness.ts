import type { Collection, CreateIndexesOptions, Document, IndexSpecification } from 'mongodb';
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
 * stopped here. `onWatchdog` prints what was measured before the watchdog fired, so a run always ends with the
 * figures it has.
 */
export async function onThrowawayFerretDb(
  name: string,
  watchdogMs: number,
  bench: (database: ThrowawayDatabase) => Promise<void>,
  onWatchdog?: () => void,
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
    onWatchdog?.();
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

/**
 * `BENCH_SCALE` (default 1): every benchmark's sizes times this, for a quick check that the code paths run (e.g.
 * `BENCH_SCALE=0.02`). Figures at any other scale than 1 say nothing about the targets, and the report says so.
 */
export const BENCH_SCALE = (() => {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw.trim() === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    throw new Error(`BENCH_SCALE must be a number in (0, 1], got ${JSON.stringify(raw)}`);
  return scale;
})();

/** `full` at the configured scale, never below `least` (a size too small to measure anything). */
export const scaled = (full: number, least = 1) => Math.max(least, Math.round(full * BENCH_SCALE));

/** Appended to a report's title when the sizes are not the full ones. */
export const scaleNote = () =>
  BENCH_SCALE === 1 ? '' : `, BENCH_SCALE=${BENCH_SCALE}: reduced sizes, targets do not apply`;

/** One pass of a comparison: our figure and the ceiling's, measured back to back in the same pass. */
export interface PassPair {
  ours: number;
  ceiling: number;
}

/**
 * The pass whose ratio (ours / ceiling) is the median, with that ratio. The headline figures are that pass's own
 * pair, so rates and ratio are one statistic of the same pass: the best rate of each side, taken from different
 * passes, would flatter both and no longer divide to the ratio printed next to them. With an even number of
 * passes it is the upper of the two middle ones.
 */
export function medianPass<P extends PassPair>(
  passes: readonly P[],
): { pass: P; index: number; ratio: number } {
  if (passes.length === 0) throw new Error('no passes');
  const order = passes.map((pass, index) => ({ pass, index, ratio: pass.ours / pass.ceiling }));
  order.sort((a, b) => a.ratio - b.ratio);
  return order[Math.floor(order.length / 2)]!;
}

/** Report rows listing every pass as `ours / ceiling = ratio`, the median pass marked. */
export function passRows(
  passes: readonly PassPair[],
  format: (n: number) => string,
  medianIndex: number,
  noun = 'pass',
): [string, string, string, string][] {
  return passes.map((pass, index) => [
    `    ${noun} ${index + 1}: ours / ceiling`,
    `${format(pass.ours)} / ${format(pass.ceiling)} = ${(pass.ours / pass.ceiling).toFixed(2)}`,
    index === medianIndex ? `(median ${noun})` : '',
    '',
  ]);
}

/**
 * Gives `target` every index `source` has (all options as listed, `_id_` aside), so a ceiling writing to `target`
 * pays exactly the index maintenance of the real collection, whatever the backend made of `ensureIndexes` (on
 * FerretDB v1 that is only the unique ones). A collection that does not exist yet has no index to copy.
 */
export async function copyIndexes<T extends Document>(
  source: Collection,
  target: Collection<T>,
): Promise<string[]> {
  let indexes: Document[];
  try {
    indexes = await source.listIndexes().toArray();
  } catch (error) {
    if ((error as { code?: unknown }).code === 26) return []; // NamespaceNotFound
    throw error;
  }
  const copied: string[] = [];
  for (const { key, v: _version, ns: _namespace, ...options } of indexes) {
    if (options.name === '_id_') continue;
    await target.createIndex(key as IndexSpecification, options as CreateIndexesOptions);
    copied.push(String(options.name));
  }
  return copied;
}

/** A target's verdict; at reduced sizes there is none to give. */
export const verdict = (met: boolean) => (BENCH_SCALE !== 1 ? 'n/a (scaled)' : met ? 'met' : 'MISSED');
