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
  // Keep-alive sockets of the HTTP clients under test (Bolt's WebClient, botbuilder's connector) can outlive the
  // fakes they talked to; --detectOpenHandles finds nothing of ours, so a finished run must not wait on them.
  forceExit: true,
};
