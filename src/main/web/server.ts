import type { FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_ROUTES, HTTP_STATUS_FOR_ERROR } from '../../shared/bridge.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy.js';
import type { Result } from '../../shared/errors.js';
import { UserError } from '../../shared/errors.js';
import { appRoot } from '../appRoot.js';
import { BackgroundWork } from '../background.js';
import { openDesk, type Desk } from '../desk.js';
import { lockDataFolder } from '../db/folderLock.js';
import { firstRunState } from '../firstRun.js';
import { fastifyLogging, logRequests } from '../log/httpLog.js';
import type { Logger } from '../log/logger.js';
import { bridgeService } from '../transport/bridgeService.js';
import { serveChanges } from './events.js';
import { FirstRunCode } from './firstRunCode.js';
import { refuseForeignRequests } from './loopbackGuard.js';

export const RENDERER_DIR = path.join(appRoot(), 'out/renderer');

const EXPORT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
};

export interface WebServer {
  url: string;
  desk: Desk;
  /** The one-time code the first-run screen asks for; null when an administrator existed at start. */
  firstRunCode: string | null;
  close(): Promise<void>;
}

function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function send(reply: FastifyReply, result: Result<unknown>) {
  const status = result.ok ? 200 : (HTTP_STATUS_FOR_ERROR[result.error.code] ?? 500);
  return reply.code(status).send(result);
}

/** Browser mode: the built renderer and the bridge over HTTP, on 127.0.0.1 only. */
export async function startWebServer(options: { dataDir: string; port: number; rendererDir?: string; sendSms?: boolean; log?: Logger }): Promise<WebServer> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new UserError('not_configured', `The UI is not built (${rendererDir} has no index.html). Run: npm run build`);
  }
  // Held while browser mode runs: a second program on the folder, or a restore, is refused.
  const lock = await lockDataFolder(options.dataDir);
  let desk: Desk;
  try {
    desk = openDesk(options.dataDir, { log: options.log, notice: (line) => console.error(line) });
  } catch (err) {
    await lock.release();
    throw err;
  }
  const background = new BackgroundWork(desk, { sendSms: options.sendSms });
  const code = new FirstRunCode();
  const bridge = bridgeService(desk, { firstRun: { code, paused: (work) => background.paused(work) } });
  // Closing ends every connection: a page's change stream reconnects every few seconds on its keep-alive connection, which is then never idle.
  // Loaded when first needed: the other `kmlttb` commands start faster without it.
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ bodyLimit: 256 * 1024 * 1024, forceCloseConnections: true, ...fastifyLogging(desk.log) });
  logRequests(app);

  refuseForeignRequests(app, () => (app.server.address() as AddressInfo).port);

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });
  await app.register((await import('@fastify/static')).default, { root: rendererDir, index: 'index.html' });

  app.post(`${HTTP_ROUTES.session}/login`, async (req, reply) => send(reply, await bridge.login(req.body)));
  app.post(`${HTTP_ROUTES.session}/unlock`, async (req, reply) => send(reply, await bridge.unlock(bearer(req), req.body)));
  app.post(`${HTTP_ROUTES.session}/lock`, async (req, reply) => send(reply, await bridge.lock(bearer(req))));
  app.post(`${HTTP_ROUTES.session}/logout`, async (req, reply) => send(reply, await bridge.logout(bearer(req))));
  app.get(HTTP_ROUTES.session, async (req, reply) => send(reply, await bridge.session(bearer(req))));
  app.get(HTTP_ROUTES.firstRun, async (_req, reply) => send(reply, await bridge.firstRun()));
  app.post(HTTP_ROUTES.firstRun, async (req, reply) => send(reply, await bridge.createFirstAdmin(req.body)));
  app.post<{ Params: { name: string } }>(`${HTTP_ROUTES.command}:name`, async (req, reply) =>
    send(reply, await bridge.command(bearer(req), req.params.name, req.body ?? {})),
  );
  app.post<{ Params: { name: string } }>(`${HTTP_ROUTES.query}:name`, async (req, reply) =>
    send(reply, await bridge.query(bearer(req), req.params.name, req.body ?? {})),
  );

  serveChanges(app, bridge, bearer, send);

  app.post(HTTP_ROUTES.exports, async (req, reply) => send(reply, await bridge.exportStart(bearer(req), req.body)));
  app.get<{ Params: { id: string } }>(`${HTTP_ROUTES.exports}/:id`, async (req, reply) => send(reply, await bridge.exportStatus(bearer(req), req.params.id)));
  app.post<{ Params: { id: string } }>(`${HTTP_ROUTES.exports}/:id/cancel`, async (req, reply) =>
    send(reply, await bridge.exportCancel(bearer(req), req.params.id)),
  );
  app.post(HTTP_ROUTES.imports, async (req, reply) => send(reply, await bridge.importStart(bearer(req), req.body)));
  app.get<{ Params: { id: string } }>(`${HTTP_ROUTES.imports}/:id`, async (req, reply) => send(reply, await bridge.importStatus(bearer(req), req.params.id)));
  app.post<{ Params: { id: string } }>(`${HTTP_ROUTES.imports}/:id/cancel`, async (req, reply) =>
    send(reply, await bridge.importCancel(bearer(req), req.params.id)),
  );
  app.get<{ Params: { id: string } }>(`${HTTP_ROUTES.exports}/:id/file`, async (req, reply) => {
    const file = await bridge.exportFile(bearer(req), req.params.id);
    if (!file.ok) return send(reply, file);
    return reply
      .header('Content-Disposition', `attachment; filename="${file.value.fileName}"`)
      .type(EXPORT_TYPES[path.extname(file.value.fileName)] ?? 'application/octet-stream')
      .send(fs.createReadStream(file.value.path));
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port });
  background.start();
  return {
    url: address.replace('localhost', '127.0.0.1'),
    desk,
    firstRunCode: firstRunState(desk).needsAdmin ? code.code : null,
    async close() {
      await background.stop();
      await app.close();
      await desk.close();
      await lock.release();
    },
  };
}
