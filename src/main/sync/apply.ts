import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Entity } from '../../shared/contract/entities.js';
import type { RowsPage } from '../../shared/contract/syncWire.js';
import { columnsOf, keyOfRow, SYNCED_TABLES, uniqueColumnSets } from './tables.js';

/**
 * Writes rows from the server into this desk's tables: the server's version wins, except for
 * rows that `keep` says local work has changed since (they are refreshed once that work has been
 * answered). Runs inside the caller's transaction, with the change log and foreign keys off
 * (see `withoutCapture`): a page may hold a child before the parent that changed after it.
 * The entities of the tables it wrote to are added to `touched`.
 */
export function applyRows(sqlite: BetterSqlite3.Database, page: RowsPage, keep: (table: string, key: string) => boolean, touched?: Set<Entity>): number {
  let written = 0;
  for (const table of SYNCED_TABLES) {
    const part = page.tables[table.name];
    if (!part) continue;
    const before = written;
    const local = new Set(columnsOf(sqlite, table.name));
    const unknown = part.columns.find((c) => !local.has(c));
    if (unknown) throw new Error(`The server sent a column this desk does not have: ${table.name}.${unknown}`);
    const upsert = upsertStatement(sqlite, table.name, table.pk, part.columns);
    const uniques = uniqueColumnSets(sqlite, table.name);
    for (const row of part.rows) {
      const key = keyOfRow(table.pk, part.columns, row);
      if (keep(table.name, key)) continue;
      upsertRow(sqlite, upsert, table.name, table.pk, uniques, part.columns, row);
      written++;
    }
    for (const key of part.deleted) {
      if (keep(table.name, key)) continue;
      const values = table.pk.length === 1 ? [key] : (JSON.parse(key) as unknown[]);
      written += sqlite.prepare(`DELETE FROM ${table.name} WHERE ${table.pk.map((c) => `${c} = ?`).join(' AND ')}`).run(...values).changes;
    }
    if (written > before) touched?.add(table.entity);
  }
  return written;
}

function upsertStatement(sqlite: BetterSqlite3.Database, table: string, pk: readonly string[], columns: readonly string[]): BetterSqlite3.Statement {
  const updates = columns.filter((c) => !pk.includes(c)).map((c) => `${c} = excluded.${c}`);
  return sqlite.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${pk.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
  );
}

/** A local row that holds one of the server row's unique values under another key gives way to it. */
function upsertRow(
  sqlite: BetterSqlite3.Database, upsert: BetterSqlite3.Statement, table: string, pk: readonly string[], uniques: string[][],
  columns: readonly string[], row: unknown[],
): void {
  try {
    upsert.run(...row);
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
    const pkValues = pk.map((c) => row[columns.indexOf(c)]);
    for (const set of uniques) {
      if (set.some((c) => !columns.includes(c))) continue;
      sqlite
        .prepare(`DELETE FROM ${table} WHERE ${set.map((c) => `${c} = ?`).join(' AND ')} AND NOT (${pk.map((c) => `${c} = ?`).join(' AND ')})`)
        .run(...set.map((c) => row[columns.indexOf(c)]), ...pkValues);
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
export function withoutCapture<T>(sqlite: BetterSqlite3.Database, work: () => T): T {
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('synchronous = NORMAL');
  try {
    return sqlite.transaction(() => {
      const capturing = sqlite.prepare('DELETE FROM change_capture').run().changes > 0;
      const result = work();
      if (capturing) sqlite.prepare('INSERT INTO change_capture (id) VALUES (1)').run();
      return result;
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`synchronous = ${synchronous}`);
  }
}
