/**
 * A data folder made before encryption at rest is encrypted once, in place, when it is opened.
 * A copy of the clear file is kept beside it until the encrypted file has opened and checked out,
 * then removed; SQLite's rollback journal covers a crash during the rewrite itself, and a copy
 * left by a crash after it is removed at the next opening.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { CIPHER_PRAGMAS, databaseFileState, openEncrypted, type OpenFileOptions } from './cipher.js';

export const CLEAR_COPY_SUFFIX = '.before-encryption';

export function encryptInPlace(file: string, key: string, options: OpenFileOptions = {}): void {
  const copy = file + CLEAR_COPY_SUFFIX;
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  // Everything into the main file first: a WAL cannot be re-encrypted, and the copy must be whole.
  const clear = new BetterSqlite3(file, binding);
  try {
    clear.pragma('wal_checkpoint(TRUNCATE)');
    clear.pragma('journal_mode = DELETE');
  } finally {
    clear.close();
  }
  fs.copyFileSync(file, copy);
  fs.chmodSync(copy, 0o600);
  const rekeyed = new BetterSqlite3(file, binding);
  try {
    for (const pragma of CIPHER_PRAGMAS) rekeyed.pragma(pragma);
    rekeyed.pragma(`rekey = "x'${key}'"`);
  } finally {
    rekeyed.close();
  }
  const check = openEncrypted(file, key, options);
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${file} did not check out after encryption (${String(result)}); the clear copy is kept at ${copy}`);
  } finally {
    check.close();
  }
  fs.rmSync(copy);
}

/** Removes the clear copy a crash left behind once the database itself is encrypted. */
export function removeLeftClearCopy(file: string): void {
  const copy = file + CLEAR_COPY_SUFFIX;
  if (fs.existsSync(copy) && databaseFileState(file) === 'encrypted') fs.rmSync(copy);
}
