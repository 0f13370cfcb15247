import type { DeskServices } from '../core/desk.js';
import type { GatewayConfig } from './gateway.js';

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
