import base from './jest.config.js';

const unitTests = [
  'access',
  'actor',
  'business-day',
  'callback-ranges',
  'callbacks',
  'ip-allowlist',
  'network-address',
  'service-figures',
  'service-settings',
  'sms-rules',
  'wallboard-figures',
].map((name) => `<rootDir>/test/unit/${name}.test.ts`);
const integrationTests = [
  'admin-permissions',
  'api-key-usecases',
  'settings-usecases',
  'settings-persistence',
  'webhook-targets',
].map((name) => `<rootDir>/test/integration/${name}.test.ts`);

/**
 * Jest as StrykerJS runs it (`npm run test:mutation`): the project's own config, limited to the tests of what
 * stryker.config.mjs mutates: the unit tests of the domain rules, and the integration tests of the access, settings
 * and API-key use cases. Jest loads every related file for every mutant (only the tests that reached the mutant
 * run), so the list stays short. `--domain` (MUTATION_UNIT_TESTS_ONLY) runs the unit tests alone, without a database:
 * the domain is pure, and its rules are pinned down there.
 * @type {import('jest').Config}
 */
export default process.env.MUTATION_UNIT_TESTS_ONLY
  ? { ...base, testMatch: unitTests, globalSetup: undefined, globalTeardown: undefined }
  : { ...base, testMatch: [...unitTests, ...integrationTests] };
