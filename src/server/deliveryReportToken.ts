import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../main/core/actor.js';
import type { Desk } from '../main/desk.js';
import { UserError } from '../shared/errors.js';

/**
 * The secret part of the delivery-report address: kept as it is, or made on the server's first
 * start (through `setting.set`, so the trail shows when; secrets are never written into it).
 */
export async function ensureDeliveryReportToken(desk: Desk): Promise<{ token: string; created: boolean }> {
  const existing = desk.setting('server.deliveryReportToken');
  if (existing !== '') return { token: existing, created: false };
  const token = randomBytes(24).toString('base64url');
  const r = await desk.dispatch('setting.set', { key: 'server.deliveryReportToken', value: token }, SYSTEM_ACTOR);
  if (!r.ok) throw new UserError(r.error.code, `Could not store the delivery-report token: ${r.error.message}`);
  return { token, created: true };
}
