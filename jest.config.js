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
  // No forceExit: a test file that leaves a timer or a socket behind keeps Jest from ending, so a leak shows up as a
  // run that does not exit (`--detectOpenHandles` names it) instead of being cut off unseen.
};
