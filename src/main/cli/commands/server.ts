import type { Command } from 'commander';
import { UserError } from '../../../shared/errors.js';
import { startCentralServer } from '../../../server/start.js';
import { schemaVersion } from '../../db/migrate.js';
import { defaultDataDir } from '../dataDir.js';
import { withDesk, type GlobalOptions } from '../support.js';

export const DEFAULT_SERVER_PORT = 4790;
const HEALTH_TIMEOUT_MS = 10_000;

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port > 65535) throw new UserError('invalid_input', `--port '${raw}' is not a port number.`);
  return port;
}

/**
 * `kmlttb server` runs the central service; `kmlttb sync` is a desk's side of it. The composition
 * root (this CLI) is the one place in src/main that reaches into src/server.
 */
export function registerServerCommands(program: Command): void {
  program
    .command('server')
    .description('run the central sync service on this data folder')
    .option('--port <n>', 'port (0 picks a free one)', String(DEFAULT_SERVER_PORT))
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { port: string; host: string }) => {
      const dataDir = program.opts<GlobalOptions>().data ?? defaultDataDir();
      const server = await startCentralServer({ dataDir, port: parsePort(opts.port), host: opts.host });
      console.log(`Listening on ${server.url}`);
      if (opts.host !== '127.0.0.1') console.log(`Bound to ${opts.host}: reachable from other machines as far as the network allows.`);
      console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`);
      if (server.deliveryReportTokenCreated) {
        console.log(`SMS delivery reports: made a new token. Give the gateway this callback address: ${server.deliveryReportUrl}`);
      } else {
        console.log(`SMS delivery reports: ${server.deliveryReportUrl}`);
      }
      if (!server.ecitizenSecretSet) {
        console.log('eCitizen requests are refused (401) until the shared secret is set: kmlttb config set server.ecitizenSecret VALUE, or KMLTTB_ECITIZEN_SECRET.');
      }
      const stop = () => void server.close().then(() => process.exit(0), (err: unknown) => {
        process.stderr.write(`kmlttb: could not stop cleanly: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('sync')
    .description('on a desk: push and pull once now (for now: checks that the server can be reached)')
    .option('--server <url>', 'the central service (default: the setting sync.serverUrl)')
    .action(async (opts: { server?: string }) => {
      await withDesk(program.opts<GlobalOptions>(), async (desk) => {
        const url = (opts.server ?? desk.setting('sync.serverUrl')).trim().replace(/\/+$/, '');
        if (url === '') {
          throw new UserError('not_configured', 'No sync server: give --server URL, or set one with kmlttb config set sync.serverUrl URL.');
        }
        if (!/^https?:\/\/[^\s/]+/.test(url)) throw new UserError('invalid_input', `'${url}' is not an http(s) address.`);
        const health = await reachHealth(url);
        console.log(`Reached the central service at ${url} (schema ${health.schemaVersion}; this desk: ${schemaVersion(desk.sqlite)}).`);
        throw new UserError('not_configured', 'Push and pull are not built yet: nothing was sent or received.');
      });
    });
}

async function reachHealth(url: string): Promise<{ schemaVersion: number }> {
  let res: Response;
  try {
    res = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
  } catch (err) {
    throw new UserError('not_configured', `Cannot reach the sync server at ${url}: ${reason(err)}.`);
  }
  const body = (await res.json().catch(() => null)) as { status?: unknown; schemaVersion?: unknown } | null;
  if (!res.ok || body?.status !== 'ok' || typeof body.schemaVersion !== 'number') {
    throw new UserError('not_configured', `${url} answered /v1/health with HTTP ${res.status}: it is not a working KMLTTB central service.`);
  }
  return { schemaVersion: body.schemaVersion };
}

function reason(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${HEALTH_TIMEOUT_MS / 1000} seconds`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code === 'ECONNREFUSED' ? 'connection refused' : code;
  return cause instanceof Error ? cause.message : String(cause);
}
