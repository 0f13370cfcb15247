import { sql, type ReadableDB, type WritableDB } from '../db/handles.js';
import { SYNCED_TABLES } from './tables.js';

/** The triggers that keep the search index as rows arrive one by one. */
const SEARCH_TRIGGERS = ['applications_search_insert', 'applications_search_delete', 'practitioners_search_update', 'invoices_search_insert'];

/**
 * A desk's first sync writes the whole data set into empty tables. Keeping twenty-odd indexes
 * and the search index up to date row by row costs several times the writing itself, so they are
 * set aside (their SQL kept in `sync_deferred`, in the same transaction) and made again in one
 * pass once the last page is in. A first sync stopped half-way resumes in the same mode.
 */
export function deferIndexes(db: WritableDB): void {
  const tables = JSON.stringify(SYNCED_TABLES.map((t) => t.name));
  db.transaction(() => {
    const indexes = db.all(sql<Deferred>`SELECT name, type, sql FROM sqlite_master
      WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(${tables}))`);
    const triggers = db.all(sql<Deferred>`SELECT name, type, sql FROM sqlite_master
      WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(${JSON.stringify(SEARCH_TRIGGERS)}))`);
    for (const item of [...indexes, ...triggers]) {
      db.run(db.insertInto('sync_deferred').values(item));
      db.exec(sql.raw(`DROP ${item.type === 'index' ? 'INDEX' : 'TRIGGER'} ${item.name}`));
    }
  });
}

/** An index or trigger set aside, with the SQL that makes it again. */
interface Deferred {
  name: string;
  type: string;
  sql: string;
}

export function indexesDeferred(db: ReadableDB): boolean {
  return db.first(db.selectFrom('sync_deferred').select('name').limit(1)) !== undefined;
}

/** Makes the indexes again, rebuilds the search index from the rows, and puts the triggers back: one transaction. */
export function restoreIndexes(db: WritableDB): void {
  db.transaction(() => {
    const items = db.all(db.selectFrom('sync_deferred').select(['name', 'type', 'sql']).orderBy('type').orderBy('name'));
    if (items.length === 0) return;
    for (const item of items.filter((i) => i.type === 'index')) db.exec(sql.raw(item.sql));
    db.exec(sql`INSERT INTO applications_search (applications_search) VALUES ('delete-all')`);
    db.exec(sql`INSERT INTO applications_search (rowid, terms) SELECT rowid, terms FROM application_search_terms`);
    for (const item of items.filter((i) => i.type === 'trigger')) db.exec(sql.raw(item.sql));
    db.run(db.deleteFrom('sync_deferred'));
  });
}
