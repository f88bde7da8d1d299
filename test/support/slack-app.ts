import { FakeSlackWebApi, type FakeSlackOptions } from '../fakes/slack-web-api.js';
import { startTestApp, type TestApp } from './app.js';

export const SIGNING_SECRET = 'test-signing-secret';

/** The real app with Slack on in HTTP mode, its WebClient pointed at a fake Slack Web API. */
export async function startSlackTestApp(
  options: {
    dbName?: string;
    workspace?: FakeSlackOptions;
    modalLoadingAfterMs?: number;
    /** More environment (e.g. `TEAMS_EMULATOR: 'true'` to run the Teams surface beside Slack). */
    env?: Record<string, string>;
  } = {},
): Promise<{ app: TestApp; slack: FakeSlackWebApi }> {
  const slack = await FakeSlackWebApi.start(options.workspace);
  const app = await startTestApp({
    dbName: options.dbName,
    ...(options.modalLoadingAfterMs !== undefined
      ? { modalLoadingAfterMs: options.modalLoadingAfterMs }
      : {}),
    env: {
      ...options.env,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
    },
  });
  return { app, slack };
}
