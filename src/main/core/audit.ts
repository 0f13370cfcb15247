import { hash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditVerifyResult } from '../../shared/contract/index.js';
import type { Actor } from './actor.js';
import { newId } from './ids.js';

/** What a command or a security event says about itself in the trail. */
export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

interface ChainFields {
  seq: number; id: string; at: string; actor_id: string | null; actor_name: string; desk_id: string;
  action: string; entity: string; entity_id: string | null; summary: string; before: string | null;
  after: string | null; op_id: string | null; prev_hash: string;
}

const CHAIN_COLUMNS = 'seq, id, at, actor_id, actor_name, desk_id, action, entity, entity_id, summary, before, after, op_id, prev_hash';

function chainValues(e: ChainFields): unknown[] {
  return [e.seq, e.id, e.at, e.actor_id, e.actor_name, e.desk_id, e.action, e.entity, e.entity_id, e.summary, e.before, e.after, e.op_id, e.prev_hash];
}

/** The hash covers every field of the event (in CHAIN_COLUMNS order) and the previous event's hash. */
function hashValues(values: unknown[]): string {
  return hash('sha256', JSON.stringify(values));
}

export function eventHash(e: ChainFields): string {
  return hashValues(chainValues(e));
}

/**
 * Appends one event to the hash chain. Call inside the transaction of the change it describes.
 * Uses the raw connection so that it joins whatever transaction is open on it.
 */
export function appendAudit(
  sqlite: BetterSqlite3.Database,
  record: AuditRecord,
  meta: { actor: Actor; deskId: string; at: string; opId?: string | null },
): number {
  const last = sqlite.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: meta.at,
    actor_id: meta.actor.id,
    actor_name: meta.actor.username,
    desk_id: meta.deskId,
    action: record.action,
    entity: record.entity,
    entity_id: record.entityId ?? null,
    summary: record.summary,
    before: record.before === undefined ? null : JSON.stringify(record.before),
    after: record.after === undefined ? null : JSON.stringify(record.after),
    op_id: meta.opId ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = eventHash(fields);
  sqlite
    .prepare(
      `INSERT INTO audit_events (seq, id, at, actor_id, actor_name, desk_id, action, entity, entity_id,
        summary, before, after, op_id, prev_hash, hash)
       VALUES (@seq, @id, @at, @actor_id, @actor_name, @desk_id, @action, @entity, @entity_id,
        @summary, @before, @after, @op_id, @prev_hash, @hash)`,
    )
    .run({ ...fields, hash });
  return fields.seq;
}

/**
 * Walks the chain in order; finds an edited event, a deleted one (a gap) or a broken link.
 * Reads in batches of plain arrays: a million events take seconds, not minutes.
 */
export function verifyAuditChain(sqlite: BetterSqlite3.Database): AuditVerifyResult {
  const batch = sqlite.prepare(`SELECT ${CHAIN_COLUMNS}, hash FROM audit_events WHERE seq > ? ORDER BY seq LIMIT 20000`).raw();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = batch.all(expectedSeq - 1) as unknown[][];
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const seq = row[0] as number;
      const storedHash = row.pop() as string;
      if (seq !== expectedSeq) {
        return { ok: false, checked, firstBad: { seq: expectedSeq, problem: `event ${expectedSeq} is missing (deleted?)` } };
      }
      if (row[13] !== prevHash) {
        return { ok: false, checked, firstBad: { seq, problem: `event ${seq} does not follow the event before it` } };
      }
      if (hashValues(row) !== storedHash) {
        return { ok: false, checked, firstBad: { seq, problem: `event ${seq} was changed after it was written` } };
      }
      prevHash = storedHash;
      expectedSeq++;
      checked++;
    }
  }
}
