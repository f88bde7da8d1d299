import { Worker } from 'node:worker_threads';

/**
 * The benchmarks' HTTP client, in a worker thread: a PBX or an IVR is another process, and sharing the server's
 * event loop would charge the client's work to the server. It POSTs pre-serialised JSON bodies, `concurrency` at a
 * time, and stops at the first answer that is not `expectStatus` (a wrong answer makes any figure meaningless).
 * `count` is the number each answer adds to the total: `"accepted"` reads that field of the JSON answer, `1`
 * counts answers. The clock runs from the first request to the last answer only.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, key, bodies, concurrency, expectStatus, count } = workerData;
parentPort.once('message', async () => {
  let next = 0, total = 0, error;
  const started = performance.now();
  const send = async () => {
    while (next < bodies.length && !error) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' },
        body: bodies[next++],
      });
      const text = await response.text();
      if (response.status !== expectStatus) error = 'POST answered ' + response.status + ': ' + text;
      else if (count === 'accepted') {
        const report = JSON.parse(text);
        if (report.rejected && report.rejected.length) error = 'rejected: ' + JSON.stringify(report.rejected[0]);
        total += report.accepted;
      } else total++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, send));
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, total, error });
});
parentPort.postMessage('ready');
`;

export async function postInWorker(options: {
  url: string;
  key: string;
  bodies: string[];
  concurrency: number;
  expectStatus: number;
  count: 'accepted' | 1;
}): Promise<{ seconds: number; total: number }> {
  const worker = new Worker(CLIENT, { eval: true, workerData: options });
  try {
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const result = await new Promise<{ seconds: number; total: number; error?: string }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage('go');
      },
    );
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await worker.terminate();
  }
}
