/**
 * Mutation testing (`npm run test:mutation`, see scripts/test-mutation.ts): StrykerJS changes one operator,
 * condition or value at a time in the code below and checks that some test fails. A mutant that survives is a rule
 * no test pins down. Jest runs as `npm test` does (native ESM), limited by stryker.jest.config.js.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js', enableFindRelatedTests: true },
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  mutate: [
    'src/domain/**/*.ts',
    'src/usecases/actor.ts',
    'src/usecases/settings.ts',
    'src/usecases/api-keys.ts',
  ],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  // The machine running this is usually busy with other work; one Jest at a time.
  concurrency: 1,
  // Generous: on a busy machine a slow run must not pass for a mutant that loops (a timeout counts as killed).
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', '.data', 'coverage', 'test-artifacts', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
};
