import type { FastifyInstance } from 'fastify';
import type { ServiceSnapshot, WallboardLive } from '../../usecases/wallboard-live.js';
import { authOf } from '../plugins/api-auth.js';

const HEARTBEAT_MS = 15_000;
/** Bursts of events become one pushed snapshot per this interval, per stream. */
const PUSH_COALESCE_MS = 100;

function body(services: ServiceSnapshot[]) {
  return { generatedAt: new Date().toISOString(), services };
}

/**
 * `GET /wallboard` (snapshot) and `GET /wallboard/stream` (server-sent events: a `snapshot` event at once and
 * after every change, coalesced; a comment line every 15 s keeps proxies from closing the stream).
 */
export function registerWallboardRoutes(api: FastifyInstance, live: WallboardLive): void {
  const open = new Set<() => void>();
  api.addHook('preClose', async () => {
    for (const close of open) close();
  });

  api.get('/wallboard', async (request) => {
    const { service } = authOf(request);
    return body([live.snapshot(service._id, service)!]);
  });

  api.get('/wallboard/stream', async (request, reply) => {
    const { service } = authOf(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = () =>
      raw.write(`event: snapshot\ndata: ${JSON.stringify(body([live.snapshot(service._id, service)!]))}\n\n`);
    send();
    // The first change goes out at once; changes right after it are coalesced into one push per interval.
    let pending: NodeJS.Timeout | undefined;
    let lastSent = 0;
    const unsubscribe = live.subscribe((serviceId) => {
      if (serviceId !== service._id || pending) return;
      const wait = lastSent + PUSH_COALESCE_MS - Date.now();
      if (wait <= 0) {
        lastSent = Date.now();
        send();
        return;
      }
      pending = setTimeout(() => {
        pending = undefined;
        lastSent = Date.now();
        send();
      }, wait);
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      clearTimeout(pending);
      unsubscribe();
      open.delete(close);
      raw.end();
    };
    open.add(close);
    request.raw.once('close', close);
  });
}
