import type { FastifyInstance } from 'fastify';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browser mode answers only requests meant for it, so that other web sites open in the same
 * browser cannot use it:
 * - `Host` must be `127.0.0.1:PORT` or `localhost:PORT`. A page on another site that points its
 *   own name at 127.0.0.1 (DNS rebinding) sends its own name here, and is refused.
 * - A state-changing request whose `Origin` is present and is not this desk's is refused (a form
 *   or fetch from another site: cross-site request forgery).
 *
 * A POST without `Origin` is let through: browsers send `Origin` on every POST (Chromium on
 * same-origin ones too, which is what the desk's own page makes), so a request without one does
 * not come from a web page but from a program on this machine (node's fetch, curl, the tests),
 * which could reach the database file anyway; and the `Host` check has already passed.
 * Refusals are plain text and happen before any route runs, so they change nothing.
 */
export function refuseForeignRequests(app: FastifyInstance, port: () => number): void {
  app.addHook('onRequest', async (req, reply) => {
    const own = [`127.0.0.1:${port()}`, `localhost:${port()}`];
    const host = req.headers.host?.toLowerCase();
    if (!host || !own.includes(host)) {
      return reply.code(403).type('text/plain; charset=utf-8').send(`This desk answers only at http://${own[0]}/ or http://${own[1]}/.`);
    }
    const origin = req.headers.origin?.toLowerCase();
    if (origin !== undefined && STATE_CHANGING.has(req.method) && !own.some((h) => origin === `http://${h}`)) {
      return reply.code(403).type('text/plain; charset=utf-8').send("Refused: this request came from another web site, not from the desk's own page.");
    }
    return undefined;
  });
}
