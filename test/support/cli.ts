import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { testMongoUrl } from './database.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the real CLI (`scripts/cli.ts` under tsx) against a test database; returns its exit code and output. */
export function runCli(
  dbName: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runScript('cli.ts', dbName, args, env);
}

/** Runs one of `scripts/` under tsx against a test database (extra environment variables on top). */
export function runScript(
  script: string,
  dbName: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', script), ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          MONGODB_URL: `${testMongoUrl().replace(/\/$/, '')}/${dbName}`,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
