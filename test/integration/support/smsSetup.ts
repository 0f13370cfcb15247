import { SYSTEM_ACTOR } from '../../../src/main/core/actor.js';
import type { Desk } from '../../../src/main/desk.js';
import { queueSms } from '../../../src/main/sms/queue.js';

export const API_KEY = 'atsk_test_0123456789';

/** Points the desk at a gateway (the simulator) through the same settings an admin uses. */
export async function configureGateway(desk: Desk, baseUrl: string, timeoutSeconds = 5): Promise<void> {
  const settings = {
    'sms.baseUrl': baseUrl,
    'sms.username': 'kmlttb',
    'sms.apiKey': API_KEY,
    'sms.senderId': 'KMLTTB',
    'sms.requestTimeoutSeconds': String(timeoutSeconds),
  };
  for (const [key, value] of Object.entries(settings)) {
    const r = await desk.dispatch('setting.set', { key, value }, SYSTEM_ACTOR);
    if (!r.ok) throw new Error(r.error.message);
  }
}

let n = 0;
/** Queues one approval SMS the way a decision does, without a whole application behind it. */
export function queueTestSms(desk: Desk, phone = '254712345678'): string {
  n++;
  const r = queueSms(desk.write, {
    event: 'approved',
    eventKey: `test:${n}:${Math.random()}`,
    applicationId: null,
    phone,
    language: 'en',
    values: { name: 'Wanjiru', ref: `APP-2026-${n}`, year: '2026', amount: 'KES 3,000.00', billRef: 'LB2345678' },
    at: desk.clock().toISOString(),
  });
  if (!r.smsId) throw new Error(r.problem);
  return r.smsId;
}

export function smsState(desk: Desk, id: string) {
  return desk.sqlite
    .prepare(
      'SELECT state, attempts, failure_reason AS failureReason, next_attempt_at AS nextAttemptAt, gateway_message_id AS gatewayMessageId, cost FROM sms_messages WHERE id = ?',
    )
    .get(id) as {
    state: string;
    attempts: number;
    failureReason: string | null;
    nextAttemptAt: string | null;
    gatewayMessageId: string | null;
    cost: string | null;
  };
}
