/**
 * Starts one database for the whole run: MONGODB_URL when given, else FerretDB from the project's own ladder
 * (docs/operations.md). Each test file then works in a database of its own (see `test/support/database.ts`).
 * Plain ESM because Jest loads global setup outside its transform; tsx loads our TypeScript.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  // The tests rely on our patches to dependencies (third_party/npm/), e.g. Agenda leaving no timer behind: a
  // checkout installed before a patch was added says so here, not as a run that never ends.
  execFileSync(
    process.execPath,
    [join(import.meta.dirname, '..', '..', 'scripts', 'apply-npm-patches.mjs'), '--check'],
    {
      stdio: 'inherit',
    },
  );
  if (process.env.MONGODB_URL) {
    process.env.SWITCHBOARD_TEST_MONGODB_URL = process.env.MONGODB_URL;
    return;
  }
  const { startEmbeddedMongo } = await tsImport('../../src/store/embedded-mongo.ts', import.meta.url);
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-test-'));
  const server = await startEmbeddedMongo({
    dataDir,
    persistent: false,
    // Tests use FerretDB unless MONGODB_URL says otherwise, so every machine runs the same server.
    ferretOnly: true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  globalThis.__SWITCHBOARD_TEST_DB__ = server;
  globalThis.__SWITCHBOARD_TEST_DIR__ = dataDir;
  process.env.SWITCHBOARD_TEST_MONGODB_URL = server.url;
}
