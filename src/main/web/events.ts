import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_ROUTES } from '../../shared/bridge.js';
import type { Result } from '../../shared/errors.js';
import type { BridgeService } from '../transport/bridgeService.js';

/** A comment line this often keeps the stream open through idle proxies, and looks whether the session is still open. */
export const KEEP_ALIVE_MS = 25_000;

/**
 * Browser mode's change events: `GET /api/events` with the session's bearer token answers a
 * server-sent event stream, `event: changed` with the entity names of each change as JSON.
 * Without a valid session it is refused like any API call (a Result, 401); the stream ends when
 * the session ends or locks, when the page goes away, and when the server closes.
 */
export function serveChanges(
  app: FastifyInstance,
  bridge: BridgeService,
  bearer: (req: FastifyRequest) => string | undefined,
  send: (reply: FastifyReply, result: Result<unknown>) => FastifyReply,
): void {
  const streams = new Set<() => void>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    for (const end of streams) end();
  });
  app.get(HTTP_ROUTES.events, async (req, reply) => {
    let end = () => {};
    const stream = await bridge.changes(bearer(req), {
      change: (entities) => void reply.raw.write(`event: changed\ndata: ${JSON.stringify(entities)}\n\n`),
      closed: () => end(),
    });
    if (!stream.ok) return send(reply, stream);
    // Asked for just before the server began to close: a stream opened now would hold the close up for good.
    if (closing) {
      stream.value.stop();
      return reply.code(503).send();
    }
    reply.hijack();
    reply.raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    reply.raw.write(': open\n\n');
    const keepAlive = setInterval(() => {
      if (stream.value.check()) reply.raw.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    keepAlive.unref();
    end = () => {
      if (!streams.delete(end)) return;
      clearInterval(keepAlive);
      stream.value.stop();
      reply.raw.end();
    };
    streams.add(end);
    req.raw.once('close', end);
    return reply;
  });
}
