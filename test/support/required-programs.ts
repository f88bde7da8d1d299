import { it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Checks that drive a real program nobody here wrote (LibreOffice, Chromium) need it installed. Where it is missing
 * the check is skipped, loudly: a warning names the program, the check and how to install it. In CI
 * (`CI=true`) .ci/run installs them, so a missing one there is an error, never a skip.
 */
export interface RequiredProgram {
  /** What a person calls it, e.g. "LibreOffice". */
  name: string;
  /** Where it is, or undefined when it is not installed. */
  path: string | undefined;
  /** How to install it, e.g. "apt-get install libreoffice-calc". */
  install: string;
}

/** The first of `names` found on PATH. */
export function onPath(...names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of names) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

export const inCi = () => process.env.CI === 'true';

/**
 * Whether checks needing `program` run here. Missing outside CI: false, after a warning naming what is skipped
 * and why. Missing in CI: true, so the check runs and fails (see `itNeeding`).
 */
export function shouldRun(program: RequiredProgram, what: string): boolean {
  if (program.path || inCi()) return true;
  console.warn(
    `SKIPPED: ${what}: ${program.name} is not installed (${program.install}). CI installs it and runs this check.`,
  );
  return false;
}

/** `it` for a check that needs `program`: runs it, skips it loudly, or (CI, program missing) fails it. */
export function itNeeding(program: RequiredProgram) {
  return (name: string, test: () => Promise<void>, timeoutMs?: number) => {
    if (!shouldRun(program, name)) return it.skip(name, test, timeoutMs);
    if (!program.path)
      return it(
        name,
        () => {
          throw new Error(
            `${program.name} is not installed, and CI must run this check (CI=true): ${program.install}`,
          );
        },
        timeoutMs,
      );
    return it(name, test, timeoutMs);
  };
}
