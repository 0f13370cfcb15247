/**
 * How every data folder's database is encrypted: SQLite3 Multiple Ciphers (the
 * better-sqlite3-multiple-ciphers build) with its AES-256-CBC cipher (`aes256cbc`), each page
 * encrypted with the folder's 256-bit key. The WAL is encrypted like the file; temporary tables
 * and sorts stay in memory so no clear page reaches a temporary file.
 *
 * Why this cipher and not SQLCipher's format (`sqlcipher`, AES-256-CBC plus an HMAC-SHA512 per
 * page): on the budgets' workloads it costs a third of SQLCipher's (2,000 index reads: clear
 * 1.07 s, aes256cbc 1.35 s, sqlcipher 2.93 s, chacha20 2.71 s; 500 small commits: 0.31, 0.43,
 * 0.75, 0.63 s), and with SQLCipher's the grid, import, reconcile and sync budgets of QUALITY.md
 * no longer held. What is given up is a check on every page: a changed page is not detected by
 * the cipher (the audit trail's hash chain still names a changed event), and SQLCipher's own tools
 * do not open the file (the sqlite3mc shell does, with the same pragmas and key).
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

export const DATABASE_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

/** A new key: 32 random bytes as 64 hex characters. */
export function newDatabaseKey(): string {
  return randomBytes(32).toString('hex');
}

const keys = new WeakMap<BetterSqlite3.Database, string>();

/** The cipher's settings, before the key (also before `rekey`, to encrypt a database in clear). */
export const CIPHER_PRAGMAS = ["cipher = 'aes256cbc'"];

/** The pragmas that key a connection, in order, for code that opens its own (a worker thread). */
export function keyPragmas(key: string): string[] {
  if (!DATABASE_KEY_PATTERN.test(key)) throw new Error('a database key is 64 hexadecimal characters');
  return [...CIPHER_PRAGMAS, `key = "x'${key}'"`, 'temp_store = MEMORY'];
}

/** Keys a connection just opened (before anything else reads the file). */
export function applyDatabaseKey(sqlite: BetterSqlite3.Database, key: string): void {
  for (const pragma of keyPragmas(key)) sqlite.pragma(pragma);
  keys.set(sqlite, key);
}

/** The key a connection was opened with, for the connections of its own that a worker opens. */
export function keyOf(sqlite: BetterSqlite3.Database): string | undefined {
  return keys.get(sqlite);
}

export interface OpenFileOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** better-sqlite3's nativeBinding: Electron keeps its own build apart from Node's. */
  nativeBinding?: string;
}

/**
 * A connection to an encrypted database file, keyed and checked: a wrong key throws
 * `WrongDatabaseKey` here rather than at the first query.
 */
export function openEncrypted(file: string, key: string, options: OpenFileOptions = {}): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, {
    ...(options.readonly ? { readonly: true } : {}),
    ...(options.fileMustExist ? { fileMustExist: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyDatabaseKey(sqlite, key);
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    sqlite.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw new WrongDatabaseKey(file);
    throw err;
  }
  return sqlite;
}

/** The file is not a database this key opens: another key's, damaged, or not a database at all. */
export class WrongDatabaseKey extends Error {
  constructor(readonly file: string) {
    super(`${file} does not open with this key`);
    this.name = 'WrongDatabaseKey';
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What is at `file`: nothing yet (absent or empty), a database in clear, or anything else (encrypted, for a desk's file). */
export function databaseFileState(file: string): 'new' | 'clear' | 'encrypted' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw err;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'new';
    return read === head.length && head.equals(PLAIN_HEADER) ? 'clear' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}
