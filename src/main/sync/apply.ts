import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Entity } from '../../shared/contract/entities.js';
import type { RowsPage } from '../../shared/contract/syncWire.js';
import type { DeskServices } from '../core/deskServices.js';
import { sql, type ReadableDB, type WritableDB } from '../db/handles.js';
import { columnsOf, keyOfRow, SYNCED_TABLES, uniqueColumnSets } from './tables.js';

/** The desk's write handle, and its connection for the one statement prepared by hand here (each pulled row's upsert). */
export type RowWriter = Pick<DeskServices, 'write' | 'sqlite'>;

/**
 * Writes rows from the server into this desk's tables: the server's version wins, except for
 * rows that `keep` says local work has changed since (they are refreshed once that work has been
 * answered). Runs inside the caller's transaction, with the change log and foreign keys off
 * (see `withoutCapture`): a page may hold a child before the parent that changed after it.
 * The entities of the tables it wrote to are added to `touched`.
 */
export function applyRows({ write: db, sqlite }: RowWriter, page: RowsPage, keep: (table: string, key: string) => boolean, touched?: Set<Entity>): number {
  let written = 0;
  for (const table of SYNCED_TABLES) {
    const part = page.tables[table.name];
    if (!part) continue;
    const before = written;
    const local = new Set(columnsOf(db, table.name));
    const unknown = part.columns.find((c) => !local.has(c));
    if (unknown) throw new Error(`The server sent a column this desk does not have: ${table.name}.${unknown}`);
    const upsert = upsertStatement(sqlite, table.name, table.pk, part.columns);
    const uniques = uniqueColumnSets(db, table.name);
    for (const row of part.rows) {
      const key = keyOfRow(table.pk, part.columns, row);
      if (keep(table.name, key)) continue;
      upsertRow(db, upsert, table.name, table.pk, uniques, part.columns, row);
      written++;
    }
    for (const key of part.deleted) {
      if (keep(table.name, key)) continue;
      const values = table.pk.length === 1 ? [key] : (JSON.parse(key) as unknown[]);
      written += db.run(sql`DELETE FROM ${sql.table(table.name)} WHERE ${equal(table.pk, values)}`).changes;
    }
    if (written > before) touched?.add(table.entity);
  }
  return written;
}

/** `a = ? AND b = ?` over the given columns and values. */
function equal(columns: readonly string[], values: readonly unknown[]) {
  return sql.join(
    columns.map((c, i) => sql`${sql.ref(c)} = ${values[i]}`),
    sql` AND `,
  );
}

/**
 * A row the desk holds already as the server sends it is left alone: the rows of this desk's own
 * ops come back from the service as the desk wrote them (same ids, same values), and rewriting
 * each would rewrite every index of its table (QUALITY.md: incremental sync of 1,000 ops made on
 * this desk ≤ 2 s).
 */
function upsertStatement(sqlite: BetterSqlite3.Database, table: string, pk: readonly string[], columns: readonly string[]): BetterSqlite3.Statement {
  const rest = columns.filter((c) => !pk.includes(c));
  const updates = rest.map((c) => `${c} = excluded.${c}`);
  const changed = `(${rest.join(', ')}) IS NOT (${rest.map((c) => `excluded.${c}`).join(', ')})`;
  // raw: run once per pulled row, a million rows in a first sync (QUALITY.md: desk first sync ≤ 60 s)
  return sqlite.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${pk.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')} WHERE ${changed}` : 'NOTHING'}`,
  );
}

/** A local row that holds one of the server row's unique values under another key gives way to it. */
function upsertRow(
  db: WritableDB,
  upsert: BetterSqlite3.Statement,
  table: string,
  pk: readonly string[],
  uniques: string[][],
  columns: readonly string[],
  row: unknown[],
): void {
  try {
    upsert.run(...row);
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
    const valuesOf = (names: readonly string[]) => names.map((c) => row[columns.indexOf(c)]);
    for (const set of uniques) {
      if (set.some((c) => !columns.includes(c))) continue;
      db.run(sql`DELETE FROM ${sql.table(table)} WHERE ${equal(set, valuesOf(set))} AND NOT (${equal(pk, valuesOf(pk))})`);
    }
    upsert.run(...row);
  }
}

/**
 * Runs `work` in one transaction in which rows written are the server's, not this desk's own
 * changes: the change log is paused and foreign keys are not checked (the server keeps them).
 * The commit is not synced to disk at once: what it holds (a page with its cursor, refreshed rows
 * with the end of their dirty marks) is asked for again if a power cut loses it.
 */
export function withoutCapture<T>(db: WritableDB, work: () => T): T {
  const synchronous = pragma(db, 'synchronous');
  db.exec(sql`PRAGMA foreign_keys = OFF`);
  db.exec(sql`PRAGMA synchronous = NORMAL`);
  try {
    return db.transaction(() => {
      const capturing = db.run(db.deleteFrom('change_capture')).changes > 0;
      const result = work();
      if (capturing) db.run(db.insertInto('change_capture').values({ id: 1 }));
      return result;
    });
  } finally {
    db.exec(sql`PRAGMA foreign_keys = ON`);
    db.exec(sql.raw(`PRAGMA synchronous = ${synchronous}`));
  }
}

/**
 * Pulled pages are written with a large page cache: a first sync writes hundreds of thousands of rows into indexes keyed by random ids.
 * The WAL's checkpoint interval is put back afterwards too (a first sync spaces its checkpoints: `spaceCheckpoints`).
 */
export async function withBulkWriteSettings<T>(db: WritableDB, work: () => Promise<T>): Promise<T> {
  const cacheSize = pragma(db, 'cache_size');
  const checkpointPages = pragma(db, 'wal_autocheckpoint');
  db.exec(sql`PRAGMA cache_size = -262144`);
  try {
    return await work();
  } finally {
    db.exec(sql.raw(`PRAGMA cache_size = ${cacheSize}`));
    db.exec(sql.raw(`PRAGMA wal_autocheckpoint = ${checkpointPages}`));
  }
}

/**
 * A first sync writes every page of the data set through the WAL: with SQLite's default (a
 * checkpoint once it holds 1,000 pages) each few pulled pages would also be copied into the
 * database and synced to disk. Up to 16,000 pages (64 MB) are kept between checkpoints, as on the
 * central service; `withBulkWriteSettings` puts the default back.
 */
export function spaceCheckpoints(db: WritableDB): void {
  db.exec(sql`PRAGMA wal_autocheckpoint = 16000`);
}

/** A numeric setting of the connection. */
function pragma(db: ReadableDB, name: 'synchronous' | 'cache_size' | 'wal_autocheckpoint'): number {
  const row = db.first(sql<Record<string, number>>`PRAGMA ${sql.raw(name)}`);
  return row![name]!;
}
