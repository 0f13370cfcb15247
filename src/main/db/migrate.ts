import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../../shared/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * Brings the database up to the app's schema. Each migration runs in its own transaction
 * (Kysely does not wrap SQLite migrations), so a migration that fails half-way leaves no trace.
 * A database made by a newer app is refused, never "repaired".
 */
export function migrate(sqlite: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = schemaVersion(sqlite);
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (current > latest) {
    throw new UserError(
      'schema_too_new',
      `This database was made by a newer version of KMLTTB Licensing Desk (schema ${current}; this app knows up to ${latest}). Install the newer version to open it.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    const apply = sqlite.transaction(() => {
      sqlite.exec(m.sql);
      sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    });
    apply();
  }
  return schemaVersion(sqlite);
}

export function schemaVersion(sqlite: BetterSqlite3.Database): number {
  const row = sqlite.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export { LATEST_SCHEMA_VERSION };
