import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../../shared/errors.js';
import { verifyAuditChain } from '../core/audit.js';
import { openEncrypted, WrongDatabaseKey } from '../db/cipher.js';
import { readableDb } from '../db/handles.js';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/migrate.js';
import { sealMatches } from './backupSeal.js';
import { hasTable } from './hasTable.js';

export interface CheckedBackup {
  schemaVersion: number;
  auditEvents: number;
}

/** Tables every KMLTTB database has had since its first schema. */
const KMLTTB_TABLES = ['schema_migrations', 'settings', 'audit_events', 'applications', 'practitioners'];

/**
 * Checks that `file` is a KMLTTB database this key opens, whole (integrity check), whose audit
 * chain verifies and whose schema this app knows. Throws a `backup_unusable` (or `database_key`)
 * user error naming what is wrong. `keySource` names the key for the message ("KMLTTB_DB_KEY").
 */
export function checkBackup(file: string, key: string, keySource: string, shownAs = file): CheckedBackup {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = openEncrypted(file, key, { readonly: true, fileMustExist: true });
  } catch (err) {
    if (err instanceof WrongDatabaseKey) {
      throw new UserError(
        'database_key',
        `${shownAs} does not open with ${keySource}: it is not a KMLTTB backup, it is damaged, or it was made with another key. Set KMLTTB_DB_KEY to the key of the folder it was made from.`,
        { field: 'KMLTTB_DB_KEY' },
      );
    }
    throw unusable(shownAs, `it cannot be opened (${(err as Error).message})`);
  }
  try {
    return checkOpened(sqlite, shownAs);
  } catch (err) {
    if (err instanceof UserError) throw err;
    // SQLite's own complaint about a damaged file (e.g. SQLITE_CORRUPT) at any of the steps.
    throw unusable(shownAs, `it is damaged (${(err as Error).message})`);
  } finally {
    sqlite.close();
  }
}

function checkOpened(sqlite: BetterSqlite3.Database, file: string): CheckedBackup {
  const integrity = sqlite.pragma('integrity_check(1)', { simple: true });
  if (integrity !== 'ok') throw unusable(file, `it is damaged (integrity check: ${String(integrity).replace(/\s*\n\s*/g, ' ')})`);
  if (sealMatches(sqlite) === false) throw unusable(file, 'it is damaged (its rows no longer match the seal it was made with)');
  const db = readableDb(sqlite);
  const missing = KMLTTB_TABLES.filter((t) => !hasTable(db, t));
  if (missing.length > 0) throw unusable(file, `it is not a KMLTTB Licensing Desk database (no ${missing.join(', ')})`);
  const version = schemaVersion(sqlite);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new UserError(
      'schema_too_new',
      `${file} was made by a newer version of KMLTTB Licensing Desk (schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). Restore it with that version.`,
    );
  }
  const audit = verifyAuditChain(sqlite);
  if (!audit.ok) throw unusable(file, `its audit trail is broken at event ${audit.firstBad!.seq}: ${audit.firstBad!.problem}`);
  return { schemaVersion: version, auditEvents: audit.checked };
}

function unusable(file: string, why: string): UserError {
  return new UserError('backup_unusable', `${file} cannot be restored: ${why}. Nothing was changed.`);
}
