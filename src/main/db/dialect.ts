import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Kysely's SQLite driver, with two changes:
 * - transactions begin IMMEDIATE: every transaction here writes, and one that took the write lock
 *   only at its first write would fail at once (SQLITE_BUSY, no waiting) when another program on
 *   the folder (`kmlttb import`, `kmlttb config set`) wrote since its first read; IMMEDIATE waits
 *   for the lock up to busy_timeout instead;
 * - a rollback after SQLite already rolled the transaction back itself (it does on SQLITE_FULL,
 *   among others) is skipped: Kysely's own ROLLBACK would fail with "no transaction is active"
 *   and hide the error that matters, a full disk.
 */
class DeskDriver extends SqliteDriver {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

export class DeskDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new DeskDriver(this.sqlite);
  }
}
