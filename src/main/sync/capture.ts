import { sql, type WritableDB } from '../db/handles.js';
import { keyExpression, SYNCED_TABLES } from './tables.js';

const OPERATIONS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * Starts the change log: a trigger per replicated table and operation writes the row's key into
 * `row_changes` (while `change_capture` holds its row). Made only on a central service and on a
 * desk that joined one: a trigger costs every insert, even one that writes nothing.
 */
export function startCapture(db: WritableDB): void {
  for (const table of SYNCED_TABLES) {
    for (const [op, event, row] of OPERATIONS) {
      db.exec(
        sql.raw(`CREATE TRIGGER IF NOT EXISTS sync_${table.name}_${op} AFTER ${event} ON ${table.name}
        WHEN EXISTS (SELECT 1 FROM change_capture) BEGIN
          INSERT OR REPLACE INTO row_changes (tbl, pk) VALUES ('${table.name}', ${keyExpression(table.pk, row)});
        END`),
      );
    }
  }
  db.run(db.insertInto('change_capture').orIgnore().values({ id: 1 }));
}

/** The desk works alone again: no triggers, no change log. */
export function stopCapture(db: WritableDB): void {
  for (const table of SYNCED_TABLES) {
    for (const [op] of OPERATIONS) db.exec(sql.raw(`DROP TRIGGER IF EXISTS sync_${table.name}_${op}`));
  }
  db.run(db.deleteFrom('change_capture'));
  db.run(db.deleteFrom('row_changes'));
}
