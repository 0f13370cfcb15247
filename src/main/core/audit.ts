import { createHash } from 'node:crypto';
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

/** The hash covers every field of the event and the previous event's hash. */
export function eventHash(e: ChainFields): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify([
      e.seq, e.id, e.at, e.actor_id, e.actor_name, e.desk_id, e.action, e.entity, e.entity_id,
      e.summary, e.before, e.after, e.op_id, e.prev_hash,
    ]),
  );
  return h.digest('hex');
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

/** Walks the chain in order; finds an edited event, a deleted one (a gap) or a broken link. */
export function verifyAuditChain(sqlite: BetterSqlite3.Database): AuditVerifyResult {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const rows = sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<
    ChainFields & { hash: string }
  >;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { ok: false, checked, firstBad: { seq: expectedSeq, problem: `event ${expectedSeq} is missing (deleted?)` } };
    }
    if (row.prev_hash !== prevHash) {
      return { ok: false, checked, firstBad: { seq: row.seq, problem: `event ${row.seq} does not follow the event before it` } };
    }
    if (eventHash(row) !== row.hash) {
      return { ok: false, checked, firstBad: { seq: row.seq, problem: `event ${row.seq} was changed after it was written` } };
    }
    prevHash = row.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked };
}
