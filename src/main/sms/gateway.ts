import http from 'node:http';
import https from 'node:https';
import { gatewayNumber } from '../../shared/phone.js';

/** Africa's Talking (INTERFACES.md "SMS gateway"): where to send and as whom. */
export interface GatewayConfig {
  baseUrl: string;
  username: string;
  apiKey: string;
  senderId: string;
  timeoutMs: number;
}

/**
 * What one request came to. `retry` is safe to send again (the gateway did not take it);
 * `uncertain` may have been taken (no automatic resend); `pause` stops the whole queue.
 * `at` says where a failure lies: the network (the gateway was not reached), the gateway (it
 * answered with an error), or the recipient (the gateway works, and refused this number).
 */
export type GatewayOutcome =
  | { kind: 'sent'; messageId: string; cost: string; status: string; statusCode: number }
  /** `desk`: never sent, the number is not a mobile one (the gateway was not asked). */
  | { kind: 'failed'; reason: string; statusCode?: number; at: 'gateway' | 'recipient' | 'desk' }
  | { kind: 'retry'; reason: string; statusCode?: number; at: 'network' | 'gateway' }
  | { kind: 'uncertain'; reason: string }
  | { kind: 'pause'; reason: string; statusCode?: number };

const SUCCESS = new Set([100, 101, 102]);
const RETRY = new Set([500, 501, 502]);
const PAUSE = new Set([405]);

interface Recipient {
  statusCode: number;
  number: string;
  status: string;
  cost: string;
  messageId: string;
}

/** Reads the gateway's answer for our single recipient. */
export function interpretResponse(httpStatus: number, body: string): GatewayOutcome {
  if (httpStatus === 401 || httpStatus === 403) {
    return { kind: 'pause', reason: `The gateway refused our credentials (HTTP ${httpStatus}): check the SMS username and API key.`, statusCode: httpStatus };
  }
  if (httpStatus >= 500) return { kind: 'retry', reason: `Gateway error HTTP ${httpStatus}`, statusCode: httpStatus, at: 'gateway' };
  if (httpStatus !== 201 && httpStatus !== 200) {
    return { kind: 'failed', reason: `The gateway refused the request (HTTP ${httpStatus}): ${body.slice(0, 200)}`, statusCode: httpStatus, at: 'gateway' };
  }
  let recipient: Recipient | undefined;
  try {
    recipient = (JSON.parse(body) as { SMSMessageData?: { Recipients?: Recipient[] } }).SMSMessageData?.Recipients?.[0];
  } catch {
    return { kind: 'uncertain', reason: `The gateway answered HTTP ${httpStatus} with a body we cannot read` };
  }
  if (!recipient) return { kind: 'uncertain', reason: `The gateway answered HTTP ${httpStatus} without a recipient status` };
  const code = Number(recipient.statusCode);
  if (SUCCESS.has(code)) return { kind: 'sent', messageId: recipient.messageId, cost: recipient.cost, status: recipient.status, statusCode: code };
  if (RETRY.has(code)) return { kind: 'retry', reason: `${recipient.status} (${code})`, statusCode: code, at: 'gateway' };
  if (PAUSE.has(code)) return { kind: 'pause', reason: `${recipient.status} (${code}): top up the SMS account, then resume the queue`, statusCode: code };
  return { kind: 'failed', reason: `${recipient.status} (${code})`, statusCode: code, at: 'recipient' };
}

/**
 * Sends one SMS. Uses node:http rather than fetch so that we know whether the request left
 * this machine: an error before the body is written is safe to retry; silence after it is not.
 */
export function sendSms(config: GatewayConfig, to: string, message: string): Promise<GatewayOutcome> {
  const url = new URL('/version1/messaging', config.baseUrl.endsWith('/') ? config.baseUrl : config.baseUrl + '/');
  const form = new URLSearchParams({ username: config.username, to: gatewayNumber(to), message });
  if (config.senderId) form.set('from', config.senderId);
  const body = form.toString();
  const client = url.protocol === 'https:' ? https : http;

  return new Promise((resolve) => {
    let sent = false;
    let settled = false;
    const finish = (outcome: GatewayOutcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const req = client.request(url, {
      method: 'POST',
      headers: {
        apiKey: config.apiKey,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': Buffer.byteLength(body),
      },
    });
    const timer = setTimeout(() => {
      finish(
        sent
          ? { kind: 'uncertain', reason: `No answer from the gateway within ${config.timeoutMs / 1000} s after sending` }
          : { kind: 'retry', reason: `Could not reach the gateway within ${config.timeoutMs / 1000} s`, at: 'network' },
      );
      req.destroy();
    }, config.timeoutMs);
    req.on('finish', () => {
      sent = true;
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        finish(interpretResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        finish({ kind: 'uncertain', reason: `The gateway's answer was cut off: ${err.message}` });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      finish(
        sent
          ? { kind: 'uncertain', reason: `Connection lost after sending (${err.code ?? err.message})` }
          : { kind: 'retry', reason: `Could not reach the gateway (${err.code ?? err.message})`, at: 'network' },
      );
    });
    req.end(body);
  });
}
