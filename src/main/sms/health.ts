import type { GatewayHealth } from '../../shared/contract/sms.js';
import type { ReadableDB, WritableDB } from '../db/handles.js';
import type { GatewayOutcome } from './gateway.js';

/**
 * What one request says about the gateway: it took the message; it works (it refused only this
 * number); it is failing, reached or not; or nothing new: an answer we could not read, or none,
 * and refused credentials or no balance, which pause the queue (a state of its own, with its
 * reason, until an administrator resumes it).
 */
type Verdict = 'took' | 'works' | { unreachable: boolean; reason: string } | null;

function verdictOf(outcome: GatewayOutcome): Verdict {
  switch (outcome.kind) {
    case 'sent':
      return 'took';
    case 'failed':
      if (outcome.at === 'desk') return null;
      return outcome.at === 'recipient' ? 'works' : { unreachable: false, reason: outcome.reason };
    case 'retry':
      return { unreachable: outcome.at === 'network', reason: outcome.reason };
    case 'pause':
    case 'uncertain':
      return null;
  }
}

/**
 * Records, in the caller's transaction, what a request found out about the gateway (the worker's
 * and a test SMS's alike): the first failure of a run of failures is kept as `since`, each later
 * one only updates the reason. When the gateway works again after such a run, the messages that
 * wait for a retry because of it are due at once. Answers whether it worked again.
 */
export function recordGatewayHealth(db: WritableDB, outcome: GatewayOutcome, at: string): { recovered: boolean } {
  const verdict = verdictOf(outcome);
  if (verdict === null) return { recovered: false };
  const queue = db.updateTable('sms_queue').where('id', '=', 1);
  if (typeof verdict === 'object') {
    db.run(
      queue.set((eb) => ({
        failing_since: eb.fn.coalesce('failing_since', eb.val(at)),
        failure_reason: verdict.reason,
        unreachable: verdict.unreachable ? 1 : 0,
      })),
    );
    return { recovered: false };
  }
  const wasFailing = db.first(db.selectFrom('sms_queue').select('failing_since').where('id', '=', 1))?.failing_since != null;
  db.run(queue.set({ failing_since: null, failure_reason: null, unreachable: 0, ...(verdict === 'took' ? { last_success_at: at } : {}) }));
  if (wasFailing) {
    db.run(db.updateTable('sms_messages').set({ next_attempt_at: null }).where('state', '=', 'queued').where('next_attempt_at', '>', at));
  }
  return { recovered: wasFailing };
}

export function gatewayHealth(db: ReadableDB): GatewayHealth {
  const row = db.first(db.selectFrom('sms_queue').select(['last_success_at', 'failing_since', 'failure_reason', 'unreachable']).where('id', '=', 1))!;
  const state = row.failing_since ? (row.unreachable ? 'unreachable' : 'failing') : row.last_success_at ? 'ok' : 'unknown';
  return { state, since: row.failing_since, reason: row.failing_since ? row.failure_reason : null, lastSuccessAt: row.last_success_at };
}
