import { refusedAddressMessage } from '../../shared/secureUrl.js';
import type { DeskServices } from '../core/deskServices.js';
import { settingSource } from '../settings/read.js';
import type { GatewayConfig } from './gateway.js';

/** The gateway settings, or why messages wait in the queue instead. */
export type GatewaySetup = { ok: true; config: GatewayConfig } | { ok: false; reason: string };

/**
 * Messages wait while the username or API key is missing, and while the gateway's address may
 * not be called (plain http:// to another computer). The settings screen refuses such an
 * address; the environment (KMLTTB_SMS_BASE_URL) is checked here, each time it is used.
 */
export function gatewaySetup(desk: Pick<DeskServices, 'setting'>): GatewaySetup {
  const username = desk.setting('sms.username');
  const apiKey = desk.setting('sms.apiKey');
  if (!username || !apiKey) {
    return {
      ok: false,
      reason: 'The SMS gateway is not configured: set sms.username and sms.apiKey (kmlttb config set), or KMLTTB_SMS_USERNAME and KMLTTB_SMS_API_KEY.',
    };
  }
  const baseUrl = desk.setting('sms.baseUrl');
  const refused = refusedAddressMessage(baseUrl, settingSource('sms.baseUrl'));
  if (refused) return { ok: false, reason: `The SMS gateway cannot be used: ${refused}` };
  return {
    ok: true,
    config: { baseUrl, username, apiKey, senderId: desk.setting('sms.senderId'), timeoutMs: Number(desk.setting('sms.requestTimeoutSeconds')) * 1000 },
  };
}

/** Whether messages can be sent, without opening the API key (plain Node cannot open one the desktop app sealed). */
export function gatewayConfigured(desk: Pick<DeskServices, 'setting' | 'secrets'>): boolean {
  return (
    desk.setting('sms.username') !== '' &&
    desk.secrets.has('sms.apiKey') &&
    refusedAddressMessage(desk.setting('sms.baseUrl'), settingSource('sms.baseUrl')) === null
  );
}
