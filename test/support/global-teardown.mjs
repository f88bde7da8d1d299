import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  await globalThis.__SWITCHBOARD_TEST_DB__?.stop();
  if (globalThis.__SWITCHBOARD_TEST_DIR__)
    await rm(globalThis.__SWITCHBOARD_TEST_DIR__, { recursive: true, force: true });
}
