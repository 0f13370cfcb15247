/**
 * A backup carries the folder's secrets (the Board's licence signing key, the sync token, the SMS
 * gateway key, the service's eCitizen secret and delivery-report token): without them a service
 * restored onto a new disk could not sign a licence or be reached by eCitizen. They sit in a table
 * of the backup only, as protected as the data: inside the file encrypted with the folder's key.
 * The database key itself stays out (the backup is encrypted with it). A restore puts back the
 * ones the folder lacks and drops the table.
 */
import { openEncrypted } from '../db/cipher.js';
import { readableDb, sql, writableDb } from '../db/handles.js';
import { SECRET_NAMES, type SecretName } from '../settings/secretNames.js';
import type { SecretStore } from '../settings/secretStore.js';
import { hasTable } from './hasTable.js';

/** Not in db/schema.ts: the table is in backups only (hence `sql`, not the builder). */
const TABLE_NAME = 'backup_secrets';
const TABLE = sql.table(TABLE_NAME);
const CARRIED = SECRET_NAMES.filter((name) => name !== 'db.key');

/** Adds the secrets this program can read from `store` to the backup `file`; returns their names. */
export function addSecrets(file: string, key: string, store: SecretStore): SecretName[] {
  const values = CARRIED.flatMap((name) => {
    try {
      const value = store.get(name);
      return value === null ? [] : [[name, value] as const];
    } catch {
      return []; // sealed for the desktop app, and this is plain Node: the app's backups carry it
    }
  });
  const db = openEncrypted(file, key, { fileMustExist: true });
  try {
    const write = writableDb(db);
    write.transaction(() => {
      write.exec(sql`CREATE TABLE ${TABLE} (name TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      for (const [name, value] of values) write.run(sql`INSERT INTO ${TABLE} (name, value) VALUES (${name}, ${value})`);
    });
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  return values.map(([name]) => name);
}

/** Puts the backup's secrets that `store` lacks into it and drops them from the file; returns their names. */
export function takeSecrets(file: string, key: string, store: SecretStore): SecretName[] {
  const db = openEncrypted(file, key, { fileMustExist: true });
  try {
    const read = readableDb(db);
    if (!hasTable(read, TABLE_NAME)) return [];
    const rows = read.all(sql<{ name: string; value: string }>`SELECT name, value FROM ${TABLE}`);
    const restored = rows.filter(
      (r): r is { name: SecretName; value: string } => (CARRIED as readonly string[]).includes(r.name) && !store.has(r.name as SecretName),
    );
    for (const r of restored) store.set(r.name, r.value);
    writableDb(db).exec(sql`DROP TABLE ${TABLE}`);
    return restored.map((r) => r.name);
  } finally {
    db.close();
  }
}
