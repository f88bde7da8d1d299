export default async function globalTeardown() {
  await globalThis.__SWITCHBOARD_TEST_DB__?.stop();
}
