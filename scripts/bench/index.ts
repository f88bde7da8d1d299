/**
 * `npm run bench -- <name>`: runs one benchmark (or all) and prints its figures and ratios. A part of the callbacks
 * benchmark runs alone as `callbacks:intake`, `callbacks:assign` or `callbacks:export`.
 */
import { benchCallbacks, CALLBACK_BENCH_PARTS, type CallbackBenchPart } from './callbacks.js';
import { benchSms } from './sms.js';
import { benchStartup } from './startup.js';
import { benchWallboard } from './wallboard.js';

const BENCHES: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  wallboard: benchWallboard,
  sms: benchSms,
  callbacks: () => benchCallbacks(),
  ...Object.fromEntries(
    CALLBACK_BENCH_PARTS.map((part: CallbackBenchPart) => [
      `callbacks:${part}`,
      () => benchCallbacks([part]),
    ]),
  ),
};
const ALL = ['startup', 'wallboard', 'callbacks', 'sms'];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : ALL;
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name}"; available: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exit(2);
  }
  await bench();
}
// Closed servers leave Agenda's lock-check timers behind for a while; a benchmark run is over when it has printed.
process.exit(0);
