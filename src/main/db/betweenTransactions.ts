import type { DeskServices } from '../core/deskServices.js';

/**
 * Runs `work` on the desk's connection at a moment when no transaction is open on it.
 *
 * A desk has one SQLite connection, shared by everything in the process: commands, the SMS
 * worker, the sync client. Kysely lends it to one holder at a time, and a Kysely transaction
 * keeps it from BEGIN to COMMIT across its awaits, so a synchronous call on the raw connection
 * made meanwhile lands inside someone else's transaction. Settings that SQLite refuses there
 * (`PRAGMA synchronous`: "Safety level may not be changed inside a transaction") are changed
 * here instead, while holding the connection.
 */
export function betweenTransactions<T>(desk: Pick<DeskServices, 'db'>, work: () => T): Promise<T> {
  return desk.db.connection().execute(async () => work());
}
