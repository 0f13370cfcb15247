import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../../main/core/actor.js';
import type { Desk } from '../../main/desk.js';
import { VERIFY_PAGE_CSP, verifyPageHtml } from '../verifyPage.js';

/** A phone camera may check many licences; this many a minute from one address is plenty. */
const VERIFY_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

/**
 * `GET /v1/verify/{payload}`: the public page a licence's QR code opens (INTERFACES.md). The
 * payload is read from the raw address (a wildcard: it is longer than a route parameter may be,
 * and holds encoded slashes) and checked as `kmlttb verify-licence` checks it.
 */
export function verifyRoutes(desk: Desk) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Params: { '*': string } }>('/v1/verify/*', { config: { rateLimit: VERIFY_RATE_LIMIT } }, async (req, reply) => {
      reply
        .type('text/html; charset=utf-8')
        .header('Content-Security-Policy', VERIFY_PAGE_CSP)
        .header('Referrer-Policy', 'no-referrer')
        .header('X-Robots-Tag', 'noindex')
        // One page a scan: a phone's browser keeps no connection open that would hold up the service's stop.
        .header('Connection', 'close');
      const payload = req.params['*'];
      if (payload.trim() === '' || payload.length > 2000) return reply.code(400).send(verifyPageHtml('unreadable'));
      const result = await desk.query('licence.verify', { payload }, SYSTEM_ACTOR);
      if (!result.ok) {
        if (result.error.code === 'not_configured') return reply.code(503).send(verifyPageHtml('unavailable'));
        if (result.error.code === 'invalid_input') return reply.code(400).send(verifyPageHtml('unreadable'));
        throw new Error(result.error.message);
      }
      const r = result.value;
      return reply.code(r.status === 'unreadable' ? 400 : 200).send(verifyPageHtml(r.status, r));
    });
  };
}
