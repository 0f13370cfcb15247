/**
 * A backup's seal: a SHA-256 over every row of every table, stored in the backup itself. The
 * database's cipher (aes256cbc, db/cipher.ts) checks no page, so a backup damaged on its way (a
 * bad disk, a bad copy) can decrypt to rows that look whole; the integrity check finds broken
 * structure, and this finds changed contents. A restore recomputes it before anything else.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { openEncrypted } from '../db/cipher.js';

const TABLE = 'backup_seal';

/** The digest of every table's rows but the seal's, in the file's own order. */
function digest(sqlite: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  const tables = sqlite.prepare(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> ? AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
  ).pluck().all(TABLE) as string[];
  for (const table of tables) {
    hash.update(`\0${table}\0`);
    for (const row of sqlite.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** Seals the backup `file` (complete but for its seal). */
export function sealBackup(file: string, key: string): void {
  const db = openEncrypted(file, key, { fileMustExist: true });
  try {
    const seal = digest(db);
    db.exec(`CREATE TABLE ${TABLE} (digest TEXT NOT NULL)`);
    db.prepare(`INSERT INTO ${TABLE} (digest) VALUES (?)`).run(seal);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Whether an opened backup's rows match its seal; null when it has none (a copy made another way). */
export function sealMatches(sqlite: BetterSqlite3.Database): boolean | null {
  if (!sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(TABLE)) return null;
  const stored = sqlite.prepare(`SELECT digest FROM ${TABLE}`).pluck().get();
  return stored === digest(sqlite);
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
