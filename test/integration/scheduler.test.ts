import { afterEach, describe, expect, it } from '@jest/globals';
import type { JobDefinition } from '../../src/jobs/scheduler.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** A job that records each run in the database, so runs are counted across app instances. */
function recordingJob(): JobDefinition<never> {
  return {
    name: 'test.record-run',
    handler: async (_data, job) => {
      // The job reaches the database through its own data: we only pass ids, never documents.
      const data = job.attrs.data as { label: string };
      runs.push({ label: data.label, at: Date.now() });
    },
  } as JobDefinition<never>;
}
const runs: { label: string; at: number }[] = [];

/** Resolves once a run labelled `label` has been recorded (fails after `withinMs`, a bound, not a measurement). */
async function runOf(label: string, withinMs = 15_000): Promise<{ label: string; at: number }> {
  const until = Date.now() + withinMs;
  for (;;) {
    const run = runs.find((r) => r.label === label);
    if (run) return run;
    if (Date.now() > until)
      throw new Error(`no run of "${label}" within ${withinMs} ms (runs: ${JSON.stringify(runs)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * "Nothing else ran" is only known once the scheduler has done later work: a job due now, run to its end, means
 * every polling round before it has been through, so a second run of an earlier job would be recorded by then.
 */
async function afterLaterWork(app: TestApp, label: string): Promise<void> {
  await app.scheduler.schedule(new Date(), 'test.record-run', { label });
  await runOf(label);
}

describe('scheduler (Agenda 6 on the application database)', () => {
  let apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps) await app.close();
    apps = [];
    runs.length = 0;
  });

  it('runs a job scheduled 2 s ahead exactly once, not before its time', async () => {
    const app = await startTestApp({ jobs: [recordingJob()] });
    apps.push(app);
    const scheduledAt = Date.now();
    await app.scheduler.schedule(new Date(scheduledAt + 2000), 'test.record-run', { label: 'once' });
    // Not before its time: the run's own clock says when it started.
    expect((await runOf('once')).at).toBeGreaterThanOrEqual(scheduledAt + 2000);
    await afterLaterWork(app, 'later');
    expect(runs.map((r) => r.label)).toEqual(['once', 'later']);
  });

  it('runs it once after a restart when the app stopped before it was due', async () => {
    const first = await startTestApp({ jobs: [recordingJob()] });
    await first.scheduler.schedule(new Date(Date.now() + 2000), 'test.record-run', { label: 'survives' });
    await first.close();
    expect(runs).toHaveLength(0);

    const second = await startTestApp({ jobs: [recordingJob()], dbName: first.dbName });
    apps.push(second);
    await runOf('survives');
    await afterLaterWork(second, 'later');
    expect(runs.map((r) => r.label)).toEqual(['survives', 'later']);
  });

  it('registers the maintenance job once however many times the app starts', async () => {
    const first = await startTestApp();
    await first.close();
    const second = await startTestApp({ dbName: first.dbName });
    apps.push(second);
    const jobs = await second.store.db
      .collection('jobs')
      .find({ name: 'maintenance.purge-slack-deliveries' })
      .toArray();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.nextRunAt).toBeInstanceOf(Date);
  });
});
