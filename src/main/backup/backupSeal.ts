/**
 * A backup's seal: a SHA-256 over every row of every table, stored in the backup itself. The
 * database's cipher (aes256cbc, db/cipher.ts) checks no page, so a backup damaged on its way (a
 * bad disk, a bad copy) can decrypt to rows that look whole; the integrity check finds broken
 * structure, and this finds changed contents. A restore recomputes it before anything else.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { openEncrypted } from '../db/cipher.js';
import { readableDb, sql } from '../db/handles.js';
import { hasTable } from './hasTable.js';
import { pagesMatch, SEAL_TABLE, sealPages } from './pageSeal.js';
import { runOnWorker } from './onWorker.js';

const TABLE = SEAL_TABLE;

const TABLES_SQL = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> ? AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name";
// `pages`: the page seal (pageSeal.ts), stored once the rows are sealed.
const CREATE_SQL = `CREATE TABLE ${TABLE} (digest TEXT NOT NULL, pages TEXT)`;
const INSERT_SQL = `INSERT INTO ${TABLE} (digest) VALUES (?)`;

/**
 * The digest of every table's rows but the seal's, in the file's own order.
 * raw: backup sealing hashes every row of every table, as arrays (the 1,000,000 audit events of
 * QUALITY.md's national scale ×10 among them); the same statements as SEAL_WORKER's.
 */
function digest(sqlite: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  for (const table of sqlite.prepare(TABLES_SQL).pluck().all(TABLE) as string[]) {
    hash.update(`\0${table}\0`);
    for (const row of sqlite
      .prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`)
      .raw()
      .iterate())
      hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** Seals the backup `file` (complete but for its seal) on this thread: while a database is being opened. */
export function sealBackup(file: string, key: string): void {
  const db = openEncrypted(file, key, { fileMustExist: true });
  try {
    const seal = digest(db);
    // raw: the sealing worker's statements (SEAL_WORKER), on a backup's own table
    db.exec(CREATE_SQL);
    db.prepare(INSERT_SQL).run(seal);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  sealPages(file, key);
}

/**
 * `digest` and `sealBackup` in plain JavaScript for a worker thread, so that a running service
 * does not stop answering while every row of a large backup is read. Keep the two together:
 * restores check the seal with `digest` (test/integration/backup/backup-cli.test.ts).
 */
const SEAL_WORKER = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding
  ? { fileMustExist: true, nativeBinding: workerData.nativeBinding } : { fileMustExist: true });
// raw: backup sealing hashes every row (see digest); a worker has no handles
try {
  for (const pragma of workerData.keyPragmas) db.pragma(pragma);
  const hash = createHash('sha256');
  for (const table of db.prepare(workerData.tablesSql).pluck().all(workerData.table)) {
    hash.update('\\0' + table + '\\0');
    for (const row of db.prepare('SELECT * FROM "' + table.replaceAll('"', '""') + '"').raw().iterate()) hash.update(JSON.stringify(row));
  }
  const seal = hash.digest('hex');
  db.exec(workerData.createSql);
  db.prepare(workerData.insertSql).run(seal);
  db.pragma('journal_mode = DELETE');
} finally {
  db.close();
}
parentPort.postMessage('done');
`;

/** Seals the backup `file` on a worker thread. */
export async function sealOnWorker(file: string, key: string): Promise<void> {
  await runOnWorker(SEAL_WORKER, key, { file, table: TABLE, tablesSql: TABLES_SQL, createSql: CREATE_SQL, insertSql: INSERT_SQL });
  sealPages(file, key);
}

/**
 * Whether an opened backup matches its seal, every page first, then every row; null when it has
 * none (a copy made another way).
 */
export function sealMatches(sqlite: BetterSqlite3.Database): boolean | null {
  const db = readableDb(sqlite);
  if (!hasTable(db, TABLE)) return null;
  const stored = db.first(sql<{ digest: string; pages?: string | null }>`SELECT * FROM ${sql.table(TABLE)}`);
  if (pagesMatch(sqlite, stored?.pages) === false) return false;
  return stored?.digest === digest(sqlite);
}

/** Drops the seal from a backup put in place (the desk's database has none). */
export function dropSeal(file: string, key: string): void {
  const db = openEncrypted(file, key, { fileMustExist: true });
  try {
    db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
  } finally {
    db.close();
  }
}
