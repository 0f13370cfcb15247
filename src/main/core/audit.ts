import { hash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { AuditVerifyResult } from '../../shared/contract/index.js';
import { readableDb, sql, statements, type ReadableDB, type WritableDB } from '../db/handles.js';
import type { AuditEventsTable } from '../db/schema.js';
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

type ChainFields = Omit<AuditEventsTable, 'hash'>;

export const CHAIN_COLUMNS = 'seq, id, at, actor_id, actor_name, desk_id, action, entity, entity_id, summary, before, after, op_id, prev_hash';

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

/** The chain's newest event, and the insert of the next: built once, every command appends one (compileOnce). */
const lastEvent = () => statements.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1);
const insertEvent = (
  seq: number,
  id: string,
  at: string,
  actor_id: string | null,
  actor_name: string,
  desk_id: string,
  action: string,
  entity: string,
  entity_id: string | null,
  summary: string,
  before: string | null,
  after: string | null,
  op_id: string | null,
  prev_hash: string,
  hash: string,
) =>
  statements
    .insertInto('audit_events')
    .values({ seq, id, at, actor_id, actor_name, desk_id, action, entity, entity_id, summary, before, after, op_id, prev_hash, hash });

/** Appends one event to the hash chain. Call inside the transaction of the change it describes. */
export function appendAudit(db: WritableDB, record: AuditRecord, meta: { actor: Actor; deskId: string; at: string; opId?: string | null }): number {
  const last = db.compileOnce(lastEvent).first();
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
  const f = fields;
  db.compileOnce(insertEvent).run(
    f.seq,
    f.id,
    f.at,
    f.actor_id,
    f.actor_name,
    f.desk_id,
    f.action,
    f.entity,
    f.entity_id,
    f.summary,
    f.before,
    f.after,
    f.op_id,
    f.prev_hash,
    eventHash(f),
  );
  return fields.seq;
}

/** Events read per statement: small batches keep the garbage young (20,000 rows cost twice the CPU). */
const VERIFY_BATCH = 1000;
/**
 * The walk's batch: per event its seq, prev_hash, stored hash and the text its hash covers, made
 * by SQLite's json_array, which writes what JSON.stringify writes for these values (integers and
 * text) in a quarter of the time it takes to hand every field to JavaScript. Where the two could
 * differ (text holding lone surrogates, a BLOB put in by hand), the event's hash does not match
 * and it is checked again the JavaScript way (VERIFY_ONE_SQL), which decides; a batch the JSON
 * query cannot make (a BLOB) is read the JavaScript way (VERIFY_PLAIN_SQL).
 * Shared with the verifying workers (auditVerify.ts).
 */
export const VERIFY_BATCH_SQL = `SELECT seq, prev_hash, hash, json_array(${CHAIN_COLUMNS}) FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${VERIFY_BATCH}`;
export const VERIFY_PLAIN_SQL = `SELECT ${CHAIN_COLUMNS}, hash FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${VERIFY_BATCH}`;
export const VERIFY_ONE_SQL = `SELECT ${CHAIN_COLUMNS} FROM audit_events WHERE seq = ?`;

/** The result of checking the events of one range of seq. */
export interface ChainRangeResult {
  checked: number;
  firstBad?: { seq: number; problem: string };
}

/**
 * Checks events lo+1 … hi in order, starting from the stored hash of event lo (the genesis hash
 * for lo = 0): each one is there (no gap), follows the one before it (its prev_hash is that
 * event's stored hash) and is unchanged (its hash covers its fields). Stops at the first bad one.
 * The same code, as text, runs on the workers of verifyAuditChainParallel (auditVerify.ts).
 */
export function verifyChainRange(sqlite: BetterSqlite3.Database, lo: number, hi: number): ChainRangeResult {
  // raw: audit chain verify over 1,000,000 events (QUALITY.md audit-verify budget, ≤ 5 s) reads rows as arrays
  const batch = sqlite.prepare(VERIFY_BATCH_SQL).raw();
  const plain = sqlite.prepare(VERIFY_PLAIN_SQL).raw();
  const one = sqlite.prepare(VERIFY_ONE_SQL).raw();
  const db = readableDb(sqlite);
  let prevHash = lo === 0 ? GENESIS_HASH : db.first(db.selectFrom('audit_events').select('hash').where('seq', '=', lo))?.hash;
  let expectedSeq = lo + 1;
  let checked = 0;
  for (;;) {
    let rows: unknown[][];
    try {
      rows = batch.all(expectedSeq - 1, hi) as unknown[][];
    } catch {
      rows = (plain.all(expectedSeq - 1, hi) as unknown[][]).map((r) => {
        const storedHash = r.pop();
        return [r[0], r[13], storedHash, JSON.stringify(r)];
      });
    }
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = row[0] as number;
      const storedHash = row[2] as string;
      if (seq !== expectedSeq) {
        return { checked, firstBad: { seq: expectedSeq, problem: `event ${expectedSeq} is missing (deleted?)` } };
      }
      if (row[1] !== prevHash) {
        return { checked, firstBad: { seq, problem: `event ${seq} does not follow the event before it` } };
      }
      if (hash('sha256', row[3] as string) !== storedHash && hashValues(one.get(seq) as unknown[]) !== storedHash) {
        return { checked, firstBad: { seq, problem: `event ${seq} was changed after it was written` } };
      }
      prevHash = storedHash;
      expectedSeq++;
      checked++;
    }
  }
  if (expectedSeq <= hi) return { checked, firstBad: { seq: expectedSeq, problem: `event ${expectedSeq} is missing (deleted?)` } };
  return { checked };
}

/**
 * Walks the chain in order; finds an edited event, a deleted one (a gap) or a broken link.
 * On this thread: for a long chain, verifyAuditChainParallel (auditVerify.ts) shares it out.
 */
export function verifyAuditChain(sqlite: BetterSqlite3.Database): AuditVerifyResult {
  const r = verifyChainRange(sqlite, 0, lastSeq(readableDb(sqlite)));
  return r.firstBad ? { ok: false, checked: r.checked, firstBad: r.firstBad } : { ok: true, checked: r.checked };
}

/** The seq of the chain's last event (0 for an empty chain). */
export function lastSeq(db: ReadableDB): number {
  return db.first(db.selectFrom('audit_events').select((eb) => eb.fn.coalesce(eb.fn.max('seq'), sql.lit(0)).as('n')))!.n;
}
