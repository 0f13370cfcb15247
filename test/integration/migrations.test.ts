import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../src/main/db/migrate.js';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations/index.js';
import { openDatabase } from '../../src/main/db/open.js';
import { tempDir } from './support/tempDesk.js';

describe('migrations', () => {
  it('bring an empty database to the latest schema, with the pragmas the design asks for', async () => {
    const { sqlite, close } = openDatabase(tempDir());
    expect(schemaVersion(sqlite)).toBe(LATEST_SCHEMA_VERSION);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    await close();
  });

  it('bring a database from every earlier version to the latest', () => {
    for (let from = 1; from < MIGRATIONS.length; from++) {
      const sqlite = new BetterSqlite3(path.join(tempDir(), 'db.sqlite'));
      migrate(sqlite, MIGRATIONS.slice(0, from));
      expect(migrate(sqlite)).toBe(LATEST_SCHEMA_VERSION);
      sqlite.close();
    }
  });

  it('leave no trace of a migration that fails half-way', () => {
    const sqlite = new BetterSqlite3(path.join(tempDir(), 'db.sqlite'));
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);' }];
    expect(() => migrate(sqlite, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(sqlite)).toBe(LATEST_SCHEMA_VERSION);
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    sqlite.close();
  });

  it('refuse a database made by a newer version of the app, with a clear message', () => {
    const dir = tempDir();
    const sqlite = new BetterSqlite3(path.join(dir, 'kmlttb.sqlite'));
    migrate(sqlite);
    sqlite.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01')").run(LATEST_SCHEMA_VERSION + 1);
    sqlite.close();
    expect(() => openDatabase(dir)).toThrow(/newer version of KMLTTB Licensing Desk/);
  });
});
