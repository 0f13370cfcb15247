import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../src/main/db/migrate.js';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations/index.js';
import { openDatabase } from '../../src/main/db/open.js';
import { testKey } from '../support/databaseFile.js';
import { tempDir } from './support/tempDesk.js';

describe('migrations', () => {
  it('bring an empty database to the latest schema, with the pragmas the design asks for', async () => {
    const { sqlite, close } = openDatabase(tempDir(), testKey());
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

  it('009 carries the recorded licence public key over for the desks, and takes secrets out of the outbox and refused ops', () => {
    const sqlite = new BetterSqlite3(path.join(tempDir(), 'db.sqlite'));
    migrate(
      sqlite,
      MIGRATIONS.filter((m) => m.version < 9),
    );
    sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('licence.publicKey', 'MCowBQYDK2VwAyEAkey', '2026-01-05T08:00:00.000Z')").run();
    sqlite.prepare('INSERT INTO change_capture (id) VALUES (1)').run(); // a central service whose change log runs
    const op = sqlite.prepare("INSERT INTO outbox (op_id, name, input, actor_id, at) VALUES (?, 'setting.set', ?, 'u1', '2026-01-05T08:00:00.000Z')");
    op.run('op-1', JSON.stringify({ key: 'sms.apiKey', value: 'atsk_leaked' }));
    op.run('op-2', JSON.stringify({ key: 'review.cpdThreshold', value: '25' }));
    sqlite
      .prepare(
        `INSERT INTO sync_rejections (op_id, name, input, actor_id, at, reason, rejected_at)
      VALUES ('op-0', 'setting.set', ?, 'u1', '2026-01-04T08:00:00.000Z', 'no', '2026-01-04T09:00:00.000Z')`,
      )
      .run(JSON.stringify({ key: 'server.ecitizenSecret', value: 'shared-leaked' }));
    migrate(sqlite);
    expect(sqlite.prepare('SELECT public_key, created_at FROM licence_keys').all()).toEqual([
      { public_key: 'MCowBQYDK2VwAyEAkey', created_at: '2026-01-05T08:00:00.000Z' },
    ]);
    expect(sqlite.prepare("SELECT pk FROM row_changes WHERE tbl = 'licence_keys'").pluck().all()).toEqual(['MCowBQYDK2VwAyEAkey']);
    expect(sqlite.prepare('SELECT op_id FROM outbox').pluck().all()).toEqual(['op-2']);
    expect(JSON.parse(sqlite.prepare('SELECT input FROM sync_rejections').pluck().get() as string)).toEqual({ key: 'server.ecitizenSecret', value: '' });
    sqlite.close();
  });

  it("version 10 keeps each joined desk's token apart from the desk, which no longer holds it; a desk withdrawn before stays withdrawn", () => {
    const sqlite = new BetterSqlite3(path.join(tempDir(), 'db.sqlite'));
    migrate(
      sqlite,
      MIGRATIONS.filter((m) => m.version < 10),
    );
    sqlite.exec('INSERT INTO change_capture (id) VALUES (1)');
    sqlite.exec(`INSERT INTO sync_desks (id, name, token_hash, centre_id, joined_by, joined_at, last_seen_at, active) VALUES
      ('d1', 'Kisumu desk', '${'a'.repeat(64)}', NULL, 'admin', '2031-01-05T08:00:00.000Z', '2031-02-01T08:00:00.000Z', 1),
      ('d2', 'Old laptop', '${'b'.repeat(64)}', NULL, 'admin', '2031-01-06T08:00:00.000Z', NULL, 0)`);
    migrate(sqlite);
    expect(sqlite.prepare('SELECT token_hash, desk_id, issued_at, in_use FROM sync_desk_tokens ORDER BY desk_id').all()).toEqual([
      { token_hash: 'a'.repeat(64), desk_id: 'd1', issued_at: '2031-01-05T08:00:00.000Z', in_use: 1 },
      { token_hash: 'b'.repeat(64), desk_id: 'd2', issued_at: '2031-01-06T08:00:00.000Z', in_use: 1 },
    ]);
    expect(sqlite.prepare(`SELECT name FROM pragma_table_info('sync_desks') WHERE name LIKE '%token%'`).all()).toEqual([]);
    expect(sqlite.prepare('SELECT id, withdrawn_at FROM sync_desks ORDER BY id').all()).toEqual([
      { id: 'd1', withdrawn_at: null },
      { id: 'd2', withdrawn_at: '2031-01-06T08:00:00.000Z' },
    ]);
    // On a central service each desk is logged once, so that the desks receive the list.
    expect(sqlite.prepare(`SELECT pk FROM row_changes WHERE tbl = 'sync_desks' ORDER BY pk`).pluck().all()).toEqual(['d1', 'd2']);
    sqlite.close();
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
    expect(() => openDatabase(dir, testKey())).toThrow(/newer version of KMLTTB Licensing Desk/);
  });
});
