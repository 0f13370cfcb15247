import type { FastifyInstance } from 'fastify';
import { UserError } from '../shared/errors.js';
import { requireSecureAddress } from '../shared/secureUrl.js';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openDesk, type Desk } from '../main/desk.js';
import type { Logger } from '../main/log/logger.js';
import { lockDataFolder } from '../main/db/folderLock.js';
import { DailyBackups } from '../main/backup/daily.js';
import { SmsWorker, type SmsWorkerOptions } from '../main/sms/worker.js';
import { buildServerApp } from './app.js';
import { ensureDeliveryReportToken } from './deliveryReportToken.js';
import { readTlsFiles, type TlsFiles } from './tls.js';
import { enableChangeCapture } from '../main/sync/authority/changes.js';
import { parseTrustProxy, type TrustProxy } from '../main/settings/trustProxy.js';

export interface StartServerOptions {
  dataDir: string;
  port: number;
  /** The address to bind; 127.0.0.1 unless the operator asks for another. */
  host?: string;
  /** Serve HTTPS with this certificate and key (else plain HTTP: loopback, or behind a TLS-terminating proxy). */
  tls?: TlsFiles;
  /**
   * The address outside systems use (e.g. https://licensing.kmlttb.go.ke): the SMS delivery-report
   * callback is built from it. Overrides the setting server.publicUrl.
   */
  publicUrl?: string;
  /** Whom to believe about client addresses (`--trust-proxy`); overrides the setting server.trustProxy. */
  trustProxy?: TrustProxy;
  bodyLimitBytes?: number;
  pushBodyLimitBytes?: number;
  /** The authority sends the SMS; tests may leave the worker off. */
  sendSms?: boolean;
  smsWorker?: SmsWorkerOptions;
  /** The service's clock (tests move it: desk tokens expire and rotate by it). */
  clock?: () => Date;
  /** The service's log (`kmlttb server` opens the data folder's); silent by default. */
  log?: Logger;
}

export interface CentralServer {
  /** `http(s)://host:port`, as the service can be reached from this computer. */
  url: string;
  /** The address outside systems use, when given (option or setting server.publicUrl). */
  publicUrl: string | null;
  desk: Desk;
  /** Where the SMS gateway must send delivery reports (holds the secret token): under the public address when given. */
  deliveryReportUrl: string;
  /** True when this start made the delivery-report token. */
  deliveryReportTokenCreated: boolean;
  ecitizenSecretSet: boolean;
  /** Whom the service believes about client addresses (setting server.trustProxy). */
  trustProxy: TrustProxy;
  close(): Promise<void>;
}

/**
 * `kmlttb server`: the central service on one data folder, a desk database acting as the
 * authority. It sends the SMS (its worker runs here) and numbers the licences.
 */
export async function startCentralServer(options: StartServerOptions): Promise<CentralServer> {
  const https = options.tls ? readTlsFiles(options.tls) : null;
  const givenPublicUrl = options.publicUrl === undefined ? null : publicAddress(options.publicUrl, '--public-url');
  // Held while the service runs: a second program on the folder, or a restore, is refused.
  const lock = await lockDataFolder(options.dataDir);
  let desk: Desk;
  try {
    desk = openDesk(options.dataDir, { clock: options.clock, log: options.log, notice: (line) => console.error(line) });
  } catch (err) {
    await lock.release();
    throw err;
  }
  let smsWorker: SmsWorker | null = null;
  let backups: DailyBackups | null = null;
  let app: FastifyInstance | null = null;
  try {
    if (desk.syncEnabled()) throw new UserError('conflict', `${options.dataDir} is a desk that syncs with another central service: it cannot be one itself.`);
    enableChangeCapture(desk.write);
    // A page of a desk's pushed ops writes thousands of pages to the WAL: with SQLite's default
    // (a checkpoint once it holds 1,000 pages) every push page also copied them into the database
    // and synced it. Up to 16,000 pages (64 MB) are kept between checkpoints (QUALITY.md:
    // incremental sync of 1,000 ops made on a desk ≤ 2 s).
    desk.sqlite.pragma('wal_autocheckpoint = 16000');
    const trustProxy = options.trustProxy ?? trustProxyOf(desk);
    const publicUrl = givenPublicUrl ?? settingPublicUrl(desk);
    const updatesFolder = updatesFolderOf(desk);
    const { token, created } = await ensureDeliveryReportToken(desk);
    app = await buildServerApp({
      desk,
      bodyLimitBytes: options.bodyLimitBytes,
      pushBodyLimitBytes: options.pushBodyLimitBytes,
      trustProxy,
      https,
      updatesFolder,
    });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port });
    const url = urlOf(https ? 'https' : 'http', app.server.address(), host);
    smsWorker = new SmsWorker(desk, options.smsWorker);
    if (options.sendSms !== false) smsWorker.start();
    backups = new DailyBackups(desk);
    backups.start();
    const daily = backups;
    const worker = smsWorker;
    const server = app;
    let closing: Promise<void> | null = null;
    return {
      url,
      publicUrl,
      desk,
      deliveryReportUrl: `${publicUrl ?? url}/v1/sms/delivery-reports/${token}`,
      deliveryReportTokenCreated: created,
      ecitizenSecretSet: desk.setting('server.ecitizenSecret') !== '',
      trustProxy,
      close() {
        closing ??= (async () => {
          await server.close();
          await worker.stop();
          await daily.stop();
          await desk.close();
          await lock.release();
        })();
        return closing;
      },
    };
  } catch (err) {
    await app?.close();
    await smsWorker?.stop();
    await backups?.stop();
    await desk.close();
    await lock.release();
    throw err;
  }
}

/** The public address without a trailing slash, checked like every address the service hands out. */
function publicAddress(raw: string, what: string): string {
  const address = raw.trim().replace(/\/+$/, '');
  requireSecureAddress(address, what);
  return address;
}

function settingPublicUrl(desk: Desk): string | null {
  const stored = desk.setting('server.publicUrl');
  return stored === '' ? null : publicAddress(stored, 'server.publicUrl');
}

/** The folder of releases served at /updates/ (setting server.updatesFolder), checked to be a folder; null when not set. */
function updatesFolderOf(desk: Desk): string | null {
  const folder = desk.setting('server.updatesFolder');
  if (folder === '') return null;
  if (!path.isAbsolute(folder)) throw new UserError('invalid_input', `server.updatesFolder '${folder}' must be a full path to a folder.`);
  let isFolder = false;
  try {
    isFolder = fs.statSync(folder).isDirectory();
  } catch {
    /* said below */
  }
  if (!isFolder)
    throw new UserError('invalid_input', `server.updatesFolder '${folder}' is not a folder this service can read: create it, or set the setting to empty.`);
  return folder;
}

function trustProxyOf(desk: Desk): TrustProxy {
  const parsed = parseTrustProxy(desk.setting('server.trustProxy'));
  if (!parsed.ok) throw new UserError('invalid_input', `server.trustProxy ${parsed.problem}.`);
  return parsed.value;
}

function urlOf(scheme: 'http' | 'https', address: AddressInfo | string | null, host: string): string {
  if (address === null || typeof address === 'string') return `${scheme}://${host}`;
  const shown = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `${scheme}://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}`;
}
