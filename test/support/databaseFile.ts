import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { newDatabaseKey, openEncrypted } from '../../src/main/db/cipher.js';
import { DATABASE_FILE, type KeyToOpen } from '../../src/main/db/open.js';
import { openSecretStore } from '../../src/main/settings/secretStore.js';

/** A fresh key for `openDatabase`, for tests that open a database without a desk. */
export function testKey(key = newDatabaseKey()): KeyToOpen {
  return { key, wrongKey: (file) => new Error(`${file} does not open with the test key`) };
}

/** The key a data folder keeps (plain Node: secrets.json), as a desk made in a test has it. */
export function folderKey(dataDir: string): string {
  const key = openSecretStore(dataDir).get('db.key');
  if (!key) throw new Error(`${dataDir} keeps no database key`);
  return key;
}

/** A connection of the test's own to a data folder's database (encrypted with the folder's key). */
export function openFolderDatabase(dataDir: string, options: { readonly?: boolean } = {}): BetterSqlite3.Database {
  return openEncrypted(path.join(dataDir, DATABASE_FILE), folderKey(dataDir), { fileMustExist: true, ...options });
}
