import type { FastifyError, FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Desk } from '../main/desk.js';
import { fastifyLogging, logRequests, routeOf } from '../main/log/httpLog.js';
import type { TrustProxy } from '../main/settings/trustProxy.js';
import { problemBody } from './reply.js';
import { deliveryReportRoutes } from './routes/deliveryReports.js';
import { ecitizenRoutes } from './routes/ecitizen.js';
import { healthRoutes } from './routes/health.js';
import { syncRoutes } from './routes/sync.js';
import { updatesRoutes } from './routes/updates.js';
import { verifyRoutes } from './routes/verify.js';

/** eCitizen may post many objects at once; beyond this a request gets 413. */
export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface ServerAppOptions {
  desk: Desk;
  bodyLimitBytes?: number;
  /** Largest push page a desk may send (its ops may carry imported files); default 256 MB. */
  pushBodyLimitBytes?: number;
  /** Whom to believe about a client's address behind a reverse proxy (setting server.trustProxy); default nobody. */
  trustProxy?: TrustProxy;
  /** Serve HTTPS with this certificate and key; plain HTTP without. */
  https?: { cert: Buffer; key: Buffer } | null;
  /** The folder of desktop app releases served at /updates/ (setting server.updatesFolder); none when null. */
  updatesFolder?: string | null;
}

/**
 * The central service's HTTP edges on one desk database acting as the authority. Each group of
 * routes is its own plugin (own body parsers); `routes/sync.ts` holds the desks' push and pull.
 */
export async function buildServerApp(options: ServerAppOptions): Promise<FastifyInstance> {
  const { desk } = options;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  // Closing ends every connection: a browser's kept-alive connection (the verify page's favicon) would hold the stop up for good.
  // Loaded when first needed: the other `kmlttb` commands start faster without it.
  const { default: Fastify } = await import('fastify');
  const app = Fastify({
    bodyLimit,
    ...fastifyLogging(desk.log),
    trustProxy: options.trustProxy ?? false,
    https: options.https ?? null,
    forceCloseConnections: true,
  });
  logRequests(app);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status === 413) {
      const limit = req.routeOptions.bodyLimit ?? bodyLimit;
      return reply
        .code(413)
        .send(
          problemBody(
            413,
            `The body is larger than ${limit >= 1024 * 1024 ? `${Math.floor(limit / 1024 / 1024)} MB` : `${limit} bytes`}: send fewer objects per request.`,
          ),
        );
    }
    if (status < 500) return reply.code(status).send(problemBody(status, err.message));
    const ref = randomBytes(4).toString('hex').toUpperCase();
    req.log.error({ err, ref, method: req.method, route: routeOf(req) }, `internal error ${ref}`);
    return reply.code(status).send(problemBody(status, `Something went wrong on our side. Quote reference ${ref} when you report it.`));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(problemBody(404, 'Not found.')));
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  // Limits are per route (`config.rateLimit`), counted per client address (`req.ip`, which
  // trustProxy makes the real client's behind a reverse proxy), in memory: a restart forgets.
  await app.register((await import('@fastify/rate-limit')).default, { global: false });
  // Only routes that ask (`compress` in their options: the sync pulls) answer compressed; no request is decompressed.
  await app.register((await import('@fastify/compress')).default, { global: false });
  await app.register(healthRoutes(desk));
  await app.register(ecitizenRoutes(desk, { bodyLimitBytes: bodyLimit }));
  await app.register(deliveryReportRoutes(desk));
  await app.register(syncRoutes(desk, { pushBodyLimitBytes: options.pushBodyLimitBytes }));
  if (options.updatesFolder) await app.register(updatesRoutes(options.updatesFolder));
  await app.register(verifyRoutes(desk));
  return app;
}
