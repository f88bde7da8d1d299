import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layering (docs/ARCHITECTURE.md): surfaces (slack, teams, http) → use cases → domain, store, jobs, integrations.
 * Each folder of src/ lists the folders it must never import, types included. The composition root (src/*.ts:
 * main, server, config) wires everything and is exempt.
 *
 * Why ESLint's own `no-restricted-imports` and not eslint-plugin-boundaries or dependency-cruiser: it needs no
 * new dependency, runs in the `npm run lint` that CI already runs, reports in the editor, and checks `import type`
 * too. The table below reads as the rule it enforces. test/unit/layering.test.ts proves it fails on wrong imports.
 */
const SURFACES = ['slack', 'teams', 'http'];
const FORBIDDEN = {
  domain: ['store', 'usecases', ...SURFACES, 'jobs', 'integrations', 'exports', 'i18n'],
  i18n: ['store', 'usecases', ...SURFACES, 'jobs', 'integrations', 'exports'],
  integrations: ['store', 'usecases', ...SURFACES, 'jobs', 'exports'],
  store: ['usecases', ...SURFACES, 'jobs', 'integrations', 'exports', 'i18n'],
  jobs: ['store', 'usecases', ...SURFACES, 'exports'],
  exports: ['store', 'usecases', ...SURFACES, 'jobs'],
  usecases: SURFACES,
  slack: ['store', 'teams', 'http', 'jobs', 'integrations'],
  teams: ['store', 'slack', 'http', 'jobs', 'integrations'],
  http: ['store', 'slack', 'teams', 'jobs', 'integrations'],
};
/** Packages that would let a layer skip the one below it: the database driver outside the store, and the like. */
const FORBIDDEN_PACKAGES = {
  domain: ['mongodb', 'fastify', '@slack/*', '@microsoft/agents-*', 'agenda', '@agendajs/*', 'exceljs'],
  slack: ['mongodb', 'agenda', '@agendajs/*'],
  teams: ['mongodb', 'agenda', '@agendajs/*'],
  http: ['mongodb', 'agenda', '@agendajs/*'],
};
// Import paths are relative, so a pattern is written for each depth below src/<layer>/: from src/slack/a/b.ts,
// `../../store/…` is src/store, while `../store/…` would be src/slack/store (not a layer at all).
const DEPTHS = [0, 1, 2, 3, 4];
const layering = Object.entries(FORBIDDEN).flatMap(([layer, folders]) =>
  DEPTHS.map((depth) => {
    const up = '../'.repeat(depth + 1);
    return {
      files: [`src/${layer}/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...folders.map((folder) => ({
                group: [`${up}${folder}`, `${up}${folder}/**`, `${up}${folder}.js`],
                message: `src/${layer}/ must not import src/${folder}/ (layering: see docs/ARCHITECTURE.md)`,
              })),
              ...(FORBIDDEN_PACKAGES[layer] ?? []).map((name) => ({
                group: [name, `${name}/**`],
                message: `src/${layer}/ must not use ${name} directly (layering: see docs/ARCHITECTURE.md)`,
              })),
            ],
          },
        ],
      },
    };
  }),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'test-artifacts/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layering,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
