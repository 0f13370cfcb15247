import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Entity } from '../../shared/contract/entities.js';
import type { RowsPage } from '../../shared/contract/syncWire.js';
import type { DeskServices } from '../core/deskServices.js';
import { sql, type ReadableDB, type WritableDB } from '../db/handles.js';
import { searchDeferred } from './bulkLoad.js';
import { columnsOf, keyOfRow, SYNCED_TABLES, uniqueColumnSets, type SyncedTable } from './tables.js';

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
    const rows = inSearchOrder(
      { write: db, sqlite },
      table,
      part.columns,
      part.rows.filter((row) => !keep(table.name, keyOfRow(table.pk, part.columns, row))),
    );
    upsertRows({ write: db, sqlite }, table.name, table.pk, part.columns, rows);
    written += rows.length;
    for (const key of part.deleted) {
      if (keep(table.name, key)) continue;
      const values = table.pk.length === 1 ? [key] : (JSON.parse(key) as unknown[]);
      written += db.run(sql`DELETE FROM ${sql.table(table.name)} WHERE ${equal(table.pk, values)}`).changes;
    }
    if (written > before) touched?.add(table.entity);
  }
  return written;
}

/**
 * Rows whose insert rewrites an application's search row, in the order of those rows: the search
 * index (FTS5) holds new rows in memory only while they come in ascending order, and writes what
 * it holds to disk as a segment of its own at each step back (QUALITY.md: incremental sync of
 * 1,000 ops from the server ≤ 2 s). The order of a table's rows within a page changes nothing else.
 */
function inSearchOrder({ write: db, sqlite }: RowWriter, table: SyncedTable, columns: readonly string[], rows: unknown[][]): unknown[][] {
  const at = table.rewritesSearchOf === undefined ? -1 : columns.indexOf(table.rewritesSearchOf);
  // A first sync sets the search triggers aside (bulkLoad.ts): nothing to order for.
  if (at < 0 || rows.length < 2 || searchDeferred(db)) return rows;
  // raw: looked up for each pulled row of the table
  const rowidOf = sqlite.prepare('SELECT rowid FROM applications WHERE id = ?').pluck();
  return rows
    .map((row) => ({ row, rowid: (rowidOf.get(row[at]) as number | undefined) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.rowid - b.rowid)
    .map(({ row }) => row);
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
function upsertStatement(sqlite: BetterSqlite3.Database, table: string, pk: readonly string[], columns: readonly string[], rows = 1): BetterSqlite3.Statement {
  const rest = columns.filter((c) => !pk.includes(c));
  const updates = rest.map((c) => `${c} = excluded.${c}`);
  const changed = `(${rest.join(', ')}) IS NOT (${rest.map((c) => `excluded.${c}`).join(', ')})`;
  const values = `(${columns.map(() => '?').join(', ')})`;
  // raw: run once per pulled row or batch of rows, a million rows in a first sync (QUALITY.md: desk first sync ≤ 60 s)
  return sqlite.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => values).join(', ')}
     ON CONFLICT (${pk.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')} WHERE ${changed}` : 'NOTHING'}`,
  );
}

/** Rows per upsert statement, within SQLite's limit on a statement's parameters (32,766). */
function batchRows(columns: number): number {
  return Math.max(1, Math.min(UPSERT_BATCH_ROWS, Math.floor(32_766 / columns)));
}
const UPSERT_BATCH_ROWS = 200;

/**
 * The rows in order, many to a statement: each statement that writes a table with a search
 * trigger (invoices: the application's search terms) makes the search index write what it holds
 * as a segment of its own (FTS5 flushes at every statement's savepoint), so one statement per row
 * wrote a segment per row and merged them again (QUALITY.md: incremental sync of 1,000 ops from
 * the server ≤ 2 s). A batch that collides with a local row on a unique value is done again row
 * by row (the failed statement changed nothing), each collision settled as `upsertRow` does.
 */
function upsertRows({ write: db, sqlite }: RowWriter, table: string, pk: readonly string[], columns: readonly string[], rows: unknown[][]): void {
  const size = batchRows(columns.length);
  let single: BetterSqlite3.Statement | undefined;
  let uniques: string[][] | undefined;
  const oneByOne = (batch: unknown[][]) => {
    single ??= upsertStatement(sqlite, table, pk, columns);
    uniques ??= uniqueColumnSets(db, table);
    for (const row of batch) upsertRow(db, single, table, pk, uniques, columns, row);
  };
  const statements = new Map<number, BetterSqlite3.Statement>();
  for (let from = 0; from < rows.length; from += size) {
    const batch = rows.slice(from, from + size);
    if (batch.length === 1) {
      oneByOne(batch);
      continue;
    }
    const statement =
      statements.get(batch.length) ?? statements.set(batch.length, upsertStatement(sqlite, table, pk, columns, batch.length)).get(batch.length)!;
    try {
      statement.run(...batch.flat());
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
      oneByOne(batch);
    }
  }
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
