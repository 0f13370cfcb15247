import type { DeskServices } from '../core/desk.js';
import type { GatewayConfig } from './gateway.js';

/** Whether a gateway is set up, without opening the API key (plain Node cannot open one the desktop app sealed). */
export function gatewayConfigured(desk: Pick<DeskServices, 'setting' | 'secrets'>): boolean {
  return desk.setting('sms.username') !== '' && desk.secrets.has('sms.apiKey');
}

/** The gateway settings, or null while the username or API key is missing (messages then wait). */
export function gatewayConfig(desk: Pick<DeskServices, 'setting'>): GatewayConfig | null {
  const username = desk.setting('sms.username');
  const apiKey = desk.setting('sms.apiKey');
  if (!username || !apiKey) return null;
  return {
    baseUrl: desk.setting('sms.baseUrl'),
    username,
    apiKey,
    senderId: desk.setting('sms.senderId'),
    timeoutMs: Number(desk.setting('sms.requestTimeoutSeconds')) * 1000,
  };
}
