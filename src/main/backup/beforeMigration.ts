import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/migrate.js';
import { backupsFolder, beforeMigrationName } from './backupsFolder.js';
import { keyOf } from '../db/cipher.js';
import { readableDb } from '../db/handles.js';
import { hasTable } from './hasTable.js';
import { sealBackup } from './backupSeal.js';
import { snapshotHere } from './snapshot.js';
import { writeWholeFileSync } from './wholeFile.js';

/**
 * Before an existing database is migrated, a copy of it as it was, in backups/: a migration that
 * goes wrong in a way its transaction cannot undo (a bug in the app) leaves the data recoverable.
 * Made on this thread: nothing else uses the database while it is being opened. Returns the copy's
 * path, or null when there is nothing to migrate.
 */
export function backupBeforeMigration(sqlite: BetterSqlite3.Database, dataDir: string, now = new Date()): string | null {
  if (!hasTable(readableDb(sqlite), 'schema_migrations')) return null;
  const from = schemaVersion(sqlite);
  if (from >= LATEST_SCHEMA_VERSION) return null;
  const target = path.join(backupsFolder(dataDir), beforeMigrationName(now, from, LATEST_SCHEMA_VERSION));
  writeWholeFileSync(target, (temporary) => {
    snapshotHere(sqlite, temporary);
    sealBackup(temporary, keyOf(sqlite)!);
  });
  return target;
}
