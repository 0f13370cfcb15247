import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { AuditVerifyResult } from '../../shared/contract/index.js';
import { GENESIS_HASH, VERIFY_BATCH_SQL, VERIFY_ONE_SQL, VERIFY_PLAIN_SQL, lastSeq, verifyAuditChain } from './audit.js';
import { readableDb } from '../db/handles.js';
import { keyOf, keyPragmas } from '../db/cipher.js';
import { driverPaths } from '../db/driverPaths.js';

/**
 * The audit chain verified on worker threads: each worker checks ranges of seq with its own
 * read-only connection to the database file, and the first bad event in seq order is reported,
 * with the same result (seq, problem, events checked before it) as `verifyAuditChain`.
 *
 * Each event is checked on its own, given the stored hash of the event before it: its seq follows
 * (no gap), its prev_hash is that stored hash, and its own hash covers its fields. A range
 * (lo, hi] starts from the stored hash of event lo; if event lo is itself bad, the range holding
 * lo reports it first, so the combined answer is the single-threaded walk's.
 *
 * The workers run plain CommonJS from a code string (no TypeScript import), so that they start
 * the same way under tsx, vitest and the electron-vite bundle; they load the very better-sqlite3
 * and native binding the main thread loaded (Electron keeps its own build). Small chains, an
 * in-memory database, an open transaction (whose events the workers would not see), or any
 * failure to run the workers fall back to the single-threaded walk.
 */

export interface ParallelVerifyOptions {
  /** Below this many events the single-threaded walk is used (starting workers costs ~50 ms). */
  minEvents?: number;
  /** Worker threads (default: the machine's parallelism, 2 to 4). */
  workers?: number;
  /** Events per range handed to a worker (default: about eight ranges per worker). */
  rangeSize?: number;
  /** When the workers cannot run, walk on this thread (default) or throw (for the tests, which must see them run). */
  fallback?: boolean;
}

export const PARALLEL_VERIFY_MIN_EVENTS = 50_000;

interface RangeResult {
  lo: number;
  hi: number;
  checked: number;
  firstBad?: { seq: number; problem: string };
}

/**
 * The worker's code: `verifyChainRange` (core/audit.ts) in plain JavaScript, with the same
 * statements (passed in), the same three checks in the same order, the same messages and the
 * same hash (sha256, hex, of the JSON array of the CHAIN_COLUMNS values, as appendAudit makes it).
 * Keep the two together: test/integration/auditVerify.test.ts runs both on the same damage.
 */
const WORKER_CODE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding
  ? { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding }
  : { readonly: true, fileMustExist: true });
for (const pragma of workerData.keyPragmas) db.pragma(pragma);
// raw: audit chain verify over 1,000,000 events (QUALITY.md audit-verify budget); a worker has no handles
const batch = db.prepare(workerData.sql.batch).raw();
const plain = db.prepare(workerData.sql.plain).raw();
const one = db.prepare(workerData.sql.one).raw();
const hashAt = db.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck();
function verifyRange(lo, hi) {
  let prevHash = lo === 0 ? workerData.genesis : hashAt.get(lo);
  let expectedSeq = lo + 1;
  let checked = 0;
  for (;;) {
    let rows;
    try {
      rows = batch.all(expectedSeq - 1, hi);
    } catch {
      rows = plain.all(expectedSeq - 1, hi).map((r) => {
        const storedHash = r.pop();
        return [r[0], r[13], storedHash, JSON.stringify(r)];
      });
    }
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = row[0];
      const storedHash = row[2];
      if (seq !== expectedSeq) {
        return { lo, hi, checked, firstBad: { seq: expectedSeq, problem: 'event ' + expectedSeq + ' is missing (deleted?)' } };
      }
      if (row[1] !== prevHash) {
        return { lo, hi, checked, firstBad: { seq, problem: 'event ' + seq + ' does not follow the event before it' } };
      }
      if (hash('sha256', row[3]) !== storedHash && hash('sha256', JSON.stringify(one.get(seq))) !== storedHash) {
        return { lo, hi, checked, firstBad: { seq, problem: 'event ' + seq + ' was changed after it was written' } };
      }
      prevHash = storedHash;
      expectedSeq++;
      checked++;
    }
  }
  if (expectedSeq <= hi) {
    return { lo, hi, checked, firstBad: { seq: expectedSeq, problem: 'event ' + expectedSeq + ' is missing (deleted?)' } };
  }
  return { lo, hi, checked };
}
parentPort.on('message', (range) => {
  if (range === null) { db.close(); parentPort.close(); return; }
  let result;
  try {
    result = verifyRange(range.lo, range.hi);
  } catch (err) {
    result = { lo: range.lo, hi: range.hi, error: String(err && err.stack || err) };
  }
  parentPort.postMessage(result);
});
`;

/**
 * Verifies the chain like `verifyAuditChain`, on worker threads when the chain is long. Takes the
 * connection itself (not a handle): the workers open its file with its key.
 */
export async function verifyAuditChainParallel(sqlite: BetterSqlite3.Database, options: ParallelVerifyOptions = {}): Promise<AuditVerifyResult> {
  const minEvents = options.minEvents ?? PARALLEL_VERIFY_MIN_EVENTS;
  if (sqlite.memory || sqlite.inTransaction || !sqlite.name) return verifyAuditChain(sqlite);
  const maxSeq = lastSeq(readableDb(sqlite));
  if (maxSeq < minEvents || maxSeq < 2) return verifyAuditChain(sqlite);
  let ranges: RangeResult[];
  try {
    ranges = await verifyRanges(sqlite.name, keyOf(sqlite), maxSeq, options);
  } catch (err) {
    // Workers could not run here (or a worker failed): the walk on this thread gives the answer,
    // or throws the database's own error.
    if (options.fallback === false) throw err;
    return verifyAuditChain(sqlite);
  }
  let checked = 0;
  for (const r of ranges) {
    if (r.firstBad) return { ok: false, checked: checked + r.checked, firstBad: r.firstBad };
    checked += r.checked;
  }
  return { ok: true, checked };
}

/** Hands out ranges of seq (0, maxSeq] to the workers; the results come back in seq order. */
function verifyRanges(file: string, key: string | undefined, maxSeq: number, options: ParallelVerifyOptions): Promise<RangeResult[]> {
  const parallelism = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const count = Math.max(1, Math.min(options.workers ?? Math.min(4, Math.max(2, parallelism)), Math.ceil(maxSeq / 1000)));
  const size = Math.max(1, options.rangeSize ?? Math.max(10_000, Math.ceil(maxSeq / (count * 8))));
  const todo: { lo: number; hi: number }[] = [];
  for (let lo = 0; lo < maxSeq; lo += size) todo.push({ lo, hi: Math.min(maxSeq, lo + size) });
  const { driver, nativeBinding } = driverPaths();
  const workerData = {
    file,
    keyPragmas: key ? keyPragmas(key) : [],
    driver,
    nativeBinding,
    genesis: GENESIS_HASH,
    sql: { batch: VERIFY_BATCH_SQL, plain: VERIFY_PLAIN_SQL, one: VERIFY_ONE_SQL },
  };

  return new Promise<RangeResult[]>((resolve, reject) => {
    const done = new Map<number, RangeResult>();
    const workers: Worker[] = [];
    let next = 0;
    /** The lowest seq found bad so far: ranges after it need not be checked. */
    let firstBadSeq = Infinity;
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve([...done.values()].sort((a, b) => a.lo - b.lo));
    };
    const feed = (w: Worker) => {
      while (next < todo.length && todo[next]!.lo >= firstBadSeq) next = todo.length;
      if (next < todo.length) w.postMessage(todo[next++]);
      else {
        w.postMessage(null);
        // Every range before the first bad event is back: the answer is known.
        const pending = todo.some((t) => t.lo < firstBadSeq && !done.has(t.lo));
        if (!pending) finish();
      }
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(WORKER_CODE, { eval: true, workerData });
      workers.push(w);
      w.on('message', (r: RangeResult & { error?: string }) => {
        if (r.error) return finish(new Error(r.error));
        done.set(r.lo, r);
        if (r.firstBad) firstBadSeq = Math.min(firstBadSeq, r.firstBad.seq);
        feed(w);
      });
      w.on('error', (err) => finish(err));
      w.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`audit verify worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
