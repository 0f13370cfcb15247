import type Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { openEncrypted } from '../../../src/main/db/cipher.js';
import { folderKey } from '../../support/databaseFile.js';

/** Another program's connection to a desk's database file (its own locks, its own transactions), keyed with the folder's key. */
export function openSecondConnection(file: string): Database.Database {
  return openEncrypted(file, folderKey(path.dirname(file)), { fileMustExist: true });
}

/** Takes the database's write lock on a second connection and holds it until `release`. */
export function holdWriteLock(file: string): { release(): void } {
  const other = openSecondConnection(file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}
