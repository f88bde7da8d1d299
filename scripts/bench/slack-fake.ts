import { Worker } from 'node:worker_threads';
import { loadConfig, type Config } from '../../src/config.js';

/**
 * Slack for the benchmarks that measure what a real deployment does after a callback changes (cards in the
 * callback channel, DMs to assignees, Home tabs): the test suite's fake Web API (test/fakes/slack-web-api.ts),
 * run in a worker thread so its own work (parsing and checking every call) is not charged to the server's event
 * loop, as a real Slack's is not. The server reaches it over HTTP through `SLACK_API_URL`, as it reaches Slack.
 */
export interface SlackTally {
  /** Calls Slack accepted (`ok: true`), by method. */
  accepted: Record<string, number>;
  /** Calls Slack refused, by method: a benchmark that gets any measured something else than it says. */
  refused: Record<string, number>;
  /** Accepted messages that landed in a DM. */
  dms: number;
  /** Block Kit over Slack's limits (see test/support/block-kit-limits.ts). */
  violations: string[];
}

export interface BenchSlack {
  url: string;
  tally(): Promise<SlackTally>;
  stop(): Promise<void>;
}

/** The fake's workspace (test/fakes/slack-web-api.ts answers auth.test with it). */
export const BENCH_TEAM_ID = 'T0001';
/** The callback channel of the benchmarks' services. */
export const BENCH_CALLBACK_CHANNEL = 'CBENCHCALLBACKS';
/** The token the fake's install issues by default (a stricter fake answers `invalid_auth` to any other). */
export const BENCH_BOT_TOKEN = 'xoxb-test';

/** Starts the fake with `users` known to it (a real workspace knows its members). */
export async function startBenchSlack(users: readonly string[]): Promise<BenchSlack> {
  const workerData = { users, teamId: BENCH_TEAM_ID };
  const entry = new URL(
    import.meta.url.endsWith('.ts') ? './slack-fake-worker.ts' : './slack-fake-worker.js',
    import.meta.url,
  );
  // Under tsx the worker is TypeScript too: register tsx in it first (Node 20 applies a worker's `--import` hooks
  // only after its entry has loaded), as src/exports/list-exports.ts does.
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => (register(), import(${JSON.stringify(entry.href)})))`,
        { eval: true, workerData },
      )
    : new Worker(entry, { workerData });
  const answer = <T>(request?: 'tally' | 'stop') =>
    new Promise<T>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (message: T) => {
        worker.off('error', onError);
        resolve(message);
      });
      if (request) worker.postMessage(request);
    });
  const { url } = await answer<{ url: string }>();
  return {
    url,
    tally: () => answer<SlackTally>('tally'),
    async stop() {
      await answer('stop');
      await worker.terminate();
    },
  };
}

/** The server's configuration with Slack on (HTTP mode) and its Web API at `slackApiUrl`, logging off. */
export function configWithSlack(slackApiUrl: string): Config {
  return {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_API_URL: slackApiUrl,
    }),
    port: 0,
    host: '127.0.0.1',
  };
}
