import { UserError } from '../../shared/errors.js';

/** better-sqlite3's SqliteError carries SQLite's result code (`SQLITE_BUSY`, `SQLITE_BUSY_SNAPSHOT`, `SQLITE_FULL`, …). */
function sqliteCode(err: unknown): string | null {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

export const DISK_FULL_MESSAGE = 'The disk holding the data folder is full: nothing was saved. Free some space on it and try again.';
export const DATABASE_BUSY_MESSAGE =
  'The database is busy with other work (another program or a long task is writing to it): nothing was saved. Try again in a moment.';

/**
 * A full disk or a database another connection keeps locked past the busy timeout: not a bug, and
 * the transaction was rolled back, so the person is told what happened and what to do.
 */
export function storageUserError(err: unknown): UserError | null {
  const code = sqliteCode(err);
  if (code === 'SQLITE_FULL') return new UserError('disk_full', DISK_FULL_MESSAGE);
  if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED')) return new UserError('database_busy', DATABASE_BUSY_MESSAGE);
  return null;
}
