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

/** The tables the search index is made from (the `application_search_terms` view). */
const SEARCH_TABLES = ['practitioners', 'applications', 'invoices'];

/** The table an index set aside is on, read from its `CREATE INDEX … ON <table>(…)`. */
function tableOf(item: Deferred): string {
  return /\bON\s+"?(\w+)"?\s*\(/i.exec(item.sql)?.[1] ?? '';
}

/** True while the search triggers are set aside: rows then come in without touching the search index. */
export function searchDeferred(db: ReadableDB): boolean {
  return db.first(db.selectFrom('sync_deferred').select('name').where('type', '=', 'trigger').limit(1)) !== undefined;
}

/**
 * Makes again what was set aside for the tables a first sync has passed: those whose newest
 * change (`tableEnds`, from the service) is at or before `cursor`, so that no row of theirs is
 * still to come unless changed since. Called between pages, so that the indexes are made while
 * the service reads the next page instead of all at the end: every index of an empty table, then
 * one more (an index, or the search index with its triggers once the tables it reads are passed),
 * the table passed first going first. Each in a transaction of its own; a row that comes later is
 * written into the indexes made, as on any desk.
 */
export function restorePassed(db: WritableDB, tableEnds: Readonly<Record<string, number>>, cursor: number): void {
  const end = (table: string) => tableEnds[table] ?? 0;
  const items = db.all(db.selectFrom('sync_deferred').select(['name', 'type', 'sql']).orderBy('name'));
  const indexes = items.filter((i) => i.type === 'index' && end(tableOf(i)) <= cursor);
  const triggers = items.filter((i) => i.type === 'trigger');
  const searchEnd = Math.max(...SEARCH_TABLES.map(end));
  const emptyTables = new Set([...new Set(indexes.map(tableOf))].filter((t) => db.first(sql`SELECT 1 AS one FROM ${sql.table(t)} LIMIT 1`) === undefined));
  const ofEmptyTables = indexes.filter((i) => emptyTables.has(tableOf(i)));
  for (const index of ofEmptyTables) restoreIndex(db, index);
  const next = indexes.filter((i) => !ofEmptyTables.includes(i)).sort((a, b) => end(tableOf(a)) - end(tableOf(b)))[0];
  if (triggers.length && searchEnd <= cursor && (!next || searchEnd <= end(tableOf(next)))) db.transaction(() => restoreSearch(db, triggers));
  else if (next) restoreIndex(db, next);
}

function restoreIndex(db: WritableDB, index: Deferred): void {
  db.transaction(() => {
    db.exec(sql.raw(index.sql));
    db.run(db.deleteFrom('sync_deferred').where('name', '=', index.name));
  });
}

/** Rebuilds the search index from the rows and puts its triggers back. */
function restoreSearch(db: WritableDB, triggers: Deferred[]): void {
  db.exec(sql`INSERT INTO applications_search (applications_search) VALUES ('delete-all')`);
  db.exec(sql`INSERT INTO applications_search (rowid, terms) SELECT rowid, terms FROM application_search_terms`);
  for (const item of triggers) db.exec(sql.raw(item.sql));
  db.run(db.deleteFrom('sync_deferred').where('type', '=', 'trigger'));
}

/** Makes the indexes set aside again, rebuilds the search index from the rows if it was set aside, and puts the triggers back: one transaction. */
export function restoreIndexes(db: WritableDB): void {
  db.transaction(() => {
    const items = db.all(db.selectFrom('sync_deferred').select(['name', 'type', 'sql']).orderBy('type').orderBy('name'));
    if (items.length === 0) return;
    for (const item of items.filter((i) => i.type === 'index')) db.exec(sql.raw(item.sql));
    const triggers = items.filter((i) => i.type === 'trigger');
    if (triggers.length) restoreSearch(db, triggers);
    db.run(db.deleteFrom('sync_deferred'));
  });
}
