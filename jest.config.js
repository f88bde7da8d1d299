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
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
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
