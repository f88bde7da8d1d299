import base from './jest.config.js';

/**
 * Jest as StrykerJS runs it (`npm run test:mutation`): the project's own config, limited to the tests of what
 * stryker.config.mjs mutates: the unit tests of the domain rules, and the integration tests of the access, settings
 * and API-key use cases. Jest loads every listed file for every mutant (only the tests that reached the mutant run),
 * so the list stays short: tests that only pass through these rules on their way elsewhere are left out.
 * @type {import('jest').Config}
 */
export default {
  ...base,
  testMatch: [
    'access',
    'actor',
    'callback-ranges',
    'callbacks',
    'ip-allowlist',
    'business-day',
    'service-figures',
    'service-settings',
    'wallboard-figures',
  ]
    .map((name) => `<rootDir>/test/unit/${name}.test.ts`)
    .concat(
      ['admin-permissions', 'api-key-usecases', 'settings-usecases'].map(
        (name) => `<rootDir>/test/integration/${name}.test.ts`,
      ),
    ),
};
