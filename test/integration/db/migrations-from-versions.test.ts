import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { actorFromUser, type UserActorRow } from '../../../src/main/core/actor.js';
import { databaseFileState } from '../../../src/main/db/cipher.js';
import { LATEST_SCHEMA_VERSION, migrate } from '../../../src/main/db/migrate.js';
import { DATABASE_FILE } from '../../../src/main/db/open.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { APPS, DESK_ID, fixtureSteps, INVOICES, LICENCE_PUBLIC_KEY, PEOPLE, USERS } from '../../fixtures/migrations/dataSet.js';
import { fixtureFile } from '../../fixtures/migrations/fixtureFile.js';
import { tempDir } from '../support/tempDesk.js';
import { testClock } from '../support/testClock.js';

/**
 * A desk of every earlier schema version, full of work, opened by this version: test/fixtures/migrations
 * holds one database per version, made by that version's migrations (make-fixtures.ts). When a
 * migration is added, make the fixture of the version before it (README.md there): the first test
 * fails until it is there.
 */

const EARLIER_VERSIONS = Array.from({ length: LATEST_SCHEMA_VERSION - 1 }, (_, i) => i + 1);

/** The search index's own tables: compared through what search finds, not row by row. */
const SEARCH_INDEX = /^applications_search/;

let opened: Desk | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

/** The fixture copied into a data folder of its own and opened as a desk opens its folder. */
function openFixtureDesk(version: number): { desk: Desk; dir: string } {
  const dir = tempDir('kmlttb-migrate-');
  fs.copyFileSync(fixtureFile(version), path.join(dir, DATABASE_FILE));
  opened = openDesk(dir, { clock: testClock() });
  return { desk: opened, dir };
}

function readFixture<T>(version: number, read: (sqlite: BetterSqlite3.Database) => T): T {
  const sqlite = new BetterSqlite3(fixtureFile(version), { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

interface Shape {
  objects: unknown[];
  columns: Record<string, unknown[]>;
  indexes: Record<string, unknown[]>;
}

/** Every table's columns and indexes (with their columns), and the SQL of every schema object. */
function schemaShape(sqlite: BetterSqlite3.Database): Shape {
  const objects = sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name").all();
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const columns: Record<string, unknown[]> = {};
  const indexes: Record<string, unknown[]> = {};
  for (const table of tables) {
    columns[table] = sqlite.prepare('SELECT * FROM pragma_table_info(?)').all(table);
    indexes[table] = (sqlite.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name').all(table) as { name: string }[]).map(
      (index) => ({
        ...index,
        columns: sqlite.prepare('SELECT seqno, cid, name, "desc", coll, key FROM pragma_index_xinfo(?)').all(index.name),
      }),
    );
  }
  return { objects, columns, indexes };
}

/** A new database's schema: the migrations run on an empty one, as a new data folder's are. */
function freshSchema(): Shape {
  const fresh = new BetterSqlite3(':memory:');
  try {
    migrate(fresh);
    return schemaShape(fresh);
  } finally {
    fresh.close();
  }
}

interface TableRows {
  table: string;
  before: Record<string, unknown>[];
  after: Record<string, unknown>[];
}

/** Each table's rows in key order, with only `columns` of each (those the fixture's version had). */
function rowsOf(sqlite: BetterSqlite3.Database, table: string, columns: string[], key: string[]): Record<string, unknown>[] {
  const order = key.length ? key.map((c) => `"${c}"`).join(', ') : 'rowid';
  return sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${order}`).all() as Record<string, unknown>[];
}

/** The fixture's tables (but the search index's) and their rows, with the columns both versions have. */
function survivingRows(version: number, migrated: BetterSqlite3.Database): TableRows[] {
  return readFixture(version, (fixture) => {
    const tables = (
      fixture.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[]
    ).filter((t) => !SEARCH_INDEX.test(t));
    const found: TableRows[] = [];
    for (const table of tables) {
      const info = fixture.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY pk, cid').all(table) as { name: string; pk: number }[];
      const now = new Set(migrated.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
      const columns = info.map((c) => c.name).filter((c) => now.has(c));
      const key = info.filter((c) => c.pk > 0).map((c) => c.name);
      const kept = rowsOf(fixture, table, columns, key);
      let after = now.size ? rowsOf(migrated, table, columns, key) : [];
      // Tables the desk adds its own rows to when it opens (the default SMS templates) or that
      // record the later migrations: the fixture's rows must be among them, unchanged.
      if (table === 'sms_templates' || table === 'schema_migrations') {
        const keyOf = (row: Record<string, unknown>) => JSON.stringify(key.map((c) => row[c]));
        const wanted = new Set(kept.map(keyOf));
        after = after.filter((row) => wanted.has(keyOf(row)));
      }
      found.push({ table, before: kept, after });
    }
    return found;
  });
}

/** How many rows of each table dataSet.ts gives the fixture of `version`: the fixture must hold them all. */
function rowsWritten(version: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const step of fixtureSteps(version)) {
    if ('deleteApplication' in step) counts.set('applications', counts.get('applications')! - 1);
    else counts.set(step.table, (counts.get(step.table) ?? 0) + step.rows.length);
  }
  return counts;
}

function actor(desk: Desk, id: string) {
  const row = desk.read.first(desk.read.selectFrom('users').select(['id', 'username', 'full_name', 'role', 'centre_id']).where('id', '=', id));
  if (!row) throw new Error(`no user ${id}`);
  return actorFromUser(row as UserActorRow);
}

async function search(desk: Desk, term: string): Promise<{ refs: string[]; total: number }> {
  const result = await desk.query('applications.list', { search: term, sort: 'applicationRef' }, actor(desk, USERS.officer));
  if (!result.ok) throw new Error(result.error.message);
  return { refs: result.value.rows.map((r) => r.applicationRef), total: result.value.total };
}

describe('a desk of every earlier schema version, opened by this version', () => {
  it('has a fixture for every schema version before the latest (make one with make-fixtures.ts when a migration is added)', () => {
    expect(EARLIER_VERSIONS.filter((v) => !fs.existsSync(fixtureFile(v))).map((v) => path.basename(fixtureFile(v)))).toEqual([]);
    for (const version of EARLIER_VERSIONS) {
      expect(readFixture(version, (sqlite) => sqlite.prepare('SELECT max(version) FROM schema_migrations').pluck().get())).toBe(version);
    }
  });

  it.each(EARLIER_VERSIONS)(
    'from schema %i: backed up, migrated to the fresh schema, every row kept, found by search, audit trail whole, work goes on',
    async (version) => {
      const { desk, dir } = openFixtureDesk(version);
      const officer = actor(desk, USERS.officer);
      const auditor = actor(desk, USERS.auditor);

      expect(databaseFileState(path.join(dir, DATABASE_FILE))).toBe('encrypted');
      expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual([
        expect.stringMatching(new RegExp(`^before-migration-${version}-to-${LATEST_SCHEMA_VERSION}-.*\\.sqlite$`)),
      ]);

      expect(schemaShape(desk.sqlite)).toEqual(freshSchema());

      const tables = survivingRows(version, desk.sqlite);
      const written = rowsWritten(version);
      for (const { table, before } of tables) if (written.has(table)) expect(before, `the fixture's rows of ${table}`).toHaveLength(written.get(table)!);
      expect(written.get('applications')).toBe(6);
      for (const { table, before, after } of tables) expect(after, `the rows of ${table}`).toEqual(before);
      expect(desk.deskId).toBe(DESK_ID);
      // The Board's key, recorded as a setting before version 9, is where the desks look for it now.
      expect(desk.read.all(desk.read.selectFrom('licence_keys').select('public_key'))).toEqual([{ public_key: LICENCE_PUBLIC_KEY }]);

      expect(await search(desk, 'Wanjĩkũ Kamau')).toEqual({ refs: [APPS.wanjiku.ref], total: 1 });
      expect(await search(desk, 'wanjiku')).toEqual({ refs: [APPS.wanjiku.ref], total: 1 });
      expect(await search(desk, 'Ngũgĩ')).toEqual({ refs: [APPS.kimani.ref], total: 1 });
      expect(await search(desk, 'Mũrĩithi Gĩthĩnji')).toEqual({ refs: [APPS.muriithi.ref], total: 1 });
      expect(await search(desk, PEOPLE.achieng.nationalId)).toEqual({ refs: [APPS.achieng.ref], total: 1 });
      expect(await search(desk, PEOPLE.njoroge.phone)).toEqual({ refs: [APPS.njoroge.ref], total: 1 });
      expect(await search(desk, '0711000104')).toEqual({ refs: [APPS.njoroge.ref], total: 1 });
      expect(await search(desk, APPS.amina.ref)).toEqual({ refs: [APPS.amina.ref], total: 1 });
      expect(await search(desk, INVOICES.kimani.billRef)).toEqual({ refs: [APPS.kimani.ref], total: 1 });
      // Before 007 the application taken out left its terms under the row id the next one took.
      expect(await search(desk, 'Zawadi')).toEqual({ refs: [], total: 0 });
      expect(await search(desk, 'APP 2026')).toMatchObject({ total: 6 });

      expect(await desk.query('audit.verify', {}, auditor)).toEqual({ ok: true, value: { ok: true, checked: 7 } });
      const approved = await desk.dispatch('application.approve', { applicationId: APPS.wanjiku.id }, officer);
      expect(approved).toMatchObject({ ok: true, value: { state: 'approved', amountDueCents: 300_000 } });
      const billRef = approved.ok ? approved.value.billRef! : '';
      expect(await search(desk, billRef)).toEqual({ refs: [APPS.wanjiku.ref], total: 1 });
      expect(await desk.query('audit.verify', {}, auditor)).toEqual({ ok: true, value: { ok: true, checked: 8 } });
    },
  );
});
