import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from './logger.js';

/**
 * Fastify's own pino integration, on the process's logger: Fastify's two lines per request
 * (which name the full URL, query included) give way to one line from `logRequests`.
 */
export function fastifyLogging(log: Logger): { loggerInstance: FastifyBaseLogger; disableRequestLogging: true } {
  return { loggerInstance: log.child({ component: 'http' }), disableRequestLogging: true };
}

/**
 * Where a request went, as the route's pattern (`/v1/sms/delivery-reports/:token`): a token or a
 * licence payload in the path never reaches the log. Without a route (404), the path without its query.
 */
export function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? req.url.split('?')[0]!;
}

/** One log line per answered request: method, route, status and time; never headers or bodies. */
export function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, route: routeOf(req), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
}
