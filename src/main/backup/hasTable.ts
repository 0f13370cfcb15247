import { sql, type ReadableDB } from '../db/handles.js';

/** Whether the database has a table of this name (a backup's own tables are not in db/schema.ts). */
export function hasTable(db: ReadableDB, name: string): boolean {
  return db.first(sql<{ found: number }>`SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = ${name}`) !== undefined;
}
