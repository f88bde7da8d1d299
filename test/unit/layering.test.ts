import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../../src/project-root.js';

/**
 * The layering rule of eslint.config.js, shown failing on deliberately wrong imports. The fixtures are linted as
 * text under a path inside src/ (nothing is written there), by ESLint's own API with the project's config, in a
 * child process: ESLint loads its config with a dynamic import that Jest's module system does not serve.
 */
interface Fixture {
  path: string;
  code: string;
}

function lint(fixtures: Fixture[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const fixtures = JSON.parse(process.argv[1]);
    const out = [];
    for (const { path, code } of fixtures) {
      const [result] = await eslint.lintText(code, { filePath: path });
      out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(fixtures)],
    {
      cwd: projectRoot(),
      encoding: 'utf8',
    },
  );
  return JSON.parse(output) as string[][];
}

const use = (specifier: string, typeOnly = false) =>
  `import ${typeOnly ? 'type ' : ''}{ thing } from '${specifier}';\nexport const used: unknown = thing;\n`;

const wrong: [string, string, string, boolean][] = [
  // [file, import, the layer it must not reach, type-only]
  ['src/slack/listeners/commands/fixture.ts', '../../../store/index.js', 'src/store/', true],
  ['src/slack/app-fixture.ts', '../store/callbacks.js', 'src/store/', false],
  ['src/slack/fixture.ts', '../teams/bot.js', 'src/teams/', false],
  ['src/teams/fixture.ts', '../slack/app.js', 'src/slack/', false],
  ['src/teams/fixture.ts', '../store/index.js', 'src/store/', true],
  ['src/http/routes/fixture.ts', '../../store/index.js', 'src/store/', true],
  ['src/http/routes/fixture.ts', '../../jobs/scheduler.js', 'src/jobs/', false],
  ['src/domain/wallboard/fixture.ts', '../../usecases/actor.js', 'src/usecases/', false],
  ['src/domain/fixture.ts', '../store/members.js', 'src/store/', true],
  ['src/usecases/callbacks/fixture.ts', '../../slack/app.js', 'src/slack/', false],
  ['src/store/fixture.ts', '../usecases/index.js', 'src/usecases/', true],
  ['src/exports/fixture.ts', '../store/callbacks.js', 'src/store/', true],
  ['src/jobs/fixture.ts', '../usecases/index.js', 'src/usecases/', false],
];

const right: [string, string][] = [
  ['src/slack/listeners/commands/fixture.ts', '../../../usecases/index.js'],
  ['src/slack/listeners/commands/fixture.ts', '../../../domain/callbacks.js'],
  ['src/http/routes/fixture.ts', '../../usecases/index.js'],
  ['src/teams/fixture.ts', '../domain/places.js'],
  ['src/usecases/fixture.ts', '../store/index.js'],
  ['src/usecases/fixture.ts', '../jobs/scheduler.js'],
  ['src/domain/fixture.ts', './callbacks.js'],
  ['src/server-fixture.ts', './store/index.js'],
];

describe('layering rule (eslint.config.js)', () => {
  const wrongFixtures = wrong.map(([path, specifier, , typeOnly]) => ({
    path,
    code: use(specifier, typeOnly),
  }));
  const rightFixtures = right.map(([path, specifier]) => ({ path, code: use(specifier) }));
  const domainPackage = { path: 'src/domain/fixture.ts', code: use('mongodb') };
  const surfacePackage = { path: 'src/slack/fixture.ts', code: use('mongodb', true) };
  const results = lint([...wrongFixtures, ...rightFixtures, domainPackage, surfacePackage]);

  it.each(wrong.map((w, i) => [...w, i] as const))(
    '%s importing %s is refused (must not import %s)',
    (path, _specifier, layer, _typeOnly, index) => {
      expect(results[index]).toHaveLength(1);
      expect(results[index]![0]).toContain(`must not import ${layer}`);
      expect(results[index]![0]).toContain(path.split('/').slice(0, 2).join('/'));
    },
  );

  it.each(right.map((r, i) => [...r, wrong.length + i] as const))('%s may import %s', (_path, _s, index) => {
    expect(results[index]).toEqual([]);
  });

  it('keeps the database driver out of the domain and the surfaces', () => {
    const [domain, surface] = results.slice(wrong.length + right.length);
    expect(domain).toHaveLength(1);
    expect(domain![0]).toContain('src/domain/ must not use mongodb directly');
    expect(surface).toHaveLength(1);
    expect(surface![0]).toContain('src/slack/ must not use mongodb directly');
  });
});
