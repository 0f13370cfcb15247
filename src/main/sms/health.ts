import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { GatewayHealth } from '../../shared/contract/sms.js';
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
export function recordGatewayHealth(sqlite: BetterSqlite3.Database, outcome: GatewayOutcome, at: string): { recovered: boolean } {
  const verdict = verdictOf(outcome);
  if (verdict === null) return { recovered: false };
  if (typeof verdict === 'object') {
    sqlite
      .prepare(`UPDATE sms_queue SET failing_since = coalesce(failing_since, ?), failure_reason = ?, unreachable = ? WHERE id = 1`)
      .run(at, verdict.reason, verdict.unreachable ? 1 : 0);
    return { recovered: false };
  }
  const wasFailing = sqlite.prepare('SELECT failing_since FROM sms_queue WHERE id = 1').pluck().get() !== null;
  sqlite
    .prepare(`UPDATE sms_queue SET failing_since = NULL, failure_reason = NULL, unreachable = 0${verdict === 'took' ? ', last_success_at = ?' : ''} WHERE id = 1`)
    .run(...(verdict === 'took' ? [at] : []));
  if (wasFailing) {
    sqlite.prepare(`UPDATE sms_messages SET next_attempt_at = NULL WHERE state = 'queued' AND next_attempt_at > ?`).run(at);
  }
  return { recovered: wasFailing };
}

export function gatewayHealth(sqlite: BetterSqlite3.Database): GatewayHealth {
  const row = sqlite
    .prepare('SELECT last_success_at, failing_since, failure_reason, unreachable FROM sms_queue WHERE id = 1')
    .get() as { last_success_at: string | null; failing_since: string | null; failure_reason: string | null; unreachable: number };
  const state = row.failing_since ? (row.unreachable ? 'unreachable' : 'failing') : row.last_success_at ? 'ok' : 'unknown';
  return { state, since: row.failing_since, reason: row.failing_since ? row.failure_reason : null, lastSuccessAt: row.last_success_at };
}
