import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { testMongoUrl, uniqueDbName } from '../support/database.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Jest runs without `forceExit`, so a test file ends only when everything it started has ended. This checks the
 * same thing for the server on its own, in a fresh process (test/support/exit-probe.ts): after a job, a Slack call
 * and a Teams reply, `close()` leaves nothing behind that keeps the process alive. It caught Agenda's liveness
 * check, which left a 2.5-minute timer per job run (third_party/npm/patches/agenda-clear-liveness-timer.patch).
 */
describe('a closed server leaves nothing running', () => {
  it('the process ends by itself once the server, the fakes and the database client are closed', async () => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(ROOT, 'test', 'support', 'exit-probe.ts'),
        testMongoUrl(),
        uniqueDbName('exit'),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // The probe names what still holds it ("still alive after close: [...]") and exits 1 if it does not end.
    expect({ code, output: output.trim() }).toEqual({
      code: 0,
      output: 'closed; Slack got 1 message(s), Teams 1 call(s)',
    });
  }, 90_000);
});
