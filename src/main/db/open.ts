import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { databaseFileState, openEncrypted, WrongDatabaseKey } from './cipher.js';
import { DeskDialect } from './dialect.js';
import { encryptInPlace, removeLeftClearCopy } from './encryptInPlace.js';
import { migrate } from './migrate.js';
import { backupBeforeMigration } from '../backup/beforeMigration.js';
import type { Database } from './schema.js';

export interface DeskDb {
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  file: string;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'kmlttb.sqlite';

export interface OpenOptions {
  /** better-sqlite3's nativeBinding: Electron keeps its own build apart from Node's. */
  nativeBinding?: string;
}

/** What opening needs to know of the key: the key itself, and how to name where it came from. */
export interface KeyToOpen {
  key: string;
  /** Thrown when the key does not open the file (see databaseKey.ts). */
  wrongKey(file: string): Error;
}

/**
 * A read-only connection of its own to the desk's database file, with SQLite's small default page
 * cache: for one long sequential read (a report export) whose pages should not stay in memory, as
 * they would in the desk's connection's large cache. The caller closes it.
 */
export function openReadConnection(file: string, key: string, options: OpenOptions = {}): BetterSqlite3.Database {
  const sqlite = openEncrypted(file, key, { readonly: true, fileMustExist: true, ...options });
  try {
    sqlite.pragma('busy_timeout = 5000');
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return sqlite;
}

/** The data folder, made readable by its owner only when it is new. */
export function ensureDataFolder(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * Opens (creating if needed) the desk's encrypted database in `dataDir` and brings its schema up
 * to date. A database from before encryption at rest is encrypted in place first; an existing
 * database is copied into backups/ before it is migrated.
 */
export function openDatabase(dataDir: string, key: KeyToOpen, options: OpenOptions = {}): DeskDb {
  ensureDataFolder(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  const state = databaseFileState(file);
  // Readable by its owner only (SQLite gives the WAL and shared-memory files the database's mode).
  if (state === 'new') fs.writeFileSync(file, '', { mode: 0o600, flag: 'a' });
  if (state === 'clear') encryptInPlace(file, key.key, options);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = openEncrypted(file, key.key, options);
  } catch (err) {
    throw err instanceof WrongDatabaseKey ? key.wrongKey(file) : err;
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Up to 256 MB of decrypted pages kept (memory taken only as pages are read): an encrypted
    // database cannot be memory-mapped, and every page read from disk is decrypted again, so the
    // grids and searches of a national-scale database need its pages kept here (grid p95 35 ms
    // with SQLite's default 2 MB, 16.5 ms with this, at national scale ×10: npm run bench).
    sqlite.pragma('cache_size = -262144');
    removeLeftClearCopy(file);
    if (state !== 'new') backupBeforeMigration(sqlite, dataDir);
    migrate(sqlite);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new DeskDialect(sqlite) });
  return {
    sqlite,
    db,
    file,
    async close() {
      await db.destroy();
    },
  };
}
