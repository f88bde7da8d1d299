import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * `jose` (the Agents SDK's JWT check reaches it through jwks-rsa 4) ships only as ES modules and jwks-rsa
 * `require`s it. Node 20.19 loads that natively (require(esm)); Jest's module runtime does so only on Node 24.9+.
 * So the tests get jose's own code bundled once as CommonJS by esbuild (already here: tsx uses it), keyed by its
 * version — the same code the server runs, in a format Jest can load.
 */
function joseAsCommonJs() {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('jose');
  const { version } = require('jose/package.json');
  const outfile = join(
    import.meta.dirname,
    'node_modules',
    '.cache',
    'switchboard-jest',
    `jose-${version}.cjs`,
  );
  if (!existsSync(outfile))
    buildSync({
      entryPoints: [entry],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      outfile,
      logLevel: 'error',
    });
  return outfile;
}

/**
 * Jest runs our TypeScript as native ES modules (Agenda 6 is ESM-only), transpiled by SWC.
 * Type checking is `npm run typecheck`, not the test run's job.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^jose$': joseAsCommonJs() },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 30000,
  maxWorkers: 2,
  // A worker that has run many files holds a large heap (up to ~1 GB here) and may need more than jest-worker's
  // default 500 ms to exit on a busy 2-core machine; it was then "force exited" although nothing was left open
  // (measured: every file ends with no handle but the worker's own pipes; exits took 355–609 ms with two small
  // files under load). Five seconds still reports a real leak, which never exits.
  workerGracefulExitTimeout: 5000,
  // No forceExit: a test file that leaves a timer or a socket behind keeps Jest from ending, so a leak shows up as a
  // run that does not exit (`--detectOpenHandles` names it) instead of being cut off unseen.
};
