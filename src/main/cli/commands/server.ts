import type { Command } from 'commander';
import { UserError } from '../../../shared/errors.js';
import { isLoopbackHost } from '../../../shared/secureUrl.js';
import { startCentralServer } from '../../../server/start.js';
import { openProcessLog } from '../../log/processLog.js';
import { loadCredentials } from '../../settings/credentials.js';
import { parseTrustProxy, type TrustProxy } from '../../settings/trustProxy.js';
import { gatewaySetup } from '../../sms/config.js';
import { defaultDataDir } from '../dataDir.js';
import { parsePort, type GlobalOptions } from '../support.js';
import { stopOnSignals } from '../stopOnSignals.js';

export const DEFAULT_SERVER_PORT = 4790;

interface ServerOptions {
  port: string;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  publicUrl?: string;
  trustProxy?: string;
}

function parseTrustProxyOption(raw: string): TrustProxy {
  const parsed = parseTrustProxy(raw);
  if (!parsed.ok) throw new UserError('invalid_input', `--trust-proxy '${raw}' ${parsed.problem}.`);
  return parsed.value;
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
    .option('--tls-cert <file>', 'serve HTTPS with this certificate, or full chain (PEM; with --tls-key)')
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM, unencrypted)')
    .option(
      '--public-url <url>',
      'the address outside systems use, e.g. https://licensing.kmlttb.go.ke (the SMS delivery-report callback is built from it; default: setting server.publicUrl)',
    )
    .option(
      '--trust-proxy <proxies>',
      "behind a reverse proxy: whom to believe about the client's address, e.g. 127.0.0.1 (default: setting server.trustProxy, else nobody)",
    )
    .action(async (opts: ServerOptions, command: Command) => {
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) {
        command.error('error: --tls-cert and --tls-key go together: give both, or neither.', { exitCode: 2, code: 'kmlttb.tlsPair' });
      }
      const dataDir = program.opts<GlobalOptions>().data ?? defaultDataDir();
      const port = parsePort(opts.port);
      const trustProxy = opts.trustProxy === undefined ? undefined : parseTrustProxyOption(opts.trustProxy);
      // Started by systemd with LoadCredential=: the database key and secrets come as files.
      loadCredentials();
      const log = await openProcessLog(dataDir, 'server');
      const server = await startCentralServer({
        dataDir,
        port,
        host: opts.host,
        publicUrl: opts.publicUrl,
        trustProxy,
        log: log.logger,
        tls: opts.tlsCert !== undefined && opts.tlsKey !== undefined ? { certFile: opts.tlsCert, keyFile: opts.tlsKey } : undefined,
      }).catch(async (err: unknown) => {
        await log.close();
        throw err;
      });
      log.logger.info({ url: server.url }, 'server: listening');
      console.log(`Listening on ${server.url}`);
      if (opts.host !== '127.0.0.1') {
        console.log(
          `Bound to ${opts.host}: reachable from other machines as far as the network allows.${opts.tlsCert ? '' : ' Plain HTTP: desks on other computers refuse http://, so give --tls-cert and --tls-key, or put a proxy that speaks HTTPS in front.'}`,
        );
      }
      console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`);
      if (server.trustProxy !== false) {
        console.log(`Client addresses (rate limits) come from X-Forwarded-For as --trust-proxy or server.trustProxy allows: ${String(server.trustProxy)}.`);
      }
      if (server.deliveryReportTokenCreated) {
        console.log(`SMS delivery reports: made a new token. Give the gateway this callback address: ${server.deliveryReportUrl}`);
      } else {
        console.log(`SMS delivery reports: ${server.deliveryReportUrl}`);
      }
      if (server.publicUrl === null && isLoopbackHost(new URL(server.url).hostname)) {
        console.log(
          'SMS delivery reports: the gateway cannot reach a loopback address; give --public-url URL (or set server.publicUrl), the address outside systems use.',
        );
      }
      const sms = gatewaySetup(server.desk);
      if (!sms.ok) console.log(`SMS wait in the queue: ${sms.reason}`);
      if (!server.ecitizenSecretSet) {
        console.log(
          'eCitizen requests are refused (401) until the shared secret is set: kmlttb config set server.ecitizenSecret VALUE, or KMLTTB_ECITIZEN_SECRET.',
        );
      }
      stopOnSignals(
        async () => {
          await server.close();
          await log.close();
        },
        { watchParent: false },
      );
    });
}
