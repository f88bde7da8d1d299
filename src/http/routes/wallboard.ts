import type { FastifyInstance } from 'fastify';
import type { ServiceSnapshot, WallboardLive } from '../../usecases/wallboard-live.js';
import { authOf } from '../plugins/api-auth.js';
import { onServiceChange, openEventStream, streamRegistry } from '../sse.js';

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
  const open = streamRegistry(api);

  api.get('/wallboard', async (request) => {
    const { service } = authOf(request);
    return body([live.snapshot(service._id, service)!]);
  });

  // A stream never ends, so HEAD (which Fastify adds for every GET) would hold the connection for ever.
  api.get('/wallboard/stream', { exposeHeadRoute: false }, async (request, reply) => {
    const { service } = authOf(request);
    const stream = openEventStream(request, reply, open);
    const send = () =>
      stream.write(
        `event: snapshot\ndata: ${JSON.stringify(body([live.snapshot(service._id, service)!]))}\n\n`,
      );
    send();
    stream.onClose(onServiceChange(live, service._id, send, PUSH_COALESCE_MS));
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    stream.onClose(() => clearInterval(heartbeat));
  });
}
