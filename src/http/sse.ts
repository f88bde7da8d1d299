import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WallboardLive } from '../usecases/wallboard-live.js';

/** Open server-sent-event streams of one Fastify scope; all of them end when the server closes. */
export function streamRegistry(scope: FastifyInstance): Set<() => void> {
  const open = new Set<() => void>();
  scope.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });
  return open;
}

export interface EventStream {
  /** Writes raw SSE text; a no-op once the stream is closed. */
  write(text: string): void;
  /** Runs `cleanup` when the stream ends, whoever ends it. */
  onClose(cleanup: () => void): void;
  close(): void;
}

/** Takes the response over from Fastify and starts an event stream on it. */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  registry: Set<() => void>,
  headers: Record<string, string> = {},
): EventStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'cache-control': 'no-cache, no-transform',
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  const cleanups: (() => void)[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups) cleanup();
    registry.delete(close);
    raw.end();
  };
  registry.add(close);
  request.raw.once('close', close);
  return {
    write: (text) => {
      if (!closed) raw.write(text);
    },
    onClose: (cleanup) => cleanups.push(cleanup),
    close,
  };
}

/**
 * Calls `push` when a service's figures change (any of them, for a page showing several): the first change at once,
 * changes right after it coalesced into one push per `intervalMs`. Returns the unsubscribe function.
 */
export function onServiceChange(
  live: WallboardLive,
  serviceIds: string | readonly string[],
  push: () => void,
  intervalMs: number,
): () => void {
  let pending: NodeJS.Timeout | undefined;
  let lastSent = 0;
  const send = () => {
    pending = undefined;
    lastSent = Date.now();
    push();
  };
  const watched = new Set(typeof serviceIds === 'string' ? [serviceIds] : serviceIds);
  const unsubscribe = live.subscribe((changed) => {
    if (!watched.has(changed) || pending) return;
    const wait = lastSent + intervalMs - Date.now();
    if (wait <= 0) send();
    else pending = setTimeout(send, wait);
  });
  return () => {
    clearTimeout(pending);
    unsubscribe();
  };
}
