import type { FastifyInstance } from 'fastify';
import { settledWithin } from '../../settled-within.js';

export interface HealthProbe {
  name: string;
  check(): Promise<boolean> | boolean;
}

/** A probe that has not answered by then counts as failed: a health check must answer whatever a dependency does. */
const PROBE_WAIT_MS = 500;

/**
 * `/readyz`: every dependency answers (database, scheduler, …), else 503 — take this instance out of rotation.
 * `/healthz`: the process can still recover on its own, else 503 — restart it (a liveness probe). A database that
 * is down for a while is a readiness matter; an embedded database whose supervisor gave up, or one unreachable far
 * longer than a restart takes, is a liveness one.
 * Both answer within about half a second: probes read values kept up to date in the background.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  probes: { readiness: HealthProbe[]; liveness?: HealthProbe[] },
): void {
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    const checks = await runProbes(probes.liveness ?? []);
    const alive = Object.values(checks).every(Boolean);
    // Healthy is just `{ status: 'ok' }`, as it always was; a failure names what failed.
    return alive ? { status: 'ok' } : reply.status(503).send({ status: 'failing', checks });
  });
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const checks = await runProbes(probes.readiness);
    const ready = Object.values(checks).every(Boolean);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}

async function runProbes(probes: HealthProbe[]): Promise<Record<string, boolean>> {
  const results = await Promise.all(
    probes.map(async (probe) => {
      try {
        const answer = await settledWithin(Promise.resolve(probe.check()), PROBE_WAIT_MS);
        return [probe.name, answer?.value === true] as const;
      } catch {
        return [probe.name, false] as const;
      }
    }),
  );
  return Object.fromEntries(results);
}
