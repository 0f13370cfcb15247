import type { PullAnswer, RowKey, RowsPage, TableRows } from '../../../shared/contract/syncWire.js';
import type { DeskServices } from '../../core/deskServices.js';
import { sql, type ReadableDB, type WritableDB } from '../../db/handles.js';
import { startCapture } from '../capture.js';
import {
  CENTRE_REDACTED,
  CENTRE_SCOPE,
  CREDENTIAL_COLUMNS,
  keyExpression,
  LOCAL_COLUMNS,
  SIGNS_IN_ON_ANY_CENTRE_DESK,
  SYNCED_TABLES,
  syncedTable,
} from '../tables.js';

/** Turns the change log on (the central service): on first start, every existing row is logged once. */
export function enableChangeCapture(db: WritableDB): { backfilled: number } {
  return db.transaction(() => {
    const first = db.first(db.selectFrom('change_capture').select('id')) === undefined;
    startCapture(db);
    if (!first) return { backfilled: 0 };
    let backfilled = 0;
    for (const table of SYNCED_TABLES) {
      backfilled += db.run(sql`INSERT OR IGNORE INTO row_changes (tbl, pk)
        SELECT ${table.name}, ${sql.raw(keyExpression(table.pk))} FROM ${sql.table(table.name)} t ORDER BY t.rowid`).changes;
    }
    return { backfilled };
  });
}

/** The desk's read handle, and its connection for the one statement prepared by hand here (the rows sent, as arrays). */
export type RowReader = Pick<DeskServices, 'read' | 'sqlite'>;

/**
 * The rows changed since `cursor`, one page, as a desk with this scope may see them: up to `limit`
 * changes, or, with `until`, those of the range (cursor, until] (a first sync asks for several
 * ranges at once). With each table's newest change when `tableEnds` is asked.
 */
export function readChanges(
  desk: RowReader,
  cursor: number,
  limit: number,
  centreId: string | null,
  asked: { tableEnds?: boolean; until?: number } = {},
): PullAnswer {
  const db = desk.read;
  let changes = db.selectFrom('row_changes').select(['seq', 'tbl as t', 'pk as k']).where('seq', '>', cursor);
  if (asked.until !== undefined) changes = changes.where('seq', '<=', asked.until);
  const log = db.all(changes.orderBy('seq').limit(limit));
  const page = readRows(
    desk,
    log.map(({ t, k }) => ({ t, k })),
    centreId,
  );
  const latest = db.first(db.selectFrom('row_changes').select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('seq')))!.seq;
  const full = log.length === limit;
  // A range read whole ends at its end, or at the newest change: a change made later has a higher number.
  const end = full || asked.until === undefined ? (log.at(-1)?.seq ?? cursor) : Math.max(cursor, Math.min(asked.until, latest));
  const answer: PullAnswer = { ...page, from: cursor, cursor: end, more: asked.until === undefined ? full : end < latest, latest };
  if (asked.tableEnds) answer.tableEnds = tableEnds(db);
  return answer;
}

/** Each table's newest change in the log: one pass over the log's (table, key) index. */
function tableEnds(db: ReadableDB): Record<string, number> {
  const ends = db.all(
    db
      .selectFrom('row_changes')
      .select((eb) => ['tbl', eb.fn.max('seq').as('seq')])
      .groupBy('tbl'),
  );
  return Object.fromEntries(ends.map((e) => [e.tbl, e.seq]));
}

/** The current state of the given rows: each row as it is now, or its key among `deleted`. */
export function readRows(desk: RowReader, keys: readonly RowKey[], centreId: string | null, asked = false): RowsPage {
  const byTable = new Map<string, string[]>();
  for (const { t, k } of keys) {
    if (!syncedTable(t) || (centreId !== null && !(t in CENTRE_SCOPE))) continue;
    (byTable.get(t) ?? byTable.set(t, []).get(t)!).push(k);
  }
  const tables: Record<string, TableRows> = {};
  let count = 0;
  let movedAway: string[] = [];
  for (const table of SYNCED_TABLES) {
    const wanted = byTable.get(table.name);
    if (!wanted) continue;
    const found = selectRows(
      desk,
      table.name,
      table.pk,
      `${keyExpression(table.pk)} IN (SELECT value FROM json_each(@keys))`,
      { keys: JSON.stringify(wanted) },
      centreId,
    );
    const present = new Set(found.keys);
    // A row outside this desk's scope is not sent; a row that is gone is sent as deleted. A user
    // outside it (moved to another centre, or another role) is sent as deleted: they no longer sign in there.
    // A row a desk asks about (`asked`: its own work wrote it) that is outside its scope here is sent as
    // deleted too: under that key the service holds another centre's row (a history row numbered apart).
    const deleted = wanted.filter((k) => !present.has(k) && (asked || table.name === 'users' || !found.outOfScope.has(k)));
    tables[table.name] = { columns: found.columns, rows: found.rows, deleted };
    count += found.rows.length + deleted.length;
    if (table.name === 'licences' && centreId !== null && found.outOfScope.size) movedAway = leftCentre(desk.read, [...found.outOfScope], centreId);
  }
  if (centreId !== null && tables.licences?.rows.length) count += addLicenceHolders(desk, tables, centreId);
  if (centreId !== null && movedAway.length) count += dropLicenceHolders(desk, tables, centreId, movedAway);
  return { tables, count };
}

/** Of licences now assigned elsewhere, those this centre once held (reassigned away from it): its desks must let them go. */
function leftCentre(db: ReadableDB, licenceIds: string[], centreId: string): string[] {
  return db
    .all(db.selectFrom('licence_history').select('licence_id').distinct().where('licence_id', 'in', inJson(licenceIds)).where('centre_id', '=', centreId))
    .map((r) => r.licence_id);
}

/** `IN (…)` over a list given as one JSON parameter: one statement text whatever the list's length. */
function inJson(values: readonly unknown[]) {
  return sql<string>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * A licence reassigned away from a centre is sent to its desks as deleted, with its history, and
 * its application and holder unless another licence there keeps them.
 */
function dropLicenceHolders(desk: RowReader, tables: Record<string, TableRows>, centreId: string, licenceIds: string[]): number {
  tables.licences!.deleted.push(...licenceIds);
  const db = desk.read;
  const licences = db.selectFrom('licences').where('id', 'in', inJson(licenceIds));
  const drop: [string, string[]][] = [
    ['practitioners', db.all(licences.select('practitioner_id as id').distinct()).map((r) => r.id)],
    ['applications', db.all(licences.select('application_id as id')).map((r) => r.id)],
    ['licence_history', db.all(db.selectFrom('licence_history').select('id').where('licence_id', 'in', inJson(licenceIds))).map((r) => String(r.id))],
  ];
  let added = licenceIds.length;
  for (const [table, wanted] of drop) {
    const found = selectRows(desk, table, ['id'], 't.id IN (SELECT value FROM json_each(@keys))', { keys: JSON.stringify(wanted) }, centreId);
    const into = tables[table] ?? (tables[table] = { columns: found.columns, rows: [], deleted: [] });
    const listed = new Set([...into.deleted, ...into.rows.map((r) => String(r[into.columns.indexOf('id')]))]);
    for (const k of found.outOfScope)
      if (!listed.has(k)) {
        into.deleted.push(k);
        added++;
      }
  }
  return added;
}

interface Selected {
  columns: string[];
  rows: unknown[][];
  keys: string[];
  outOfScope: Set<string>;
}

function selectRows(
  { sqlite }: RowReader,
  table: string,
  pk: readonly string[],
  where: string,
  params: Record<string, unknown>,
  centreId: string | null,
): Selected {
  const scope = centreId === null ? '1' : CENTRE_SCOPE[table]!;
  // Users who may not sign in on this desk come without their credentials (a centre's desk holds only those who may).
  const signsIn = table === 'users' && centreId === null ? SIGNS_IN_ON_ANY_CENTRE_DESK : '1';
  // raw: rows read as arrays with their column list, every row of the data set in a first sync (QUALITY.md: desk first sync ≤ 60 s)
  const statement = sqlite
    .prepare(`SELECT t.*, ${keyExpression(pk)} AS "__key", ${scope} AS "__in", ${signsIn} AS "__signs" FROM ${table} t WHERE ${where}`)
    .raw();
  const EXTRA = 3;
  const all = statement.columns().map((c) => c.name);
  const local = LOCAL_COLUMNS[table];
  const sent = local ? all.slice(0, -EXTRA).flatMap((c, i) => (local.includes(c) ? [] : [i])) : null;
  const columns = sent ? sent.map((i) => all[i]!) : all.slice(0, -EXTRA);
  const blankAt = (values: Readonly<Record<string, unknown>> | undefined) =>
    values
      ? Object.entries(values)
          .map(([c, v]) => [columns.indexOf(c), v] as const)
          .filter(([i]) => i >= 0)
      : [];
  const redactAt = blankAt(centreId === null ? undefined : CENTRE_REDACTED[table]);
  const credentialsAt = blankAt(table === 'users' ? CREDENTIAL_COLUMNS : undefined);
  const result: Selected = { columns, rows: [], keys: [], outOfScope: new Set() };
  for (const raw of statement.all({ ...params, ...(centreId === null ? {} : { centre: centreId }) }) as unknown[][]) {
    const key = String(raw[raw.length - EXTRA]);
    if (!raw[raw.length - 2]) {
      result.outOfScope.add(key);
      continue;
    }
    const signsIn = raw[raw.length - 1];
    // The array read is sent itself, without the extra columns: a first sync reads a million rows.
    const row = sent ? sent.map((i) => raw[i]) : raw;
    if (!sent) row.length -= EXTRA;
    for (const [i, v] of redactAt) row[i] = v;
    if (!signsIn) for (const [i, v] of credentialsAt) row[i] = v;
    result.rows.push(row);
    result.keys.push(key);
  }
  return result;
}

/**
 * A centre's desk gets a licence's application, holder and history with it, however long ago those
 * changed: a licence reassigned there brings the history rows its desks' cursors passed while it was elsewhere.
 */
function addLicenceHolders(desk: RowReader, tables: Record<string, TableRows>, centreId: string): number {
  const lic = tables.licences!;
  const ids = (column: string) => JSON.stringify(lic.rows.map((r) => r[lic.columns.indexOf(column)]));
  let added = 0;
  for (const [table, column, licenceColumn] of [
    ['practitioners', 'id', 'practitioner_id'],
    ['applications', 'id', 'application_id'],
    ['licence_history', 'licence_id', 'id'],
  ] as const) {
    const found = selectRows(desk, table, ['id'], `t.${column} IN (SELECT value FROM json_each(@keys))`, { keys: ids(licenceColumn) }, centreId);
    const into = tables[table] ?? (tables[table] = { columns: found.columns, rows: [], deleted: [] });
    const have = new Set(into.rows.map((r) => r[into.columns.indexOf('id')]));
    for (const row of found.rows)
      if (!have.has(row[found.columns.indexOf('id')])) {
        into.rows.push(row);
        added++;
      }
  }
  return added;
}

/** Every row of one table a desk with this scope may see (the users and centres a joining desk starts with). */
export function readTable(desk: RowReader, table: 'users' | 'centres', centreId: string | null): TableRows {
  const found = selectRows(desk, table, ['id'], '1', {}, centreId);
  return { columns: found.columns, rows: found.rows, deleted: [] };
}
