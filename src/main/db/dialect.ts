import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Kysely's SQLite driver, except that a rollback after SQLite already rolled the transaction back
 * itself (it does on SQLITE_FULL, among others) is skipped: Kysely's own ROLLBACK would fail with
 * "no transaction is active" and hide the error that matters, a full disk.
 */
class DeskDriver extends SqliteDriver {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
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
