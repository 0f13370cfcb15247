import type { Command } from 'commander';
import { UserError } from '../../../shared/errors.js';
import { startCentralServer } from '../../../server/start.js';
import { defaultDataDir } from '../dataDir.js';
import { withDesk, type GlobalOptions } from '../support.js';

export const DEFAULT_SERVER_PORT = 4790;

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port > 65535) throw new UserError('invalid_input', `--port '${raw}' is not a port number.`);
  return port;
}

/**
 * `kmlttb server` runs the central service (`kmlttb sync`, a desk's side of it, is sync.ts). The
 * composition root (this CLI) is the one place in src/main that reaches into src/server.
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
      if (server.trustProxy !== false) {
        console.log(`Client addresses (rate limits) come from X-Forwarded-For as server.trustProxy allows: ${String(server.trustProxy)}.`);
      }
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
}
