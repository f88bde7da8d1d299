/**
 * `npm run test:mutation [-- <stryker options>]`, e.g. `-- --mutate src/domain/callbacks.ts`: StrykerJS over the
 * domain rules and the access, settings and API-key use cases (stryker.config.mjs). Stryker starts Jest once per
 * mutant, and Jest's global setup would start and stop a database each time; so this starts one FerretDB for the
 * whole run and hands it on as MONGODB_URL, which the global setup then uses as it is (a MONGODB_URL of your own
 * is used instead).
 * `-- --domain` mutates src/domain/ only and runs only the unit tests, with no database: about twice as fast.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/project-root.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/store/embedded-mongo.js';

const root = projectRoot();
const env = { ...process.env };
const domainOnly = process.argv.includes('--domain');
const args = process.argv.slice(2).filter((arg) => arg !== '--domain');
if (domainOnly) {
  env.MUTATION_UNIT_TESTS_ONLY = '1';
  if (!args.includes('--mutate') && !args.includes('-m')) args.push('--mutate', 'src/domain/**/*.ts');
}
let database: EmbeddedMongo | undefined;
let dataDir: string | undefined;
if (!env.MONGODB_URL && !domainOnly) {
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-mutation-'));
  database = await startEmbeddedMongo({
    dataDir,
    persistent: false,
    ferretOnly: true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  env.MONGODB_URL = database.url;
}

const stryker = spawn(
  process.execPath,
  [join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', ...args],
  { cwd: root, env, stdio: 'inherit' },
);
// Ctrl-C reaches Stryker too (same process group); wait for it to finish so the database is stopped after it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stryker.kill(signal));
const code = await new Promise<number>((done) => stryker.once('exit', (exitCode) => done(exitCode ?? 1)));
await database?.stop();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
process.exit(code);
