import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { keyExpression, SYNCED_TABLES } from './tables.js';

const OPERATIONS = [['insert', 'INSERT', 'NEW'], ['update', 'UPDATE', 'NEW'], ['delete', 'DELETE', 'OLD']] as const;

/**
 * Starts the change log: a trigger per replicated table and operation writes the row's key into
 * `row_changes` (while `change_capture` holds its row). Made only on a central service and on a
 * desk that joined one: a trigger costs every insert, even one that writes nothing.
 */
export function startCapture(sqlite: BetterSqlite3.Database): void {
  for (const table of SYNCED_TABLES) {
    for (const [op, event, row] of OPERATIONS) {
      sqlite.exec(`CREATE TRIGGER IF NOT EXISTS sync_${table.name}_${op} AFTER ${event} ON ${table.name}
        WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
          INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('${table.name}', ${keyExpression(table.pk, row)});
        END`);
    }
  }
  sqlite.prepare('INSERT OR IGNORE INTO change_capture (id) VALUES (1)').run();
}

/** The desk works alone again: no triggers, no change log. */
export function stopCapture(sqlite: BetterSqlite3.Database): void {
  for (const table of SYNCED_TABLES) {
    for (const [op] of OPERATIONS) sqlite.exec(`DROP TRIGGER IF EXISTS sync_${table.name}_${op}`);
  }
  sqlite.prepare('DELETE FROM change_capture').run();
  sqlite.prepare('DELETE FROM row_changes').run();
}
