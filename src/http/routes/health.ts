import type { FastifyInstance } from 'fastify';

export interface ReadinessProbe {
  name: string;
  check(): Promise<boolean> | boolean;
}

/** `/healthz`: the process answers. `/readyz`: every dependency answers (database, scheduler, …), else 503. */
export function registerHealthRoutes(app: FastifyInstance, probes: ReadinessProbe[]): void {
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const checks: Record<string, boolean> = {};
    for (const probe of probes) {
      try {
        checks[probe.name] = await probe.check();
      } catch {
        checks[probe.name] = false;
      }
    }
    const ready = Object.values(checks).every(Boolean);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}
