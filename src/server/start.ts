import type { FastifyInstance } from 'fastify';
import { UserError } from '../shared/errors.js';
import type { AddressInfo } from 'node:net';
import { openDesk, type Desk } from '../main/desk.js';
import { SmsWorker, type SmsWorkerOptions } from '../main/sms/worker.js';
import { buildServerApp } from './app.js';
import { ensureDeliveryReportToken } from './deliveryReportToken.js';
import { enableChangeCapture } from '../main/sync/authority/changes.js';

export interface StartServerOptions {
  dataDir: string;
  port: number;
  /** The address to bind; 127.0.0.1 unless the operator asks for another. */
  host?: string;
  bodyLimitBytes?: number;
  pushBodyLimitBytes?: number;
  /** The authority sends the SMS; tests may leave the worker off. */
  sendSms?: boolean;
  smsWorker?: SmsWorkerOptions;
  /** The service's clock (tests move it: desk tokens expire and rotate by it). */
  clock?: () => Date;
}

export interface CentralServer {
  /** `http://host:port`, as the service can be reached. */
  url: string;
  desk: Desk;
  /** Where the SMS gateway must send delivery reports (holds the secret token). */
  deliveryReportUrl: string;
  /** True when this start made the delivery-report token. */
  deliveryReportTokenCreated: boolean;
  ecitizenSecretSet: boolean;
  close(): Promise<void>;
}

/**
 * `kmlttb server`: the central service on one data folder, a desk database acting as the
 * authority. It sends the SMS (its worker runs here) and numbers the licences.
 */
export async function startCentralServer(options: StartServerOptions): Promise<CentralServer> {
  const desk = openDesk(options.dataDir, { clock: options.clock });
  let smsWorker: SmsWorker | null = null;
  let app: FastifyInstance | null = null;
  try {
    if (desk.syncEnabled()) throw new UserError('conflict', `${options.dataDir} is a desk that syncs with another central service: it cannot be one itself.`);
    enableChangeCapture(desk.sqlite);
    const { token, created } = await ensureDeliveryReportToken(desk);
    app = await buildServerApp({ desk, bodyLimitBytes: options.bodyLimitBytes, pushBodyLimitBytes: options.pushBodyLimitBytes });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port });
    const url = urlOf(app.server.address(), host);
    smsWorker = new SmsWorker(desk, options.smsWorker);
    if (options.sendSms !== false) smsWorker.start();
    const worker = smsWorker;
    const server = app;
    let closing: Promise<void> | null = null;
    return {
      url,
      desk,
      deliveryReportUrl: `${url}/v1/sms/delivery-reports/${token}`,
      deliveryReportTokenCreated: created,
      ecitizenSecretSet: desk.setting('server.ecitizenSecret') !== '',
      close() {
        closing ??= (async () => {
          await server.close();
          await worker.stop();
          await desk.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await app?.close();
    await smsWorker?.stop();
    await desk.close();
    throw err;
  }
}

function urlOf(address: AddressInfo | string | null, host: string): string {
  if (address === null || typeof address === 'string') return `http://${host}`;
  const shown = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}`;
}
