import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..');
/** One lock per checkout, outside it (a crashed run must not leave a file in the repository). */
const LOCK = join(
  tmpdir(),
  `switchboard-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`,
);

let built: Promise<void> | undefined;

/**
 * `npm run build` (dist/ from src/) for tests that run the compiled server, whatever ran before them: once per test
 * file, and never two builds of one checkout at a time (Jest runs files side by side, and tsc writing dist/ while
 * another tsc does would leave a mix of both). The build is incremental, so once dist/ is current a build writes
 * nothing: a server another file starts from dist/ (the SIGKILL tests start twenty) never loads a half-written module.
 */
export function buildDist(): Promise<void> {
  built ??= withLock(() =>
    promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT }).then(() => undefined),
  );
  return built;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // Taken: wait for it, or take it over from a holder that died without releasing it.
      const holder = Number(await readFile(join(LOCK, 'pid'), 'utf8').catch(() => '0'));
      if (holder && !isAlive(holder)) await rm(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await writeFile(join(LOCK, 'pid'), String(process.pid));
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
