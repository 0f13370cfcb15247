/**
 * A consistent, encrypted copy of a desk's database, made with `VACUUM INTO`.
 *
 * Not SQLite's online backup API (better-sqlite3's `db.backup()`): it refuses an encrypted source
 * ("backup is not supported with incompatible source and target databases") since it cannot key
 * the destination. `VACUUM INTO` on a keyed connection writes the copy encrypted with that same
 * key, inside one read transaction: the copy is one consistent moment of the database, and in WAL
 * mode writers go on meanwhile (only a checkpoint past that moment waits).
 *
 * In a running app or service the copy is made on a worker thread, with a read-only connection of
 * its own: a large database takes seconds to copy, which on the desk's own connection would stop
 * every request for as long. The worker runs plain CommonJS from a string, as the audit-verify
 * workers do (core/auditVerify.ts), so that it starts the same under tsx, vitest and the bundle.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql, writableDb } from '../db/handles.js';
import { runOnWorker } from './onWorker.js';

/** Copies the database of `sqlite` into `target` (absent or empty) on this thread. */
export function snapshotHere(sqlite: BetterSqlite3.Database, target: string): void {
  writableDb(sqlite).run(sql`VACUUM INTO ${target}`);
}

const WORKER_CODE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding
  ? { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding }
  : { readonly: true, fileMustExist: true });
// raw: a worker has no handles (one statement)
try {
  for (const pragma of workerData.keyPragmas) db.pragma(pragma);
  db.pragma('busy_timeout = 5000');
  db.prepare('VACUUM INTO ?').run(workerData.target);
} finally {
  db.close();
}
parentPort.postMessage('done');
`;

/** Copies the database file `file` (encrypted with `key`) into `target` on a worker thread. */
export function snapshotOnWorker(file: string, key: string, target: string): Promise<void> {
  return runOnWorker(WORKER_CODE, key, { file, target });
}
