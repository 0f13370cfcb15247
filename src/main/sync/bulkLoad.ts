import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { SYNCED_TABLES } from './tables.js';

/** The triggers that keep the search index as rows arrive one by one. */
const SEARCH_TRIGGERS = ['applications_search_insert', 'applications_search_delete', 'practitioners_search_update', 'invoices_search_insert'];

/**
 * A desk's first sync writes the whole data set into empty tables. Keeping twenty-odd indexes
 * and the search index up to date row by row costs several times the writing itself, so they are
 * set aside (their SQL kept in `sync_deferred`, in the same transaction) and made again in one
 * pass once the last page is in. A first sync stopped half-way resumes in the same mode.
 */
export function deferIndexes(sqlite: BetterSqlite3.Database): void {
  const tables = SYNCED_TABLES.map((t) => t.name);
  sqlite.transaction(() => {
    const indexes = sqlite
      .prepare(`SELECT name, type, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(tables)) as { name: string; type: string; sql: string }[];
    const triggers = sqlite
      .prepare(`SELECT name, type, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(SEARCH_TRIGGERS)) as { name: string; type: string; sql: string }[];
    const keep = sqlite.prepare('INSERT INTO sync_deferred (name, type, sql) VALUES (?, ?, ?)');
    for (const item of [...indexes, ...triggers]) {
      keep.run(item.name, item.type, item.sql);
      sqlite.exec(`DROP ${item.type === 'index' ? 'INDEX' : 'TRIGGER'} ${item.name}`);
    }
  })();
}

export function indexesDeferred(sqlite: BetterSqlite3.Database): boolean {
  return sqlite.prepare('SELECT 1 FROM sync_deferred LIMIT 1').get() !== undefined;
}

/** Makes the indexes again, rebuilds the search index from the rows, and puts the triggers back: one transaction. */
export function restoreIndexes(sqlite: BetterSqlite3.Database): void {
  sqlite.transaction(() => {
    const items = sqlite.prepare('SELECT name, type, sql FROM sync_deferred ORDER BY type, name').all() as { name: string; type: string; sql: string }[];
    if (items.length === 0) return;
    for (const item of items.filter((i) => i.type === 'index')) sqlite.exec(item.sql);
    sqlite.exec(`INSERT INTO applications_search (applications_search) VALUES ('delete-all')`);
    sqlite.exec('INSERT INTO applications_search (rowid, terms) SELECT rowid, terms FROM application_search_terms');
    for (const item of items.filter((i) => i.type === 'trigger')) sqlite.exec(item.sql);
    sqlite.exec('DELETE FROM sync_deferred');
  })();
}
