/**
 * Runs inside a worker thread (see `slack-fake.ts`): the test suite's fake Slack Web API, with the bench's users,
 * answering the host's requests for a tally of what Slack was asked and accepted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FakeSlackWebApi } from '../../test/fakes/slack-web-api.js';
import type { SlackTally } from './slack-fake.js';

const { users, teamId } = workerData as { users: string[]; teamId: string };
const slack = await FakeSlackWebApi.start();
for (const id of users) slack.setUser({ id, teamId, name: id.toLowerCase(), realName: id, locale: 'ko-KR' });

function tally(): SlackTally {
  const accepted: Record<string, number> = {};
  const refused: Record<string, number> = {};
  let dms = 0;
  for (const call of slack.calls) {
    const counts = call.response.ok === true ? accepted : refused;
    counts[call.method] = (counts[call.method] ?? 0) + 1;
    // A message posted to a user lands in the app's DM with them, a `D…` conversation.
    if (call.method === 'chat.postMessage' && call.response.ok === true)
      if (String(call.response.channel).startsWith('D')) dms++;
  }
  return { accepted, refused, dms, violations: [...slack.violations] };
}

parentPort!.on('message', (request: 'tally' | 'stop') => {
  if (request === 'tally') parentPort!.postMessage(tally());
  else void slack.stop().then(() => parentPort!.postMessage('stopped'));
});
parentPort!.postMessage({ url: slack.url });
